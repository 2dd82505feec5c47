// Every failed call is named the way a reader would look it up: the call, the errno's name and the
// C library's own text for it ("io_uring_setup: EPERM (Operation not permitted)"). The names come
// from node:os constants.errno, the platform's errno.h as the runtime was built against it, which
// Node, Bun and Deno all provide.
import { constants } from 'node:os';
import type { Libc } from './types.ts';

const names = new Map<number, string>();
for (const [name, value] of Object.entries(constants.errno)) if (!names.has(value)) names.set(value, name);

export function errnoName(errno: number): string {
  return names.get(errno) ?? `errno ${errno}`;
}

/** "EPERM (Operation not permitted)" */
export function describeErrno(libc: Libc, errno: number): string {
  return `${errnoName(errno)} (${libc.strerror(errno)})`;
}

/** A C call that failed: which call, and the errno it left. */
export class SyscallError extends Error {
  constructor(readonly call: string, readonly errno: number, readonly text: string) {
    super(`${call}: ${errnoName(errno)} (${text})`);
  }

  get code(): string {
    return errnoName(this.errno);
  }
}

export function syscallError(libc: Libc, call: string, errno = libc.errno()): SyscallError {
  return new SyscallError(call, errno, libc.strerror(errno));
}

/** The call's result when it succeeded; a SyscallError naming it when it returned -1. */
export function check(libc: Libc, result: number, call: string): number {
  if (result === -1) throw syscallError(libc, call);
  return result;
}

const EINTR = constants.errno.EINTR;

/**
 * A call that may block, made again when a signal interrupted it: the runtimes install signal
 * handlers of their own, and poll(2) in particular is never restarted after one (signal(7),
 * "Interruption of system calls and library functions by signal handlers").
 */
export function checkRetrying(libc: Libc, call: string, attempt: () => number): number {
  for (;;) {
    const result = attempt();
    if (result !== -1 || libc.errno() !== EINTR) return check(libc, result, call);
  }
}
