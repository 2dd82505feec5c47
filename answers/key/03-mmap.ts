// The key to chapter 03: the questions, hints and explanations, and (below) the filled-in sheet.
import type { Sheet } from '../03-mmap.ts';
import type { ChapterKey } from '../../scripts/check/types.ts';

export const key: ChapterKey = {
  q1: {
    kind: 'choice',
    prompt: 'A server maps a file with mmap() and write()s the mapping to a TCP socket. Which CPU copy is left?',
    choices: {
      a: 'page cache → a user buffer, done by the page faults',
      b: 'the mapping (page-cache pages) → the socket buffer, done by the kernel inside write()',
      c: 'none: mmap + write is zero-copy',
      d: 'disk → page cache',
    },
    answer: 'b',
    hints: ['A page fault maps a page; does it copy one?', 'write() is given a user address. What must the kernel do with the bytes behind it?'],
    explanation: 'The mapping removes the read() copy: the process sees the page-cache pages themselves. write() still copies from that user address into the socket buffer, so one CPU copy per byte crosses the boundary (lab 03: file→user 0, user→socket 64 MiB, 1.00 copies per byte). Disk → page cache is DMA.',
  },
  q2: {
    kind: 'choice',
    prompt: "With mmap + write and no read() at all, how do the file's bytes get into the process's view of the file?",
    choices: {
      a: 'mmap() copies the whole file into memory before it returns',
      b: 'the first touch of each unmapped page is a page fault; the kernel maps the page-cache page, no copy',
      c: 'write() reads the file for the process',
      d: 'a helper thread calls read() in the background',
    },
    answer: 'b',
    hints: ['mmap() returned at once in the trace, and no read() on the file followed.', 'Look at the faults column of lab 03.'],
    explanation: 'mmap() only reserves addresses. Touching a page that is not mapped yet traps into the kernel (a page fault); the kernel finds the page in the page cache (a minor fault, or a major one if it must read the disk), maps it and resumes the instruction. The trace of Bun\'s mmap-write shows one mmap and no read of the data file.',
  },
  q3: {
    kind: 'choice',
    prompt: 'A process has a file mapped with MAP_SHARED. Another process truncates the file to half its size, and the first one then reads a byte in the second half of the mapping. What happens?',
    choices: {
      a: 'it reads zeros',
      b: 'it still reads the old bytes',
      c: 'the process gets SIGBUS, which kills it unless handled; JavaScript cannot catch it',
      d: 'the read returns an error code the program can check',
    },
    answer: 'c',
    hints: ['A memory access has no return value to carry an error.', 'Read the list of signals near the end of man 2 mmap.'],
    explanation: 'mmap(2): access to "a page of the buffer that lies beyond the end of the mapped file" raises SIGBUS, whose default action kills the process. On Bun 1.4.5 the workbook saw "panic(main thread): Bus error" and exit status 135; no try/catch helps.',
  },
  q4: {
    kind: 'choice',
    prompt: 'A 16 MiB file is 4,096 pages of 4 KiB, yet the lab counted 33 minor page faults for the whole mmap-write transfer. What is the likely reason?',
    choices: {
      a: 'strace hides page faults',
      b: 'mmap() read the whole file in advance',
      c: 'the kernel maps many pages per fault: fault-around maps neighbouring cached pages, and large folios can be mapped in bigger pieces',
      d: 'the socket read the file itself',
    },
    answer: 'c',
    hints: ['The faults column comes from getrusage(), not from strace.', 'On a read fault, does the kernel map only the one page that was touched?'],
    explanation: 'On a read fault the kernel also maps nearby pages already in the page cache (fault-around, 64 KiB by default in mm/memory.c), and recent kernels keep file data in large folios that can be mapped in larger pieces. The lab does not measure which one did it; a side check on a 64 MiB file found ~1,100 faults when it had been written 4 KiB at a time and 32-141 when it was written in a single write.',
  },
  q5: {
    kind: 'choice',
    prompt: 'Why would a message broker map its log files rather than read() them?',
    choices: {
      a: 'mmap makes sending to consumers zero-copy',
      b: 'appends become memory copies into the mapping and lookups at any offset need no read() copy, for a few large files that stay mapped a long time',
      c: 'mapped files cannot be truncated',
      d: 'mmap works under TLS and sendfile does not',
    },
    answer: 'b',
    hints: ['mmap + write still copies once per byte on the way to a socket.', 'What does a broker do with its log besides sending it?'],
    explanation: 'A mapping turns appends and random lookups into memory accesses with no syscall and no copy into a buffer, and a few large, long-lived files amortise the mapping costs (faults, TLB shootdowns on munmap). RocketMQ maps its CommitLog and Kafka its indexes; sending to consumers is a separate choice (Kafka uses sendfile; chapter 10).',
  },
  q6: {
    kind: 'prediction',
    prompt: 'Bun, mmap-write method, a 16 MiB file: how many times will each byte cross the user/kernel boundary on the server (copies per byte)?',
    measured: { lab: '03', runtime: 'bun', method: 'mmap-write', bytes: 16777216, metric: 'copiesPerByte' },
    tolerance: 0.02,
    answer: 1,
    hints: ['Which syscall would copy the file into user space, and is there one?', 'The send still starts from a user address.'],
    explanation: 'Once: no read() copies the file in (file→user 0), and the sends copy all 16 MiB from the mapping into the socket buffer (user→socket 16 MiB). 16 MiB / 16 MiB = 1.00, against 2.00 for read-write.',
  },
};

export const q1: Sheet['q1'] = 'b';
export const q2: Sheet['q2'] = 'b';
export const q3: Sheet['q3'] = 'c';
export const q4: Sheet['q4'] = 'c';
export const q5: Sheet['q5'] = 'b';
export const q6: Sheet['q6'] = 1;
