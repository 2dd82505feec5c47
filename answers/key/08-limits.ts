// The key to chapter 08: the questions, hints and explanations, and (below) the filled-in sheet.
import type { Sheet } from '../08-limits.ts';
import type { ChapterKey } from '../../scripts/check/types.ts';

export const key: ChapterKey = {
  q1: {
    kind: 'number',
    prompt: 'The transform method XORs each byte with 0x5a before sending it. How many times does each byte of the file cross the user/kernel boundary on the server?',
    answer: 2,
    hints: ['Can a program change a byte it has not read into its own memory?', 'Look at the copies/byte column of the transform rows in lab 08.'],
    explanation: 'Twice: read() brings each byte into the process, the XOR changes it there, and write() copies it back into the kernel (lab 08: the whole file file→user and again user→socket, 2.00 copies per byte in every runtime). The XOR is extra work on top: about twice the server CPU per byte of read-write.',
  },
  q2: {
    kind: 'choice',
    prompt: 'The lab gzips a file of random bytes on the way out. What did it measure?',
    choices: {
      a: 'half the bytes on the wire and twice the throughput',
      b: 'about as many bytes on the wire as the file (a little more), 19-23× the server CPU per byte of read-write, and 2 copies per byte',
      c: 'zero copies: CompressionStream compresses inside the kernel',
      d: 'the same CPU as read-write, because compression runs on the client',
    },
    answer: 'b',
    hints: ['Can random bytes be compressed?', 'Compare the user→socket column of the gzip rows with their file column, and their CPU per MiB with read-write.'],
    explanation: 'Random data does not compress, so user→socket was 2.0 MiB for the 2 MiB file the gzip rows send. The server compressed every byte in user space (2.00 copies per byte) at 19-23× the CPU per byte of its read-write, and throughput fell to 15-25 MiB/s. Compression pays when data compresses and is done once, as Kafka does on the producer, not on every send.',
  },
  q3: {
    kind: 'choice',
    prompt: 'A server answers requests for single 4 KiB records at random positions in a file. Why does zero-copy gain little there?',
    choices: {
      a: 'sendfile cannot start at an offset inside a file',
      b: 'each request costs about the same syscalls either way, and the 4 KiB copy it saves is a small share of the per-request work',
      c: 'random reads always miss the page cache, and sendfile fails on a cache miss',
      d: 'zero-copy is slower than read + write for every size',
    },
    answer: 'b',
    hints: ['Chapter 04: what cost more at 4 KiB, the copies or the calls?', 'Count the syscalls of one request with pread + write and with sendfile.'],
    explanation: 'One request needs a recv, a header send and epoll either way; pread + write or one sendfile moves the 4 KiB. In lab 04, 4 KiB buffers cost Node about eight times the CPU per MiB of 64 KiB buffers with the same bytes copied, so per-call cost dominates. Bun does not use sendfile below 1 MiB for this reason. sendfile takes any offset (Kafka depends on it), and databases keep their own buffer pool, often filled with O_DIRECT.',
  },
  q4: {
    kind: 'choice',
    prompt: 'A server sends a file with sendfile() over a kTLS socket in software mode, with no NIC offload. What is left of the copying?',
    choices: {
      a: 'nothing: kTLS is always true zero-copy',
      b: 'the bytes go through user space twice, as with OpenSSL',
      c: "no trip through user space, but the kernel's CPU still encrypts every byte once into a new buffer",
      d: 'sendfile fails on a TLS socket',
    },
    answer: 'c',
    hints: ['tls.rst: "The kernel will need to allocate a buffer for …"', 'Which option makes kTLS "true zero-copy", and what does it need?'],
    explanation: 'With kTLS, sendfile sends the file over TLS records built in the kernel, so nothing goes to user space and back. In software mode the kernel encrypts into a buffer it allocates: one read-encrypt-write pass per byte. Only NIC offload with TLS_TX_ZEROCOPY_RO (Linux 5.19) sends the file pages to the card without an in-kernel copy.',
  },
  q5: {
    kind: 'choice',
    prompt: "From source, not measured here: which of the three runtimes calls Windows' TransmitFile to send a file to a socket?",
    choices: {
      a: "Node, through libuv's uv_fs_sendfile",
      b: 'Bun, through Bun.serve',
      c: 'Deno, through Deno.serve',
      d: 'none of them',
    },
    answer: 'd',
    hints: ["Read libuv's src/win/fs.c, fs__sendfile.", "Bun's canSendfile() has a test for Windows."],
    explanation: "None. libuv's Windows fs__sendfile is a _read/_write loop with a 64 KiB buffer (and Node exposes no sendfile anyway); Bun's canSendfile() returns false on Windows and uses read + write; Deno has no sendfile on any OS. Windows has TransmitFile; what is missing is a runtime that calls it.",
  },
  q6: {
    kind: 'prediction',
    prompt: 'Bun, tls method (the sendfile method\'s code behind HTTPS), a 16 MiB file: how many bytes of the file will the server read into user space (file→user)?',
    measured: { lab: '08', runtime: 'bun', method: 'tls', bytes: 16777216, metric: 'copies.fileToUser' },
    tolerance: 0.01,
    answer: 16777216,
    hints: ['What does Bun\'s canSendfile() return when TLS is on?', 'The TLS library must encrypt the bytes: where do they have to be?'],
    explanation: 'All of it, 67,108,864 bytes: with TLS on, Bun skips sendfile and reads the file in 256 reads of 256 KiB, encrypts in user space and sends the ciphertext (581 sendto calls). The same code without TLS read 0 bytes and made 42 sendfile calls.',
  },
};

export const q1: Sheet['q1'] = 2;
export const q2: Sheet['q2'] = 'b';
export const q3: Sheet['q3'] = 'b';
export const q4: Sheet['q4'] = 'c';
export const q5: Sheet['q5'] = 'd';
export const q6: Sheet['q6'] = 16777216;
