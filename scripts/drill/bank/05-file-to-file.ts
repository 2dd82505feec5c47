// Chapter 05: file to file — copy_file_range, reflinks, fallbacks, and what the runtimes call.
import { against, claim, denies, myth, only, says, unless, type DrillQuestion, type Myth } from '../types.ts';
import { noCopyMyth, sendfileOnlyTcp } from './myths.ts';
import { copy, fallBack, kernel, sendfile, userSide } from './terms.ts';

const networkingOnly: Myth = myth(
  { en: 'zero-copy is a networking technique', zh: '零拷贝是网络传输的技术' },
  {
    en: 'Some of the most common zero-copy is file to file: fs.copyFile, Bun.write and Deno.copyFile all call copy_file_range, and a reflink copies nothing at all.',
    zh: '最常见的零拷贝有不少是文件到文件：fs.copyFile、Bun.write、Deno.copyFile 都会调用 copy_file_range，reflink 更是一个字节都不搬。',
  },
  says('zerocopy', 'network~ | networking | tcp | 网络传输 | 网络'),
);
const sharesBlocks = 'reflink~ | ficlone | clone~ | server side copy | server side | share~ | extents | 共享 | 服务端复制 | 服务端';

export const questions: DrillQuestion[] = [
  {
    id: '05-copy-file-range',
    chapter: '05',
    question: {
      en: 'How can a program copy one file to another without the bytes passing through user space?',
      zh: '程序怎样把一个文件复制到另一个文件，而让数据不经过用户态？',
    },
    claims: [
      claim('copy_file_range', '用 copy_file_range 系统调用', 2,
        unless(says('copy_file_range'), 'socket~ | 套接字'), against('copy_file_range', 'socket~ | 套接字')),
      claim('the kernel copies between two regular files, nothing through user space', '内核在两个普通文件之间复制，不经过用户态', 1,
        says('regular file~ | two files | 普通文件 | 两个文件'), unless(only(says(kernel, `${copy} | does the copy | 完成复制 | 自己`)), userSide),
        denies(`${copy} | enter~ | pass~ through | 进 | 经过`, userSide)),
      claim('with reflinks or a server-side copy, no data moves at all', '有 reflink 或服务端复制时根本不搬数据', 2,
        unless(says(sharesBlocks), 'ext4 | tmpfs'), against('ext4 | tmpfs', 'reflink~ | 共享')),
      claim('on ext4 it is still one CPU copy, inside the kernel', 'ext4 上内核里仍有一次 CPU 拷贝', 1,
        says('ext4 | tmpfs', `${copy} | copies`)),
      claim('file-to-file sendfile is the fallback, then read/write', '退而求其次是文件到文件的 sendfile，最后 read/write', 1,
        unless(says(sendfile), 'socket~ | 套接字 | in the middle | 中间')),
      claim('since Linux 4.5', 'Linux 4.5 起', 1, says('4.5')),
    ],
    myths: [noCopyMyth, sendfileOnlyTcp, networkingOnly],
    model: {
      en: "copy_file_range(2), since Linux 4.5: it copies a range between two regular files inside the kernel, so nothing passes through user space. On ext4 that is still one CPU copy, page cache to page cache, in the kernel; on a filesystem with reflinks (btrfs, XFS with reflink=1), or over NFS with server-side copy, it may not move any data at all, because the new file shares the old one's blocks. Where it is not available, sendfile from file to file is the fallback, and a read/write loop the last resort.",
      zh: '用 copy_file_range(2)（Linux 4.5 起）：它在内核里把一段数据从一个普通文件复制到另一个普通文件，数据不经过用户态。在 ext4 上，内核里仍要做一次 CPU 拷贝，从页缓存到页缓存；如果文件系统支持 reflink（btrfs、开启 reflink=1 的 XFS），或者是支持服务端复制的 NFS，它甚至可以一个字节都不搬，新文件直接共享旧文件的数据块。用不了的时候，退而求其次用文件到文件的 sendfile，最后才是 read/write 循环。',
    },
  },
  {
    id: '05-fallbacks',
    chapter: '05',
    question: {
      en: 'copy_file_range() can fail with EXDEV or ENOSYS. When does that happen, and what do libraries do about it?',
      zh: 'copy_file_range() 可能返回 EXDEV 或 ENOSYS。什么时候会这样？库一般怎么处理？',
    },
    claims: [
      claim('EXDEV: the files are on different filesystems (since 5.19, same type only)', 'EXDEV：跨文件系统（5.19 起只允许同类型）', 2,
        says('cross filesystem~ | cross fs | different filesystem~ | different file system~ | two filesystems | two file systems | across filesystems | '
          + 'another filesystem | 5.19 | same type | 跨文件系统 | 不同的文件系统 | 不同文件系统 | 不在同一个文件系统 | 同一种文件系统 | 同类型'),
        against('exdev', 'too big | too large | 太大 | 拷不完')),
      claim('ENOSYS: the kernel or the C library is too old', 'ENOSYS：内核或 C 库太旧', 1,
        says('older than 4.5 | before 4.5 | pre 4.5 | old kernel~ | older kernel~ | too old | glibc | libc | not implemented | no libc wrapper | no wrapper | '
          + 'without a wrapper | 旧内核 | 老内核 | 太旧 | 太老 | 早于 4.5 | 比 4.5 老 | 4.5 之前 | 没有实现 | 没有这个系统调用 | 没封装 | 没有封装'),
        against('enosys', 'socket~ | 套接字')),
      claim('libraries fall back step by step: sendfile, then read/write', '库逐级回退：先 sendfile，再 read/write', 2,
        says(fallBack), says(sendfile, 'then | next | 再 | 然后 | 最后', 'read write | read and write | 循环 | loop'),
        says('try~ | tries | 试 | 依次', sendfile)),
      claim('libuv (Node), Rust std (Deno) and Bun all do it', 'libuv（Node）、Rust std（Deno）、Bun 都这样做', 1,
        says('libuv | rust | std | openjdk | transferto | bun | deno')),
    ],
    myths: [sendfileOnlyTcp, networkingOnly],
    model: {
      en: "EXDEV: the two files are on different filesystems. Since Linux 5.19, cross-filesystem copies work only when both are the same type and that filesystem supports it. ENOSYS: the kernel is older than 4.5, or the C library has no wrapper; glibc's userspace emulation was removed in 2.30. Libraries fall back in steps: libuv, under Node's copyFile, treats EXDEV like ENOSYS and tries sendfile, then a read/write loop; Rust's std::fs::copy, used by Deno, goes copy_file_range, sendfile, splice, then read/write; Bun falls back to read/write.",
      zh: 'EXDEV 表示两个文件在不同的文件系统上。从 Linux 5.19 起，跨文件系统复制只在两边是同一种文件系统、且该文件系统支持时才行。ENOSYS 表示内核早于 4.5，或者 C 库没有封装它；glibc 在 2.30 去掉了用户态的模拟实现。各个库都是逐级回退：Node 的 copyFile 底下的 libuv 把 EXDEV 当作 ENOSYS，改用 sendfile，再不行就 read/write 循环；Deno 用的 Rust std::fs::copy 依次尝试 copy_file_range、sendfile、splice，最后 read/write；Bun 则直接退回 read/write。',
    },
  },
  {
    id: '05-runtimes',
    chapter: '05',
    question: {
      en: "On Linux, which syscall do Node's fs.copyFile, Bun.write with a Bun.file, and Deno.copyFile use to copy a file?",
      zh: '在 Linux 上，Node 的 fs.copyFile、Bun 的 Bun.write(Bun.file) 和 Deno.copyFile 复制文件时用的是什么系统调用？',
    },
    claims: [
      claim('all three: copy_file_range', '三者都用 copy_file_range', 2, says('copy_file_range')),
      claim("Node through libuv's uv_fs_copyfile (FICLONE only when asked)", 'Node 经由 libuv 的 uv_fs_copyfile（只在要求时 FICLONE）', 1,
        says('libuv | uv_fs_copyfile | ficlone')),
      claim("Deno through Rust's std::fs::copy", 'Deno 经由 Rust 的 std::fs::copy', 1, says('rust | std')),
      claim('sendfile and read/write as fallbacks', '回退到 sendfile 和 read/write', 1, says(sendfile), says(fallBack)),
      claim('clonefile on macOS', 'macOS 上用 clonefile', 1, says('clonefile | macos | apfs')),
    ],
    myths: [sendfileOnlyTcp, networkingOnly],
    model: {
      en: "All three end up in copy_file_range for a regular file on Linux. Node's fs.copyFile goes through libuv's uv_fs_copyfile, which tries a FICLONE reflink only when you ask for it, then copy_file_range, with sendfile and read/write as fallbacks. Bun.write(dest, Bun.file(src)) calls copy_file_range on a worker thread. Deno.copyFile calls Rust's std::fs::copy, which tries copy_file_range first. On macOS, Bun and Deno use clonefile instead.",
      zh: '在 Linux 上复制普通文件，三者最后都会用到 copy_file_range。Node 的 fs.copyFile 走 libuv 的 uv_fs_copyfile：只有你明确要求时才先试 FICLONE（reflink），然后是 copy_file_range，失败再回退到 sendfile 和 read/write。Bun.write(dest, Bun.file(src)) 在工作线程里调用 copy_file_range。Deno.copyFile 调用 Rust 的 std::fs::copy，第一步也是 copy_file_range。在 macOS 上，Bun 和 Deno 改用 clonefile。',
    },
  },
];
