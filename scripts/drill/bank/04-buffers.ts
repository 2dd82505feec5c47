// Chapter 04: buffer sizes, syscalls, mode switches and context switches.
import { against, claim, denies, myth, says, type DrillQuestion, type Form, type Myth } from '../types.ts';
import { fourContextSwitches } from './myths.ts';
import { dma, modeSwitchWords, syscall, twoCpuCopies } from './terms.ts';

/** "still two copies per byte": a bigger buffer or a stream changes the syscalls, not the copies. */
const stillTwoCopies: Form[] = [
  says(twoCpuCopies), says('2.00 | 2.0', 'copies | copy~ | 拷贝 | 次'),
  denies('fewer | less | 更少 | 少', 'byte~ | copies | copying | copied | 拷贝 | 字节'),
  denies('change~ | 变', 'bytes | copies | 字节 | 拷贝'),
  says('same | unchanged | 不变 | 一样 | 没变 | 一点没变 | 照样', 'bytes | copies | 字节 | 拷贝 | 两次'),
  against('half | fewer | less | 一半 | 更少 | 少', 'bytes | 字节'),
  against(dma, 'bigger | larger | 大块'),
];
const fewerModeSwitches: Form[] = [says('fewer | less | 少 | 更少 | 减少 | 省 | 少了 | 都少了 | 变少', `${modeSwitchWords} | cpu | overhead | 开销`)];
const fewerCopiesMyth: Myth = myth(
  { en: 'fewer or bigger reads copy fewer bytes', zh: '调用次数少了、块大了，拷贝就少了' },
  {
    en: 'Every byte still crosses twice: the lab measured 2.00 copies per byte at 4 KiB, 64 KiB and 1 MiB alike. Only the number of syscalls changes.',
    zh: '每个字节照样跨两次：实验里 4 KiB、64 KiB、1 MiB 都是每字节 2.00 次拷贝，变的只是系统调用次数。',
  },
  says('copied less | copy less | copies less | fewer copies | less copying | 拷贝更少 | 拷得更少 | 少拷贝 | 拷贝次数更少 | 拷贝次数越少 | 拷贝次数少'),
  says('close to zerocopy | near zerocopy | 接近 zerocopy | almost zerocopy | nearly zerocopy'),
);

