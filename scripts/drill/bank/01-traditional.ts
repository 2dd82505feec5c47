// Chapter 01: read() + write() — the copies, the mode switches, the page cache.
import { concept, type DrillQuestion } from '../types.ts';
import { dma, modeSwitch, pageCache, scheduling, socketBuffer, twoCpuCopies, userSpace } from './terms.ts';

export const questions: DrillQuestion[] = [
  {
    id: '01-read-write-path',
    chapter: '01',
    question: {
      en: 'Walk me through what happens when a server sends a file to a client with read() and write(). Where is the data copied, and by whom?',
      zh: '服务器用 read() 和 write() 把一个文件发给客户端，数据一路经过哪些地方？每一次拷贝由谁完成？',
    },
    concepts: [
      concept('page cache', '页缓存', pageCache, 2),
      concept('DMA for the disk and the NIC', '磁盘和网卡走 DMA', dma),
      concept('two CPU copies', '两次 CPU 拷贝', twoCpuCopies, 2),
      concept("the process's buffer in user space", '用户态的缓冲区', userSpace),
      concept('socket buffer', 'socket 缓冲区', socketBuffer),
    ],
    model: {
      en: "The file's pages come into the page cache by DMA if they are not already there. read() then has the CPU copy a chunk from the page cache into the process's buffer in user space, and write() has the CPU copy it back into the kernel, into the socket buffer; from there the NIC takes it by DMA. So two DMA copies and two CPU copies per chunk, plus two syscalls, which is four user/kernel mode switches. The process never looks at the bytes; it only holds them to hand them back.",
      zh: '文件的页如果不在页缓存里，先由磁盘控制器通过 DMA 读进来。read() 让 CPU 把一块数据从页缓存拷贝到进程在用户态的缓冲区，write() 再让 CPU 把它拷回内核、放进 socket 缓冲区，最后网卡用 DMA 取走。每一块数据要经历两次 DMA 拷贝和两次 CPU 拷贝，外加两次系统调用，也就是四次模式切换。进程自始至终没有看过这些字节，只是转了一手。',
    },
  },
  {
    id: '01-four-switches',
    chapter: '01',
    question: {
      en: 'A common answer says read() + write() costs "four context switches". Is that right? What is actually switching?',
      zh: '常见的说法是 read() + write() 会带来“四次上下文切换”。这个说法准确吗？到底是什么在切换？',
    },
    concepts: [
      concept('they are mode switches', '其实是模式切换', modeSwitch, 2),
      concept('two per syscall, in and out', '每次系统调用进出各一次', ['per syscall', 'per system call', 'each syscall', 'each system call',
        'every syscall', 'every system call', '每次系统调用', '每个系统调用', '每一次系统调用']),
      concept('a context switch is the scheduler changing threads', '上下文切换是调度器换线程', scheduling, 2),
      concept('counted separately (getrusage)', '两者分开统计（getrusage）', ['getrusage', 'resourceusage', 'voluntary', 'involuntary',
        'counted separately', 'measured separately', '自愿', '分开统计', '分开计']),
    ],
    model: {
      en: 'Not quite. Each syscall is a mode switch into the kernel and one back, so a read() and a write() cost four mode switches per chunk. A context switch is something else: the scheduler taking the CPU from one thread and giving it to another, when a thread blocks or is preempted. It costs more, and its count has no fixed relation to the syscalls. The two are counted separately: strace shows the syscalls, getrusage() the voluntary and involuntary context switches.',
      zh: '不太准确。每次系统调用都是从用户态进入内核、再返回，所以一对 read()/write() 每处理一块数据要四次模式切换。上下文切换是另一回事：调度器把 CPU 从一个线程交给另一个线程，通常发生在线程阻塞或被抢占时，代价更大，次数也和系统调用没有固定关系。两者要分开统计：strace 看系统调用，getrusage() 看自愿和非自愿的上下文切换。',
    },
  },
  {
    id: '01-page-cache',
    chapter: '01',
    question: {
      en: 'What is the page cache, and what does it change when the same file is served many times?',
      zh: '什么是页缓存？同一个文件被反复发送时，它带来了什么不同？',
    },
    concepts: [
      concept('file pages kept in memory by the kernel', '内核把文件页留在内存里', ['memory', 'in ram', '内存'], 2),
      concept('no disk read on a hit', '命中时不读磁盘', ['no disk', 'without the disk', 'without touching the disk', 'not from disk',
        'not read from disk', 'no read activity', 'cache hit', 'never touches the disk', 'no disk i/o', '命中', '不用读磁盘', '不读磁盘', '不再读磁盘', '不访问磁盘', '不碰磁盘'], 2),
      concept('the disk DMA only on a miss', '只有未命中才走磁盘 DMA', ['miss', '未命中', '不在缓存']),
      concept('read() still copies out of it', 'read() 仍要从中拷贝', [/still[^.]{0,30}cop/, /(仍|还|依然|照样)[^。]{0,15}(拷贝|复制)/]),
      concept("Kafka's caught-up consumers", 'Kafka 跟上进度的消费者', ['kafka', 'consumer', '消费者']),
    ],
    model: {
      en: "The page cache is the kernel's copy of recently used file pages, kept in memory. The first read of a page is a cache miss and the disk fills it by DMA; every later read is served from memory with no disk I/O at all. It does not remove copies: read() still copies from the page cache into the process. It is why Kafka's caught-up consumers are served without touching the disks.",
      zh: '页缓存是内核在内存里保存的最近用过的文件页。第一次读某一页时未命中，由磁盘通过 DMA 填进来；之后再读就直接从内存取，不用读磁盘。它并不减少拷贝：read() 仍然要把数据从页缓存拷贝到进程里。Kafka 跟上进度的消费者几乎不产生磁盘读，靠的就是它。',
    },
  },
];
