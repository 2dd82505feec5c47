// Chapter 03 — mmap + write: one copy instead of two.
// Read chapters/03-mmap.md, fill in each answer, then run: npm run check -- 03
// Leave null for a question you have not answered yet.

export type Sheet = {
  q1: 'a' | 'b' | 'c' | 'd' | null;
  q2: 'a' | 'b' | 'c' | 'd' | null;
  q3: 'a' | 'b' | 'c' | 'd' | null;
  q4: 'a' | 'b' | 'c' | 'd' | null;
  q5: 'a' | 'b' | 'c' | 'd' | null;
  q6: number | null;
};

/** q1. A server maps a file with mmap() and write()s the mapping to a TCP socket. Which CPU copy is left?
 *  a) page cache → a user buffer, done by the page faults
 *  b) the mapping (page-cache pages) → the socket buffer, done by the kernel inside write()
 *  c) none: mmap + write is zero-copy
 *  d) disk → page cache */
export const q1: Sheet['q1'] = null;

/** q2. With mmap + write and no read() at all, how do the file's bytes get into the process's view of the file?
 *  a) mmap() copies the whole file into memory before it returns
 *  b) the first touch of each unmapped page is a page fault; the kernel maps the page-cache page, no copy
 *  c) write() reads the file for the process
 *  d) a helper thread calls read() in the background */
export const q2: Sheet['q2'] = null;

/** q3. A process has a file mapped with MAP_SHARED. Another process truncates the file to half its size, and the first one then reads a byte in the second half of the mapping. What happens?
 *  a) it reads zeros
 *  b) it still reads the old bytes
 *  c) the process gets SIGBUS, which kills it unless handled; JavaScript cannot catch it
 *  d) the read returns an error code the program can check */
export const q3: Sheet['q3'] = null;

/** q4. A 16 MiB file is 4,096 pages of 4 KiB, yet the lab counted 33 minor page faults for the whole mmap-write transfer. What is the likely reason?
 *  a) strace hides page faults
 *  b) mmap() read the whole file in advance
 *  c) the kernel maps many pages per fault: fault-around maps neighbouring cached pages, and large folios can be mapped in bigger pieces
 *  d) the socket read the file itself */
export const q4: Sheet['q4'] = null;

/** q5. Why would a message broker map its log files rather than read() them?
 *  a) mmap makes sending to consumers zero-copy
 *  b) appends become memory copies into the mapping and lookups at any offset need no read() copy, for a few large files that stay mapped a long time
 *  c) mapped files cannot be truncated
 *  d) mmap works under TLS and sendfile does not */
export const q5: Sheet['q5'] = null;

/** q6. Prediction. Bun, mmap-write method, a 16 MiB file: how many times will each byte cross the user/kernel boundary on the server (copies per byte)?
 *  Then measure it: npm run lab -- 03 --runtime bun --method mmap-write --size 16MiB */
export const q6: Sheet['q6'] = null;
