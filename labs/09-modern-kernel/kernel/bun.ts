// bun:ffi's dlopen. Bun has no errno accessor of its own, so errno is read through glibc's
// __errno_location(), the address of this thread's errno (what the errno macro expands to).
import { dlopen, FFIType, read, type Pointer } from 'bun:ffi';
import { libcOver, type NativeFunction } from './bind.ts';
import { prototypes, type CType, type FunctionName } from './prototypes.ts';
import type { LoadedLibc } from './types.ts';

const bunTypes: Record<CType, FFIType> = {
  i32: FFIType.i32, u32: FFIType.u32, i64: FFIType.i64, pointer: FFIType.u64, size: FFIType.u64, ssize: FFIType.i64, void: FFIType.void,
};

export function load(path: string): LoadedLibc {
  const symbols: Record<string, { args: FFIType[]; returns: FFIType }> = {};
  for (const [name, { parameters, result }] of Object.entries(prototypes)) {
    symbols[name] = { args: parameters.map((type) => bunTypes[type]), returns: bunTypes[result] };
  }
  symbols.__errno_location = { args: [], returns: FFIType.u64 };
  symbols.strerror = { args: [FFIType.i32], returns: FFIType.cstring };
  // libc's memcpy moves bytes between native memory and a JS buffer: a ptr parameter takes either
  // a TypedArray (passed in place) or an address (10 times faster here than a toArrayBuffer per copy).
  symbols.memcpy = { args: [FFIType.ptr, FFIType.ptr, FFIType.u64], returns: FFIType.u64 };
  let library: ReturnType<typeof dlopen>;
  try {
    library = dlopen(path, symbols);
  } catch (error) {
    return { unavailable: `bun:ffi could not load the C library ${path}: ${(error as Error).message}` };
  }
  type Native = (...args: unknown[]) => unknown;
  const call = library.symbols as unknown as Record<FunctionName | '__errno_location' | 'strerror' | 'memcpy', Native>;
  const functions = {} as Record<FunctionName, NativeFunction>;
  for (const name of Object.keys(prototypes) as FunctionName[]) functions[name] = call[name] as NativeFunction;
  return {
    libc: libcOver({
      functions,
      readErrno: () => read.i32(Number(call.__errno_location()) as Pointer, 0),
      strerror: (errno) => String(call.strerror(errno)),
      read: (address, into) => { call.memcpy(into, address, into.byteLength); },
      write: (address, from) => { call.memcpy(address, from, from.byteLength); },
    }),
  };
}
