// Chapter 06 — Pipes and splice.
// Read chapters/06-pipes.md, fill in each answer, then run: npm run check -- 06
// Leave null for a question you have not answered yet.

export type Sheet = {
  q1: 'a' | 'b' | 'c' | 'd' | null;
  q2: number | null;
  q3: 'a' | 'b' | 'c' | 'd' | null;
  q4: 'a' | 'b' | 'c' | 'd' | null;
  q5: 'a' | 'b' | 'c' | 'd' | null;
  q6: number | null;
};

/** q1. What does splice() require of its two file descriptors?
 *  a) both must be sockets
 *  b) at least one of them must be a pipe
 *  c) both must be regular files
 *  d) nothing: any two file descriptors */
export const q1: Sheet['q1'] = null;

/** q2. What is a pipe's default capacity on Linux with 4 KiB pages, in KiB? (a number) */
export const q2: Sheet['q2'] = null;

/** q3. What does tee() do?
 *  a) writes a pipe's data to a file and to stdout at once, consuming it
 *  b) duplicates the data in one pipe into another pipe without consuming it; both must be pipes
 *  c) copies a file into a pipe
 *  d) maps user pages into a pipe */
export const q3: Sheet['q3'] = null;

/** q4. A process reads from a pipe into its own buffer with vmsplice(). What happens to the data?
 *  a) the pipe's pages are mapped into the process, no copy
 *  b) the kernel just copies it into the buffer, as read() would
 *  c) it fails: vmsplice only works towards a pipe
 *  d) the pages are gifted to the process */
export const q4: Sheet['q4'] = null;

/** q5. Why could the lab measure no sendfile method for Node and Deno?
 *  a) the kernel forbids sendfile into a pipe
 *  b) neither runtime has a public API that reaches sendfile or splice; their streams read chunks into JavaScript buffers and write them out
 *  c) their stdout is not a pipe
 *  d) sendfile into a pipe needs root */
export const q5: Sheet['q5'] = null;

/** q6. Prediction. Bun, sendfile method, a 16 MiB file written into the default pipe: how many sendfile() calls will the server make?
 *  Then measure it: npm run lab -- 06 --runtime bun --method sendfile --size 16MiB */
export const q6: Sheet['q6'] = null;
