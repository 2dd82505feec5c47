// Chapter 07: Kafka's log — why its design allows zero-copy, what it saves, and where it stops.
import { against, claim, denies, myth, only, says, unless, type DrillQuestion } from '../types.ts';
import { fourContextSwitches, kafkaMmapMyth, noCopyMyth, readOnceMyth, sequentialMyth, tlsImpossibleMyth } from './myths.ts';
import {
  appendOnly, copy, dma, dmaRemains, hasNo, kernel, mmap, modeSwitchWords, oneCpuCopy, pageCache, parse, sendfile, syscall, tls, twoCpuCopies,
  unchanged, userSide,
} from './terms.ts';

const readWriteRivals = 'read write | read and write | read() and write() | with read | 传统 | normal path | plain path | 普通的';
const saved = 'save~ | skip~ | avoid~ | drop~ | remove~ | eliminate~ | cut~ | without | 省掉 | 省去 | 省了 | 省';
const fetchPath = 'consumer~ | fetch~ | serve~ | 消费者 | 拉取 | 发数据 | 发送';
/** "both CPU copies go", "这两次都省了": the two copies through the JVM, named as a pair. */
const copiesGo = [
  says(`${copy} | copies`, 'go | goes | are gone | gone | disappear~ | vanish~ | 没了 | 都没了 | 消失'),
  says('both | both of those | both of them | 两次 | 这两次 | 两个都 | 都', saved),
];

const neverRewrittenMyth = myth(
  { en: 'sendfile works because the log is never rewritten', zh: '能用 sendfile 是因为日志写入后不可修改' },
  {
    en: "Kafka's log cleaner does rewrite segments of compacted topics. What sendfile needs is that batches sit on disk in the format consumers receive, so the broker sends them without parsing.",
    zh: 'Kafka 的日志清理器会改写压缩主题（compacted topic）的段文件。sendfile 需要的是批次在磁盘上就是消费者收到的格式，broker 不用解析就能发。',
  },
  says('never rewritten | never modified | never changed | never changes | immutable | 不可修改 | 不会被修改 | 不再修改 | 写完不再改 | 不改写 | 不可变 | 写入后不可修改',
    'because | since | why | reason | fits | lets | allows | enables | 因为 | 之所以 | 所以 | 才能 | 让 | 适合 | 符合'),
);

