// Chapter 10: case studies — nginx and Netflix, databases and Redis, RocketMQ against Kafka.
import { concept, type DrillQuestion } from '../types.ts';
import { kernelTls, oneCpuCopy, sendfile } from './terms.ts';

export const questions: DrillQuestion[] = [
  {
    id: '10-nginx-netflix',
    chapter: '10',
    question: {
      en: 'How do Nginx and Netflix send files, and what did they do about TLS?',
      zh: 'Nginx 和 Netflix 是怎么发送文件的？它们怎么处理 TLS？',
    },
    concepts: [
      concept('nginx serves static files with sendfile', 'nginx 用 sendfile 发静态文件', sendfile),
      concept('nginx 1.21.4+: SSL_sendfile with OpenSSL 3 and kTLS', 'nginx 1.21.4 起：OpenSSL 3 加 kTLS 时用 SSL_sendfile', ['ssl_sendfile',
        '1.21.4', 'openssl 3'], 2),
      concept('Netflix: FreeBSD sendfile with kernel TLS', 'Netflix：FreeBSD 上的 sendfile 加内核态 TLS', ['freebsd', ...kernelTls], 2),
      concept('NIC kTLS offload, about 400 Gb/s from one server', '网卡 kTLS 卸载，单机约 400 Gb/s', ['offload', '卸载', '400', '800']),
      concept('the limit was memory bandwidth', '瓶颈是内存带宽', ['memory bandwidth', '内存带宽']),
    ],
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
    concepts: [
      concept("MySQL's clone plugin: sendfile for local files", 'MySQL 的 clone 插件：本地文件用 sendfile', ['clone'], 2),
      concept("PostgreSQL's pg_upgrade: copy_file_range", 'PostgreSQL 的 pg_upgrade：copy_file_range', ['pg_upgrade', 'copy_file_range'], 2),
      concept("Redis tried sendfile for replication and reverted it", 'Redis 在复制里试过 sendfile，又回滚了', ['revert', 'blocking', 'latency',
        '回滚', '撤销', '撤回', '阻塞', '延迟'], 2),
      concept('so "databases never use zero-copy" is wrong', '所以“数据库从不用零拷贝”不对', ['wrong', 'myth', 'not true', 'do use', '不对',
        '不准确', '误解', '确实用']),
    ],
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
    concepts: [
      concept('with mmap the process can read the data in place', '用 mmap 进程能直接读写数据', ['in place', 'random access', 'read the data',
        'look at the data', '直接读写', '随机访问', '读取数据', '碰数据'], 2),
      concept('mmap + write still makes one CPU copy', 'mmap + write 仍有一次 CPU 拷贝', oneCpuCopy, 2),
      concept('page faults, SIGBUS on truncation', '缺页，截短时 SIGBUS', ['page fault', 'sigbus', '缺页']),
      concept('sendfile: no CPU copy, but the process never sees the bytes', 'sendfile：没有 CPU 拷贝，但进程看不到数据', ['never see', 'cannot see',
        "can't see", 'not visible', '看不到', '碰不到'], 2),
    ],
    model: {
      en: 'mmap maps the log into the process, so the broker can read and index messages in place without a read() copy, but sending them with write() still costs one CPU copy into the socket buffer, plus page faults, and a truncated file can raise SIGBUS. sendfile makes no CPU copy through user space at all, but the process never sees the bytes, so it fits only when they go out exactly as stored. Choose by whether the process needs to look at the data.',
      zh: 'mmap 把日志映射进进程，broker 可以直接读写、建索引，省掉 read() 那次拷贝；但再用 write() 发出去时，仍要一次 CPU 拷贝到 socket 缓冲区，还有缺页开销，文件被截短时还可能收到 SIGBUS。sendfile 完全没有经过用户态的 CPU 拷贝，代价是进程看不到这些字节，所以只适合原样发出的数据。怎么选，取决于进程要不要碰数据。',
    },
  },
];
