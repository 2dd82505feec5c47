// Deno.dlopen, granted per library: with --allow-ffi=PATH Deno lets a program open exactly the path
// string PATH (checked on Deno 2.9: "libc.so.6" is then refused, and resolved against the working
// directory rather than searched for), so the runner passes the same absolute path to --allow-ffi
// and to the server's --libc. Under such a grant Deno.UnsafePointer and UnsafePointerView still
// ask for an unrestricted --allow-ffi (denoland/deno#15511), so this binding uses neither: every
// address is a plain integer ("usize"), and native memory is read and written by libc's own
// memcpy into and out of JS buffers, which Deno passes to C as "buffer" arguments.
import { libcOver, type NativeFunction } from './bind.ts';
import { prototypes, type CType, type FunctionName } from './prototypes.ts';
import type { LoadedLibc } from './types.ts';

const denoTypes: Record<CType, Deno.NativeResultType> = {
  i32: 'i32', u32: 'u32', i64: 'i64', pointer: 'usize', size: 'usize', ssize: 'isize', void: 'void',
};

export function load(path: string): LoadedLibc {
  const symbols: Record<string, Deno.ForeignFunction> = {};
  for (const [name, { parameters, result }] of Object.entries(prototypes)) {
    symbols[name] = { parameters: parameters.map((type) => denoTypes[type] as Deno.NativeType), result: denoTypes[result] };
  }
  symbols.copyIn = { name: 'memcpy', parameters: ['buffer', 'usize', 'usize'], result: 'usize' };
  symbols.copyOut = { name: 'memcpy', parameters: ['usize', 'buffer', 'usize'], result: 'usize' };
  symbols.strlen = { parameters: ['usize'], result: 'usize' };
  // __errno_location() is glibc's accessor behind the errno macro: the address of this thread's errno.
  symbols.__errno_location = { parameters: [], result: 'usize' };
  symbols.strerror = { parameters: ['i32'], result: 'usize' };
  let library: Deno.DynamicLibrary<Record<string, Deno.ForeignFunction>>;
  try {
    library = Deno.dlopen(path, symbols);
  } catch (error) {
    const denied = error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied;
    return {
      unavailable: denied
        ? `Deno loads a C library only by a path its --allow-ffi grants, and ${path} was not granted: start the server with --allow-ffi=PATH and --libc PATH, PATH the absolute path of libc.so.6`
        : `Deno.dlopen could not load the C library ${path}: ${(error as Error).message}`,
    };
  }
  type Native = (...args: unknown[]) => unknown;
  const call = library.symbols as unknown as Record<FunctionName | '__errno_location' | 'strerror' | 'strlen' | 'copyIn' | 'copyOut', Native>;
  const functions = {} as Record<FunctionName, NativeFunction>;
  for (const name of Object.keys(prototypes) as FunctionName[]) functions[name] = call[name] as NativeFunction;
  const read = (address: number, into: Uint8Array) => { call.copyIn(into, address, into.byteLength); };
  const errno = new Uint8Array(4);
  return {
    libc: libcOver({
      functions,
      readErrno: () => {
        read(Number(call.__errno_location()), errno);
        return new DataView(errno.buffer).getInt32(0, true);
      },
      strerror: (code) => {
        const text = Number(call.strerror(code));
        const bytes = new Uint8Array(Number(call.strlen(text)));
        if (bytes.byteLength > 0) read(text, bytes);
        return new TextDecoder().decode(bytes);
      },
      read,
      write: (address, from) => { call.copyOut(address, from, from.byteLength); },
    }),
  };
}
