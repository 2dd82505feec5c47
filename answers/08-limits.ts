// Chapter 08 — Where zero-copy does not fit.
// Read chapters/08-limits.md, fill in each answer, then run: npm run check -- 08
// Leave null for a question you have not answered yet.

export type Sheet = {
  q1: number | null;
  q2: 'a' | 'b' | 'c' | 'd' | null;
  q3: 'a' | 'b' | 'c' | 'd' | null;
  q4: 'a' | 'b' | 'c' | 'd' | null;
  q5: 'a' | 'b' | 'c' | 'd' | null;
  q6: number | null;
};

/** q1. The transform method XORs each byte with 0x5a before sending it. How many times does each byte of the file cross the user/kernel boundary on the server? (a number) */
export const q1: Sheet['q1'] = null;

/** q2. The lab gzips a file of random bytes on the way out. What did it measure?
 *  a) half the bytes on the wire and twice the throughput
 *  b) about as many bytes on the wire as the file (a little more), 19-23× the server CPU per byte of read-write, and 2 copies per byte
 *  c) zero copies: CompressionStream compresses inside the kernel
 *  d) the same CPU as read-write, because compression runs on the client */
export const q2: Sheet['q2'] = null;

/** q3. A server answers requests for single 4 KiB records at random positions in a file. Why does zero-copy gain little there?
 *  a) sendfile cannot start at an offset inside a file
 *  b) each request costs about the same syscalls either way, and the 4 KiB copy it saves is a small share of the per-request work
 *  c) random reads always miss the page cache, and sendfile fails on a cache miss
 *  d) zero-copy is slower than read + write for every size */
export const q3: Sheet['q3'] = null;

/** q4. A server sends a file with sendfile() over a kTLS socket in software mode, with no NIC offload. What is left of the copying?
 *  a) nothing: kTLS is always true zero-copy
 *  b) the bytes go through user space twice, as with OpenSSL
 *  c) no trip through user space, but the kernel's CPU still encrypts every byte once into a new buffer
 *  d) sendfile fails on a TLS socket */
export const q4: Sheet['q4'] = null;

/** q5. From source, not measured here: which of the three runtimes calls Windows' TransmitFile to send a file to a socket?
 *  a) Node, through libuv's uv_fs_sendfile
 *  b) Bun, through Bun.serve
 *  c) Deno, through Deno.serve
 *  d) none of them */
export const q5: Sheet['q5'] = null;

/** q6. Prediction. Bun, tls method (the sendfile method's code behind HTTPS), a 16 MiB file: how many bytes of the file will the server read into user space (file→user)?
 *  Then measure it: npm run lab -- 08 --runtime bun --method tls --size 16MiB */
export const q6: Sheet['q6'] = null;
