// The bench client's receive path when it can have one: libc's socket, connect and recv through
// the runtime's FFI (bun:ffi on Bun, where the bench runs its client; koffi from npm on Node 20,
// which has no built-in FFI), blocking, straight into the client's JS buffer. Node's own sockets go
// through epoll: each read returns what has arrived so far, then the thread sleeps in epoll_pwait
// and is woken for the next. A blocking recv on one socket is what a native client does; the
// client's thread has nothing else to do during a transfer. Measured on the project's machine
// against a C client reading a C sendfile server, 256 MiB, interleaved: Bun's FFI recv loop kept
// pace with C, koffi's on Node ran at about a third (its kernel time per byte three times C's), so
// the bench starts its client on Bun when Bun is installed. Where neither FFI loads, the client
// falls back to Node's sockets and says so. Lab 09's binding (labs/09-modern-kernel/kernel/) is
// not reused: it never hands a JS object to C and copies through native memory with memcpy, which
// here would add a copy of every byte to the path being measured.

import type { Pointer } from 'bun:ffi';

/** The four things a client does with a socket; every failure is an Error naming the call and errno's text. */
export interface Libc {
  /** A connected, blocking TCP socket to 127.0.0.1:port. */
  connect(port: number): number;
  send(fd: number, bytes: Uint8Array): void;
  /** Bytes recv put at the start of `into`: 0 at the end of the stream. */
  receive(fd: number, into: Uint8Array): number;
  close(fd: number): void;
  /**
   * The whole file mapped read-only and shared: the page cache's own pages, not a copy (Bun only;
   * undefined where the FFI cannot return native memory as a typed array). `unmap` ends it; the
   * view must not be touched after.
   */
  mapReadOnly?(path: string, size: number): { bytes: Uint8Array; unmap(): void };
}

const AF_INET = 2;
const SOCK_STREAM = 1;
const SOCK_CLOEXEC = 0o2000000;
const SOL_SOCKET = 1;
const SO_RCVTIMEO = 20;
const O_RDONLY = 0;
const O_CLOEXEC = 0o2000000;
const PROT_READ = 1;
const MAP_SHARED = 1;
const EINTR = 4;
const EAGAIN = 11;

/** How long recv may wait for the next byte before the transfer is declared stalled. */
export const stallSeconds = 60;

/** The C calls the client makes, bound by whichever FFI the runtime has. */
interface Calls {
  mapReadOnly?(path: string, size: number): { bytes: Uint8Array; unmap(): void };
  socket(domain: number, type: number, protocol: number): number;
  connect(fd: number, address: Uint8Array, length: number): number;
  setsockopt(fd: number, level: number, name: number, value: Uint8Array, length: number): number;
  recv(fd: number, into: Uint8Array, length: number, flags: number): number;
  send(fd: number, from: Uint8Array, length: number, flags: number): number;
  close(fd: number): number;
  errno(): number;
  strerror(errno: number): string;
}

/** libc through the runtime's FFI (bun:ffi on Bun, koffi on Node), or why not. */
export async function loadLibc(): Promise<{ libc: Libc; through: string } | { unavailable: string }> {
  // How a test (or a reader chasing a difference) makes the client use Node's sockets.
  if (process.env.WORKBOOK_BENCH_NO_FFI) return { unavailable: 'WORKBOOK_BENCH_NO_FFI is set' };
  const bound = (globalThis as { Bun?: unknown }).Bun !== undefined ? await bunCalls() : await koffiCalls();
  return 'unavailable' in bound ? bound : { libc: over(bound.calls), through: bound.through };
}

