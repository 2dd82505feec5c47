// Chapter 05 — File to file: copy_file_range and its fallbacks.
// Read chapters/05-file-to-file.md, fill in each answer, then run: npm run check -- 05
// Leave null for a question you have not answered yet.

export type Sheet = {
  q1: 'a' | 'b' | 'c' | 'd' | null;
  q2: 'a' | 'b' | 'c' | 'd' | null;
  q3: 'a' | 'b' | 'c' | 'd' | null;
  q4: number | null;
  q5: 'a' | 'b' | 'c' | 'd' | null;
  q6: number | null;
};

/** q1. On ext4, within one file system, what does copy_file_range() do with the data?
 *  a) shares the disk blocks between the two files (a reflink), so no data moves
 *  b) copies it inside the kernel, page cache to page cache; nothing enters user space
 *  c) reads it into a user buffer and writes it back
 *  d) fails with EXDEV */
export const q1: Sheet['q1'] = null;

/** q2. A program copies a file from ext4 to tmpfs with copy_file_range() on Linux 6.18. What happens?
 *  a) it fails with EXDEV: since 5.19, cross-file-system copies need two file systems of the same type that support it
 *  b) it succeeds: cross-file-system copies have been allowed since 5.3
 *  c) it fails with ENOSYS
 *  d) it silently copies nothing and reports success */
export const q2: Sheet['q2'] = null;

/** q3. After copy_file_range() failed across file systems, what did each runtime do?
 *  a) all three fell back to a read/write loop
 *  b) Node and Deno called sendfile() from file to file; Bun fell back to a read/write loop
 *  c) all three called sendfile()
 *  d) all three gave up with an error */
export const q3: Sheet['q3'] = null;

/** q4. Bun copies the 16 MiB file from ext4 onto tmpfs with Bun.write. How many times does each byte cross the user/kernel boundary? (a number) */
export const q4: Sheet['q4'] = null;

/** q5. What does fs.copyFile(src, dest, fs.constants.COPYFILE_FICLONE) do on a file system without reflinks, such as ext4?
 *  a) it fails with an error
 *  b) libuv tries the FICLONE ioctl, it is not supported, and the normal copy runs (copy_file_range first)
 *  c) it creates a hard link
 *  d) it copies with a read/write loop only */
export const q5: Sheet['q5'] = null;

/** q6. Prediction. Node, copy-file method, a 16 MiB file: how many bytes of the file will the process read into user space (file→user)?
 *  Then measure it: npm run lab -- 05 --runtime node --method copy-file --size 16MiB */
export const q6: Sheet['q6'] = null;
