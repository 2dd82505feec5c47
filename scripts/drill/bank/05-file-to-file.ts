// Chapter 05: file to file — copy_file_range, reflinks, fallbacks, and what the runtimes call.
import { concept, type DrillQuestion } from '../types.ts';
import { fallBack, sendfile } from './terms.ts';

export const questions: DrillQuestion[] = [
  {
    id: '05-copy-file-range',
    chapter: '05',
    question: {
      en: 'How can a program copy one file to another without the bytes passing through user space?',
      zh: '程序怎样把一个文件复制到另一个文件，而让数据不经过用户态？',
    },
    concepts: [
      concept('copy_file_range', '用 copy_file_range 系统调用', ['copy_file_range'], 2),
      concept('between two regular files, inside the kernel', '在内核里，两个普通文件之间', ['regular file', 'in the kernel', 'inside the kernel',
        '普通文件', '内核里', '内核中']),
      concept('with reflinks or server-side copy, no data moves', '有 reflink 或服务端复制时根本不搬数据', ['reflink', 'ficlone', 'server-side copy',
        'no data', 'shares the', '共享', '不搬', '服务端复制'], 2),
      concept('sendfile file to file is the next option', '次选是文件到文件的 sendfile', sendfile),
      concept('since Linux 4.5', 'Linux 4.5 起', ['4.5']),
    ],
    model: {
      en: "copy_file_range(2), since Linux 4.5: it copies a range between two regular files inside the kernel. On a filesystem that supports reflinks, or over NFS with server-side copy, it may not move any data at all: the new file shares the old one's blocks. Where it is not available, sendfile from file to file is the next in-kernel option, and a read/write loop the last resort.",
      zh: '用 copy_file_range(2)（Linux 4.5 起）：它在内核里把一段数据从一个普通文件复制到另一个普通文件。如果文件系统支持 reflink，或者是支持服务端复制的 NFS，它甚至可以一个字节都不搬，新文件直接共享旧文件的数据块。用不了的时候，文件到文件的 sendfile 是次一级的内核内方案，最后才退回 read/write 循环。',
    },
  },
  {
    id: '05-fallbacks',
    chapter: '05',
    question: {
      en: 'copy_file_range() can fail with EXDEV or ENOSYS. When does that happen, and what do libraries do about it?',
      zh: 'copy_file_range() 可能返回 EXDEV 或 ENOSYS。什么时候会这样？库一般怎么处理？',
    },
    concepts: [
      concept('EXDEV: different filesystems (since 5.19, same type only)', 'EXDEV：跨文件系统（5.19 起只允许同类型）', ['cross-filesystem',
        'different filesystem', 'two filesystems', 'across filesystems', 'another filesystem', '5.19', '跨文件系统', '不同的文件系统', '不同文件系统'], 2),
      concept('ENOSYS: old kernel or C library', 'ENOSYS：内核或 C 库太旧', ['older than 4.5', 'before 4.5', 'old kernel', 'older kernel', 'glibc',
        'not implemented', '旧内核', '老内核', '早于 4.5', '没有实现']),
      concept('fall back step by step: sendfile, then read/write', '逐级回退：sendfile，再 read/write', fallBack, 2),
      concept('libuv, Rust std, Bun all do it', 'libuv、Rust std、Bun 都这样做', ['libuv', 'rust', 'std::fs::copy', 'openjdk', 'transferto', 'bun']),
    ],
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
    concepts: [
      concept('all three: copy_file_range', '三者都用 copy_file_range', ['copy_file_range'], 2),
      concept("Node through libuv's uv_fs_copyfile (FICLONE only when asked)", 'Node 经由 libuv 的 uv_fs_copyfile（只在要求时 FICLONE）',
        ['libuv', 'uv_fs_copyfile', 'ficlone']),
      concept("Deno through Rust's std::fs::copy", 'Deno 经由 Rust 的 std::fs::copy', ['rust', 'std::fs::copy']),
      concept('sendfile and read/write as fallbacks', '回退到 sendfile 和 read/write', [...sendfile, ...fallBack]),
      concept('clonefile on macOS', 'macOS 上用 clonefile', ['clonefile']),
    ],
    model: {
      en: "All three end up in copy_file_range for a regular file on Linux. Node's fs.copyFile goes through libuv's uv_fs_copyfile, which tries a FICLONE reflink only when you ask for it, then copy_file_range, with sendfile and read/write as fallbacks. Bun.write(dest, Bun.file(src)) calls copy_file_range on a worker thread. Deno.copyFile calls Rust's std::fs::copy, which tries copy_file_range first. On macOS, Bun and Deno use clonefile instead.",
      zh: '在 Linux 上复制普通文件，三者最后都会用到 copy_file_range。Node 的 fs.copyFile 走 libuv 的 uv_fs_copyfile：只有你明确要求时才先试 FICLONE（reflink），然后是 copy_file_range，失败再回退到 sendfile 和 read/write。Bun.write(dest, Bun.file(src)) 在工作线程里调用 copy_file_range。Deno.copyFile 调用 Rust 的 std::fs::copy，第一步也是 copy_file_range。在 macOS 上，Bun 和 Deno 改用 clonefile。',
    },
  },
];
