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
    explanation: 'msg_zerocopy.rst: "all packets generated with MSG_ZEROCOPY that are looped to a local socket will incur a deferred copy", because a local receiver could leave the data queued indefinitely and the notification latency would be unbounded; a test between two local processes "will not show any improvement". Lab 09 shows the kernel saying so itself: every completion on the error queue carried SO_EE_CODE_ZEROCOPY_COPIED (256 of 256 sends copied), so the row counts 1.00 copies per byte, the same as mmap + write.',
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
    explanation: 'Software kTLS encrypts in the kernel into a newly allocated buffer, so every byte is still read and its ciphertext written once by the CPU. What kTLS removes is the round trip through user space: no read() into the process, no write() back. Only NIC offload (TLS_HW), with the TLS_TX_ZEROCOPY_RO option since Linux 5.19, gives what tls.rst calls "true zero-copy behavior". Whether a kernel has kTLS at all is what lab 09\'s probe asks: setsockopt(TCP_ULP, "tls") failed with ENOENT on the workbook\'s machine (CONFIG_TLS not set).',
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
    explanation: 'Node\'s copy of libuv says "Disable io_uring by default due to CVE-2024-22017" and re-enables it only with UV_USE_IO_URING=1. Even then the ring carries file operations (read, write, open, close, statx, fsync, rename…), never socket sends. No trace of node 20.20.2 in labs 01 to 08 contains an io_uring_enter call; the io_uring_enter calls in lab 09 are the lab\'s own ring, driven through FFI.',
  },
  q6: {
    kind: 'number',
    prompt: 'Since which Linux version can a program queue a zero-copy send with io_uring (IORING_OP_SEND_ZC)?',
    answer: 6.0,
    hints: ['It is much newer than MSG_ZEROCOPY (4.14).', 'io_uring_enter(2) ends each opcode with "Available since …".'],
    explanation: 'IORING_OP_SEND_ZC is "Available since 6.0" (liburing man/io_uring_enter.2); IORING_OP_SENDMSG_ZC followed in 6.1. The socket-level MSG_ZEROCOPY it builds on dates from 4.14, and io_uring zero-copy receive (IORING_OP_RECV_ZC) from 6.15.',
  },
  q7: {
    kind: 'prediction',
    prompt: 'Node, msg-zerocopy method, a 16 MiB file sent in 64 KiB chunks over loopback: how many of its sends will the kernel report as copied?',
    measured: { lab: '09', runtime: 'node', method: 'msg-zerocopy', bytes: 16777216, metric: 'zerocopy.copiedSends' },
    tolerance: 0.02,
    answer: 256,
    hints: ['16 MiB / 64 KiB sends, each one a MSG_ZEROCOPY call. What does msg_zerocopy.rst say about packets looped to a local socket?', 'The completions on the error queue carry ee_code; SO_EE_CODE_ZEROCOPY_COPIED means the kernel copied.'],
    explanation: 'All of them: 16 MiB / 64 KiB = 256 sends, and over loopback every one "will incur a deferred copy" (msg_zerocopy.rst). The lab reads the completions from the error queue (recvmsg MSG_ERRQUEUE): origin SO_EE_ORIGIN_ZEROCOPY, a range of send counters, and ee_code SO_EE_CODE_ZEROCOPY_COPIED on every range, so 256 of 256. The kernel coalesces completions, so there are fewer notifications than sends. A send that goes out in two pieces counts twice, hence the tolerance.',
  },
  q8: {
    kind: 'prediction',
    prompt: 'Bun, io-uring-send-zc method, a 16 MiB file over loopback: how many copies per byte across the user/kernel boundary will the lab count?',
    measured: { lab: '09', runtime: 'bun', method: 'io-uring-send-zc', bytes: 16777216, metric: 'copiesPerByte' },
    tolerance: 0.02,
    answer: 1,
    hints: ['The sends come from an mmap of the file, so there is no read() copy. What is left?', 'With IORING_SEND_ZC_REPORT_USAGE the notification CQE says whether the kernel copied (IORING_NOTIF_USAGE_ZC_COPIED). What does loopback do to a zero-copy send?'],
    explanation: 'One: nothing is read into user space (the file is mapped), but over loopback the kernel copies the data when it reaches the local receiver, and every notification said IORING_NOTIF_USAGE_ZC_COPIED, so the ledger counts the 16 MiB as a user → socket copy: 1.00, exactly mmap + write. strace sees only io_uring_enter; the bytes come from the completions. On a NIC with scatter-gather the same send could be 0.00.',
  },
  q9: {
    kind: 'prediction',
    prompt: 'Deno, splice-ffi method, a 16 MiB file, file → pipe → socket over loopback (which has scatter-gather): how many CPU copies per byte, counting the kernel\'s own?',
    measured: { lab: '09', runtime: 'deno', method: 'splice-ffi', bytes: 16777216, metric: 'cpuCopiesPerByte' },
    tolerance: 0.01,
    answer: 0,
    hints: ['File → pipe puts page references into the pipe. What does pipe → socket do with them when the route has scatter-gather?', 'Look at the Route line under the lab 09 table.'],
    explanation: 'Zero: splice(file → pipe) fills the pipe with references to the file\'s page-cache pages, and splice(pipe → socket) hands those references to the socket, which keeps them (tcp_sendmsg_locked sets MSG_SPLICE_PAGES because lo has NETIF_F_SG, read by the lab with ETHTOOL_GSG). 512 splice calls, one transfer, "16 MiB by ref". Into a regular file the same pipe would be copied (iter_file_splice_write → vfs_iter_write), and on a card without scatter-gather the socket would copy once.',
  },
};

export const q1: Sheet['q1'] = 'c';
export const q2: Sheet['q2'] = 2;
export const q3: Sheet['q3'] = 'd';
export const q4: Sheet['q4'] = 'a';
export const q5: Sheet['q5'] = 'b';
export const q6: Sheet['q6'] = 6.0;
export const q7: Sheet['q7'] = 256;
export const q8: Sheet['q8'] = 1;
export const q9: Sheet['q9'] = 0;
