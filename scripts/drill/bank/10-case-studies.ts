// Chapter 10: case studies — nginx and Netflix, databases and Redis, RocketMQ against Kafka.
import { against, claim, denies, myth, only, says, type DrillQuestion } from '../types.ts';
import { dbNeverMyth, mmapIsZeroCopy, tlsImpossibleMyth } from './myths.ts';
import { kernelTls, mmap, oneCpuCopy, sendfile } from './terms.ts';

export const questions: DrillQuestion[] = [
  {
    id: '10-nginx-netflix',
    chapter: '10',
    question: {
      en: 'How do Nginx and Netflix send files, and what did they do about TLS?',
      zh: 'Nginx 和 Netflix 是怎么发送文件的？它们怎么处理 TLS？',
    },
    claims: [
      claim('nginx serves static files with sendfile', 'nginx 用 sendfile 发静态文件', 1, says('nginx', sendfile)),
      claim('nginx 1.21.4+: SSL_sendfile with OpenSSL 3 and kTLS', 'nginx 1.21.4 起：OpenSSL 3 加 kTLS 时用 SSL_sendfile', 2,
        says('ssl_sendfile | 1.21.4 | openssl 3')),
      claim('Netflix: FreeBSD sendfile with kernel TLS', 'Netflix：FreeBSD 上的 sendfile 加内核态 TLS', 2,
        says('freebsd | netflix', `${kernelTls} | ${sendfile}`)),
      claim('NIC kTLS offload, about 400 Gb/s from one server', '网卡 kTLS 卸载，单机约 400 Gb/s', 1, says('offload~ | 卸载 | 400 | 800')),
      claim('the limit was memory bandwidth', '瓶颈是内存带宽', 1, says('memory bandwidth | 内存带宽')),
    ],
    myths: [tlsImpossibleMyth],
    model: {
      en: 'Nginx serves static files with sendfile, and since 1.21.4 it can keep that under TLS: with OpenSSL 3 built with kTLS it calls SSL_sendfile, so the kernel encrypts. Netflix serves its video from FreeBSD with sendfile and kernel TLS. Software kTLS hit memory bandwidth limits, so they moved encryption to the NIC with inline kTLS offload, reaching about 400 Gb/s from one server, and later around 800.',
      zh: 'Nginx 用 sendfile 发静态文件，从 1.21.4 起在 TLS 下也能保留这条路：OpenSSL 3 编译时启用了 kTLS，它就调用 SSL_sendfile，由内核加密。Netflix 在 FreeBSD 上用 sendfile 加内核态 TLS 发视频。软件 kTLS 受限于内存带宽，他们就把加密卸载到网卡上做，单台服务器达到约 400 Gb/s，后来又到 800 左右。',
    },
  },
  {
    id: '10-databases-redis',
    chapter: '10',
    question: {
      en: 'Do MySQL, PostgreSQL and Redis use zero-copy? Give concrete examples.',
      zh: 'MySQL、PostgreSQL 和 Redis 用零拷贝吗？请举具体的例子。',
    },
    claims: [
      claim("MySQL's clone plugin: sendfile for local files", 'MySQL 的 clone 插件：本地文件用 sendfile', 2, says('clone')),
      claim("PostgreSQL's pg_upgrade: copy_file_range", 'PostgreSQL 的 pg_upgrade：copy_file_range', 2, says('pg_upgrade | copy_file_range')),
      claim('Redis tried sendfile for replication and reverted it (blocking, latency)', 'Redis 在复制里试过 sendfile，又因阻塞和延迟回滚了', 2,
        says('redis | sendfile', 'revert~ | 回滚 | 撤销 | 撤回'), says('revert~ | 回滚 | 撤销', 'block~ | latency | 阻塞 | 延迟'),
        says('reverted | revert~ | 回滚 | 撤回 | 撤销'),
        against('still the default | still default | 还是默认 | 默认开启')),
      claim('so "databases never use zero-copy" is wrong', '所以“数据库从不用零拷贝”不对', 1,
        only(says('wrong | myth | not true | misconception | 不对 | 不准确 | 误解 | 错的 | 是错')),
        only(denies('wrong | myth | not true | misconception | 不对 | 不准确 | 误解 | 错的 | 是错')), says('do use | does use | 确实用 | 是用的')),
    ],
    myths: [dbNeverMyth],
    model: {
      en: 'Yes, for moving whole files, though not for queries. MySQL\'s clone plugin copies local files with sendfile; remote clones go through buffers. PostgreSQL\'s pg_upgrade can copy data files with copy_file_range. Redis tried sendfile for disk-based replication, merged in 2020 without TLS, and reverted it because of blocking and latency; it reads into a buffer and writes. So "databases never use zero-copy" is wrong: they use it where a file moves unchanged.',
      zh: '用，不过是在整文件搬运的场合，而不是查询。MySQL 的 clone 插件用 sendfile 复制本地文件，远程 clone 则走缓冲区。PostgreSQL 的 pg_upgrade 可以用 copy_file_range 复制数据文件。Redis 曾在基于磁盘的复制里引入 sendfile（2020 年合并，不含 TLS），后来因为阻塞和延迟问题又回滚了，现在仍是读进缓冲区再写出。所以“数据库从不用零拷贝”并不对：只要文件原样搬运，它们就会用。',
    },
  },
  {
    id: '10-rocketmq-kafka',
    chapter: '10',
    question: {
      en: 'RocketMQ is usually described as using mmap, Kafka as using sendfile. What is the trade-off?',
      zh: '通常说 RocketMQ 用 mmap、Kafka 用 sendfile。两者的取舍是什么？',
    },
    claims: [
      claim('RocketMQ maps its CommitLog (one for all topics, 1 GiB files) to append and look messages up in place',
        'RocketMQ 映射 CommitLog（所有 topic 共用、1 GiB 一个文件），方便就地追加和查找消息', 2,
        says('commitlog | consumequeue | 1 gib | 1g', `${mmap} | append~ | in place | look~ up | lookup | read~ | 追加 | 就地 | 查 | 读`),
        says('rocketmq', mmap)),
      claim('by default (transferMsgByHeap=true) a pull is copied into a heap buffer first', '默认（transferMsgByHeap=true）拉取时先拷进堆上的缓冲区', 2,
        says('transfermsgbyheap | heap | byte array | 堆')),
      claim('mmap + write is still one CPU copy per byte', 'mmap + write 每字节仍有一次 CPU 拷贝', 1, says(oneCpuCopy)),
      claim('Kafka: sendfile, no CPU copy through user space, but the broker never sees the bytes', 'Kafka：sendfile 没有用户态拷贝，但 broker 看不到数据', 2,
        denies('see~ | look at | look inside | touch~ | 看到 | 看得到 | 碰 | 看', 'bytes | data | message~ | 字节 | 数据 | 消息'),
        says('never see~ | cannot see | 看不到 | 碰不到 | 看不见'), against('kafka', 'rewritten constantly | 一直在被改写 | 一直被改写')),
      claim('a mapping brings page faults and SIGBUS; RocketMQ warms up and mlocks its files', '映射会带来缺页和 SIGBUS；RocketMQ 会预热、mlock 住这些文件', 1,
        says('warm~ up | warmup | mlock | pre fault | prefault | 预热 | page fault~ | 缺页 | sigbus')),
    ],
    myths: [mmapIsZeroCopy,
      myth({ en: 'both RocketMQ and Kafka are zero-copy', zh: 'RocketMQ 和 Kafka 都是零拷贝' },
        {
          en: 'Only Kafka\'s sendfile path is: RocketMQ copies pulls into a heap buffer by default, and even its mmap + write path copies each byte once.',
          zh: '只有 Kafka 的 sendfile 路径是：RocketMQ 默认把拉取的消息拷进堆缓冲区，就算走 mmap + write 也是每字节拷贝一次。',
        },
        says('both | 都是 | 两者都', 'zerocopy'), against('rocketmq', 'true zerocopy | 才是真正的 zerocopy | 真正的 zerocopy')),
    ],
    model: {
      en: "RocketMQ keeps every topic in one CommitLog of 1 GiB files that it maps into memory: an append is a memory copy, a ConsumeQueue entry points at a message's offset so it can be read in place, and the mapping can be warmed up and mlocked. Serving a pull is not zero-copy, though: by default, transferMsgByHeap=true, the broker first copies the messages into a heap byte[]; only with transferMsgByHeap=false does it write the mapped buffers to the socket, mmap + write, one CPU copy per byte. Kafka appends each partition's batches in the format consumers receive and hands a byte range to sendfile through transferTo: no CPU copy through user space, but the broker never sees the bytes. So a mapping suits a log the broker must read and index; sendfile suits bytes that leave exactly as stored.",
      zh: 'RocketMQ 把所有 topic 都写进同一个 CommitLog，由一个个 1 GiB 的文件组成，并映射进内存：追加就是一次内存拷贝，ConsumeQueue 里的条目指向消息的偏移，可以就地读取，映射还可以预热、用 mlock 锁住。但拉消息并不是零拷贝：默认 transferMsgByHeap=true，broker 先把消息拷进堆上的 byte[]；只有设成 transferMsgByHeap=false，才把映射的缓冲区直接写进 socket，也就是 mmap + write，每字节一次 CPU 拷贝。Kafka 按消费者收到的格式追加每个分区的批次，通过 transferTo 把一段字节交给 sendfile：没有经过用户态的 CPU 拷贝，但 broker 看不到这些字节。所以，broker 要读、要建索引的日志适合映射，原样发出的字节适合 sendfile。',
    },
  },
];
