// Stage 2: syscall events -> the ledger. This is the one place that decides what a copy is.
//
// Bytes are counted by where they went and who moved them:
// - across the user/kernel boundary, by the CPU: file→user (read on the data file), user→socket,
//   user→file, user→pipe, socket→user. A MSG_ZEROCOPY send counts here only when the kernel said it
//   copied the bytes after all (on loopback it always does: msg_zerocopy.rst's deferred copy).
// - inside the kernel, split in two (fs/splice.c is the reference for both):
//   kernelByReference: page references handed on, no CPU copy — sendfile or splice from the file
//   into a pipe, or from the file or a pipe to a socket whose route does scatter-gather (loopback
//   does; a NIC without NETIF_F_SG makes the kernel copy here instead: tcp_sendmsg_locked only sets
//   MSG_SPLICE_PAGES when the route has SG), and a zero-copy send the kernel did not copy;
//   kernelCopied: the kernel's own CPU copy — sendfile, splice or copy_file_range into a regular
//   file (iter_file_splice_write hands the pipe's pages to vfs_iter_write, which copies them into
//   the destination's page cache), unless the copy shared the extents (a reflink: the run says so).
//   kernelMoved is their sum.
// A splice into a pipe the server made for itself is a hop, not a move: splice-ffi's file→pipe and
// pipe→socket are one transfer, counted once, where it left the pipe.
//
// Only calls on the lab's own fds count as moves: the data file (by path), the TCP connections on
// the server's port, the lab's FIFO and copy. Every syscall from the transfer's start to its last
// call on those fds counts for the mode switches, whichever thread made it (futex and epoll
// hand-offs included), in all and by name. The transfer starts at the accept of the connection, at the first call that
// moves the lab's bytes, or at the read of the runner's "go" from stdin (a copy lab), so start-up
// and the runner's "usage" exchange are outside the window.
import type { TransferReport } from '../../labs/protocol.ts';
import type { FdRef, SyscallEvent } from './parse.ts';

export type Direction = 'fileToUser' | 'userToSocket' | 'userToFile' | 'userToPipe' | 'socketToUser' | 'kernelByReference' | 'kernelCopied' | 'kernelMoved';
export const directions: readonly Direction[] = ['fileToUser', 'userToSocket', 'userToFile', 'userToPipe', 'socketToUser', 'kernelByReference', 'kernelCopied', 'kernelMoved'];
/** The directions in which the CPU copies across the user/kernel boundary. */
export const boundaryDirections = ['fileToUser', 'userToSocket', 'userToFile', 'userToPipe', 'socketToUser'] as const satisfies readonly Direction[];

