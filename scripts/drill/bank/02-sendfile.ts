// Chapter 02: sendfile() — what it saves, where it applies, who can call it, why Kafka uses it.
import { against, claim, count, denies, myth, only, says, unless, type DrillQuestion } from '../types.ts';
import { fourContextSwitches, httpHardMyth, kafkaMmapMyth, noCopyMyth, readOnceMyth, sendfileOnlyTcp, sequentialMyth } from './myths.ts';
import {
  appendOnly, copy, dmaRemains, hasNo, kernel, modeSwitchWords, pageCache, parse, receiverCopies, sendfile, syscall, tls, twoCpuCopies,
  unchanged, userSide,
} from './terms.ts';

const readWriteRivals = 'read write | read and write | read() and write() | with read | 传统 | mmap';
const scatterGather = 'scatter gather | scatter/gather | gather | sg | netif_f_sg | 分散 | 聚集 | 分散聚集';

export const questions: DrillQuestion[] = [
  {
    id: '02-what-sendfile-saves',
    chapter: '02',
    question: {
      en: 'What exactly does sendfile() save compared with read() + write(), and what does it not save?',
      zh: '和 read() + write() 相比，sendfile() 具体省掉了什么？又有什么是省不掉的？',
    },
    claims: [
      claim('no CPU copy through user space: 0 user-space copies', '数据不进入用户态：没有经过用户态的 CPU 拷贝', 2,
        unless(denies(copy, userSide), readWriteRivals),
        unless(denies('enter~ | go~ through | pass~ through | cross~ | touch~ | visit~ | come~ up | reach~ | 进入 | 经过 | 进 | 上到 | 碰 | 走', userSide), readWriteRivals),
        only(says('stay~ | remain~ | kept | keep~ | 留在 | 待在 | 一直在 | 只在', kernel)), only(says(kernel, 'move~ | shuffle~ | 搬 | 搬运 | 自己搬')),
        only(says(count(0, `${copy} | copies`))), only(unless(denies(twoCpuCopies), readWriteRivals)),
        unless(says('remove~ | eliminate~ | avoid~ | skip~ | cut~ | drop~ | 省掉 | 省去 | 去掉 | 避免 | 省了', 'both | two | 两次 | 两', 'copy~ | copies | 拷贝'), readWriteRivals)),
      claim('one syscall per chunk instead of two: half the mode switches', '每块数据一次系统调用代替两次，模式切换减半', 1,
        only(unless(says(count(1, syscall)), readWriteRivals)),
        says('half | halves | halved | fewer | 减半 | 少一半 | 一半 | 更少 | 少了', `${syscall} | ${modeSwitchWords} | switch~ | transition~ | 切换`),
        only(says('save~ | remove~ | cut~ | drop~ | 省 | 少', syscall))),
      claim('the DMA transfers remain', 'DMA 传输还在', 1, ...dmaRemains),
      claim('without scatter-gather the kernel still copies once into the socket buffer', '网卡不支持分散-聚集时，内核里还要拷一次到 socket 缓冲区', 1,
        only(unless(says(scatterGather), 'receiver~ | receiving | 接收')), only(unless(denies(scatterGather), 'receiver~ | receiving | 接收')),
        against(scatterGather, 'receiver~ | receiving | 接收')),
      claim('the receiver still copies', '接收方照样拷贝', 1, ...receiverCopies),
    ],
    myths: [noCopyMyth, fourContextSwitches],
    model: {
      en: "It saves the trip through user space: the server names a file and a socket and the kernel moves the bytes itself, so there is no CPU copy into the process and back, and one syscall per chunk instead of two, which halves the mode switches. It does not save the DMA transfers from the disk and to the NIC, and on a NIC without scatter-gather the kernel still copies once, from the page cache into the socket buffer. The receiver still copies into its own buffer. In my lab Bun's sendfile made 0 user-space copies per byte against 2 for read and write; that count is taken at the user/kernel boundary, so an in-kernel copy would not show in it.",
      zh: '省掉的是数据在用户态走的那一趟：服务器只告诉内核文件和 socket，字节由内核自己搬运，不进入用户态，没有拷进进程再拷回内核的两次 CPU 拷贝；每块数据也从两次系统调用变成一次，模式切换（用户态⇄内核态）减半。省不掉的是磁盘和网卡两端的 DMA 传输；如果网卡不支持分散-聚集（scatter-gather），内核里还要从页缓存往 socket 缓冲区拷一次。接收方照样要拷进自己的缓冲区。我在 Bun 上测过：sendfile 每字节 0 次用户态拷贝，read + write 是 2 次；这个数统计的是跨用户态/内核态边界的拷贝，内核里的那一次不在其中。',
    },
  },
  {
    id: '02-why-kafka',
    chapter: '02',
    question: {
      en: 'Why does Kafka use zero-copy, and why does it fit Kafka so well?',
      zh: 'Kafka 为什么要用零拷贝？为什么零拷贝特别适合 Kafka？',
    },
    claims: [
      claim('consumer fetches go out with transferTo, which is sendfile', '消费者拉取走 transferTo，也就是 sendfile', 2,
        unless(says(sendfile), 'producer~ | produce~ | 生产者 | 写入 | 写进 | 追加'), against(sendfile, 'producer~ | 生产者 | 生产端')),
      claim('batches are stored in the format consumers receive, sent unchanged without parsing', '批次按消费者收到的格式存储，原样发出、不解析', 2,
        says(unchanged), unless(denies(parse), 'consumer~ | client~ | 消费者 | 客户端'),
        unless(denies('do | touch~ | change~ | 动 | 处理 | 碰', 'bytes | data | batch~ | record~ | 字节 | 数据 | 批次'), 'consumer~ | client~ | 消费者'),
        says('byte range | range of bytes | a range | 一段字节 | 文件范围 | 字节范围 | 一段文件')),
      claim('the log is appended to', '日志只追加', 1, says(appendOnly)),
      claim('served from the page cache: consumers that keep up cause no disk reads', '从页缓存发：没有消费积压的消费者几乎不读磁盘', 2,
        unless(says(pageCache), 'jvm | heap | 堆'), denies('disk | disks | 磁盘', 'read~ | activity | 读')),
      claim('the two CPU copies through the JVM are saved', '省掉经过 JVM 的两次 CPU 拷贝', 1,
        unless(denies(copy, userSide), readWriteRivals), only(unless(denies(twoCpuCopies), readWriteRivals)),
        says('save~ | skip~ | avoid~ | without | 省掉 | 省去 | 省了', copy)),
      claim('not with TLS: encryption runs in the JVM', '开了 TLS 就不行：加密在 JVM 里做', 1,
        says('plaintext | plaintexttransportlayer | plain text | unencrypted | 明文'), denies(`${sendfile} | zerocopy`, tls),
        denies(tls, 'work~ | 管用 | 能用'), says(tls, '不行 | 不行了 | 用不了 | 走不了 | 没法用 | 就不用'),
        says('tls | ssl | encrypt~ | 加密', 'jvm | user space | 用户态'), says(tls, 'affect~ | matter~ | change~ | 影响'),
        against(tls, '都一样 | 一样 | 无所谓 | on the nic | 网卡做')),
    ],
    myths: [
      kafkaMmapMyth,
      sequentialMyth,
      readOnceMyth,
      noCopyMyth,
    ],
    model: {
      en: "Kafka serves a consumer fetch with FileChannel.transferTo, which is sendfile on Linux, so a log segment goes from the page cache to the socket without the two CPU copies through the broker's memory. It fits because producers' record batches are appended to the log in the same binary format consumers receive: a fetch is a byte range of a segment, sent unchanged without parsing. Consumers read mostly from the page cache, so consumers that keep up cause no disk reads, and all of them share the same cached pages. The exception: with TLS enabled Kafka encrypts in user space and gives up sendfile.",
      zh: 'Kafka 处理消费者的拉取请求时用 FileChannel.transferTo，在 Linux 上就是 sendfile，日志段的数据直接从页缓存送进 socket，省掉了经过 broker 进程内存的两次 CPU 拷贝。之所以合适，是因为生产者发来的消息批次按消费者收到的同一种二进制格式追加进日志：一次拉取就是段文件里的一段字节，原样发出，不用解析。消费者大多命中页缓存，没有消费积压的消费者几乎不读磁盘，所有消费者共用同一批缓存页。但有个例外：一旦开启 TLS，加密就得在用户态做，Kafka 也就不用 sendfile 了。',
    },
  },
  {
    id: '02-out-fd',
    chapter: '02',
    question: {
      en: 'Is sendfile() only for sending files to TCP sockets?',
      zh: 'sendfile() 只能用来把文件发到 TCP socket 吗？',
    },
    claims: [
      claim('out_fd may be any file since Linux 2.6.33', '从 2.6.33 起 out_fd 可以是任何文件', 2,
        says('2.6.33'), says('out_fd | output | destination | target | 输出 | 目标 | 输出端', 'any file | regular file~ | another file | file | 任何文件 | 任意文件 | 普通文件 | 文件'),
        says('file to file | file~ to file~ | 文件到文件 | 文件复制到文件'),
        against('regular file~ | 普通文件 | writing to a file | 写普通文件', 'added in | introduced in | came in | 才加 | 加的 | 引入', '5.12')),
      claim('the input cannot be a socket: in_fd must support mmap-like operations', '输入端不能是 socket：in_fd 必须支持类似 mmap 的操作', 2,
        unless(denies('in_fd | input~ | source | from | 输入 | 源 | 输入端', 'socket~ | 套接字'), '5.12 | pipe~ | 管道 | splice | then | exception | 这时 | 此时 | 例外'),
        says('mmap like | mmap-like | 类似 mmap | mmap 类 | page cache | 页缓存', 'in_fd | input~ | source | 输入')),
      claim('since 5.12 a sendfile into a pipe becomes a splice, and then in_fd may be a socket', '5.12 起往管道 sendfile 会变成 splice，这时 in_fd 也可以是 socket', 1,
        says('5.12'), says('pipe~ | 管道', 'splice'), says('pipe~ | 管道', 'support~ | allow~ | can | 可以 | 支持')),
      claim('file-to-file users: libuv in Node copyFile, MySQL clone', '确实有人用它做文件到文件的复制：Node copyFile 里的 libuv、MySQL clone', 1,
        says('mysql | clone | libuv | copyfile | bun.write | openjdk | transferto | java | rust')),
    ],
    myths: [
      sendfileOnlyTcp,
      myth({ en: 'early Windows does not support sendfile', zh: '早期 Windows 不完全支持 sendfile' },
        {
          en: 'Windows has TransmitFile, which reads through the cache manager; client editions allow only two concurrent TransmitFile operations, and what is missing is a JavaScript runtime that calls it.',
          zh: 'Windows 有 TransmitFile，走的是缓存管理器；客户端版本同时只允许两个 TransmitFile 操作，而且缺的是会调用它的 JavaScript 运行时。',
        },
        unless(denies('windows', 'support~ | 支持 | have | has'), 'transmitfile')),
      httpHardMyth,
    ],
    model: {
      en: "No. Since Linux 2.6.33 out_fd can be any file, a regular file included. The real restriction is on the input: in_fd must support mmap-like operations, so it cannot be a socket. Since 5.12 there is one exception: when out_fd is a pipe, sendfile becomes a splice, and in_fd may then be anything splice accepts, a socket too. File-to-file sendfile is used in practice: MySQL's clone plugin copies local files with it, and libuv falls back to it in Node's copyFile.",
      zh: '不是。从 Linux 2.6.33 起，out_fd 可以是任何文件，包括普通文件。真正的限制在输入端：in_fd 必须支持类似 mmap 的操作，所以不能是 socket。5.12 起有一个例外：out_fd 是管道时，sendfile 实际上变成 splice，这时 in_fd 只要 splice 接受就行，socket 也可以。文件到文件的 sendfile 在实践中确实有人用：MySQL 的 clone 插件用它复制本地文件，libuv 在 Node 的 copyFile 里也会退回到它。',
    },
  },
  {
    id: '02-js-runtimes',
    chapter: '02',
    question: {
      en: 'Which JavaScript runtime can serve a file over HTTP with sendfile(), and when?',
      zh: '哪个 JavaScript 运行时能用 sendfile() 通过 HTTP 发送文件？在什么条件下？',
    },
    claims: [
      claim('Bun: Bun.serve answering with Bun.file', 'Bun：Bun.serve 返回 Bun.file', 2,
        says('only bun | just bun | bun only | 只有 bun'),
        unless(says('bun.file | bun.serve'), 'always reads | whole file | 整个文件 | 读进内存'), says('bun', `${sendfile} | do | does | 做到 | 调`)),
      claim('only for regular files of at least 1 MiB', '只针对至少 1 MiB 的普通文件', 1,
        says('1 mib | 1 mb | megabyte~ | 1 兆 | 1 m'), against('any file size | any size | 任何大小 | 任意大小')),
      claim('never with TLS', '一开 TLS 就不走 sendfile', 1,
        denies(`${sendfile} | zerocopy`, tls), only(denies('tls | ssl | https')), says('plain http | plaintext | 明文 | unencrypted')),
      claim('Node has no public sendfile', 'Node 没有公开的 sendfile', 2,
        ...hasNo('node | node.js | nodejs', sendfile),
        says('createreadstream | pipeline | pipe | respondwithfile | stream~', 'read~ | 读', '64 | chunk~ | user space | 用户态 | buffer~'),
        against('createreadstream | pipeline | stream.pipe | pipe~ | libuv', `${sendfile} | zerocopy`)),
      claim('Deno has none either (its flash server was removed)', 'Deno 也没有（flash 服务器已移除）', 1,
        ...hasNo('deno', sendfile), says('flash', 'remove~ | drop~ | delete~ | gone | 删 | 移除 | 去掉 | 1.33')),
    ],
    myths: [
      myth({ en: 'every runtime sends files with sendfile', zh: '每个运行时发文件都会用 sendfile' },
        {
          en: 'Only Bun reaches sendfile from JavaScript: Node and Deno read 64 KiB chunks into user space and write them.',
          zh: '从 JavaScript 只有 Bun 能用上 sendfile：Node 和 Deno 都是按 64 KiB 读进用户态再写出去。',
        },
        says('all of them | all three | all runtimes | every runtime | each runtime | 三个运行时都 | 三个都 | 都会调用', `${sendfile} | zerocopy | do | can | 可以`),
        unless(says('node | node.js | stream.pipe | pipe | createreadstream | libuv', 'zerocopy | sendfile'), 'copyfile | copy_file_range | file to file | 文件到文件')),
      noCopyMyth,
    ],
    model: {
      en: 'Bun: Bun.serve answering with new Response(Bun.file(path)) calls sendfile on Linux for plain HTTP, but only for regular files of at least 1 MiB; smaller files are read and sent, and with TLS it never uses sendfile. Node has no public sendfile or splice API: its streams and http2 respondWithFile read 64 KiB chunks into user space. Deno has none either: Deno.serve reads 64 KiB chunks, and the old flash server that used sendfile was removed in 1.33.',
      zh: '只有 Bun：Bun.serve 用 new Response(Bun.file(path)) 回应时，在 Linux 上走明文 HTTP 会调用 sendfile，但只针对至少 1 MiB 的普通文件；更小的文件是读出来再发，开了 TLS 就完全不用 sendfile。Node 没有公开的 sendfile 或 splice API，它的流和 http2 的 respondWithFile 都是按 64 KiB 读进用户态。Deno 也没有：Deno.serve 按 64 KiB 读，曾经用过 sendfile 的 flash 服务器在 1.33 被移除了。',
    },
  },
];
