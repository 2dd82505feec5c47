// Stage 2: syscall events -> the ledger (DESIGN.md "Counting copies"). This is the one place that
// decides what a copy is. Only calls on the lab's own fds count: the data file (by path) and the
// TCP connections on the server's port. The runtime reading its own modules at start-up, or
// writing to stdout, is not part of the transfer.
import type { FdRef, SyscallEvent } from './parse.ts';

export type Direction = 'fileToUser' | 'userToSocket' | 'userToFile' | 'userToPipe' | 'socketToUser' | 'kernelMoved';
export const directions: readonly Direction[] = ['fileToUser', 'userToSocket', 'userToFile', 'userToPipe', 'socketToUser', 'kernelMoved'];

export interface Ledger {
  /** Calls and bytes by syscall name, for calls on the lab's fds. */
  syscalls: Record<string, { calls: number; bytes: number }>;
  /** Bytes moved in each direction. kernelMoved never entered user space. */
  copies: Record<Direction, number>;
  /** Calls that moved bytes in each direction (a read that returns 0 at end of file counts). */
  calls: Record<Direction, number>;
  /** mmap calls on the data file (lab 03's mmap+write path). */
  mmaps: number;
}

export interface LabFds {
  /** Real paths of the files the lab reads or writes. */
  files: string[];
  /** The server's listening port; only connections on it count. */
  port?: number;
  /** Real paths of named pipes (FIFOs) the lab writes into (lab 06); strace shows them as paths. */
  pipes?: string[];
}

const fromFd = new Set(['read', 'pread64', 'readv', 'preadv', 'preadv2', 'recvfrom', 'recvmsg', 'recvmmsg']);
const toFd = new Set(['write', 'pwrite64', 'writev', 'pwritev', 'pwritev2', 'sendto', 'sendmsg', 'sendmmsg']);
const inKernel = new Set(['sendfile', 'splice', 'tee', 'copy_file_range']);

function emptyLedger(): Ledger {
  const zero = () => ({ fileToUser: 0, userToSocket: 0, userToFile: 0, userToPipe: 0, socketToUser: 0, kernelMoved: 0 });
  return { syscalls: {}, copies: zero(), calls: zero(), mmaps: 0 };
}

export function createLedger(lab: LabFds): { add(event: SyscallEvent): void; ledger: Ledger } {
  const files = new Set(lab.files);
  const pipes = new Set(lab.pipes ?? []);
  const isLabFile = (fd: FdRef) => fd.kind === 'file' && files.has(fd.target);
  const isLabPipe = (fd: FdRef) => fd.kind === 'file' && pipes.has(fd.target);
  const isLabSocket = (fd: FdRef) => fd.kind === 'tcp' && (lab.port === undefined || fd.localPort === lab.port);
  const ledger = emptyLedger();

  function count(event: SyscallEvent, direction: Direction | null, bytes: number) {
    const entry = (ledger.syscalls[event.name] ??= { calls: 0, bytes: 0 });
    entry.calls += 1;
    entry.bytes += bytes;
    if (direction) {
      ledger.calls[direction] += 1;
      ledger.copies[direction] += bytes;
    }
  }

  return {
    ledger,
    add(event) {
      const bytes = event.result !== null && event.result > 0 ? event.result : 0;
      const [first] = event.fds;
      if (event.name === 'mmap') {
        if (event.fds.some(isLabFile)) { ledger.mmaps += 1; count(event, null, 0); }
        return;
      }
      if (!first) return;
      if (inKernel.has(event.name)) {
        if (event.fds.some((fd) => isLabFile(fd) || isLabSocket(fd) || isLabPipe(fd))) count(event, 'kernelMoved', bytes);
      } else if (fromFd.has(event.name)) {
        if (isLabFile(first)) count(event, 'fileToUser', bytes);
        else if (isLabSocket(first)) count(event, 'socketToUser', bytes);
      } else if (toFd.has(event.name)) {
        if (isLabSocket(first)) count(event, 'userToSocket', bytes);
        else if (isLabFile(first)) count(event, 'userToFile', bytes);
        else if (isLabPipe(first)) count(event, 'userToPipe', bytes);
      }
    },
  };
}

/** CPU copies across the user/kernel boundary, per byte of the file: ≈2 read+write, ≈1 mmap+write, 0 sendfile. */
export function copiesPerByte(ledger: Ledger, fileBytes: number): number {
  const { fileToUser, userToSocket, userToFile, userToPipe, socketToUser } = ledger.copies;
  return (fileToUser + userToSocket + userToFile + userToPipe + socketToUser) / fileBytes;
}

/** Each syscall enters and leaves the kernel: two mode switches (not context switches). */
export function modeSwitches(ledger: Ledger): number {
  return 2 * Object.values(ledger.syscalls).reduce((sum, entry) => sum + entry.calls, 0);
}
