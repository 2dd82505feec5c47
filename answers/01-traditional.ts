// Chapter 01 — The traditional path: read() + write().
// Read chapters/01-traditional.md, fill in each answer, then run: npm run check -- 01
// Leave null for a question you have not answered yet.

export type Sheet = {
  q1: 'a' | 'b' | 'c' | 'd' | null;
  q2: number | null;
  q3: number | null;
  q4: 'a' | 'b' | 'c' | 'd' | null;
  q5: number | null;
};

/** q1. Serving a file with read() then write(), which copy is done by the CPU rather than by DMA?
 *  a) disk → page cache
 *  b) page cache → the process's buffer
 *  c) socket buffer → NIC
 *  d) none of them */
export const q1: Sheet['q1'] = null;

/** q2. How many times does the CPU copy each byte across the user/kernel boundary on the server, with read() + write()? (a number) */
export const q2: Sheet['q2'] = null;

/** q3. How many user↔kernel mode switches does one read() + write() pair of syscalls cost? (a number) */
export const q3: Sheet['q3'] = null;

/** q4. The lab's "ctx sw" column counts context switches. What is a context switch?
 *  a) the same as a mode switch: entering the kernel for a syscall
 *  b) the scheduler taking the CPU from one thread and giving it to another
 *  c) a copy between two buffers
 *  d) a page fault */
export const q4: Sheet['q4'] = null;

/** q5. Prediction. Node, read-write method, 64 KiB buffer, a 16 MiB file (the lab's default): how many read() calls will the server make on the data file, counting the last one that returns 0?
 *  Then measure it: npm run lab -- 01 --runtime node --method read-write --size 16MiB */
export const q5: Sheet['q5'] = null;
