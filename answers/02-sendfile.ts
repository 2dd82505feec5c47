// Chapter 02 — The zero-copy path: sendfile().
// Read chapters/02-sendfile.md, fill in each answer, then run: npm run check -- 02
// Leave null for a question you have not answered yet.

export type Sheet = {
  q1: number | null;
  q2: 'a' | 'b' | 'c' | 'd' | null;
  q3: 'a' | 'b' | 'c' | 'd' | null;
  q4: 'a' | 'b' | 'c' | 'd' | null;
  q5: number | null;
};

/** q1. With sendfile(), how many times does the CPU copy each byte across the user/kernel boundary? (a number) */
export const q1: Sheet['q1'] = null;

/** q2. Since Linux 2.6.33, what may sendfile()'s out_fd be?
 *  a) only a TCP socket
 *  b) any file, including a regular file
 *  c) only a pipe
 *  d) only a UNIX socket */
export const q2: Sheet['q2'] = null;

/** q3. Bun.serve answers with new Response(Bun.file(path)). For a 512 KiB file on Linux, what does Bun 1.4.5 do?
 *  a) sendfile(), as for every file
 *  b) mmap() then write()
 *  c) read() into user space and send(): files under 1 MiB do not take the sendfile path
 *  d) copy_file_range() */
export const q3: Sheet['q3'] = null;

/** q4. What does Node.js offer for sending a file to a socket without it passing through user space?
 *  a) fs.sendfile()
 *  b) http2's respondWithFile, which calls sendfile()
 *  c) nothing public: its file streams and http2 read the file into user space
 *  d) stream.pipeline, which the kernel turns into splice() */
export const q4: Sheet['q4'] = null;

/** q5. Prediction. Bun, sendfile method, a 16 MiB file: how many bytes of the file will the server read into user space (file→user)?
 *  Then measure it: npm run lab -- 02 --runtime bun --method sendfile --size 16MiB */
export const q5: Sheet['q5'] = null;
