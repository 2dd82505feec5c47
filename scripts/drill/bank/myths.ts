// Myths that more than one question is about: the wrong claims of the common interview answer,
// each with what the measurement or the source shows instead.
import { denies, myth, says, unless, type Myth } from '../types.ts';
import { contextSwitchMyth, copy, noCopyAtAll, userSide } from './terms.ts';

export const fourContextSwitches: Myth = myth(
  { en: 'read() + write() costs four context switches', zh: 'read() + write() 要四次上下文切换' },
  {
    en: 'Those four are mode switches: each syscall enters the kernel and returns, on the same thread. A context switch is the scheduler changing threads, counted apart by getrusage: for one 16 MiB transfer the read-write loop of Node made about 2,450 syscalls in all (513 moved the bytes, the rest were futex, epoll and eventfd hand-offs) and 918 context switches.',
    zh: '那四次是模式切换：每个系统调用进一次内核再返回，线程没换。上下文切换是调度器换线程，要用 getrusage 单独统计：Node 的 read-write 传 16 MiB 一共做了约 2450 次系统调用（搬数据的只有 513 次，其余是 futex、epoll 和 eventfd 的线程交接），上下文切换是 918 次。',
  },
  ...contextSwitchMyth,
);

export const noCopyMyth: Myth = myth(
  { en: 'zero-copy means the data is not copied at all', zh: '零拷贝就是数据完全不拷贝' },
  {
    en: 'Zero-copy means zero CPU copies across the user/kernel boundary. The DMA transfers remain, a NIC without scatter-gather brings one in-kernel copy back, and the receiver copies into its own buffer.',
    zh: '零拷贝指的是没有跨用户态/内核态的 CPU 拷贝。DMA 传输还在，网卡不支持分散-聚集时内核里还有一次拷贝，接收方也要拷进自己的缓冲区。',
  },
  ...noCopyAtAll,
);

export const kafkaMmapMyth: Myth = myth(
  { en: 'Kafka serves consumers with mmap + write as well as sendfile', zh: 'Kafka 同时用 mmap + write 和 sendfile 给消费者发数据' },
  {
    en: 'Consumers are served with FileChannel.transferTo, which is sendfile. Kafka maps only its offset and time indexes; it appends to the log with FileChannel.write. mmap + write would still copy each byte once.',
    zh: '给消费者发数据用的是 FileChannel.transferTo，也就是 sendfile。Kafka 只对偏移量索引和时间索引做 mmap，写日志用的是 FileChannel.write。mmap + write 每字节还要拷贝一次。',
  },
  unless(says('mmap | mmap write | memory map~ | mapped | 映射', 'consumer~ | consume | fetch~ | serve~ | send~ | sending | deliver~ | zerocopy | '
    + 'both | two ways | 消费者 | 发送 | 发数据 | 拉取 | 两种'),
    'index | indexes | indices | 索引 | rocketmq | commitlog | would | could | worse | slower | 更差 | 反而 | 假如 | 要是 | 如果'),
  unless(says('sendfile and mmap | sendfile mmap | sendfile 和 mmap | sendfile 与 mmap | mmap and sendfile | mmap 和 sendfile | sendfile 加 mmap'),
    'index | indexes | indices | 索引'),
);

export const sendfileOnlyTcp: Myth = myth(
  { en: 'sendfile is (mainly) for TCP', zh: 'sendfile 主要（只）适用于 TCP' },
  {
    en: 'Since Linux 2.6.33 out_fd may be any file, a pipe included (since 5.12 that case is done as a splice, which also lets in_fd be a socket): Node and Deno copy file to file with sendfile when copy_file_range fails.',
    zh: '从 Linux 2.6.33 起 out_fd 可以是任何文件，管道也行（5.12 起这种情况按 splice 处理，in_fd 也就可以是 socket）：copy_file_range 失败时，Node 和 Deno 就用 sendfile 做文件到文件的复制。',
  },
  unless(says('only | mainly | just | primarily | 只能 | 主要 | 只', 'tcp | socket~ | 网络 | tcp 传输'),
    'before | until | used to | prior | earlier | 之前 | 以前 | 早期 | 老 | 2.6.33 | in_fd | input | source | 输入 | 源'),
);

export const sequentialMyth: Myth = myth(
  { en: 'it fits because reads and writes are sequential', zh: '适合零拷贝是因为顺序读写' },
  {
    en: 'Sequential access is why the disk keeps up; sendfile is possible because the bytes on disk are the bytes a consumer gets, so the broker changes nothing before sending.',
    zh: '顺序读写让磁盘跟得上；能用 sendfile 是因为磁盘上的字节就是消费者要的字节，broker 发送前什么都不用改。',
  },
  says('fits | suits | works | fit | 适合 | 适用 | 用得上', 'because | since | 因为 | 是因为', 'sequential | sequentially | 顺序'),
  says('sequential | sequentially | 顺序', 'what makes | makes | 才让 | 让 | 使得', 'zerocopy | sendfile | work | 生效'),
);

export const readOnceMyth: Myth = myth(
  { en: 'consumption is read once and gone', zh: '消费是读完即走' },
  {
    en: 'Kafka keeps data for its retention period and many consumers read the same batches; zero-copy pays because the same cached pages serve all of them.',
    zh: 'Kafka 会按保留期保存数据，很多消费者读同一批数据；零拷贝划算，正是因为同一批缓存页服务所有消费者。',
  },
  says('read once and gone | once and gone | read once | consumed once | read and gone | 读完即走 | 读完就走 | 只读一次 | 读一次就'),
);

