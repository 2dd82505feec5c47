// Chapter 01: read() + write() — the copies, the mode switches, the page cache.
import { against, claim, count, denies, myth, only, says, unless, type DrillQuestion } from '../types.ts';
import { fourContextSwitches } from './myths.ts';
import {
  contextSwitch, copy, cpuCopy, dma, kernel, modeSwitchWords, noCopyAtAll, pageCache, scheduler, socketBuffer, still, syscall,
  twoCpuCopies, userSide,
} from './terms.ts';

const userKernel = 'user mode | user space | user | 用户态 | 用户';
const switching = 'switch~ | transition~ | trap~ | cross~ | flip~ | 切换 | 转换 | 陷入 | 切到 | 进出 | 切';

export const questions: DrillQuestion[] = [
  {
    id: '01-read-write-path',
    chapter: '01',
    question: {
      en: 'Walk me through what happens when a server sends a file to a client with read() and write(). Where is the data copied, and by whom?',
      zh: '服务器用 read() 和 write() 把一个文件发给客户端，数据一路经过哪些地方？每一次拷贝由谁完成？',
    },
    claims: [
      claim("read(): the CPU copies from the page cache into the process's buffer", 'read()：CPU 把数据从页缓存拷进进程的缓冲区', 2,
        unless(says(cpuCopy, userSide), 'dma'), unless(says('read~ | 读进 | 读到', userSide), 'dma')),
      claim('write(): the CPU copies it back into the socket buffer', 'write()：CPU 再把它拷回 socket 缓冲区', 2,
        says(cpuCopy, socketBuffer), says('write~ | 写', 'into the socket | socket buffer~ | send buffer~ | socket 缓冲 | 发送缓冲'),
        says(socketBuffer, 'involved | used | needed | 用 | 用到 | 参与 | 经过'),
        against(socketBuffer, 'skipped | bypassed | 跳过 | 绕过 | 用不上 | 用不到')),
      claim('two CPU copies per chunk', '每块数据两次 CPU 拷贝', 1, says(twoCpuCopies)),
      claim('DMA at the disk and at the NIC', '磁盘和网卡两端是 DMA', 1, unless(says(dma), 'user buffer~ | user space | 用户缓冲 | 用户态')),
      claim('through the page cache', '数据经过页缓存', 1, says(pageCache)),
      claim('two syscalls, four mode switches', '两次系统调用，四次模式切换', 1,
        says(count(2, syscall)), says(count(4, `${modeSwitchWords} | ${switching}`, 'context switch~ | 上下文切换'))),
    ],
    myths: [fourContextSwitches],
    model: {
      en: "The file's pages come into the page cache by DMA if they are not already there. read() then has the CPU copy a chunk from the page cache into the process's buffer in user space, and write() has the CPU copy it back into the kernel, into the socket buffer; from there the NIC takes it by DMA. So two DMA copies and two CPU copies per chunk, plus two syscalls, which is four user/kernel mode switches. The process never looks at the bytes; it only holds them to hand them back.",
      zh: '文件的页如果不在页缓存里，先由磁盘控制器通过 DMA 读进来。read() 让 CPU 把一块数据从页缓存拷贝到进程在用户态的缓冲区，write() 再让 CPU 把它拷回内核、放进 socket 缓冲区，最后网卡用 DMA 取走。每一块数据要经历两次 DMA 拷贝和两次 CPU 拷贝，外加两次系统调用，也就是四次模式切换（用户态⇄内核态）。进程自始至终没有看过这些字节，只是转了一手。',
    },
  },
  {
    id: '01-four-switches',
    chapter: '01',
    question: {
      en: 'A common answer says read() + write() costs "four context switches". Is that right? What is actually switching?',
      zh: '常见的说法是 read() + write() 会带来“四次上下文切换”。这个说法准确吗？到底是什么在切换？',
    },
    claims: [
      claim('they are mode switches, user mode ⇄ kernel mode', '其实是模式切换（用户态⇄内核态）', 2,
        says(count(4, modeSwitchWords)),
        unless(says("is a | is | are | it's | that's | they're | really | actually | called | 是 | 叫 | 就是 | 这叫 | 称为 | 算 | 那是 | 这是 | 其实是 | "
          + '实际上是 | 才是 | 都是 | 属于', modeSwitchWords),
          'interrupt~ | 中断 | same thing | cheaper name | another name | 同一件事 | 换了个名字 | 一回事'),
        says(userKernel, kernel, switching), unless(says('enter~ | trap~ | 进入 | 陷入 | 进', kernel), 'thread~ | 线程'),
        only(unless(denies(contextSwitch), `${scheduler} | the scheduler`)),
        against(modeSwitchWords, 'same thing | cheaper name | another name | interrupt~ | 同一件事 | 换了个名字 | 中断')),
      claim('two per syscall, into the kernel and back', '每个系统调用进出内核各一次', 1,
        only(says(count(2, `${modeSwitchWords} | ${switching}`))),
        says('per syscall | per system call | each syscall | every syscall | each system call | every system call | each call | per call | '
          + '每次系统调用 | 每个系统调用 | 每次调用 | 每个调用 | 每一次系统调用 | 各自'),
        says(`${syscall} | read | write`, 'and back | and returns | then returns | return~ | back | 进出 | 再返回 | 再回来 | 返回 | 回来 | 来回')),
      claim('a context switch is the scheduler giving the CPU to another thread', '上下文切换是调度器把 CPU 换给另一个线程', 2,
        says(contextSwitch, scheduler), says('scheduler | 调度器 | 调度', 'thread~ | 线程'), says(contextSwitch, 'block~ | preempt~ | 阻塞 | 抢占 | 让出')),
      claim('counted separately: strace for syscalls, getrusage for context switches', '两者分开统计：strace 看系统调用，getrusage 看上下文切换', 1,
        unless(says('getrusage | resourceusage | resource usage | voluntary | involuntary | 自愿 | 非自愿'), 'together | combined | 合在一起 | 一起'),
        says('count~ | measure~ | 统计 | 计 | 量 | 数', 'separately | apart | independently | 分开 | 单独 | 各自'), says('strace', syscall),
        against('getrusage | 两者 | both', 'together | combined | 合在一起 | 一起')),
      claim('a context switch costs more, and its count does not follow the syscalls', '上下文切换代价更大，次数也和系统调用无关', 1,
        says(contextSwitch, 'cost~ | expensive | heavier | more | 开销 | 代价 | 贵 | 更大'),
        says('no fixed relation | unrelated | independent | independently | does not follow | nothing to do | 没有固定关系 | 没有对应关系 | 推不出 | 无关')),
    ],
    myths: [fourContextSwitches],
    model: {
      en: 'Not quite. Each syscall is a mode switch into the kernel and one back, so a read() and a write() cost four mode switches per chunk. A context switch is something else: the scheduler taking the CPU from one thread and giving it to another, when a thread blocks or is preempted. It costs more, and its count has no fixed relation to the syscalls. The two are counted separately: strace shows the syscalls, getrusage() the voluntary and involuntary context switches.',
      zh: '不太准确。每次系统调用都是一次模式切换（用户态⇄内核态）：进入内核，再返回，所以一对 read()/write() 每处理一块数据要四次模式切换。上下文切换是另一回事：调度器把 CPU 从一个线程交给另一个线程，通常发生在线程阻塞或被抢占时，代价更大，次数也和系统调用没有固定关系。两者要分开统计：strace 看系统调用，getrusage() 看自愿和非自愿的上下文切换。',
    },
  },
  {
    id: '01-page-cache',
    chapter: '01',
    question: {
      en: 'What is the page cache, and what does it change when the same file is served many times?',
      zh: '什么是页缓存？同一个文件被反复发送时，它带来了什么不同？',
    },
    claims: [
      claim('file pages the kernel keeps in memory', '内核把文件页留在内存里', 2,
        says(`${pageCache} | kernel | 内核 | linux | the os | operating system | 操作系统`, 'memory | ram | 内存'),
        against(pageCache, 'inside your process | in your process | in the process | the runtime allocates | user space | 进程自己 | 用户态分配')),
      claim('a hit is served from memory, with no disk read', '命中时直接从内存取，不读磁盘', 2,
        denies('disk | disks | 磁盘 | 硬盘 | 读盘 | 盘', 'read~ | touch~ | go~ | hit~ | access~ | i o | activity | 读 | 碰 | 访问 | 走 | 读盘'),
        unless(says('serve~ | answer~ | read~ | come~ | 取 | 拿 | 走 | 读 | 发', 'from memory | from ram | from the cache | from the page cache | 从内存 | 内存里 | 从页缓存 | 从缓存'),
          copy),
        says('cache hit~ | hit~ | 命中'),
        against('every time | each time | again | 每次 | 重新 | 每发一次 | 越多', 'disk | 磁盘 | 读盘')),
      claim('the disk fills it by DMA only on a miss, the first time', '只有未命中（第一次）才由磁盘 DMA 填入', 1,
        says('miss~ | first read | first time | first request | first access | 第一次 | 未命中 | 不在内存 | 不在缓存'), says('disk~ | 磁盘 | 读盘', 'once | 一次')),
      claim('read() still copies out of it into the process', 'read() 仍要从页缓存拷进进程', 2,
        says(still, copy), says('read~ | read()', copy, `${userSide} | buffer~`),
        denies('save~ | remove~ | reduce~ | 省 | 减少 | 帮你省', `${copy} | copying | copies`),
        against(pageCache, 'zerocopy'), against('read~', 'no longer | zerocopy', copy)),
      claim("it is why Kafka's consumers cause no disk reads", 'Kafka 没有积压的消费者几乎不读磁盘，靠的就是它', 1,
        says('kafka | consumer~ | broker~ | 消费者'),
        denies('kafka | consumer~ | broker~ | 消费者', 'disk read~ | disk i o | read activity | touch~ the disk~ | touching the disk~ | 磁盘读 | 读盘 | 读磁盘 | 磁盘')),
    ],
    myths: [
      myth({ en: 'data in the page cache is never copied (zero-copy means no copy at all)', zh: '页缓存里的数据完全不用拷贝（零拷贝就是没有拷贝）' },
        {
          en: 'The page cache saves the disk read, not the copies: read() still copies each byte into the process. Even sendfile keeps the DMA transfers, and the receiver copies too.',
          zh: '页缓存省的是读盘，不是拷贝：read() 照样把每个字节拷进进程。就算用 sendfile，DMA 传输也还在，接收方也还要拷贝。',
        }, ...noCopyAtAll),
    ],
    model: {
      en: "The page cache is the kernel's copy of recently used file pages, kept in memory. The first read of a page is a cache miss and the disk fills it by DMA; every later read is served from memory with no disk I/O at all. It does not remove copies: read() still copies from the page cache into the process. It is why Kafka's consumers that keep up are served without touching the disks.",
      zh: '页缓存是内核在内存里保存的最近用过的文件页。第一次读某一页时未命中，由磁盘通过 DMA 填进来；之后再读就直接从内存取，不用读磁盘。它并不减少拷贝：read() 仍然要把数据从页缓存拷贝到进程里。Kafka 没有消费积压的消费者几乎不产生磁盘读，靠的就是它。',
    },
  },
];
