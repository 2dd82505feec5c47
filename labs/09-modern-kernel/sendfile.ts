// sendfile(2) from the data file to the connection: the kernel moves the page-cache pages to the
// socket itself, and user space only asks again while bytes remain. One call may move at most
// 0x7ffff000 bytes and may move fewer than asked (sendfile(2), NOTES and RETURN VALUE), so the loop
// asks for whatever is left each time and nothing else happens per call: this is the ceiling the
// other methods are measured against.
import { checkRetrying } from './kernel/errors.ts';
import { allocate, release } from './kernel/memory.ts';
import type { Libc } from './kernel/types.ts';
import type { DataFile } from './file.ts';
import { SENDFILE_MAX } from './layouts.ts';

export function sendWholeFile(libc: Libc, socket: number, file: DataFile): void {
  // With an offset pointer the kernel reads from *offset and advances it, leaving the fd's own
  // position alone, so every transfer starts at byte 0.
  const offset = allocate(libc, 8);
  try {
    for (let remaining = file.size; remaining > 0;) {
      const sent = checkRetrying(libc, 'sendfile', () => libc.sendfile(socket, file.fd, offset.address, Math.min(remaining, SENDFILE_MAX)));
      if (sent === 0) throw new Error(`sendfile returned 0 with ${remaining} bytes left: the file is shorter than it was`);
      remaining -= sent;
    }
  } finally {
    release(libc, offset);
  }
}
