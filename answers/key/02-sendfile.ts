// The key to chapter 02: the questions, hints and explanations, and (below) the filled-in sheet.
import type { Sheet } from '../02-sendfile.ts';
import type { ChapterKey } from '../../scripts/check/types.ts';

export const key: ChapterKey = {
  q1: {
    kind: 'number',
    prompt: 'With sendfile(), how many times does the CPU copy each byte across the user/kernel boundary?',
    answer: 0,
    hints: ['sendfile takes two file descriptors and no buffer of yours.', 'Look at the copies/byte column of the bun sendfile row in lab 02.'],
    explanation: 'None: the bytes go from the page cache to the socket inside the kernel, so nothing crosses into user space (lab 02: copies/byte 0.00, file→user 0). DMA copies remain, and without a scatter-gather NIC the kernel still copies page cache → socket buffer: "zero-copy" means zero CPU copies across the boundary.',
  },
  q2: {
    kind: 'choice',
    prompt: "Since Linux 2.6.33, what may sendfile()'s out_fd be?",
    choices: { a: 'only a TCP socket', b: 'any file, including a regular file', c: 'only a pipe', d: 'only a UNIX socket' },
    answer: 'b',
    hints: ['The restriction in sendfile(2) is on in_fd, not out_fd.', 'Read the NOTES and VERSIONS of man 2 sendfile.'],
    explanation: 'sendfile(2): "Before Linux 2.6.33, out_fd must refer to a socket. Since Linux 2.6.33 it can be any file." The restriction is on in_fd, which must support mmap-like operations (not a socket). So "sendfile is for TCP" is out of date.',
  },
  q3: {
    kind: 'choice',
    prompt: 'Bun.serve answers with new Response(Bun.file(path)). For a 512 KiB file on Linux, what does Bun 1.4.5 do?',
    choices: { a: 'sendfile(), as for every file', b: 'mmap() then write()', c: 'read() into user space and send(): files under 1 MiB do not take the sendfile path', d: 'copy_file_range()' },
    answer: 'c',
    hints: ['Run npm run lab -- 02 --runtime bun --method sendfile --size 512KiB and look at the syscalls.', "Bun's FileResponseStream has a size test before it chooses sendfile."],
    explanation: 'Bun (PR #29202, FileResponseStream.zig canSendfile) only uses sendfile for files of at least 1 MiB: below that the syscall and readiness overhead does not pay off. The trace of a 512 KiB file shows two 256 KiB read() calls and a send, two copies per byte.',
  },
  q4: {
    kind: 'choice',
    prompt: 'What does Node.js offer for sending a file to a socket without it passing through user space?',
    choices: { a: 'fs.sendfile()', b: "http2's respondWithFile, which calls sendfile()", c: 'nothing public: its file streams and http2 read the file into user space', d: 'stream.pipeline, which the kernel turns into splice()' },
    answer: 'c',
    hints: ['Look for a sendfile in the Node.js API docs.', 'Lab 02 on node: which syscalls move the bytes?'],
    explanation: 'Node has no public sendfile or splice (nodejs/node#41393; PR #47970 was closed). http2 respondWithFile reads 64 KiB chunks through a FileHandle, and pipeline() reads into Buffers: lab 02 shows read + write and 2.00 copies per byte.',
  },
  q5: {
    kind: 'prediction',
    prompt: 'Bun, sendfile method, a 16 MiB file: how many bytes of the file will the server read into user space (file→user)?',
    measured: { lab: '02', runtime: 'bun', method: 'sendfile', bytes: 16777216, metric: 'copies.fileToUser' },
    tolerance: 0.01,
    answer: 0,
    hints: ['Above 1 MiB, Bun hands the file to the kernel.', 'Which syscall reads a file into user space, and does it appear in the trace?'],
    explanation: 'Zero: the trace shows sendfile() calls moving all 16 MiB and no read() on the file. The only bytes written from user space are the HTTP response headers.',
  },
};

export const q1: Sheet['q1'] = 0;
export const q2: Sheet['q2'] = 'b';
export const q3: Sheet['q3'] = 'c';
export const q4: Sheet['q4'] = 'c';
export const q5: Sheet['q5'] = 0;
