// Chapter 09 — The modern kernel: splice, MSG_ZEROCOPY, io_uring, kTLS.
// Read chapters/09-modern-kernel.md, fill in each answer, then run: npm run check -- 09
// Leave null for a question you have not answered yet.

export type Sheet = {
  q1: 'a' | 'b' | 'c' | 'd' | null;
  q2: number | null;
  q3: 'a' | 'b' | 'c' | 'd' | null;
  q4: 'a' | 'b' | 'c' | 'd' | null;
  q5: 'a' | 'b' | 'c' | 'd' | null;
  q6: number | null;
  q7: number | null;
  q8: number | null;
  q9: number | null;
};

/** q1. Two processes on the same machine exchange data over 127.0.0.1, and the sender uses MSG_ZEROCOPY. What happens to the copy?
 *  a) nothing is copied: without a NIC in the way, loopback is always zero-copy
 *  b) send() fails with ENOBUFS
 *  c) the kernel makes a deferred copy, so a local test shows no improvement
 *  d) the receiver reads the sender's pinned pages directly */
export const q1: Sheet['q1'] = null;

/** q2. How many completion queue entries (CQEs) does one successful io_uring IORING_OP_SEND_ZC request produce? (a number) */
export const q2: Sheet['q2'] = null;

/** q3. A server sends a file with sendfile() over a kTLS socket, software mode, no NIC offload. What does the CPU still do with each byte?
 *  a) nothing: kTLS makes sendfile fully zero-copy
 *  b) it copies each byte into user space for OpenSSL and back, as without kTLS
 *  c) the NIC encrypts, so the CPU never touches the data
 *  d) it reads each byte once and writes its ciphertext into a kernel buffer; the copies into and out of user space are gone */
export const q3: Sheet['q3'] = null;

/** q4. Why is MSG_ZEROCOPY usually not worth it for 2 KB writes?
 *  a) pinning pages and handling completion notifications cost more than copying 2 KB; the kernel documentation says it is generally only effective above about 10 KB
 *  b) MSG_ZEROCOPY only works on UDP sockets
 *  c) the kernel rejects writes under 4 KB with EINVAL
 *  d) small writes always go through loopback */
export const q4: Sheet['q4'] = null;

/** q5. What does the libuv bundled with Node.js use io_uring for, by default?
 *  a) network sends, through IORING_OP_SEND_ZC
 *  b) nothing: io_uring is off by default (CVE-2024-22017); with UV_USE_IO_URING=1 it is used for file operations, not for sockets
 *  c) splice between files and sockets
 *  d) every read and write, sockets included */
export const q5: Sheet['q5'] = null;

/** q6. Since which Linux version can a program queue a zero-copy send with io_uring (IORING_OP_SEND_ZC)? (a number) */
export const q6: Sheet['q6'] = null;

/** q7. Prediction. Node, msg-zerocopy method, a 16 MiB file sent in 64 KiB chunks over loopback: how many of its sends will the kernel report as copied?
 *  Then measure it: npm run lab -- 09 --runtime node --method msg-zerocopy --size 16MiB */
export const q7: Sheet['q7'] = null;

/** q8. Prediction. Bun, io-uring-send-zc method, a 16 MiB file over loopback: how many copies per byte across the user/kernel boundary will the lab count?
 *  Then measure it: npm run lab -- 09 --runtime bun --method io-uring-send-zc --size 16MiB */
export const q8: Sheet['q8'] = null;

/** q9. Prediction. Deno, splice-ffi method, a 16 MiB file, file → pipe → socket over loopback (which has scatter-gather): how many CPU copies per byte, counting the kernel's own?
 *  Then measure it: npm run lab -- 09 --runtime deno --method splice-ffi --size 16MiB */
export const q9: Sheet['q9'] = null;
