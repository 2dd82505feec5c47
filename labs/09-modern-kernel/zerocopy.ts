// MSG_ZEROCOPY (Documentation/networking/msg_zerocopy.rst): SO_ZEROCOPY on the connection, then
// send(MSG_ZEROCOPY) chunk by chunk straight from a shared mapping of the file, so no read() copies
// it into user memory first. The kernel pins the pages instead of copying them and says when it has
// let go of them on the socket's error queue; it also says whether it copied after all, which over
// loopback it always does ("looped to a local socket will incur a deferred copy").
import { constants } from 'node:os';
import type { ZeroCopyReport } from '../protocol.ts';
import { errnoName, SyscallError, syscallError } from './kernel/errors.ts';
import { allocate, load, release, store, writeAddress } from './kernel/memory.ts';
import type { Libc } from './kernel/types.ts';
import { parseExtendedErrors, rangeSends, zeroCopyRange, type CompletedRange } from './errqueue.ts';
import { mapFile, slice, unmap, type DataFile } from './file.ts';
import { MSG_DONTWAIT, MSG_ERRQUEUE, MSG_NOSIGNAL, MSG_ZEROCOPY, POLLERR, SOL_SOCKET, SO_ZEROCOPY, msghdr } from './layouts.ts';
import { closeQuietly, pollOne, tcpSocket } from './listen.ts';

const { EAGAIN, EINTR, ENOBUFS, ENOPROTOOPT } = constants.errno;

/** How long the last completions may take after the last send: the client is reading on loopback. */
const completionTimeoutMs = 30_000;

function enableZeroCopy(libc: Libc, socket: number): void {
  const one = allocate(libc, 4);
  try {
    one.data.setInt32(0, 1, true);
    store(libc, one);
    if (libc.setsockopt(socket, SOL_SOCKET, SO_ZEROCOPY, one.address, 4) === -1) throw syscallError(libc, 'setsockopt(SOL_SOCKET, SO_ZEROCOPY)');
  } finally {
    release(libc, one);
  }
}

/** Null when this kernel takes SO_ZEROCOPY on a TCP socket; else why not. */
export function probeZeroCopy(libc: Libc): string | null {
  let fd = -1;
  try {
    fd = tcpSocket(libc);
    enableZeroCopy(libc, fd);
    return null;
  } catch (error) {
    if (error instanceof SyscallError && error.errno === ENOPROTOOPT) return `${error.message}: this kernel predates MSG_ZEROCOPY (TCP since Linux 4.14)`;
    return (error as Error).message;
  } finally {
    closeQuietly(libc, fd);
  }
}

/** One reusable msghdr for recvmsg(MSG_ERRQUEUE), with no iovec: a completion carries no payload. */
function errorQueue(libc: Libc, socket: number) {
  const message = allocate(libc, msghdr.size);
  const control = allocate(libc, 256);
  return {
    /** Every completion queued now, without waiting (error-queue reads never block). */
    drain(): CompletedRange[] {
      const ranges: CompletedRange[] = [];
      for (;;) {
        writeAddress(message.data, msghdr.control, control.address);
        message.data.setBigUint64(msghdr.controlLength, BigInt(control.size), true);
        message.data.setInt32(msghdr.flags, 0, true);
        store(libc, message);
        if (libc.recvmsg(socket, message.address, MSG_ERRQUEUE | MSG_DONTWAIT) === -1) {
          const errno = libc.errno();
          if (errno === EAGAIN) return ranges;
          if (errno === EINTR) continue;
          throw syscallError(libc, 'recvmsg(MSG_ERRQUEUE)', errno);
        }
        load(libc, message);
        load(libc, control);
        const length = Math.min(Number(message.data.getBigUint64(msghdr.controlLength, true)), control.size);
        for (const entry of parseExtendedErrors(control.bytes.subarray(0, length))) {
          const range = zeroCopyRange(entry);
          if (!range) throw new Error(`the socket's error queue reported ${errnoName(entry.errno)} (origin ${entry.origin}) instead of a zero-copy completion`);
          ranges.push(range);
        }
      }
    },
    release() {
      release(libc, message);
      release(libc, control);
    },
  };
}

export function sendZeroCopy(libc: Libc, socket: number, file: DataFile, chunk: number): ZeroCopyReport {
  enableZeroCopy(libc, socket);
  const mapping = mapFile(libc, file);
  const queue = errorQueue(libc, socket);
  const ranges: CompletedRange[] = [];
  let sends = 0;
  let completed = 0;
  const collect = () => {
    for (const range of queue.drain()) {
      ranges.push(range);
      completed += rangeSends(range);
    }
  };
  // Waits for at least one more completion, or throws once `deadline` has passed.
  const awaitCompletion = (deadline: number, why: string) => {
    const before = completed;
    const revents = pollOne(libc, socket, 0, Math.max(0, deadline - Date.now()));
    if (!(revents & POLLERR)) throw new Error(`${why}: ${sends - completed} of ${sends} MSG_ZEROCOPY sends still had no completion after ${completionTimeoutMs / 1000} s`);
    collect();
    if (completed === before) throw new Error(`${why}: poll reported POLLERR but the error queue held no completion: the connection failed`);
  };
  try {
    for (let offset = 0; offset < mapping.size;) {
      const length = Math.min(chunk, mapping.size - offset);
      const sent = libc.send(socket, slice(mapping, offset, length), length, MSG_ZEROCOPY | MSG_NOSIGNAL);
      if (sent === -1) {
        const errno = libc.errno();
        if (errno === EINTR) continue;
        // ENOBUFS: the socket's optmem or the user's locked-pages limit is full of pinned sends;
        // their completions free it (msg_zerocopy.rst, "Transmission").
        if (errno === ENOBUFS && completed < sends) {
          awaitCompletion(Date.now() + completionTimeoutMs, 'send(MSG_ZEROCOPY) hit ENOBUFS');
          continue;
        }
        const error = syscallError(libc, 'send(MSG_ZEROCOPY)', errno);
        if (errno === ENOBUFS) error.message += ' with no send outstanding: net.core.optmem_max or the locked-memory limit (ulimit -l) is too small for one chunk';
        throw error;
      }
      // Each call that sent data, even part of its chunk, takes the next counter value.
      sends += 1;
      offset += sent;
      collect();
    }
    for (const deadline = Date.now() + completionTimeoutMs; completed < sends;) awaitCompletion(deadline, 'after the last send');
  } catch (error) {
    // A connection that failed still gives back what it pinned: the kernel frees its write queue
    // and queues those completions too (they "may arrive out of order on ... socket teardown",
    // msg_zerocopy.rst), so one more look may find them all and let the mapping go.
    try {
      collect();
    } catch {
      // The transfer's own error is the one to report.
    }
    throw error;
  } finally {
    queue.release();
    // A range may be unmapped only once its completion has arrived: until then the kernel may
    // still send from those pages. A transfer that failed with sends outstanding keeps its
    // mapping (of a read-only file: address space only) until the process exits.
    if (completed >= sends) unmap(libc, mapping);
  }
  const copiedSends = ranges.filter((range) => range.copied).reduce((sum, range) => sum + rangeSends(range), 0);
  return { sends, notifications: ranges.length, copiedSends, ranges, copied: sends > 0 && copiedSends === sends };
}
