// Chapter 04 — Buffers, syscalls and mode switches.
// Read chapters/04-buffers.md, fill in each answer, then run: npm run check -- 04
// Leave null for a question you have not answered yet.

export type Sheet = {
  q1: 'a' | 'b' | 'c' | 'd' | null;
  q2: 'a' | 'b' | 'c' | 'd' | null;
  q3: number | null;
  q4: 'a' | 'b' | 'c' | 'd' | null;
  q5: 'a' | 'b' | 'c' | 'd' | null;
  q6: number | null;
};

/** q1. A read/write loop goes from a 4 KiB buffer to a 64 KiB one. What changes?
 *  a) copies per byte fall from 2 to 1
 *  b) the number of syscalls, and so of mode switches, falls about 16-fold; copies per byte stay 2
 *  c) the bytes no longer pass through user space
 *  d) nothing measurable */
export const q1: Sheet['q1'] = null;

/** q2. At 4 KiB, Node made 4,958 mode switches and 789 context switches for 256 chunks. Where do the context switches come from?
 *  a) every syscall is a context switch
 *  b) strace stopping the process at each syscall
 *  c) file reads run on worker threads (libuv's pool), so each chunk is handed from the main thread to a worker and back, and the scheduler swaps threads
 *  d) TCP retransmissions on loopback */
export const q2: Sheet['q2'] = null;

/** q3. Node's stream method read the 16 MiB file in 257 read() calls. What chunk size, in KiB, does fs.createReadStream use by default? (a number) */
export const q3: Sheet['q3'] = null;

/** q4. With a 256 KiB buffer, Deno read the 16 MiB file in 65 reads (64 chunks) but made 66 sends to the socket. Why?
 *  a) the socket's send buffer took only part of a chunk per write; the rest went in another write
 *  b) each byte was sent twice
 *  c) strace counted the writes twice
 *  d) TCP splits every write into two packets */
export const q4: Sheet['q4'] = null;

/** q5. Deno's read-write ran at 670 MiB/s with a 256 KiB buffer and 516 MiB/s with 1 MiB, while its server made a quarter of the syscalls and used less CPU per MiB than at 64 KiB. What is the likely reason throughput stopped improving?
 *  a) bigger buffers copy more bytes
 *  b) the client, on the same two cores and hashing every byte, sets the pace once the server is cheap enough
 *  c) the page cache was cold
 *  d) the kernel caps reads at 64 KiB */
export const q5: Sheet['q5'] = null;

/** q6. Prediction. Node, read-write method, a 4 KiB buffer, a 1 MiB file (lab 04's 4 KiB row sends 256 buffers' worth): how many read() calls will the server make on the data file, counting the last one that returns 0?
 *  Then measure it: npm run lab -- 04 --runtime node --method read-write --size 1MiB --chunk 4KiB */
export const q6: Sheet['q6'] = null;
