// Chapter 07: Kafka's log — why its design allows zero-copy, what it saves, and where it stops.
import { concept, type DrillQuestion } from '../types.ts';
import { appendOnly, dma, kernelTls, oneCpuCopy, pageCache, tls, transferTo, unchanged, userSpace } from './terms.ts';

export const questions: DrillQuestion[] = [
  {
    id: '07-log-design',
    chapter: '07',
    question: {
      en: "What is it about the design of Kafka's log that lets the broker serve consumers with sendfile?",
      zh: 'Kafka 日志的哪些设计让 broker 可以用 sendfile 给消费者发数据？',
    },
    concepts: [
      concept('append-only segment files, never rewritten', '只追加、不改写的段文件', appendOnly, 2),
      concept('stored in the format consumers receive, sent unchanged', '按消费者收到的格式存储，原样发出', [...unchanged, 'format consumers',
        'wire format', '相同格式'], 2),
      concept('an offset index finds the position', '偏移量索引找到起始位置', ['index', '索引']),
      concept('batching makes large ranges', '批量让每段数据足够大', ['batch', '批']),
      concept('sequential reads from the page cache', '顺序读，命中页缓存', ['sequential', '顺序', ...pageCache]),
    ],
    model: {
      en: 'A partition is a sequence of append-only segment files that are never rewritten. Producers send record batches, and the broker stores them in the format consumers receive, so a fetch is just a byte range of a segment, sent unchanged without parsing. An offset index maps a message offset to a position in the segment, so the broker knows where the range starts. Batching makes each range large, and consumers read sequentially, mostly from the page cache.',
      zh: '一个分区由一串只追加、写完就不再改的段文件组成。生产者发来的是消息批次，broker 按消费者收到的同样格式存下来，所以一次拉取就是某个段里的一段字节，原样发出，不用解析。偏移量索引把消息偏移量对应到段文件里的位置，broker 因此知道从哪里开始发。批量让每次发送的数据块足够大，消费者顺序读，而且大多命中页缓存。',
    },
  },
  {
    id: '07-copies-saved',
    chapter: '07',
    question: {
      en: "Exactly which copies does Kafka's use of transferTo save, and which remain?",
      zh: 'Kafka 用 transferTo，具体省掉了哪些拷贝？还剩下哪些？',
    },
    concepts: [
      concept('saved: page cache → the JVM', '省掉：页缓存 → JVM', ['into the broker', 'into user space', 'into the process', 'into the jvm',
        'jvm', '拷进用户态', '拷贝到用户态', '到用户态', '拷到用户'], 2),
      concept('saved: the JVM → socket buffer', '省掉：JVM → socket 缓冲区', ['back into the kernel', 'socket buffer', 'user to socket',
        '拷回内核', 'socket 缓冲区', '套接字缓冲区'], 2),
      concept('remain: the DMA transfers', '剩下：DMA 传输', dma),
      concept('also fewer syscalls and mode switches', '还少了系统调用和模式切换', ['system call', 'syscall', 'mode switch', '系统调用', '模式切换']),
      concept('the page cache is filled once and reused', '页缓存只填一次，反复复用', ['exactly once', 'only once', 'reused', 'every consumer',
        'each consumption', '只发生一次', '复用', '每个消费者', '每次消费']),
    ],
    model: {
      en: "It saves the two CPU copies through the JVM: page cache into the broker's user-space buffer, and from that buffer back into the kernel's socket buffer, along with one of the two system calls per chunk and its mode switches. What remains are the DMA transfers: disk into the page cache, which happens once and is reused for every consumer, and out to the NIC. Kafka's docs put it as: only the final copy to the NIC buffer is needed.",
      zh: '省掉的是经过 JVM 的两次 CPU 拷贝：从页缓存拷到 broker 用户态的缓冲区，再从这个缓冲区拷回内核的 socket 缓冲区；同时每块数据少了一次系统调用和对应的模式切换。剩下的是 DMA 传输：磁盘到页缓存（只发生一次，之后每个消费者都复用），以及到网卡的那一次。Kafka 文档的说法是：只需要最后拷到网卡缓冲区那一步。',
    },
  },
  {
    id: '07-tls',
    chapter: '07',
    question: {
      en: "What happens to Kafka's zero-copy path when you enable TLS between brokers and consumers?",
      zh: '在 broker 和消费者之间开启 TLS 后，Kafka 的零拷贝路径会怎样？',
    },
    concepts: [
      concept('sendfile is no longer used', '不再用 sendfile', [/(no longer|\bnot\b|stops|doesn't|does not|can't|cannot|gives up)[^.]{0,30}(sendfile|zero.?copy|transferto)/,
        /(不再|不能|无法|不用|用不了|放弃)[^。]{0,10}(sendfile|零拷贝|transferto)/], 2),
      concept('TLS runs in user space, in the JVM', 'TLS 在用户态（JVM 里）运行', [...userSpace, 'jvm'], 2),
      concept('zero-copy only on the plaintext transport', '零拷贝只在明文传输层', ['plaintext', '明文']),
      concept('Kafka does not use kTLS or SSL_sendfile', 'Kafka 不用 kTLS 或 SSL_sendfile', [...kernelTls, 'ssl_sendfile']),
      concept('the bytes are encrypted, so copied', '数据要加密，所以要拷贝', ['encrypt', '加密']),
    ],
    model: {
      en: 'Kafka stops using sendfile. TLS libraries run in user space, so the broker has to read the bytes into the JVM, encrypt them and write the ciphertext, and the copies come back. Zero-copy only works in the PlaintextTransportLayer. Kafka does not use in-kernel TLS (kTLS, SSL_sendfile), which could keep sendfile with encryption.',
      zh: 'Kafka 就不再用 sendfile 了。TLS 库运行在用户态，broker 必须把数据读进 JVM、加密、再把密文写出去，拷贝又回来了。零拷贝只在 PlaintextTransportLayer（明文传输）下生效。Kafka 没有使用内核态 TLS（kTLS、SSL_sendfile），而那本可以在加密的同时保留 sendfile。',
    },
  },
  {
    id: '07-myth-mmap',
    chapter: '07',
    question: {
      en: 'A common answer says Kafka serves consumers with both sendfile and mmap + write. What would you correct?',
      zh: '常见的答案说 Kafka 同时用 sendfile 和 mmap + write 给消费者发数据。你会怎么纠正？',
    },
    concepts: [
      concept('the fetch path is transferTo (sendfile)', '拉取路径是 transferTo（sendfile）', [...transferTo, 'plaintexttransportlayer'], 2),
      concept('mmap + write is not how consumers are served', 'mmap + write 不是给消费者发数据的方式', [
        /mmap[^.。]{0,50}(\bnot\b|isn't|\bno\b|不是|并不|没有|不用)/, /(\bnot\b|isn't|不是|并不|没有)[^.。]{0,30}mmap/], 2),
      concept('mmap + write still makes one CPU copy', 'mmap + write 仍有一次 CPU 拷贝', oneCpuCopy),
      concept('zero-copy still has DMA copies', '零拷贝也还有 DMA 拷贝', dma),
      concept('and none of it with TLS', '开 TLS 后都不成立', tls),
    ],
    model: {
      en: 'The fetch path is sendfile: the broker calls FileChannel.transferTo from its plaintext transport layer. mmap + write is not how Kafka serves consumers, and it would be worse, since write() still makes one CPU copy from the mapping into the socket buffer. I would also correct "no copies at all": the DMA transfers remain, zero-copy means no CPU copy through user space. And the whole path is off when TLS is on.',
      zh: '给消费者发数据走的是 sendfile：broker 在明文传输层里调用 FileChannel.transferTo。mmap + write 并不是 Kafka 服务消费者的方式，而且它更差，因为 write() 还要从映射区往 socket 缓冲区做一次 CPU 拷贝。还要纠正“完全没有拷贝”的说法：DMA 传输还在，零拷贝指的是不再经过用户态的 CPU 拷贝。另外，开启 TLS 后整条路径都不成立。',
    },
  },
];
