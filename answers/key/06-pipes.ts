// The key to chapter 06: the questions, hints and explanations, and (below) the filled-in sheet.
import type { Sheet } from '../06-pipes.ts';
import type { ChapterKey } from '../../scripts/check/types.ts';

export const key: ChapterKey = {
  q1: {
    kind: 'choice',
    prompt: 'What does splice() require of its two file descriptors?',
    choices: { a: 'both must be sockets', b: 'at least one of them must be a pipe', c: 'both must be regular files', d: 'nothing: any two file descriptors' },
    answer: 'b',
    hints: ['Sending a file to a socket with splice takes two calls. Through what?', 'Read the first paragraph of man 2 splice.'],
    explanation: 'splice(2) moves data "where one of the file descriptors must refer to a pipe" (both may be pipes since 2.6.31). The pipe is what holds the page references, so file → socket takes two splices: file → pipe, pipe → socket.',
  },
  q2: {
    kind: 'number',
    prompt: "What is a pipe's default capacity on Linux with 4 KiB pages, in KiB?",
    answer: 64,
    hints: ['pipe(7) gives it in pages.', '16 pages of 4 KiB.'],
    explanation: 'Since Linux 2.6.11 a pipe holds 16 pages, 65,536 bytes with 4 KiB pages (pipe(7)). Since 2.6.35, F_SETPIPE_SZ can change it, up to /proc/sys/fs/pipe-max-size (1 MiB by default) without privileges.',
  },
  q3: {
    kind: 'choice',
    prompt: 'What does tee() do?',
    choices: {
      a: "writes a pipe's data to a file and to stdout at once, consuming it",
      b: 'duplicates the data in one pipe into another pipe without consuming it; both must be pipes',
      c: 'copies a file into a pipe',
      d: 'maps user pages into a pipe',
    },
    answer: 'b',
    hints: ['It is named after the shell command, but it works on pipes only.', 'After tee(), can the data still be read from the first pipe?'],
    explanation: 'tee(2) duplicates up to len bytes from one pipe into another without consuming the input; both fds must be pipes (EINVAL otherwise). The copy is of page references, so the data can then be spliced two ways, e.g. to a socket (page references again, on a scatter-gather route) and to a log file (there the kernel copies: iter_file_splice_write writes the pages into the file).',
  },
  q4: {
    kind: 'choice',
    prompt: 'A process reads from a pipe into its own buffer with vmsplice(). What happens to the data?',
    choices: {
      a: "the pipe's pages are mapped into the process, no copy",
      b: 'the kernel just copies it into the buffer, as read() would',
      c: 'it fails: vmsplice only works towards a pipe',
      d: 'the pages are gifted to the process',
    },
    answer: 'b',
    hints: ['vmsplice is zero-copy in one direction only.', 'Read the NOTES of man 2 vmsplice.'],
    explanation: 'vmsplice(2) maps user pages into a pipe (with SPLICE_F_GIFT, for good). In the other direction, pipe → user memory, the man page says it "actually just copies". So a reader of a pipe always pays one copy, like the client in the lab.',
  },
  q5: {
    kind: 'choice',
    prompt: 'Why could the lab measure no sendfile method for Node and Deno?',
    choices: {
      a: 'the kernel forbids sendfile into a pipe',
      b: 'neither runtime has a public API that reaches sendfile or splice; their streams read chunks into JavaScript buffers and write them out',
      c: 'their stdout is not a pipe',
      d: 'sendfile into a pipe needs root',
    },
    answer: 'b',
    hints: ["Bun's row proves the kernel allows it.", 'Look for sendfile or splice in the Node.js and Deno API docs.'],
    explanation: 'sendfile may write into a pipe (out_fd can be any file since Linux 2.6.33; since 5.12 the kernel does it as a splice), and Bun does it through Bun.write(Bun.stdout, Bun.file(path)). Node has no public sendfile or splice (nodejs/node#41393, PR #47970 closed), and Deno exposes none; their pipeline/pipeTo read into JavaScript buffers: 2.00 copies per byte in lab 06.',
  },
  q6: {
    kind: 'prediction',
    prompt: 'Bun, sendfile method, a 16 MiB file written into the default pipe: how many sendfile() calls will the server make?',
    measured: { lab: '06', runtime: 'bun', method: 'sendfile', bytes: 16777216, metric: 'calls.kernelMoved' },
    tolerance: 0.05,
    answer: 256,
    hints: ['One call can move at most what the pipe has room for.', 'Divide the file size by the pipe capacity.'],
    explanation: 'Each sendfile into the pipe fills it and returns, and the next waits for the reader to drain it: 16 MiB / 64 KiB = 256 calls of 65,536 bytes. A pipe enlarged with F_SETPIPE_SZ should need proportionally fewer.',
  },
};

export const q1: Sheet['q1'] = 'b';
export const q2: Sheet['q2'] = 64;
export const q3: Sheet['q3'] = 'b';
export const q4: Sheet['q4'] = 'b';
export const q5: Sheet['q5'] = 'b';
export const q6: Sheet['q6'] = 256;
