// Chapter 02: sendfile() — what it saves, where it applies, who can call it, why Kafka uses it.
import { concept, type DrillQuestion } from '../types.ts';
import { appendOnly, denoHasNone, dma, nodeHasNone, pageCache, sendfile, tls, transferTo, twoCpuCopies, unchanged } from './terms.ts';

export const questions: DrillQuestion[] = [
  {
    id: '02-what-sendfile-saves',
    chapter: '02',
    question: {
      en: 'What exactly does sendfile() save compared with read() + write(), and what does it not save?',
      zh: '和 read() + write() 相比，sendfile() 具体省掉了什么？又有什么是省不掉的？',
    },
    concepts: [
      concept('no CPU copy through user space', '数据不进入用户态，没有 CPU 拷贝', ['never enter user space', 'never enters user space',
        'no user space copy', 'no copy into user', 'stays in the kernel', 'inside the kernel', 'zero cpu copies', 'no cpu copy',
        'saves both copies', 'saves the two copies', '不进入用户态', '不经过用户态', '不进用户态', '不经过用户空间', '留在内核', '内核内部',
        '省掉了两次', '省掉两次', '省去两次', '省了两次'], 2),
      concept('one syscall instead of two: half the mode switches', '一次系统调用代替两次，模式切换减半', ['one syscall', 'one system call',
        'single syscall', 'fewer syscalls', 'fewer mode switches', 'halves the mode switches', 'half the syscalls', 'half as many syscalls',
        '一次系统调用', '模式切换减半', '减少一半', '一半系统调用', '一半的系统调用', '系统调用减半', '系统调用少一半']),
      concept('the DMA transfers remain', 'DMA 传输还在', dma),
      concept('scatter-gather removes the last in-kernel copy', '分散-聚集去掉内核里的那次拷贝', ['scatter-gather', 'scatter gather',
        '分散', '聚集', 'netif_f_sg']),
      concept('the receiver still copies', '接收方照样拷贝', ['receiver', 'the client copies', '接收方', '接收端']),
    ],
    model: {
      en: "It saves the trip through user space: the server names a file and a socket, and the kernel moves the bytes between them itself, so there is no CPU copy into the process and back, and one syscall per chunk instead of two, which halves the mode switches. It does not remove the DMA transfers from the disk and to the NIC, and on a NIC without scatter-gather the kernel still copies from the page cache to the socket buffer once. The receiver still copies into its own buffer. In my lab, Bun's sendfile showed 0 copies per byte against 2.",
      zh: '省掉的是数据在用户态走的那一趟：服务器只告诉内核文件和 socket，字节由内核自己搬运，不进入用户态，没有拷进进程再拷回内核的两次 CPU 拷贝；每块数据也从两次系统调用变成一次，模式切换减半。省不掉的是磁盘和网卡两端的 DMA 传输；如果网卡不支持分散-聚集（scatter-gather），内核里还要从页缓存往 socket 缓冲区拷一次。接收方照样要拷进自己的缓冲区。我在 Bun 上测过：每字节 0 次拷贝，而 read+write 是 2 次。',
    },
  },
  {
    id: '02-why-kafka',
    chapter: '02',
    question: {
      en: 'Why does Kafka use zero-copy, and why does it fit Kafka so well?',
      zh: 'Kafka 为什么要用零拷贝？为什么零拷贝特别适合 Kafka？',
    },
    concepts: [
      concept('transferTo, which is sendfile', 'transferTo，也就是 sendfile', [...sendfile, ...transferTo], 2),
      concept('an append-only log, never rewritten', '只追加、不改写的日志', appendOnly, 2),
      concept('batches sent unchanged, not parsed', '消息批次原样发出，不解析', unchanged),
      concept('served from the page cache', '从页缓存直接发', pageCache, 2),
      concept('the two CPU copies saved', '省掉两次 CPU 拷贝', twoCpuCopies),
      concept('not with TLS', '开 TLS 就不行', tls),
    ],
    model: {
      en: "Kafka serves a consumer fetch with FileChannel.transferTo, which is sendfile on Linux, so a log segment goes from the page cache to the socket without the two CPU copies through the broker's memory. It fits because the log is append-only and never rewritten, and batches are stored in the same format they are sent in, so the broker sends the bytes unchanged without parsing them. Consumers read sequentially, mostly from the page cache, so caught-up consumers cause no disk reads. The catch: with TLS enabled Kafka encrypts in user space and gives up sendfile.",
      zh: 'Kafka 处理消费者的拉取请求时用 FileChannel.transferTo，在 Linux 上就是 sendfile，日志段的数据直接从页缓存送进 socket，省掉了经过 broker 进程内存的两次 CPU 拷贝。之所以合适，是因为日志只追加、写完不再改，消息批次在磁盘上的格式就是发给消费者的格式，broker 原样发出、不解析。消费者顺序读，而且大多命中页缓存，跟上进度的消费者几乎不读磁盘。代价是开启 TLS 后加密要在用户态做，Kafka 就不用 sendfile 了。',
    },
  },
  {
    id: '02-out-fd',
    chapter: '02',
    question: {
      en: 'Is sendfile() only for sending files to TCP sockets?',
      zh: 'sendfile() 只能用来把文件发到 TCP socket 吗？',
    },
    concepts: [
      concept('out_fd may be any file since Linux 2.6.33', '从 2.6.33 起 out_fd 可以是任何文件', ['2.6.33', 'any file', 'regular file',
        'file to file', '任何文件', '任意文件', '普通文件', '文件到文件'], 2),
      concept('the input cannot be a socket', '输入端不能是 socket', [/(in_fd|input|source)[^.]{0,40}(\bnot\b|cannot|can't|must)/,
        /(输入|源|in_fd)[^。]{0,20}(不能|必须)/, 'mmap-like', '类似 mmap'], 2),
      concept('a pipe since 5.12 (it becomes splice)', '5.12 起可以是管道（变成 splice）', ['5.12', 'pipe', '管道']),
      concept('file-to-file users: MySQL clone, libuv copyFile', '文件到文件的实际用户：MySQL clone、libuv copyFile', ['mysql', 'clone',
        'libuv', 'copyfile', 'transferto', 'bun.write']),
    ],
    model: {
      en: "No. Since Linux 2.6.33 out_fd can be any file, a regular file included, and since 5.12 a pipe, where the call becomes a splice. The real restriction is on the input: in_fd must support mmap-like operations, so it cannot be a socket; for socket input you use splice. File-to-file sendfile is used in practice: MySQL's clone plugin copies local files with it, and libuv falls back to it in Node's copyFile.",
      zh: '不是。从 Linux 2.6.33 起，out_fd 可以是任何文件，包括普通文件；5.12 起还可以是管道，这时它实际上走 splice。真正的限制在输入端：in_fd 必须支持类似 mmap 的操作，所以不能是 socket，要从 socket 读就得用 splice。文件到文件的 sendfile 在实践中确实有人用：MySQL 的 clone 插件用它复制本地文件，libuv 在 Node 的 copyFile 里也会退回到它。',
    },
  },
  {
    id: '02-js-runtimes',
    chapter: '02',
    question: {
      en: 'Which JavaScript runtime can serve a file over HTTP with sendfile(), and when?',
      zh: '哪个 JavaScript 运行时能用 sendfile() 通过 HTTP 发送文件？在什么条件下？',
    },
    concepts: [
      concept('Bun: Bun.serve with Bun.file', 'Bun：Bun.serve 配 Bun.file', ['bun.serve', 'bun.file', 'bun'], 2),
      concept('only for files of at least 1 MiB', '只针对至少 1 MiB 的文件', ['1 mib', '1 mb', 'megabyte', '1 兆']),
      concept('never with TLS', '开 TLS 就不用', tls),
      concept('Node has no public sendfile', 'Node 没有公开的 sendfile', nodeHasNone, 2),
      concept('Deno has none either', 'Deno 也没有', denoHasNone),
    ],
    model: {
      en: 'Bun: Bun.serve answering with new Response(Bun.file(path)) calls sendfile on Linux for plain HTTP, but only for regular files of at least 1 MiB; smaller files are read and sent, and with TLS it never uses sendfile. Node has no public sendfile or splice API: its streams and http2 respondWithFile read 64 KiB chunks into user space. Deno has none either: Deno.serve reads 64 KiB chunks, and the old flash server that used sendfile was removed in 1.33.',
      zh: '只有 Bun：Bun.serve 用 new Response(Bun.file(path)) 回应时，在 Linux 上走明文 HTTP 会调用 sendfile，但只针对至少 1 MiB 的普通文件；更小的文件是读出来再发，开了 TLS 就完全不用 sendfile。Node 没有公开的 sendfile 或 splice API，它的流和 http2 的 respondWithFile 都是按 64 KiB 读进用户态。Deno 也没有：Deno.serve 按 64 KiB 读，曾经用过 sendfile 的 flash 服务器在 1.33 被移除了。',
    },
  },
];
