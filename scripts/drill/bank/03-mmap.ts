// Chapter 03: mmap() + write() — one copy instead of two, page faults, SIGBUS, and who has mmap.
import { against, claim, denies, says, unless, type DrillQuestion } from '../types.ts';
import { mmapAlwaysFaster, mmapIsZeroCopy } from './myths.ts';
import { copy, hasNo, mmap, modeSwitchWords, oneCpuCopy, pageCache, sendfile, socketBuffer, still, syscall, userSide } from './terms.ts';

export const questions: DrillQuestion[] = [
  {
    id: '03-mmap-write-copies',
    chapter: '03',
    question: {
      en: 'How does mmap() + write() compare with read() + write(), and with sendfile()?',
      zh: 'mmap() + write() 和 read() + write()、sendfile() 相比有什么不同？',
    },
    claims: [
      claim('one CPU copy: write() copies from the mapping into the socket buffer', '一次 CPU 拷贝：write() 把映射区的数据拷进 socket 缓冲区', 2,
        says(oneCpuCopy), says('write~ | write()', copy), says(copy, socketBuffer), against('mmap | 映射', 'zerocopy')),
      claim('the process maps the page cache pages: no read() copy', '进程映射页缓存的页，省掉 read() 那次拷贝', 2,
        says(mmap, `${pageCache} | address space | 地址空间 | process | 进程`), denies('read~ | read()'),
        says('drop~ | save~ | skip~ | remove~ | 省掉 | 省 | 省去', 'read~ | read() | 读')),
      claim('page faults when pages are first touched', '页第一次被访问时缺页', 1, says('page fault~ | fault~ | 缺页 | 缺页异常')),
      claim('still a syscall per write, with its mode switches', '每次 write 仍是系统调用，有模式切换', 1,
        says(`${still} | 仍是 | 仍然是`, `${syscall} | ${modeSwitchWords}`), against('no syscalls | no system calls | 没有系统调用 | zero syscalls')),
      claim('sendfile does better: no copy through user space', 'sendfile 更好：完全没有经过用户态的拷贝', 1,
        says(sendfile, 'better | zero | 0 | zerocopy | no copy | gets rid of | get rid of | removes | avoids | saves | skips | eliminates | 更好 | 更进一步 | 零 | 也省 | 连这一次 | 省了 | 省掉'),
        against(sendfile, copy, userSide)),
    ],
    myths: [mmapIsZeroCopy, mmapAlwaysFaster],
    model: {
      en: "mmap() maps the file's page-cache pages into the process, so there is no read() copy into a private buffer; write() then has the CPU copy the mapped bytes into the socket buffer. That is one CPU copy instead of two, but still a syscall per chunk with its mode switches, plus page faults the first time each page is touched. sendfile does better: no CPU copy through user space at all, and no page faults in the process.",
      zh: 'mmap() 把文件在页缓存里的页映射到进程地址空间，省掉了 read() 拷进私有缓冲区的那一次；随后 write() 仍由 CPU 把映射里的数据拷进 socket 缓冲区。所以是一次 CPU 拷贝而不是两次，但每块数据依然要一次系统调用和相应的模式切换，每页第一次被访问时还会触发缺页。sendfile 更进一步：完全不经过用户态拷贝，进程里也没有缺页。',
    },
  },
  {
    id: '03-sigbus',
    chapter: '03',
    question: {
      en: 'What can go wrong when you serve a file through mmap() and another process truncates it?',
      zh: '用 mmap() 发送文件时，如果另一个进程把文件截短了，会出什么问题？',
    },
    claims: [
      claim('SIGBUS', '收到 SIGBUS 信号', 2, says('sigbus | bus error | 总线错误'), against('read~', 'would fail | fails | fail | crash~ | 失败 | 崩溃', 'sigbus'),
        against('nothing serious | nothing happens | no problem | 不会有什么问题 | 没问题 | keeps serving the old | 照样发旧数据 | private copy | 私有拷贝')),
      claim('on touching a mapped page beyond the new end of the file', '访问新的文件末尾之后的映射页时', 1,
        unless(says('beyond | past the end | past | end of | no longer exist~ | 超出 | 末尾 | 之外 | 之后 | 不存在'), 'zeros | zero | 读到 0 | 只会读到 | old bytes | 旧数据')),
      claim('by default the process dies', '默认会终止进程', 1, says('kill~ | crash~ | terminate~ | die | dies | dead | 崩溃 | 终止 | 杀掉 | 杀死 | 崩掉 | 挂掉 | 崩'),
        against('read~', 'crash~ | die | dies | kill~ | 崩溃')),
      claim('defences: a SIGBUS handler, a lease or lock, files that never shrink', '应对：信号处理、租约或加锁、只映射不会变短的文件', 1,
        says("handler | lease | lock~ | never shrink | don't shrink | doesn't shrink | only map | append~ | 信号处理 | 租约 | 加锁 | 文件锁 | 不会变短 | 不截断 | 不会截断 | 只追加")),
    ],
    myths: [mmapIsZeroCopy, mmapAlwaysFaster],
    model: {
      en: "The mapping outlives the file's length. If another process truncates the file and the server then touches a mapped page beyond the new end, the kernel raises SIGBUS, and by default that kills the server in the middle of a response; read() would just have returned fewer bytes. Defences: a SIGBUS handler, a file lease or lock, or only mapping files that never shrink, such as append-only logs.",
      zh: '映射的范围不会随文件变短而缩小。另一个进程把文件截短后，服务器再访问新末尾之外的映射页，内核就会发出 SIGBUS，默认行为是直接终止进程，响应发到一半就断了；换成 read()，只会读到更少的字节。应对办法：注册 SIGBUS 信号处理、用文件租约或加锁，或者只映射不会变短的文件，比如只追加的日志。',
    },
  },
  {
    id: '03-js-mmap',
    chapter: '03',
    question: {
      en: 'Can a Node, Bun or Deno program serve a file with mmap() + write()?',
      zh: 'Node、Bun、Deno 的程序能用 mmap() + write() 发送文件吗？',
    },
    claims: [
      claim('only Bun, with Bun.mmap', '只有 Bun，用 Bun.mmap', 2, says('bun.mmap'), says('only bun | just bun | bun only | 只有 bun')),
      claim('a Uint8Array over the mapping, no copy', '返回指向映射区的 Uint8Array，不拷贝', 1, says('uint8array | typed array | 数组')),
      claim('Node core has no mmap', 'Node 核心没有 mmap', 2, ...hasNo('node | node.js | nodejs', 'mmap | 映射')),
      claim('Deno has none either', 'Deno 也没有', 1, ...hasNo('deno', 'mmap | 映射')),
    ],
    myths: [mmapIsZeroCopy],
    model: {
      en: "Only Bun has it: Bun.mmap(path) maps the file (shared by default) and returns a Uint8Array over the mapping without copying, so writing that array to a socket is the mmap + write path, one CPU copy per byte. Node core has no mmap API; its file APIs read into Buffers. Deno has no mmap API either, as far as its runtime source shows.",
      zh: '只有 Bun 可以：Bun.mmap(path) 把文件映射进来（默认共享映射），返回一个直接指向映射区域的 Uint8Array，不做拷贝；把它写进 socket 就是 mmap + write，每字节一次 CPU 拷贝。Node 核心没有 mmap API，文件接口都是读进 Buffer。Deno 的运行时源码里也没有 mmap API。',
    },
  },
];
