// What the three bindings share: given the runtime's callable symbols, a Libc whose calls return
// plain numbers and whose errno is read the moment a call returns -1.
import { failsWithErrno, toAddress, type FunctionName } from './prototypes.ts';
import type { Libc } from './types.ts';

export type NativeFunction = (...args: number[]) => number | bigint | null | void;

export interface RuntimeFfi {
  functions: Record<FunctionName, NativeFunction>;
  /** The calling thread's errno now. */
  readErrno(): number;
  strerror(errno: number): string;
  read(address: number, into: Uint8Array): void;
  write(address: number, from: Uint8Array): void;
}

function checkRange(address: number, length: number): void {
  if (!Number.isSafeInteger(address) || address <= 0 || length <= 0) throw new Error(`no access to ${length} bytes at native address ${address}`);
}

export function libcOver(ffi: RuntimeFfi): Libc {
  let lastErrno = 0;
  // errno is per thread (errno(3)); each call here runs synchronously on the JS thread, and errno
  // is read in the next statement, before any other C call could change it (reading it calls only
  // __errno_location and, in Deno, memcpy, neither of which sets errno).
  const call = (name: FunctionName) => {
    const native = ffi.functions[name];
    const reportsErrno = failsWithErrno.has(name);
    return (...args: number[]): number => {
      const result = Number(native(...args));
      if (result === -1 && reportsErrno) lastErrno = ffi.readErrno();
      return result;
    };
  };
  return {
    errno: () => lastErrno,
    strerror: ffi.strerror,
    socket: call('socket'),
    bind: call('bind'),
    listen: call('listen'),
    connect: call('connect'),
    getsockname: call('getsockname'),
    accept4: call('accept4'),
    setsockopt: call('setsockopt'),
    poll: call('poll'),
    close: call('close'),
    open: call('open'),
    lseek: call('lseek'),
    mmap: call('mmap'),
    munmap: call('munmap'),
    sendfile: call('sendfile'),
    pipe2: call('pipe2'),
    fcntl: call('fcntl'),
    splice: call('splice'),
    send: call('send'),
    recvmsg: call('recvmsg'),
    syscall: call('syscall'),
    ioctl: call('ioctl'),
    calloc: (size) => toAddress(ffi.functions.calloc(1, size) as number | bigint | null),
    free: (address) => { ffi.functions.free(address); },
    read: (address, into) => { checkRange(address, into.byteLength); ffi.read(address, into); },
    write: (address, from) => { checkRange(address, from.byteLength); ffi.write(address, from); },
  };
}