async function bunCalls(): Promise<{ calls: Calls; through: string } | { unavailable: string }> {
  try {
    const { dlopen, FFIType, ptr, read, CString, toArrayBuffer } = await import('bun:ffi');
    const { symbols: c } = dlopen('libc.so.6', {
      socket: { args: [FFIType.i32, FFIType.i32, FFIType.i32], returns: FFIType.i32 },
      connect: { args: [FFIType.i32, FFIType.ptr, FFIType.u32], returns: FFIType.i32 },
      setsockopt: { args: [FFIType.i32, FFIType.i32, FFIType.i32, FFIType.ptr, FFIType.u32], returns: FFIType.i32 },
      recv: { args: [FFIType.i32, FFIType.ptr, FFIType.u64, FFIType.i32], returns: FFIType.i64 },
      send: { args: [FFIType.i32, FFIType.ptr, FFIType.u64, FFIType.i32], returns: FFIType.i64 },
      close: { args: [FFIType.i32], returns: FFIType.i32 },
      __errno_location: { args: [], returns: FFIType.ptr },
      strerror: { args: [FFIType.i32], returns: FFIType.ptr },
      open: { args: [FFIType.ptr, FFIType.i32], returns: FFIType.i32 },
      // Returned as a signed integer, so MAP_FAILED ((void *) -1) reads as -1.
      mmap: { args: [FFIType.u64, FFIType.u64, FFIType.i32, FFIType.i32, FFIType.i32, FFIType.i64], returns: FFIType.i64 },
      munmap: { args: [FFIType.u64, FFIType.u64], returns: FFIType.i32 },
    });
    // errno is thread-local: its address (glibc's __errno_location), read right after the failed call on the same thread.
    const errno = () => read.i32(c.__errno_location()!, 0);
    const strerror = (code: number) => new CString(c.strerror(code)!).toString();
    return {
      through: 'bun:ffi',
      calls: {
        socket: (domain, type, protocol) => c.socket(domain, type, protocol),
        connect: (fd, address, length) => c.connect(fd, ptr(address), length),
        setsockopt: (fd, level, name, value, length) => c.setsockopt(fd, level, name, ptr(value), length),
        recv: (fd, into, length, flags) => Number(c.recv(fd, ptr(into), length, flags)),
        send: (fd, from, length, flags) => Number(c.send(fd, ptr(from), length, flags)),
        close: (fd) => c.close(fd),
        errno,
        strerror,
        mapReadOnly(path, size) {
          const fd = c.open(ptr(Buffer.from(`${path}\0`)), O_RDONLY | O_CLOEXEC);
          if (fd < 0) throw new Error(`open ${path}: ${strerror(errno())}`);
          const address = Number(c.mmap(0, size, PROT_READ, MAP_SHARED, fd, 0));
          const failed = address === -1 ? strerror(errno()) : null;
          c.close(fd);
          if (failed) throw new Error(`mmap ${path}: ${failed}`);
          let mapped = true;
          return {
            bytes: new Uint8Array(toArrayBuffer(address as Pointer, 0, size)),
            unmap() {
              if (mapped) c.munmap(address, size);
              mapped = false;
            },
          };
        },
      },
    };
  } catch (error) {
    return { unavailable: `bun:ffi could not bind libc's socket calls: ${(error as Error).message.split('\n')[0]}` };
  }
}

async function koffiCalls(): Promise<{ calls: Calls; through: string } | { unavailable: string }> {
  let koffi: typeof import('koffi').default;
  try {
    koffi = (await import('koffi')).default;
  } catch (error) {
    return { unavailable: `koffi (npm) could not be loaded: ${(error as Error).message.split('\n')[0]}` };
  }
  try {
    const library = koffi.load('libc.so.6');
    // koffi hands a typed array to a void * parameter in place: recv writes into the buffer itself.
    return {
      through: 'koffi',
      calls: {
        socket: library.func('socket', 'int', ['int', 'int', 'int']),
        connect: library.func('connect', 'int', ['int', 'void *', 'uint32_t']),
        setsockopt: library.func('setsockopt', 'int', ['int', 'int', 'int', 'void *', 'uint32_t']),
        recv: library.func('recv', 'intptr_t', ['int', 'void *', 'size_t', 'int']),
        send: library.func('send', 'intptr_t', ['int', 'void *', 'size_t', 'int']),
        close: library.func('close', 'int', ['int']),
        errno: () => koffi.errno(),
        strerror: library.func('strerror', 'const char *', ['int']),
      } as Calls,
    };
  } catch (error) {
    return { unavailable: `koffi could not bind libc's socket calls: ${(error as Error).message.split('\n')[0]}` };
  }
}

function over(c: Calls): Libc {
  const failed = (what: string) => new Error(`${what}: ${c.strerror(c.errno())}`);
  return {
    ...(c.mapReadOnly ? { mapReadOnly: c.mapReadOnly } : {}),
    connect(port) {
      const fd = c.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      if (fd < 0) throw failed('socket');
      // struct sockaddr_in: family (host order), port and address (network order), zero padding.
      const address = new Uint8Array(16);
      const view = new DataView(address.buffer);
      view.setUint16(0, AF_INET, true);
      view.setUint16(2, port, false);
      address.set([127, 0, 0, 1], 4);
      // struct timeval { tv_sec, tv_usec }: a server that stops sending fails the transfer, never hangs it.
      const timeout = new BigInt64Array([BigInt(stallSeconds), 0n]);
      if (c.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, new Uint8Array(timeout.buffer), 16) < 0 || c.connect(fd, address, 16) < 0) {
        const error = failed(`connect to 127.0.0.1:${port}`);
        c.close(fd);
        throw error;
      }
      return fd;
    },
    send(fd, bytes) {
      for (let at = 0; at < bytes.length;) {
        const sent = c.send(fd, bytes.subarray(at), bytes.length - at, 0);
        if (sent < 0) {
          if (c.errno() === EINTR) continue;
          throw failed('send');
        }
        at += sent;
      }
    },
    receive(fd, into) {
      for (;;) {
        const got = c.recv(fd, into, into.byteLength, 0);
        if (got >= 0) return got;
        const errno = c.errno();
        if (errno === EINTR) continue;
        if (errno === EAGAIN) throw new Error(`the server sent nothing for ${stallSeconds} s`);
        throw failed('recv');
      }
    },
    close(fd) { c.close(fd); },
  };
}
