// The key to chapter 01: the questions, hints and explanations, and (below) the filled-in sheet.
import type { Sheet } from '../01-traditional.ts';
import type { ChapterKey } from '../../scripts/check/types.ts';

export const key: ChapterKey = {
  q1: {
    kind: 'choice',
    prompt: 'Serving a file with read() then write(), which copy is done by the CPU rather than by DMA?',
    choices: { a: 'disk → page cache', b: "page cache → the process's buffer", c: 'socket buffer → NIC', d: 'none of them' },
    answer: 'b',
    hints: ['DMA engines move data between devices and memory; which copy is between two places in memory?',
      'read() has to put the bytes into memory the process owns. Who can do that?'],
    explanation: "Disk → page cache and socket buffer → NIC are DMA transfers. read() copies from the page cache into the process's buffer with the CPU (copy_to_user), and write() copies back into the socket buffer: the two CPU copies of the traditional path (IBM, \"Efficient data transfer through zero copy\").",
  },
  q2: {
    kind: 'number',
    prompt: 'How many times does the CPU copy each byte across the user/kernel boundary on the server, with read() + write()?',
    answer: 2,
    hints: ['Follow one byte: into the process, then out of it.', 'Look at the file→user and user→socket columns of lab 01.'],
    explanation: 'Once into user space (file→user, by read) and once back out (user→socket, by write). Lab 01 measures copies/byte = 2.00 on all three runtimes.',
  },
  q3: {
    kind: 'number',
    prompt: 'How many user↔kernel mode switches does one read() + write() pair of syscalls cost?',
    answer: 4,
    hints: ['Every syscall enters the kernel and comes back.', 'Two syscalls, two transitions each.'],
    explanation: 'Each syscall is a switch into kernel mode and one back: read() and write() make four per chunk. These are mode switches, not context switches: no other thread has to run (Stancevic, Linux Journal 2003; IBM). Four is the floor: the lab counts every syscall of the transfer, and a runtime that hands each read to a worker thread also makes futex, epoll and eventfd calls (Node: about 19 mode switches per 64 KiB chunk in lab 01).',
  },
  q4: {
    kind: 'choice',
    prompt: 'The lab\'s "ctx sw" column counts context switches. What is a context switch?',
    choices: { a: 'the same as a mode switch: entering the kernel for a syscall', b: 'the scheduler taking the CPU from one thread and giving it to another', c: 'a copy between two buffers', d: 'a page fault' },
    answer: 'b',
    hints: ['A syscall runs in the kernel on behalf of the same thread. Does any other thread run?', 'getrusage() counts these as voluntary and involuntary.'],
    explanation: 'A context switch is the scheduler swapping threads (voluntary when a thread blocks, involuntary when it is preempted). The common interview answer calls mode switches "context switches"; the lab shows both: 2 mode switches per syscall, every syscall of the transfer counted, and a separate, different context-switch count from getrusage() (Node, 16 MiB: 4,906 mode switches, 918 context switches).',
  },
  q5: {
    kind: 'prediction',
    prompt: 'Node, read-write method, 64 KiB buffer, a 16 MiB file (the lab\'s default): how many read() calls will the server make on the data file, counting the last one that returns 0?',
    measured: { lab: '01', runtime: 'node', method: 'read-write', bytes: 16777216, metric: 'calls.fileToUser' },
    tolerance: 0.01,
    answer: 257,
    hints: ['Divide the file size by the buffer size.', 'A read loop only knows the file has ended when read() returns 0.'],
    explanation: '16 MiB / 64 KiB = 256 full reads, plus one that returns 0 at end of file: 257. The trace shows each as read(fd</path/data…>, …, 65536) = 65536.',
  },
};

export const q1: Sheet['q1'] = 'b';
export const q2: Sheet['q2'] = 2;
export const q3: Sheet['q3'] = 4;
export const q4: Sheet['q4'] = 'b';
export const q5: Sheet['q5'] = 257;
