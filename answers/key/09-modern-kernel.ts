// The key to chapter 09: the questions, hints and explanations, and (below) the filled-in sheet.
import type { Sheet } from '../09-modern-kernel.ts';
import type { ChapterKey } from '../../scripts/check/types.ts';

export const key: ChapterKey = {
  q1: {
    kind: 'choice',
    prompt: 'Two processes on the same machine exchange data over 127.0.0.1, and the sender uses MSG_ZEROCOPY. What happens to the copy?',
    choices: {
      a: 'nothing is copied: without a NIC in the way, loopback is always zero-copy',
      b: 'send() fails with ENOBUFS',
      c: 'the kernel makes a deferred copy, so a local test shows no improvement',
      d: "the receiver reads the sender's pinned pages directly",
    },
    answer: 'c',
    hints: ['A local receiver might never read its socket. How long would the sender\'s pages stay pinned?', 'Read the "Loopback" section of Documentation/networking/msg_zerocopy.rst.'],
    explanation: 'msg_zerocopy.rst: "all packets generated with MSG_ZEROCOPY that are looped to a local socket will incur a deferred copy", because a local receiver could leave the data queued indefinitely and the notification latency would be unbounded. A test between two local processes "will not show any improvement", which is why this workbook, whose labs run over 127.0.0.1, teaches MSG_ZEROCOPY from sources.',
  },
  q2: {
    kind: 'number',
    prompt: 'How many completion queue entries (CQEs) does one successful io_uring IORING_OP_SEND_ZC request produce?',
    answer: 2,
    hints: ['One CQE says how many bytes were sent. What tells the program it may reuse the buffer?', 'Look for IORING_CQE_F_NOTIF in io_uring_prep_send_zc(3).'],
    explanation: 'Two: the first carries the result (bytes sent, with IORING_CQE_F_MORE set), the second is a notification flagged IORING_CQE_F_NOTIF saying the kernel no longer touches the buffer. The notification means the memory is released, not that the peer received the data (liburing io_uring_prep_send_zc.3, io_uring_enter.2).',
  },
  q3: {
    kind: 'choice',
    prompt: 'A server sends a file with sendfile() over a kTLS socket, software mode, no NIC offload. What does the CPU still do with each byte?',
    choices: {
      a: 'nothing: kTLS makes sendfile fully zero-copy',
      b: 'it copies each byte into user space for OpenSSL and back, as without kTLS',
      c: 'the NIC encrypts, so the CPU never touches the data',
      d: 'it reads each byte once and writes its ciphertext into a kernel buffer; the copies into and out of user space are gone',
    },
    answer: 'd',
    hints: ['Encryption has to read the plaintext and produce ciphertext somewhere. Who does it in software mode?', 'tls.rst: "The kernel will need to allocate a buffer for the encrypted data."'],
    explanation: 'Software kTLS encrypts in the kernel into a newly allocated buffer, so every byte is still read and its ciphertext written once by the CPU. What kTLS removes is the round trip through user space: no read() into the process, no write() back. Only NIC offload (TLS_HW), with the TLS_TX_ZEROCOPY_RO option since Linux 5.19, gives what tls.rst calls "true zero-copy behavior".',
  },
  q4: {
    kind: 'choice',
    prompt: 'Why is MSG_ZEROCOPY usually not worth it for 2 KB writes?',
    choices: {
      a: 'pinning pages and handling completion notifications cost more than copying 2 KB; the kernel documentation says it is generally only effective above about 10 KB',
      b: 'MSG_ZEROCOPY only works on UDP sockets',
      c: 'the kernel rejects writes under 4 KB with EINVAL',
      d: 'small writes always go through loopback',
    },
    answer: 'a',
    hints: ['Zero-copy is not free: what does the kernel do instead of copying?', 'See "Opportunity and Caveats" in msg_zerocopy.rst.'],
    explanation: 'msg_zerocopy.rst: page pinning "replaces per byte copy cost with page accounting and completion notification overhead. As a result, MSG_ZEROCOPY is generally only effective at writes over around 10 KB." The flag is per call, so a program can use it for large sends and copy small ones. It works for TCP and UDP alike.',
  },
  q5: {
    kind: 'choice',
    prompt: 'What does the libuv bundled with Node.js use io_uring for, by default?',
    choices: {
      a: 'network sends, through IORING_OP_SEND_ZC',
      b: 'nothing: io_uring is off by default (CVE-2024-22017); with UV_USE_IO_URING=1 it is used for file operations, not for sockets',
      c: 'splice between files and sockets',
      d: 'every read and write, sockets included',
    },
    answer: 'b',
    hints: ['Look for uv__use_io_uring in deps/uv/src/unix/linux.c of nodejs/node.', 'Which requests does libuv put on its ring: uv__iou_fs_read_or_write, uv__iou_fs_open … or sends?'],
    explanation: 'Node\'s copy of libuv says "Disable io_uring by default due to CVE-2024-22017" and re-enables it only with UV_USE_IO_URING=1. Even then the ring carries file operations (read, write, open, close, statx, fsync, rename…), never socket sends. None of the workbook\'s traces of node 20.20.2 contains an io_uring_enter call.',
  },
  q6: {
    kind: 'number',
    prompt: 'Since which Linux version can a program queue a zero-copy send with io_uring (IORING_OP_SEND_ZC)?',
    answer: 6.0,
    hints: ['It is much newer than MSG_ZEROCOPY (4.14).', 'io_uring_enter(2) ends each opcode with "Available since …".'],
    explanation: 'IORING_OP_SEND_ZC is "Available since 6.0" (liburing man/io_uring_enter.2); IORING_OP_SENDMSG_ZC followed in 6.1. The socket-level MSG_ZEROCOPY it builds on dates from 4.14, and io_uring zero-copy receive (IORING_OP_RECV_ZC) from 6.15.',
  },
};

export const q1: Sheet['q1'] = 'c';
export const q2: Sheet['q2'] = 2;
export const q3: Sheet['q3'] = 'd';
export const q4: Sheet['q4'] = 'a';
export const q5: Sheet['q5'] = 'b';
export const q6: Sheet['q6'] = 6.0;