export interface Ledger {
  /** Calls and bytes by syscall name, for calls on the lab's fds (and io_uring_enter, whose bytes the CQEs give). */
  syscalls: Record<string, { calls: number; bytes: number }>;
  /** Bytes moved in each direction. */
  copies: Record<Direction, number>;
  /** Calls that moved bytes in each direction (a read that returns 0 at end of file counts). */
  calls: Record<Direction, number>;
  /** mmap calls on the data file (lab 03's mmap+write path). */
  mmaps: number;
  /** Every syscall of every thread inside the transfer's window: two mode switches each. */
  allSyscalls: number;
  /** The same calls by name (futex, epoll_pwait … beside the I/O): where the mode switches come from. Sums to allSyscalls. */
  allSyscallsByName: Record<string, number>;
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
/** Calls on a lab fd that start the transfer's window: the lab's data only starts moving with one of these. */
const opening = new Set([...fromFd, ...toFd, ...inKernel, 'accept', 'accept4', 'mmap']);
/** The read of a runner line ("go") from stdin starts a copy lab's transfer. */
const isRunnerLine = (event: SyscallEvent) => fromFd.has(event.name) && event.fds[0]?.fd === 0 && event.fds[0].kind === 'pipe' && (event.result ?? 0) > 0;

function zero(): Record<Direction, number> {
  return { fileToUser: 0, userToSocket: 0, userToFile: 0, userToPipe: 0, socketToUser: 0, kernelByReference: 0, kernelCopied: 0, kernelMoved: 0 };
}

export function createLedger(lab: LabFds): { add(event: SyscallEvent): void; settle(report?: TransferReport): Ledger } {
  const files = new Set(lab.files);
  const pipes = new Set(lab.pipes ?? []);
  const source = lab.files[0];
  const isLabFile = (fd: FdRef | undefined) => fd?.kind === 'file' && files.has(fd.target);
  const isSource = (fd: FdRef | undefined) => fd?.kind === 'file' && fd.target === source;
  const isLabPipe = (fd: FdRef | undefined) => fd?.kind === 'file' && pipes.has(fd.target);
  const isLabSocket = (fd: FdRef | undefined) => fd?.kind === 'tcp' && (lab.port === undefined || fd.localPort === lab.port);
  const isLabFd = (fd: FdRef | undefined) => isLabFile(fd) || isLabPipe(fd) || isLabSocket(fd);
  const syscalls: Ledger['syscalls'] = {};
  const copies = zero();
  const calls = zero();
  let mmaps = 0;
  // The window: events are counted as they come, and the count is taken at the last lab event.
  let openedAt: number | null = null;
  let seen = 0;
  let allSyscalls = 0;
  const allSyscallsByName: Record<string, number> = {};
  // Calls since the last one on a lab fd: inside the window only if another lab call follows.
  let pending: Record<string, number> = {};
  // MSG_ZEROCOPY sends in order: the kernel's completions name them by this counter.
  const zeroCopySends: number[] = [];

  function count(event: SyscallEvent, direction: Direction | null, bytes: number) {
    const entry = (syscalls[event.name] ??= { calls: 0, bytes: 0 });
    entry.calls += 1;
    entry.bytes += bytes;
    if (direction) {
      calls[direction] += 1;
      copies[direction] += bytes;
    }
  }

  /** Where an in-kernel move went decides whether the kernel copied the bytes or handed on pages. */
  function kernelMove(event: SyscallEvent, bytes: number): void {
    // sendfile(out, in, …); splice, tee and copy_file_range name the input first.
    const output = event.name === 'sendfile' ? event.fds[0] : event.fds[1];
    if (isLabSocket(output) || isLabPipe(output)) count(event, 'kernelByReference', bytes);
    // Into the server's own pipe: a hop on the way (splice-ffi), counted where it leaves the pipe.
    else if (output?.kind === 'pipe') count(event, null, bytes);
    // Into a regular file (the lab's copy), or a sink the lab does not know: the kernel copied.
    else count(event, 'kernelCopied', bytes);
  }

  return {
    add(event) {
      seen += 1;
      const bytes = event.result !== null && event.result > 0 ? event.result : 0;
      const [first] = event.fds;
      const touchesLab = event.fds.some(isLabFd) || isLabFd(event.returned);
      if (openedAt === null && ((touchesLab && opening.has(event.name)) || isRunnerLine(event))) openedAt = seen;
      if (openedAt === null) return;
      pending[event.name] = (pending[event.name] ?? 0) + 1;
      if (touchesLab) {
        allSyscalls = seen - openedAt + 1;
        for (const [name, count] of Object.entries(pending)) allSyscallsByName[name] = (allSyscallsByName[name] ?? 0) + count;
        pending = {};
      }
      if (event.name === 'mmap') {
        if (event.fds.some(isSource)) { mmaps += 1; count(event, null, 0); }
      } else if (event.name === 'io_uring_enter') {
        // The ring's fd is not a lab fd, but in this window it is how SEND_ZC moves the file.
        count(event, null, 0);
      } else if (!first) {
        return;
      } else if (inKernel.has(event.name)) {
        if (event.fds.some(isLabFd)) kernelMove(event, bytes);
      } else if (fromFd.has(event.name)) {
        if (isLabFile(first)) count(event, 'fileToUser', bytes);
        else if (isLabSocket(first)) count(event, event.flags.includes('MSG_ERRQUEUE') ? null : 'socketToUser', bytes);
      } else if (toFd.has(event.name)) {
        if (isLabSocket(first)) {
          if (event.flags.includes('MSG_ZEROCOPY')) {
            // Pinned user pages: a copy or not, the kernel says later (settle).
            count(event, null, bytes);
            if (bytes > 0) zeroCopySends.push(bytes);
          } else {
            count(event, 'userToSocket', bytes);
          }
        } else if (isLabFile(first)) count(event, 'userToFile', bytes);
        else if (isLabPipe(first)) count(event, 'userToPipe', bytes);
      }
    },

    /**
     * The ledger once the transfer is over. The server's own report decides what strace cannot
     * see: which zero-copy sends the kernel copied, and how many bytes io_uring moved.
     */
    settle(report) {
      const zerocopy = report?.zerocopy;
      zeroCopySends.forEach((bytes, index) => {
        // Without the kernel's word on a send, it is counted as copied: zero copies are claimed
        // only when the kernel said so.
        const copied = !zerocopy || (zerocopy.ranges
          ? zerocopy.ranges.some((range) => range.copied && inRange(index, range.first, range.last))
          : zerocopy.copied);
        const direction: Direction = copied ? 'userToSocket' : 'kernelByReference';
        copies[direction] += bytes;
        calls[direction] += 1;
      });
      if (report?.uring) {
        const { bytes, submissions } = report.uring;
        // SEND_ZC reports per notification whether it copied; the bytes split in that proportion.
        const share = zerocopy && zerocopy.sends > 0 ? zerocopy.copiedSends / zerocopy.sends : 1;
        const copied = Math.round(bytes * share);
        copies.userToSocket += copied;
        copies.kernelByReference += bytes - copied;
        calls.userToSocket += Math.round(submissions * share);
        calls.kernelByReference += submissions - Math.round(submissions * share);
        const entry = (syscalls.io_uring_enter ??= { calls: 0, bytes: 0 });
        entry.bytes += bytes;
      }
      copies.kernelMoved = copies.kernelByReference + copies.kernelCopied;
      calls.kernelMoved = calls.kernelByReference + calls.kernelCopied;
      return { syscalls, copies, calls, mmaps, allSyscalls, allSyscallsByName };
    },
  };
}

/** Send counters are 32-bit and wrap: [first, last] may straddle 2^32. */
function inRange(index: number, first: number, last: number): boolean {
  const counter = index % 2 ** 32;
  return first <= last ? counter >= first && counter <= last : counter >= first || counter <= last;
}

/** A reflink shares the copy's extents with the source: the kernel wrote metadata, not the bytes. */
export function asReflink(ledger: Ledger): Ledger {
  const copies = { ...ledger.copies, kernelByReference: ledger.copies.kernelByReference + ledger.copies.kernelCopied, kernelCopied: 0 };
  const calls = { ...ledger.calls, kernelByReference: ledger.calls.kernelByReference + ledger.calls.kernelCopied, kernelCopied: 0 };
  return { ...ledger, copies, calls };
}

/** CPU copies across the user/kernel boundary, per byte delivered: ≈2 read+write, ≈1 mmap+write, 0 sendfile. */
export function copiesPerByte(ledger: Ledger, deliveredBytes: number): number {
  return boundaryDirections.reduce((sum, direction) => sum + ledger.copies[direction], 0) / deliveredBytes;
}

/** Every CPU copy per byte delivered: the boundary's and the kernel's own (copy_file_range on ext4: 0 + 1). */
export function cpuCopiesPerByte(ledger: Ledger, deliveredBytes: number): number {
  return copiesPerByte(ledger, deliveredBytes) + ledger.copies.kernelCopied / deliveredBytes;
}

/** Each syscall enters and leaves the kernel: two mode switches (not context switches). */
export function modeSwitches(ledger: Ledger): number {
  return 2 * ledger.allSyscalls;
}
