// The key to chapter 04: the questions, hints and explanations, and (below) the filled-in sheet.
import type { Sheet } from '../04-buffers.ts';
import type { ChapterKey } from '../../scripts/check/types.ts';

export const key: ChapterKey = {
  q1: {
    kind: 'choice',
    prompt: 'A read/write loop goes from a 4 KiB buffer to a 64 KiB one. What changes?',
    choices: {
      a: 'copies per byte fall from 2 to 1',
      b: 'the number of syscalls, and so of mode switches, falls about 16-fold; copies per byte stay 2',
      c: 'the bytes no longer pass through user space',
      d: 'nothing measurable',
    },
    answer: 'b',
    hints: ['Every byte still goes into the buffer and out again.', 'Compare the syscall and copies/byte columns of lab 04 at 4 KiB and 64 KiB.'],
    explanation: 'The buffer decides how many syscalls carry the bytes (file / buffer, plus the read that returns 0), never how many bytes cross: lab 04 shows 257 reads for 1 MiB at 4 KiB and 257 for 16 MiB at 64 KiB, 2.00 copies per byte in every row. Fewer calls cut the CPU per MiB of Node more than tenfold (about 48 ms at 4 KiB, 3.4 ms at 64 KiB, in the chapter\'s run).',
  },
  q2: {
    kind: 'choice',
    prompt: 'At 4 KiB, Node made 4,958 mode switches and 789 context switches for 256 chunks. Where do the context switches come from?',
    choices: {
      a: 'every syscall is a context switch',
      b: 'strace stopping the process at each syscall',
      c: "file reads run on worker threads (libuv's pool), so each chunk is handed from the main thread to a worker and back, and the scheduler swaps threads",
      d: 'TCP retransmissions on loopback',
    },
    answer: 'c',
    hints: ['The ctx sw column comes from untraced runs, so strace is not in it.', 'In the trace, which thread ids read the file and which one writes the socket?'],
    explanation: 'A syscall is a mode switch: the same thread enters the kernel and comes back. Context switches happen when the scheduler changes threads. Node reads the file on libuv thread-pool threads and writes on the main thread, so every chunk is a hand-off (about 3 context switches per 4 KiB chunk). The hand-off costs syscalls too (futex, epoll_pwait, eventfd), which is why the lab counts about 19 mode switches per chunk rather than the 4 of the textbook. Bun and Deno also read on worker threads.',
  },
  q3: {
    kind: 'number',
    prompt: 'Node\'s stream method read the 16 MiB file in 257 read() calls. What chunk size, in KiB, does fs.createReadStream use by default?',
    answer: 64,
    hints: ['257 = 256 reads with data plus one that returns 0.', '16 MiB divided by 256.'],
    explanation: '16 MiB / 256 = 64 KiB, the default highWaterMark of an fs.ReadStream (Node.js documentation). Bun\'s Bun.file().stream() reads about 512 KiB at a time and Deno\'s FsFile.readable grows its reads to several MiB, so "a stream" has no fixed chunk size.',
  },
  q4: {
    kind: 'choice',
    prompt: 'With a 256 KiB buffer, Deno read the 16 MiB file in 65 reads (64 chunks) but made 66 sends to the socket. Why?',
    choices: {
      a: "the socket's send buffer took only part of a chunk per write; the rest went in another write",
      b: 'each byte was sent twice',
      c: 'strace counted the writes twice',
      d: 'TCP splits every write into two packets',
    },
    answer: 'a',
    hints: ['Add up the bytes of the 66 sends: is it more than 16 MiB?', 'What does send() return when the socket buffer has less room than you asked to send?'],
    explanation: 'A socket accepts what fits in its send buffer; write() returns the count, and the runtime sends the rest when the socket is writable again. With large chunks it happens more often, so sends can outnumber chunks (in a 64 MiB run Node made 115 writes for 64 chunks of 1 MiB). The sends still add up to exactly the file: a partial write is not an extra copy.',
  },
  q5: {
    kind: 'choice',
    prompt: "Deno's read-write ran at 670 MiB/s with a 256 KiB buffer and 516 MiB/s with 1 MiB, while its server made a quarter of the syscalls and used less CPU per MiB than at 64 KiB. What is the likely reason throughput stopped improving?",
    choices: {
      a: 'bigger buffers copy more bytes',
      b: 'the client, on the same two cores and hashing every byte, sets the pace once the server is cheap enough',
      c: 'the page cache was cold',
      d: 'the kernel caps reads at 64 KiB',
    },
    answer: 'b',
    hints: ['The server spent less CPU per MiB at 1 MiB than at 64 KiB. So who is slow?', 'How many cores does the machine have, and what else runs on them?'],
    explanation: 'Throughput is what the client sees. On a 2-core machine the client shares the CPUs with the server and hashes every byte with SHA-256, so once the server is cheap enough the client is the bottleneck and the differences between 64 KiB, 256 KiB and 1 MiB are noise. The server\'s CPU, which is what a busy server cares about, kept falling.',
  },
  q6: {
    kind: 'prediction',
    prompt: 'Node, read-write method, a 4 KiB buffer, a 1 MiB file (lab 04\'s 4 KiB row sends 256 buffers\' worth): how many read() calls will the server make on the data file, counting the last one that returns 0?',
    measured: { lab: '04', runtime: 'node', method: 'read-write', bytes: 1048576, chunk: 4096, metric: 'calls.fileToUser' },
    tolerance: 0.001,
    answer: 257,
    hints: ['Divide the file size by the buffer size.', 'A read loop only knows the file has ended when read() returns 0.'],
    explanation: '1 MiB / 4 KiB = 256 reads that return data, plus the one that returns 0 at end of file: 257. Each is 2 mode switches, and in Node each is also a hand-off to a libuv worker thread (the futex and epoll_pwait calls beside it in the report\'s top calls).',
  },
};

export const q1: Sheet['q1'] = 'b';
export const q2: Sheet['q2'] = 'c';
export const q3: Sheet['q3'] = 64;
export const q4: Sheet['q4'] = 'a';
export const q5: Sheet['q5'] = 'b';
export const q6: Sheet['q6'] = 257;