export const tlsImpossibleMyth: Myth = myth(
  { en: 'TLS makes zero-copy impossible', zh: '用了 TLS 就不可能零拷贝' },
  {
    en: 'Only TLS in user space rules out sendfile (Kafka, Bun, Node, Deno). With kernel TLS the kernel encrypts and sendfile keeps working: nginx with OpenSSL 3 uses SSL_sendfile, and Netflix serves hundreds of Gb/s of TLS that way.',
    zh: '只有用户态的 TLS 才用不了 sendfile（Kafka、Bun、Node、Deno）。用内核态 TLS 时由内核加密，sendfile 照常工作：nginx 配 OpenSSL 3 用 SSL_sendfile，Netflix 也靠它发出数百 Gb/s 的 TLS 流量。',
  },
  unless(denies('tls | ssl | https | encrypt~ | encryption | 加密', 'zerocopy | sendfile'),
    'kafka | bun | jvm | java | broker | node | deno | user space | userspace | 用户态 | only when | only if | only | 只有 | 只要 | 只在 | 才 | ktls | kernel'),
  denies('nginx | netflix | anyone | every server | all servers | any server | 任何服务器 | 所有服务器 | 谁都', 'sendfile | zerocopy | use | 用'),
  unless(says('impossible | no way | 不可能 | 没有办法 | 没法', 'tls | ssl | https | 加密'), 'kafka | bun | jvm | user space | 用户态 | only | 只有 | ktls'),
);

export const mmapIsZeroCopy: Myth = myth(
  { en: 'mmap + write is zero-copy', zh: 'mmap + write 也是零拷贝' },
  {
    en: 'mmap removes the read() copy only: write() still copies each byte from the mapping into the socket buffer. The lab measured 1.00 copies per byte in Bun, against 0 for sendfile.',
    zh: 'mmap 只省掉了 read() 那次拷贝：write() 仍要把每个字节从映射区拷进 socket 缓冲区。实验里 Bun 是每字节 1.00 次拷贝，sendfile 是 0。',
  },
  unless(says('mmap | 映射', 'zerocopy'), 'between | middle | 折中 | 之间 | compared | than | 比 | 介于'),
  denies(copy, 'between | 之间', userSide),
);

export const mmapAlwaysFaster: Myth = myth(
  { en: 'mmap is always faster than read()', zh: 'mmap 总比 read 快' },
  {
    en: 'A mapping trades the copy for page faults, page-table work, TLB shootdowns on munmap and the SIGBUS hazard; it pays for big files mapped once, rarely for small files mapped per request.',
    zh: '映射是用缺页、页表操作、munmap 时的 TLB 刷新和 SIGBUS 风险换掉一次拷贝；它适合映射一次、反复使用的大文件，很少适合每个请求都映射一次的小文件。',
  },
  says('mmap | 映射', 'always | 总是 | 一定 | 永远', 'faster | quicker | better | 快 | 更快 | 更好'),
);

export const httpHardMyth: Myth = myth(
  { en: 'HTTP processing makes zero-copy hard', zh: 'HTTP 处理让零拷贝难以使用' },
  {
    en: 'HTTP is no obstacle: a server writes the header, then sendfiles the body; the labs do exactly that.',
    zh: 'HTTP 不是障碍：服务器先写响应头，再 sendfile 响应体，实验里就是这么做的。',
  },
  says('http | http 处理', 'hard | difficult | 难以 | 难'),
);

export const dbNeverMyth: Myth = myth(
  { en: 'databases never use zero-copy', zh: '数据库从不用零拷贝' },
  {
    en: "They do where a whole file moves unchanged: MySQL's clone plugin copies local files with sendfile, PostgreSQL's pg_upgrade with copy_file_range; InnoDB's O_DIRECT skips the page cache copy on the disk side.",
    zh: '整文件原样搬运时它们就用：MySQL 的 clone 插件用 sendfile 复制本地文件，PostgreSQL 的 pg_upgrade 用 copy_file_range；InnoDB 的 O_DIRECT 在磁盘一侧省掉了页缓存那次拷贝。',
  },
  unless(denies('database~ | mysql | postgres | postgresql | redis | 数据库', 'zerocopy | sendfile | copy_file_range'),
    'query | queries | 查询 | result~ | 结果 | answer~ | 回答 | 返回'),
);

export const randomAccessMyth: Myth = myth(
  { en: 'random access is better served by plain read/write', zh: '随机访问用传统读写更高效' },
  {
    en: "For small random reads zero-copy is not slower, just not where the cost is: the per-request syscalls are. Databases need the pages in their own buffer pool anyway, and skip the page cache with O_DIRECT.",
    zh: '小块随机读用零拷贝并不更慢，只是成本不在拷贝上，而在每个请求的系统调用。数据库本来就要把页读进自己的缓冲池，并用 O_DIRECT 绕过页缓存。',
  },
  says('random | 随机', 'better | more efficient | faster | 更高效 | 更好 | 更快', 'read write | read and write | traditional | 传统 | 读写'),
);
