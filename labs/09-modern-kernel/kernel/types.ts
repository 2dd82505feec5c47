// The C library as lab 09 sees it, whichever runtime calls it: the few libc functions the methods
// need, each returning the C function's own number, so the methods are written once over this
// interface and each runtime's binding (node.ts with koffi, bun.ts with bun:ffi, deno.ts with
// Deno.dlopen) only translates calls. Errors are errno values, named by errors.ts.

/**
 * A native address, as a plain number. User-space addresses on x86_64 and aarch64 Linux stay below
 * 2^48 (2^57 with five-level paging, which a process only gets when it asks for such addresses), so
 * they are exact integers far below Number.MAX_SAFE_INTEGER (2^53); a binding rejects any other.
 */
export type Address = number;

export interface Libc {
  /** The errno of the last call through this Libc that failed, captured by the binding right after it. */
  errno(): number;
  strerror(errno: number): string;

  socket(domain: number, type: number, protocol: number): number;
  bind(fd: number, address: Address, length: number): number;
  listen(fd: number, backlog: number): number;
  connect(fd: number, address: Address, length: number): number;
  getsockname(fd: number, address: Address, lengthAddress: Address): number;
  accept4(fd: number, address: Address, lengthAddress: Address, flags: number): number;
  setsockopt(fd: number, level: number, name: number, value: Address, length: number): number;
  poll(fds: Address, count: number, timeoutMs: number): number;
  close(fd: number): number;

  /** `path` is a NUL-terminated string in native memory (memory.ts cString). */
  open(path: Address, flags: number): number;
  lseek(fd: number, offset: number, whence: number): number;
  /** Returns -1 (MAP_FAILED) on failure, never a pointer to nothing. */
  mmap(address: Address, length: number, protection: number, flags: number, fd: number, offset: number): number;
  munmap(address: Address, length: number): number;

  sendfile(outFd: number, inFd: number, offsetAddress: Address, count: number): number;
  pipe2(fdsAddress: Address, flags: number): number;
  /** fcntl with one integer argument (F_SETPIPE_SZ, F_GETPIPE_SZ). */
  fcntl(fd: number, command: number, argument: number): number;
  splice(fdIn: number, offsetIn: Address, fdOut: number, offsetOut: Address, length: number, flags: number): number;
  send(fd: number, buffer: Address, length: number, flags: number): number;
  recvmsg(fd: number, message: Address, flags: number): number;
  /** syscall(2) with six integer arguments: how io_uring is reached, as glibc wraps none of it. */
  syscall(number: number, a1: number, a2: number, a3: number, a4: number, a5: number, a6: number): number;
  /** ioctl with one pointer argument (SIOCETHTOOL). */
  ioctl(fd: number, request: number, argument: Address): number;

  /** Zeroed native memory (calloc), or 0 when there is none; freed only with free(). */
  calloc(size: number): Address;
  free(address: Address): void;
  /**
   * Copies native memory at `address` into `into`, and JS bytes `from` into native memory: JS never
   * holds a live view of native memory, so no stale view can outlive a free() or munmap(). (Deno
   * also refuses its pointer views under a per-library --allow-ffi grant: denoland/deno#15511.)
   */
  read(address: Address, into: Uint8Array): void;
  write(address: Address, from: Uint8Array): void;
}

/** What loading a binding gives: the library, or why this runtime or system cannot have it. */
export type LoadedLibc = { libc: Libc } | { unavailable: string };