export const questions: DrillQuestion[] = [
  {
    id: '07-log-design',
    chapter: '07',
    question: {
      en: "What is it about the design of Kafka's log that lets the broker serve consumers with sendfile?",
      zh: 'Kafka 日志的哪些设计让 broker 可以用 sendfile 给消费者发数据？',
    },
    claims: [
      claim('batches are stored in the format consumers receive and sent unchanged, without parsing', '批次按消费者收到的格式存储，原样发出、不解析', 3,
        says(unchanged), unless(denies(parse), 'consumer~ | client~ | 消费者 | 客户端'),
        says('byte range | range of bytes | a range | 一段字节 | 文件范围 | 字节范围 | 一段文件'),
        against('decompress~ | transform~ | convert~ | 解压 | 转换', 'batch~ | record~ | 批次 | 消息')),
      claim('the broker appends to segment files', 'broker 往段文件里追加', 1, says(appendOnly), says('segment~ | 段文件 | 段'),
        against('sorted | 排序 | b tree | b+ 树')),
      claim('an offset index finds where the range starts', '偏移量索引找到起始位置', 1,
        says('index | indexes | 索引', 'offset~ | position~ | find~ | map~ | look~ up | lookup | starts | 位置 | 找到 | 对应 | 查 | 偏移')),
      claim('batching makes each range large', '批量让每段数据足够大', 1,
        says('batch~ | batching | 批次 | 批量', 'large | big | bigger | size | range~ | 大 | 足够大 | 大块 | 数据块')),
      claim('consumers read sequentially, mostly from the page cache', '消费者顺序读，大多命中页缓存', 1,
        says('sequential | sequentially | front to back | in order | 顺序', 'read~ | 读'), says(pageCache, 'from | hit~ | still in | 命中 | 还在 | 从')),
    ],
    myths: [neverRewrittenMyth, sequentialMyth, kafkaMmapMyth, readOnceMyth],
    model: {
      en: "A partition is a sequence of segment files that the broker appends to. Producers send record batches, and the broker stores them in the same binary format consumers receive, so a fetch is just a byte range of a segment, sent unchanged without parsing. Compaction can rewrite segments, but the batches stay in that format. An offset index maps a message offset to a position in the segment, so the broker knows where the range starts. Batching makes each range large, and consumers read sequentially, mostly from the page cache.",
      zh: '一个分区由一串段文件组成，broker 只往里追加。生产者发来的是消息批次，broker 按消费者收到的同一种二进制格式存下来，所以一次拉取就是某个段里的一段字节，原样发出，不用解析。压缩（compaction）会改写段文件，但批次的格式不变。偏移量索引把消息偏移量对应到段文件里的位置，broker 因此知道从哪里开始发。批量让每次发送的数据块足够大，消费者顺序读，而且大多命中页缓存。',
    },
  },
  {
    id: '07-copies-saved',
    chapter: '07',
    question: {
      en: "Exactly which copies does Kafka's use of transferTo save, and which remain?",
      zh: 'Kafka 用 transferTo，具体省掉了哪些拷贝？还剩下哪些？',
    },
    claims: [
      claim('saved: the CPU copy from the page cache into the JVM', '省掉：页缓存 → JVM 的 CPU 拷贝', 2,
        unless(denies(copy, userSide), `${readWriteRivals} | back | 拷回 | 回内核 | from the jvm | from the heap | from that buffer | 从这个缓冲区`), only(unless(denies(twoCpuCopies), readWriteRivals)),
        unless(says(saved, `${copy} | copies`, `${userSide} | ${pageCache}`), 'back | 拷回 | 回内核 | 回到 socket'), ...copiesGo),
      claim('saved: the CPU copy from the JVM back into the socket buffer', '省掉：JVM → socket 缓冲区的 CPU 拷贝', 2,
        unless(denies(copy, 'back | socket~ | socket buffer~ | 拷回 | socket 缓冲区 | 回内核'), readWriteRivals), only(unless(denies(twoCpuCopies), readWriteRivals)),
        says(saved, `${copy} | copies`, `back | socket~ | ${kernel} | 回 | socket 缓冲区`), ...copiesGo),
      claim('remain: the DMA transfers', '剩下：DMA 传输', 1, ...dmaRemains),
      claim('also one syscall fewer per chunk, and its mode switches', '每块数据还少一次系统调用和相应的模式切换', 1,
        says('one | single | a | 一次 | 一个 | 只要', syscall),
        says('fewer | less | half | 少 | 更少 | 减半 | 少了', `${syscall} | ${modeSwitchWords} | switch~ | 切换`), only(says(saved, syscall))),
      claim('the disk read happens once; every consumer reuses the cached pages', '磁盘读只发生一次，之后每个消费者都复用缓存页', 1,
        says('reuse~ | reused | every consumer | every later consumer | each consumption | all consumers | later consumers | 复用 | 每个消费者 | 所有消费者 | 共用'),
        says('only the first time | only once | exactly once | first time | 只在第一次 | 只发生一次 | 第一次')),
      claim('without scatter-gather one in-kernel copy remains', '网卡不支持分散-聚集时内核里还有一次拷贝', 1,
        only(says('scatter gather | gather | sg | 分散 | 聚集')), only(denies('scatter gather | gather | sg | 分散 | 聚集'))),
    ],
    myths: [noCopyMyth, fourContextSwitches],
    model: {
      en: "It saves the two CPU copies through the JVM: the copy from the page cache into the broker's user-space buffer, and the copy from that buffer back into the kernel's socket buffer. It also saves one of the two syscalls per chunk, and its mode switches. What remains are the DMA transfers: disk into the page cache, which happens once and is then reused for every consumer, and out to the NIC. On a NIC without scatter-gather the kernel also still copies once, from the page cache into the socket buffer. Kafka's docs put it as: only the final copy to the NIC buffer is needed.",
      zh: '省掉的是经过 JVM 的两次 CPU 拷贝：从页缓存拷到 broker 用户态缓冲区的那一次，以及从这个缓冲区拷回内核 socket 缓冲区的那一次；同时每块数据少了一次系统调用和相应的模式切换。剩下的是 DMA 传输：磁盘到页缓存（只发生一次，之后每个消费者都复用），以及到网卡的那一次。如果网卡不支持分散-聚集，内核里还要从页缓存往 socket 缓冲区拷一次。Kafka 文档的说法是：只需要最后拷到网卡缓冲区那一步。',
    },
  },
  {
    id: '07-tls',
    chapter: '07',
    question: {
      en: "What happens to Kafka's zero-copy path when you enable TLS between brokers and consumers?",
      zh: '在 broker 和消费者之间开启 TLS 后，Kafka 的零拷贝路径会怎样？',
    },
    claims: [
      claim('sendfile is no longer used', '不再用 sendfile', 2,
        only(denies(`${sendfile} | zerocopy`)), says('goes away | go away | gone | disappear~ | lost | 没了 | 就没了 | 消失 | 不成立 | 失效'),
        against(sendfile, 'keep~ working | keeps working | still works | 照样能用 | 照样'), against('nothing changes | no change | 没有变化 | 不变')),
      claim('TLS runs in user space, in the JVM', 'TLS 在用户态（JVM 里）运行', 2,
        says('tls | ssl | encrypt~ | encryption | 加密 | ssl 引擎 | sslengine', `${userSide} | jvm`),
        unless(against(kernel, 'encrypt~ | 加密'), 'ktls | kernel tls | could | would | 理论上 | 本可以 | 内核态 tls')),
      claim('zero-copy only on the plaintext transport', '零拷贝只在明文传输层（PlaintextTransportLayer）里有', 1, says('plaintext | plaintexttransportlayer | plain text | 明文')),
      claim('Kafka does not use kTLS or SSL_sendfile', 'Kafka 不用 kTLS 或 SSL_sendfile', 1,
        ...hasNo('kafka', 'ktls | ssl_sendfile | kernel tls | 内核态 tls'), denies('ktls | ssl_sendfile | kernel tls | 内核态 tls', 'support~ | use~ | 支持 | 用')),
      claim('the broker reads the bytes in, encrypts them and writes the ciphertext', 'broker 把数据读进来、加密、再写出密文', 1,
        says('ciphertext | encrypt~ | 密文 | 加密'), says(tls, 'copy~ | copies | read~ | 拷贝 | 读进')),
    ],
    myths: [tlsImpossibleMyth],
    model: {
      en: 'Kafka stops using sendfile. TLS libraries run in user space, so the broker has to read the bytes into the JVM, encrypt them and write the ciphertext, and the copies come back. Zero-copy only works in the PlaintextTransportLayer. Kafka does not use in-kernel TLS (kTLS, SSL_sendfile), which could keep sendfile with encryption.',
      zh: 'Kafka 就不再用 sendfile 了。TLS 库运行在用户态，broker 必须把数据读进 JVM、加密、再把密文写出去，拷贝又回来了。零拷贝只在 PlaintextTransportLayer（明文传输层）下生效。Kafka 没有使用内核态 TLS（kTLS、SSL_sendfile），而那本可以在加密的同时保留 sendfile。',
    },
  },
  {
    id: '07-myth-mmap',
    chapter: '07',
    question: {
      en: 'A common answer says Kafka serves consumers with both sendfile and mmap + write. What would you correct?',
      zh: '常见的答案说 Kafka 同时用 sendfile 和 mmap + write 给消费者发数据。你会怎么纠正？',
    },
    claims: [
      claim('the fetch path is transferTo (sendfile)', '拉取路径是 transferTo（sendfile）', 2,
        unless(says(sendfile, fetchPath), 'producer~ | produce~ | 生产者 | append~ | 追加'), says('plaintexttransportlayer | writeto | filerecords'),
        against(sendfile, 'producer~ | 生产者 | 生产端 | append~ into | 追加时')),
      claim('mmap is for the offset and time indexes (appends are FileChannel writes), not for serving consumers',
        'mmap 用在偏移量和时间索引上（往日志追加用的是 FileChannel 写），不是给消费者发数据的方式', 2,
        says(mmap, 'index | indexes | indices | 索引'), denies(mmap, fetchPath),
        says('filechannel.write | plain write~ | ordinary write~ | write~ | 写 | filechannel 写', 'append~ | log | 追加 | 日志')),
      claim('mmap + write would still make one CPU copy', 'mmap + write 还要一次 CPU 拷贝', 1, says(oneCpuCopy), says('write~ | write()', copy)),
      claim('zero-copy still has DMA copies', '零拷贝也还有 DMA 拷贝', 1, ...dmaRemains),
    ],
    myths: [kafkaMmapMyth, noCopyMyth],
    model: {
      en: "The fetch path is sendfile: the broker calls FileChannel.transferTo from its plaintext transport layer. The mmap part comes from elsewhere: Kafka memory-maps its offset and time indexes, and appends to the log with FileChannel.write, so mmap + write is not how it serves consumers. It would be worse anyway, since write() still makes one CPU copy from the mapping into the socket buffer. I would also correct 'no copies at all': the DMA transfers remain; zero-copy means no CPU copy through user space. And none of this holds once TLS is on.",
      zh: '给消费者发数据走的是 sendfile：broker 在明文传输层里调用 FileChannel.transferTo。mmap 的说法另有来源：Kafka 对偏移量索引和时间索引做了 mmap，往日志里追加用的是 FileChannel.write，所以 mmap + write 并不是 Kafka 服务消费者的方式。而且它更差，因为 write() 还要从映射区往 socket 缓冲区做一次 CPU 拷贝。还要纠正“完全没有拷贝”的说法：DMA 传输还在，零拷贝指的是不再经过用户态的 CPU 拷贝。另外，一旦开启 TLS，这些都不成立了。',
    },
  },
];
