// Node 20 has no built-in FFI; koffi (npm, prebuilt binaries inside its per-platform packages)
// calls the C library; koffi.errno() reads this thread's errno.
import { libcOver, type NativeFunction } from './bind.ts';
import { prototypes, type CType, type FunctionName } from './prototypes.ts';
import type { LoadedLibc } from './types.ts';

const koffiTypes: Record<CType, string> = {
  i32: 'int', u32: 'uint32_t', i64: 'int64_t', pointer: 'uintptr_t', size: 'size_t', ssize: 'intptr_t', void: 'void',
};

export async function load(path: string): Promise<LoadedLibc> {
  let koffi: typeof import('koffi').default;
  try {
    koffi = (await import('koffi')).default;
  } catch (error) {
    return { unavailable: `Node has no built-in FFI, and the koffi package could not be loaded (${(error as Error).message.split('\n')[0]}): run npm install` };
  }
  let library: ReturnType<typeof koffi.load>;
  try {
    library = koffi.load(path);
  } catch (error) {
    return { unavailable: `koffi could not load the C library ${path}: ${(error as Error).message}` };
  }
  const functions = {} as Record<FunctionName, NativeFunction>;
  for (const [name, { parameters, result }] of Object.entries(prototypes)) {
    functions[name as FunctionName] = library.func(name, koffiTypes[result], parameters.map((type) => koffiTypes[type])) as NativeFunction;
  }
  const strerror = library.func('strerror', 'const char *', ['int']) as (errno: number) => string;
  // libc's memcpy moves bytes between native memory and a JS buffer, which koffi hands to C in
  // place for a void * parameter (15 times faster here than a koffi.view per copy).
  const copyIn = library.func('memcpy', 'uintptr_t', ['void *', 'uintptr_t', 'size_t']) as (into: Uint8Array, address: number, length: number) => number;
  const copyOut = library.func('memcpy', 'uintptr_t', ['uintptr_t', 'void *', 'size_t']) as (address: number, from: Uint8Array, length: number) => number;
  return {
    libc: libcOver({
      functions,
      readErrno: () => koffi.errno(),
      strerror,
      read: (address, into) => { copyIn(into, address, into.byteLength); },
      write: (address, from) => { copyOut(address, from, from.byteLength); },
    }),
  };
}
