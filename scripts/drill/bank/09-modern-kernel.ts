// Chapter 09: the modern kernel — MSG_ZEROCOPY, io_uring zero-copy send, kTLS, scatter-gather DMA.
import { against, claim, count, denies, myth, only, says, unless, type DrillQuestion } from '../types.ts';
import { noCopyMyth, tlsImpossibleMyth } from './myths.ts';
import { copy, fallBack, kernel, kernelTls, pageCache, sendfile, socketBuffer, userSide } from './terms.ts';

const buffer = 'buffer~ | memory | pages | 缓冲区 | buffer | 内存';
const scatterGather = 'scatter gather | gather | sg | 分散 | 聚集 | 分散聚集';

export const questions: DrillQuestion[] = [
  {
    id: '09-msg-zerocopy',
    chapter: '09',
    question: {
      en: 'What is MSG_ZEROCOPY, and when does it actually pay off?',
      zh: 'MSG_ZEROCOPY 是什么？什么时候才真正划算？',
    },
    claims: [
      claim('SO_ZEROCOPY, then send() pins the user pages instead of copying them', '先 SO_ZEROCOPY，send() 时锁定用户页而不拷贝', 2,
        says('pin~ | so_zerocopy | 锁定 | 锁页 | 锁住 | pin 住'), against('msg_zerocopy | it', 'disk | 磁盘 | skip~ the page cache | 绕过页缓存')),
      claim('a completion on the error queue; leave the buffer alone until then', '错误队列上的完成通知；在那之前不能动缓冲区', 2,
        says('error queue | msg_errqueue | completion~ | notification~ | 错误队列 | 完成通知 | 通知'),
        against('reuse~ | 复用', 'as soon as | immediately | right away | 一返回 | 马上 | 立刻')),
      claim('pays only for large writes, around 10 KB and up', '只对 10 KB 左右以上的大块写划算', 1,
        says('10 kb | 10kb | 10 kib | large write~ | big write~ | large send~ | 大块 | 大块写'),
        against('small write~ | small send~ | 小块 | 1 kb | 1 kib', 'pay~ | pays off | 划算 | 适合 | better')),
      claim('over loopback the kernel copies anyway', '走回环时内核照样拷贝', 1,
        says('loopback | localhost | 127.0.0.1 | 回环 | 本机', `${copy} | deferred | 补`),
        against('loopback | 回环', 'fast~ | fastest | 最快')),
      claim('not guaranteed: it may fall back to copying', '不保证：可能退回拷贝', 1,
        says(fallBack), says('so_ee_code_zerocopy_copied | deferred copy | 补一次拷贝')),
    ],
    myths: [noCopyMyth,
      myth({ en: 'MSG_ZEROCOPY is always faster, and a localhost test shows it', zh: 'MSG_ZEROCOPY 总是更快，本机一测就能看出来' },
        {
          en: 'It only pays above about 10 KB per write, and over loopback the kernel makes a deferred copy: in lab 09 it reported SO_EE_CODE_ZEROCOPY_COPIED for all 256 sends of a 16 MiB file to 127.0.0.1, from Node, Bun and Deno alike: 1.00 copies per byte, like mmap + write.',
          zh: '只有每次写 10 KB 左右以上才划算，而且走回环时内核会补做一次拷贝：实验 09 里向 127.0.0.1 发一个 16 MiB 文件，Node、Bun、Deno 的 256 次发送全部被内核报告为 SO_EE_CODE_ZEROCOPY_COPIED，每字节 1.00 次拷贝，和 mmap + write 一样。',
        },
        says('always | any size | every size | 任何大小 | 总是', 'faster | quicker | better | 快 | 更快'),
        says('localhost | loopback | 本机 | 回环 | 127.0.0.1', 'test~ | see the gain | show~ | 测 | 看到提升 | 提升 | improvement')),
    ],
    model: {
      en: "It is a send() flag for TCP and UDP: after setsockopt(SO_ZEROCOPY), send(..., MSG_ZEROCOPY) pins the user pages instead of copying them into the kernel. The buffer must stay untouched until a completion notification arrives on the socket's error queue. Page pinning and notifications have their own cost, so it only pays for large writes, around 10 KB and up. It is not guaranteed: over loopback the kernel makes a deferred copy and reports it with SO_EE_CODE_ZEROCOPY_COPIED, which lab 09 received for all 256 sends of a 16 MiB file, and without scatter-gather it falls back to copying.",
      zh: '它是 TCP 和 UDP 的一个 send() 标志：先 setsockopt(SO_ZEROCOPY)，再用 send(..., MSG_ZEROCOPY) 发送，内核会锁定用户页而不是把数据拷进内核。在 socket 错误队列上收到完成通知之前，这块缓冲区不能动。锁页和通知本身也有开销，所以只有大约 10 KB 以上的大块写才划算。它也不保证零拷贝：走回环时内核会补做一次拷贝，并用 SO_EE_CODE_ZEROCOPY_COPIED 报告出来，实验 09 里 16 MiB 文件的 256 次发送全都收到了这个报告；网卡不支持分散-聚集时也会退回拷贝。',
    },
  },
  {
    id: '09-io-uring-zc',
    chapter: '09',
    question: {
      en: "How does io_uring's zero-copy send work, and what does the application have to be careful about?",
      zh: 'io_uring 的零拷贝发送是怎么工作的？应用需要注意什么？',
    },
    claims: [
      claim('IORING_OP_SEND_ZC, since Linux 6.0', 'IORING_OP_SEND_ZC，Linux 6.0 起', 2, says('send_zc | sendzc | ioring_op_send_zc | 6.0')),
      claim('two CQEs: the result, then a notification', '两个 CQE：先是结果，再是通知', 2,
        says(count(2, 'cqe~ | completion~ | 完成事件 | 完成')), says('notif | notification~ | ioring_cqe_f_notif | 通知')),
      claim('do not touch or reuse the buffer until the notification', '收到通知前不能动、不能复用缓冲区', 1,
        denies('touch~ | reuse~ | modify~ | 动 | 复用 | 改', buffer), says('until | before | 之前 | 收到通知前', 'notif | notification~ | 通知')),
      claim('it may fall back to copying (REPORT_USAGE tells you)', '可能退回拷贝（REPORT_USAGE 会告诉你）', 1,
        says(fallBack), says('report_usage | eopnotsupp | copied | 拷贝了')),
    ],
    myths: [noCopyMyth,
      myth({ en: 'io_uring is zero-copy', zh: 'io_uring 就是零拷贝' },
        {
          en: 'io_uring saves syscalls, not copies: an ordinary IORING_OP_SEND copies like send(). Only SEND_ZC (and the zero-copy receive path) avoids the copy, and both may fall back to one.',
          zh: 'io_uring 省的是系统调用，不是拷贝：普通的 IORING_OP_SEND 和 send() 一样要拷贝。只有 SEND_ZC（和零拷贝接收）才省掉拷贝，而且都可能退回拷贝。',
        },
        unless(says('io_uring | io uring', 'zerocopy | no copy | 不拷贝'), 'send | send_zc | sendzc | zc | notif | cqe | 6.0 | sendmsg_zc | recv_zc | 发送')),
    ],
    model: {
      en: 'You submit IORING_OP_SEND_ZC (since Linux 6.0; SENDMSG_ZC since 6.1). It produces two CQEs: the result of the send, then a notification flagged IORING_CQE_F_NOTIF. The buffer must not be touched or reused until that notification, which means the kernel has released it, not that the data was delivered. Zero-copy is not guaranteed: it may fall back to copying, and IORING_SEND_ZC_REPORT_USAGE tells you whether it did. In lab 09 over loopback every notification said IORING_NOTIF_USAGE_ZC_COPIED.',
      zh: '提交 IORING_OP_SEND_ZC（Linux 6.0 起；SENDMSG_ZC 从 6.1 起）。它会产生两个 CQE：先是发送结果，再是带 IORING_CQE_F_NOTIF 标志的通知。在收到通知之前，缓冲区不能改动或复用；这个通知表示内核已经放开了缓冲区，并不代表数据已送达。零拷贝也不保证：可能回退成拷贝，用 IORING_SEND_ZC_REPORT_USAGE 可以知道到底有没有拷贝。实验 09 走回环时，每个通知都带着 IORING_NOTIF_USAGE_ZC_COPIED。',
    },
  },
  {
    id: '09-scatter-gather',
    chapter: '09',
    question: {
      en: 'What does scatter-gather DMA on the network card have to do with zero-copy?',
      zh: '网卡的分散-聚集 DMA 和零拷贝有什么关系？',
    },
    claims: [
      claim('the NIC builds each packet from a header plus page-cache fragments', '网卡用包头加页缓存里的片段拼出报文', 2,
        says('gather~ | 聚集 | 拼 | build~ | assemble~ | 拼成 | 拼出', `${pageCache} | page~ | fragment~ | 页 | 片段 | 碎片`),
        says('fragment~ | 片段 | 碎片', 'header~ | 包头')),
      claim('without it, the kernel copies into a socket buffer', '不支持时内核要拷进 socket 缓冲区', 2,
        only(denies(scatterGather)), says(copy, socketBuffer), says('copy comes back | comes back | 又回来 | 回来了')),
      claim('TCP checks NETIF_F_SG on the route', 'TCP 检查路由的 NETIF_F_SG', 1, says('netif_f_sg | route caps | sk_route_caps')),
      claim('scatter-gather needs checksum offload', '分散-聚集需要校验和卸载', 1, says('checksum | 校验和')),
      claim('check with ethtool -k', '用 ethtool -k 查看', 1, says('ethtool')),
    ],
    myths: [noCopyMyth],
    model: {
      en: "sendfile hands the socket references to page-cache pages. A NIC with scatter-gather DMA can build each packet from the kernel's header plus fragments of those pages, so the CPU copies nothing. Without it, the kernel falls back to copying the data into a socket buffer, and one CPU copy comes back. TCP checks NETIF_F_SG on the route before it shares pages, and SG itself needs checksum offload. You can see it with ethtool -k, under scatter-gather; lab 09 reads the same feature from the interface with the ETHTOOL_GSG ioctl, and loopback has it.",
      zh: 'sendfile 交给 socket 的是页缓存里页面的引用。网卡支持分散-聚集 DMA 时，可以把内核准备的包头和这些页里的数据片段拼成一个个报文，CPU 一个字节都不用拷。不支持的话，内核只能把数据拷进 socket 缓冲区，一次 CPU 拷贝又回来了。TCP 在共享页面之前会检查路由的 NETIF_F_SG；而分散-聚集本身又要求网卡支持校验和卸载。可以用 ethtool -k 查看 scatter-gather 一项；实验 09 用 ETHTOOL_GSG 这个 ioctl 直接向网络接口读这一项，回环接口是支持的。',
    },
  },
  {
    id: '09-ktls',
    chapter: '09',
    question: {
      en: 'How does kernel TLS (kTLS) work, and how can you tell it is being used?',
      zh: '内核态 TLS（kTLS）是怎么工作的？怎样确认它真的在用？',
    },
    claims: [
      claim('the handshake stays in user space', '握手仍在用户态', 2,
        says('handshake | 握手', `${userSide} | openssl | library | 库 | 用户态`),
        against('whole handshake | entire handshake | whole tls handshake | 整个握手 | 整个 tls 握手'), says('openssl', 'involved | 参与')),
      claim('setsockopt TCP_ULP "tls", then the keys with TLS_TX and TLS_RX', 'setsockopt TCP_ULP "tls"，再用 TLS_TX、TLS_RX 交出密钥', 1,
        says('tcp_ulp | tls_tx | tls_rx | sol_tls | setsockopt')),
      claim('the kernel builds and encrypts the records, so sendfile works', '由内核封装加密 TLS 记录，所以 sendfile 能用', 2,
        says(kernel, 'record~ | encrypt~ | frame~ | 记录 | 加密 | 封装'), says(sendfile, 'work~ | keep~ | 能用 | 照样 | 可以用 | 可用')),
      claim('in software, or offloaded to the NIC', '软件加密，或卸载给网卡', 1,
        says('software | offload~ | 软件 | 卸载'), against('nic | 网卡', 'always | 一定 | 总是')),
      claim('/proc/net/tls_stat shows which path ran', '/proc/net/tls_stat 显示走了哪条路', 1,
        unless(says('tls_stat | tlstxsw | tlstxdevice'), 'handshake | 握手'), against('tls_stat', 'handshake | 握手')),
    ],
    myths: [tlsImpossibleMyth,
      myth({ en: 'kTLS is always zero-copy', zh: 'kTLS 总是零拷贝' },
        {
          en: 'Software kTLS still encrypts every byte into a new kernel buffer; only NIC offload with TLS_TX_ZEROCOPY_RO (Linux 5.19) sends file pages without an in-kernel copy.',
          zh: '软件 kTLS 仍要把每个字节加密进新的内核缓冲区；只有网卡卸载加上 TLS_TX_ZEROCOPY_RO（Linux 5.19）才不在内核里拷贝。',
        },
        says(kernelTls, 'always | 总是 | 一定', 'zerocopy')),
    ],
    model: {
      en: 'The TLS handshake stays in user space, in the TLS library. Then the application turns the socket into a TLS socket with setsockopt(TCP_ULP, "tls") and hands the kernel the keys with SOL_TLS TLS_TX (and TLS_RX, since Linux 4.17). From then on the kernel builds and encrypts the records, so sendfile works and sends the file in records of up to 2^14 bytes. Encryption runs in software unless the NIC offloads it. /proc/net/tls_stat tells you which path ran: the TlsTxSw or the TlsTxDevice counters grow. First check the kernel has it at all: on the machine lab 09 ran on, setsockopt(TCP_ULP, "tls") failed with ENOENT.',
      zh: 'TLS 握手仍在用户态由 TLS 库完成。握手后，应用用 setsockopt(TCP_ULP, "tls") 把 socket 变成 TLS socket，再通过 SOL_TLS 的 TLS_TX（以及 Linux 4.17 起的 TLS_RX）把密钥交给内核。之后由内核封装和加密 TLS 记录（record），sendfile 就能用了，文件按最大 2^14 字节的记录发出。加密默认由软件完成，网卡支持时可以卸载给网卡。看 /proc/net/tls_stat 就知道走的是哪条路：TlsTxSw 还是 TlsTxDevice 计数在涨。先确认内核有没有 kTLS：实验 09 所在的机器上，setsockopt(TCP_ULP, "tls") 直接返回 ENOENT。',
    },
  },
];
