// The key to chapter 05: the questions, hints and explanations, and (below) the filled-in sheet.
import type { Sheet } from '../05-file-to-file.ts';
import type { ChapterKey } from '../../scripts/check/types.ts';

export const key: ChapterKey = {
  q1: {
    kind: 'choice',
    prompt: 'On ext4, within one file system, what does copy_file_range() do with the data?',
    choices: {
      a: 'shares the disk blocks between the two files (a reflink), so no data moves',
      b: 'copies it inside the kernel, page cache to page cache; nothing enters user space',
      c: 'reads it into a user buffer and writes it back',
      d: 'fails with EXDEV',
    },
    answer: 'b',
    hints: ['Try cp --reflink=always on an ext4 volume.', "Look at the sys s column of lab 05's copy-file row on ext4: is it zero?"],
    explanation: 'ext4 has no reflinks, so vfs_copy_file_range() falls back to a kernel copy through do_splice_direct(): one CPU copy, page cache to page cache, and no bytes in user space (lab 05: 0 copies per byte across the boundary, 1.00 CPU copies per byte: the report says "16 MiB copied" in the kernel). On btrfs or XFS with reflink=1 it could share the blocks instead.',
  },
  q2: {
    kind: 'choice',
    prompt: 'A program copies a file from ext4 to tmpfs with copy_file_range() on Linux 6.18. What happens?',
    choices: {
      a: 'it fails with EXDEV: since 5.19, cross-file-system copies need two file systems of the same type that support it',
      b: 'it succeeds: cross-file-system copies have been allowed since 5.3',
      c: 'it fails with ENOSYS',
      d: 'it silently copies nothing and reports success',
    },
    answer: 'a',
    hints: ['The rule changed after 5.3. Read VERSIONS and BUGS in man 2 copy_file_range.', 'The lab 05 traces show the error in every runtime.'],
    explanation: 'copy_file_range(2): since Linux 5.19 a cross-file-system copy works only when both file systems are of the same type and that type supports it; otherwise EXDEV. Between 5.3 and 5.18 the kernel tried, and on some virtual file systems reported success without copying. The lab traces show -1 EXDEV (Invalid cross-device link).',
  },
  q3: {
    kind: 'choice',
    prompt: 'After copy_file_range() failed across file systems, what did each runtime do?',
    choices: {
      a: 'all three fell back to a read/write loop',
      b: 'Node and Deno called sendfile() from file to file; Bun fell back to a read/write loop',
      c: 'all three called sendfile()',
      d: 'all three gave up with an error',
    },
    answer: 'b',
    hints: ['Since 2.6.33, sendfile() may write to any file.', 'Compare the syscall columns of the three "other fs" rows.'],
    explanation: "libuv (Node) maps EXDEV to \"not supported\" and tries sendfile(dest, src); Rust's std::fs::copy (Deno) does the same. Both stayed at 0 copies per byte (the kernel still copies once into the destination). Bun's copy_file.zig falls back to read() and write() with an 8 MiB buffer: for 16 MiB, 3 reads (the last returns 0), 2 writes, 2.00 copies per byte.",
  },
  q4: {
    kind: 'number',
    prompt: 'Bun copies the 16 MiB file from ext4 onto tmpfs with Bun.write. How many times does each byte cross the user/kernel boundary?',
    answer: 2,
    hints: ['Which syscalls did Bun fall back to after EXDEV?', "Look at the file→user and user→file columns of Bun's other-fs row."],
    explanation: "Twice: after copy_file_range failed with EXDEV, Bun read each byte into an 8 MiB user buffer and wrote it out again (16 MiB file→user, 16 MiB user→file, 2.00 copies per byte). The zero-copy path failed quietly; only the trace shows it.",
  },
  q5: {
    kind: 'choice',
    prompt: 'What does fs.copyFile(src, dest, fs.constants.COPYFILE_FICLONE) do on a file system without reflinks, such as ext4?',
    choices: {
      a: 'it fails with an error',
      b: 'libuv tries the FICLONE ioctl, it is not supported, and the normal copy runs (copy_file_range first)',
      c: 'it creates a hard link',
      d: 'it copies with a read/write loop only',
    },
    answer: 'b',
    hints: ['There are two flags: COPYFILE_FICLONE and COPYFILE_FICLONE_FORCE. Which one insists?', 'Read the fs.copyFile mode flags in the Node.js documentation.'],
    explanation: 'COPYFILE_FICLONE asks for a copy-on-write reflink and falls back to the ordinary copy if the platform or file system cannot make one; COPYFILE_FICLONE_FORCE fails instead. In libuv the fallback is the usual chain: copy_file_range, then sendfile, then read/write.',
  },
  q6: {
    kind: 'prediction',
    prompt: 'Node, copy-file method, a 16 MiB file: how many bytes of the file will the process read into user space (file→user)?',
    measured: { lab: '05', runtime: 'node', method: 'copy-file', bytes: 16777216, metric: 'copies.fileToUser' },
    tolerance: 0.01,
    answer: 0,
    hints: ['fs.copyFile goes to libuv, which asks the kernel to copy first.', 'Which syscall would read the file into user space, and does it appear in the trace?'],
    explanation: 'Zero: on the same file system one copy_file_range call moved all 16 MiB, and across file systems libuv fell back to sendfile, also inside the kernel. No read() touched the data file.',
  },
};

export const q1: Sheet['q1'] = 'b';
export const q2: Sheet['q2'] = 'a';
export const q3: Sheet['q3'] = 'b';
export const q4: Sheet['q4'] = 2;
export const q5: Sheet['q5'] = 'b';
export const q6: Sheet['q6'] = 0;