export const questions: DrillQuestion[] = [
  {
    id: '04-bigger-buffer',
    chapter: '04',
    question: {
      en: 'If you make the read buffer bigger, do you copy fewer bytes? What does change?',
      zh: '把读缓冲区调大，拷贝的字节会变少吗？真正变化的是什么？',
    },
    claims: [
      claim('no: still two copies of every byte', '不会：每个字节照样拷贝两次', 2, ...stillTwoCopies),
      claim('fewer syscalls', '系统调用更少', 2,
        says('fewer | less | drop~ | reduce~ | 更少 | 少 | 减少 | 下降 | 变少 | 少了', `${syscall} | calls | 调用次数 | 调用`),
        says(`${syscall} | calls | 调用次数`, 'fewer | 少了 | 更少 | 变少 | drop~'),
        against(syscall, 'same | 不变 | stays the same')),
      claim('fewer mode switches, less CPU', '模式切换更少，CPU 更省', 1, ...fewerModeSwitches),
      claim('calls = file size / buffer, plus one at end of file', '调用次数 = 文件大小 / 缓冲区，再加文件末尾一次', 1,
        says('1024 | 1025 | 16384 | 16385 | 16,385 | divided | 除以 | end of file | eof | returns 0 | 返回 0 | plus one | 再加一次 | 加一次 | 文件末尾 | 末尾 | 文件大小')),
      claim('diminishing returns, more memory per connection', '收益递减，每个连接占用更多内存', 1,
        says('diminish~ | stops paying | stop paying | 收益递减 | 不再提升 | memory | 内存')),
    ],
    myths: [fewerCopiesMyth, fourContextSwitches],
    model: {
      en: 'No: every byte is still copied twice, into the buffer and out of it; the number of bytes copied stays the same. What changes is the number of syscalls: a 16 MiB file with a 64 KiB buffer takes 256 reads plus one that returns 0 at end of file, so a bigger buffer means fewer syscalls, fewer mode switches and less CPU time. Past a point the returns diminish, and a bigger buffer costs more memory per connection.',
      zh: '不会：每个字节照样要拷贝两次，进缓冲区一次、出缓冲区一次，拷贝的字节数不变。变化的是系统调用的次数：16 MiB 的文件配 64 KiB 缓冲区，需要 256 次读，再加一次在文件末尾返回 0 的读；缓冲区越大，系统调用越少，模式切换越少，CPU 时间也越少。但超过一定大小收益递减，而且每个连接要占用更多内存。',
    },
  },
  {
    id: '04-context-switch-count',
    chapter: '04',
    question: {
      en: "In lab 01, Node's read-write server made 918 context switches for one 16 MiB transfer with a 64 KiB buffer, and about 2,450 syscalls, of which only 513 read the file or wrote the socket. Where do those context switches, and the extra syscalls, come from?",
      zh: '实验 01 里，Node 的 read-write 服务器用 64 KiB 缓冲区传一个 16 MiB 文件，有 918 次上下文切换，系统调用约 2450 次，其中读文件、写 socket 的只有 513 次。这些上下文切换和多出来的系统调用是从哪来的？',
    },
    claims: [
      claim("libuv's thread pool does the file reads", 'libuv 线程池负责读文件', 2,
        says('libuv | thread pool | threadpool | worker~ | pool | 线程池 | 工作线程'), against('on the main thread | 在主线程上', 'read~ | 读')),
      claim('threads block and wake for every chunk', '每块数据线程都要阻塞再唤醒', 2,
        says('block~ | wake~ | woken | woke | sleep~ | wait~ | hand off | hands off | hand~ over | 阻塞 | 唤醒 | 睡眠 | 等待 | 等着 | 叫醒 | 交接')),
      claim('not from the syscalls: those are mode switches', '不是系统调用造成的：那是模式切换', 1,
        says(modeSwitchWords), denies('cause~ | caused | 造成 | 带来 | 来自 | come~ from', syscall)),
      claim('getrusage counts them as voluntary context switches', 'getrusage 把它们记为自愿上下文切换', 1,
        says('getrusage | resourceusage | resource usage | voluntary | 自愿')),
    ],
    myths: [fourContextSwitches],
    model: {
      en: "Not from the syscalls themselves: a syscall is a mode switch and keeps the same thread. Node runs each fs read on a libuv thread-pool worker, so for every chunk the main thread waits, a worker wakes up to read, and the main thread is woken again to write: threads block and wake for every chunk. Those hand-offs are also the extra syscalls: the worker is woken with a futex and reports back through an eventfd that the main thread's epoll wait watches. getrusage() counts the sleeps and wake-ups as voluntary context switches. Deno's stream made about 100 syscalls and 38 context switches: neither count follows from the other.",
      zh: '不是系统调用本身带来的：系统调用只是模式切换，线程并没有换。Node 把每次文件读都交给 libuv 线程池里的工作线程，所以每读一块，主线程都要等待，工作线程被唤醒去读，读完再唤醒主线程去写：每一块数据线程都要阻塞、唤醒一次。多出来的系统调用也来自这些交接：用 futex 唤醒工作线程，工作线程再通过 eventfd 通知主线程的 epoll 等待。getrusage() 把这些睡眠和唤醒记为自愿上下文切换。反过来，Deno 的 stream 只做了一百来次系统调用、38 次上下文切换：两种计数谁也推不出谁。',
    },
  },
  {
    id: '04-stream-chunks',
    chapter: '04',
    question: {
      en: "Bun's and Deno's file streams made far fewer syscalls than their read-write loops in lab 01. Did they copy less?",
      zh: '实验 01 里，Bun 和 Deno 的文件流比它们自己的 read-write 循环少了很多系统调用。它们的拷贝更少吗？',
    },
    claims: [
      claim('no: still two copies per byte', '没有：每字节仍是两次拷贝', 2, ...stillTwoCopies),
      claim('they read bigger chunks', '它们每次读得更多', 2,
        says('bigger | larger | more | 512 | mib | 更大 | 更多 | 大块 | 一次读 | 大得多 | 读得大 | 大了 | 更大的块', 'chunk~ | read~ | piece~ | block~ | 块 | 读 | 读得 | 读的')),
      claim('fewer mode switches, less CPU', '模式切换更少，CPU 更省', 1, ...fewerModeSwitches),
    ],
    myths: [fewerCopiesMyth],
    model: {
      en: "No. They still copied every byte twice, 2.00 copies per byte like every read-write row. They simply read bigger chunks: Bun's file stream reads with pread64 in about 512 KiB pieces and Deno's pipeTo a few MiB at a time, against a 64 KiB buffer. Fewer, larger syscalls mean fewer mode switches and less CPU time, but the bytes crossing the user/kernel boundary stay the same.",
      zh: '没有。它们依然每字节拷贝两次，和所有 read-write 行一样是 2.00。区别只是每次读得更多：Bun 的文件流用 pread64 一次读约 512 KiB，Deno 的 pipeTo 一次读好几 MiB，而 read-write 循环用的是 64 KiB 缓冲区。系统调用更少、更大，模式切换和 CPU 时间就少了，但跨越用户态/内核态边界的字节数一点没变。',
    },
  },
];
