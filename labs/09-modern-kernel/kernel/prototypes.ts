// The C signatures every binding declares, once, in the one vocabulary the three FFIs share: int
// (i32), u32, i64 and pointer-sized integers. Pointers are declared as pointer-sized integers
// (addresses, types.ts): on LP64 Linux both travel in the same integer registers, so the kernel
// receives the same bits, and the lab never hands a JS object to C.
//
// open, fcntl, syscall and ioctl are variadic in C and declared here with fixed integer arguments. On
// aarch64 Linux (AAPCS64) variadic integer arguments are passed exactly like fixed ones. On x86_64
// (System V AMD64 ABI 3.5.7) they are too, except that a variadic callee may read %al as an upper
// bound on the vector registers used; glibc 2.36's open64, fcntl64 and syscall, disassembled on
// this machine, never read %al, and syscall takes its sixth argument from the stack as a seventh
// fixed integer argument would be passed.

export type CType = 'i32' | 'u32' | 'i64' | 'pointer' | 'size' | 'ssize' | 'void';

export interface Prototype { parameters: CType[]; result: CType }

export const prototypes = {
  socket: { parameters: ['i32', 'i32', 'i32'], result: 'i32' },
  bind: { parameters: ['i32', 'pointer', 'u32'], result: 'i32' },
  listen: { parameters: ['i32', 'i32'], result: 'i32' },
  connect: { parameters: ['i32', 'pointer', 'u32'], result: 'i32' },
  getsockname: { parameters: ['i32', 'pointer', 'pointer'], result: 'i32' },
  accept4: { parameters: ['i32', 'pointer', 'pointer', 'i32'], result: 'i32' },
  setsockopt: { parameters: ['i32', 'i32', 'i32', 'pointer', 'u32'], result: 'i32' },
  // nfds_t is unsigned long.
  poll: { parameters: ['pointer', 'size', 'i32'], result: 'i32' },
  close: { parameters: ['i32'], result: 'i32' },
  open: { parameters: ['pointer', 'i32'], result: 'i32' },
  lseek: { parameters: ['i32', 'i64', 'i32'], result: 'i64' },
  // Declared as returning a signed pointer-sized integer, so MAP_FAILED ((void *) -1) reads as -1.
  mmap: { parameters: ['pointer', 'size', 'i32', 'i32', 'i32', 'i64'], result: 'ssize' },
  munmap: { parameters: ['pointer', 'size'], result: 'i32' },
  sendfile: { parameters: ['i32', 'i32', 'pointer', 'size'], result: 'ssize' },
  pipe2: { parameters: ['pointer', 'i32'], result: 'i32' },
  fcntl: { parameters: ['i32', 'i32', 'i32'], result: 'i32' },
  splice: { parameters: ['i32', 'pointer', 'i32', 'pointer', 'size', 'u32'], result: 'ssize' },
  send: { parameters: ['i32', 'pointer', 'size', 'i32'], result: 'ssize' },
  recvmsg: { parameters: ['i32', 'pointer', 'i32'], result: 'ssize' },
  syscall: { parameters: ['i64', 'i64', 'i64', 'i64', 'i64', 'i64', 'i64'], result: 'i64' },
  // ioctl(int, unsigned long, ...) with one pointer argument (SIOCETHTOOL's struct ifreq).
  ioctl: { parameters: ['i32', 'size', 'pointer'], result: 'i32' },
  calloc: { parameters: ['size', 'size'], result: 'pointer' },
  free: { parameters: ['pointer'], result: 'void' },
} as const satisfies Record<string, Prototype>;

export type FunctionName = keyof typeof prototypes;

/** The calls whose -1 means "look at errno" (all but the allocator's). */
export const failsWithErrno: ReadonlySet<FunctionName> = new Set(
  (Object.keys(prototypes) as FunctionName[]).filter((name) => name !== 'calloc' && name !== 'free'));

/** Rejects an address a runtime handed back that is not an exact non-negative integer (see Address). */
export function toAddress(value: number | bigint | null): number {
  const address = Number(value ?? 0);
  if (!Number.isSafeInteger(address) || address < 0) throw new Error(`native address ${String(value)} is outside the range lab 09 can represent exactly`);
  return address;
}
