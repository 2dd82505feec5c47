// File -> pipe -> socket with splice(2), two calls per chunk: what sendfile does inside the kernel
// (fs/read_write.c do_sendfile -> do_splice_direct, through a pipe the kernel keeps per task),
// done from user space with a pipe of the lab's own. The pipe holds references to the page cache's
// pages, not copies of them (splice(2), NOTES), so the two hops are one transfer.
import { check, checkRetrying } from './kernel/errors.ts';
import { allocate, load, release } from './kernel/memory.ts';
import type { Libc } from './kernel/types.ts';
import type { DataFile } from './file.ts';
import { F_GETPIPE_SZ, F_SETPIPE_SZ, O_CLOEXEC, SPLICE_F_MORE } from './layouts.ts';

interface SplicePipe { read: number; write: number; capacity: number }

/**
 * A pipe as large as one chunk. A pipe holds 16 pages (64 KiB) by default and one splice into it
 * moves at most what fits, so it is grown to the --chunk size with F_SETPIPE_SZ, and each chunk is
 * then exactly one file->pipe and one pipe->socket call. The kernel refuses sizes beyond
 * /proc/sys/fs/pipe-max-size (1 MiB by default) or the user's pipe-user-pages limits with EPERM
 * (on this machine even for root, whose container lacks CAP_SYS_RESOURCE); the request is then halved until the kernel
 * takes it, so the pipe is as large as this system allows, and the kernel's answer decides
 * without a sysctl being read (which Deno would need a permission for).
 */
function openPipe(libc: Libc, chunk: number): SplicePipe {
  const fds = allocate(libc, 8);
  try {
    check(libc, libc.pipe2(fds.address, O_CLOEXEC), 'pipe2');
    load(libc, fds);
    const pipe = { read: fds.data.getInt32(0, true), write: fds.data.getInt32(4, true), capacity: 0 };
    try {
      pipe.capacity = check(libc, libc.fcntl(pipe.write, F_GETPIPE_SZ, 0), 'fcntl(F_GETPIPE_SZ)');
    } catch (error) {
      closePipe(libc, pipe);
      throw error;
    }
    for (let size = chunk; size > pipe.capacity; size = Math.floor(size / 2)) {
      const granted = libc.fcntl(pipe.write, F_SETPIPE_SZ, size);
      if (granted > 0) {
        pipe.capacity = granted;
        break;
      }
    }
    return pipe;
  } finally {
    release(libc, fds);
  }
}

function closePipe(libc: Libc, pipe: SplicePipe): void {
  libc.close(pipe.read);
  libc.close(pipe.write);
}

export function spliceWholeFile(libc: Libc, socket: number, file: DataFile, chunk: number): void {
  const pipe = openPipe(libc, chunk);
  const step = Math.min(chunk, pipe.capacity);
  // The file's side takes an offset pointer (advanced by the kernel); a pipe's side must take none.
  const offset = allocate(libc, 8);
  try {
    for (let remaining = file.size; remaining > 0;) {
      const inPipe = checkRetrying(libc, 'splice(file -> pipe)', () => libc.splice(file.fd, offset.address, pipe.write, 0, Math.min(step, remaining), 0));
      if (inPipe === 0) throw new Error(`splice returned 0 with ${remaining} bytes left: the file is shorter than it was`);
      remaining -= inPipe;
      // SPLICE_F_MORE while more of the file follows: "more data will be coming in a subsequent
      // splice", a hint to the socket like send's MSG_MORE (splice(2)).
      const more = remaining > 0 ? SPLICE_F_MORE : 0;
      for (let left = inPipe; left > 0;) left -= checkRetrying(libc, 'splice(pipe -> socket)', () => libc.splice(pipe.read, 0, socket, 0, left, more));
    }
  } finally {
    release(libc, offset);
    closePipe(libc, pipe);
  }
}
