// Chapter 09: the modern kernel — MSG_ZEROCOPY, io_uring zero-copy send, kTLS, scatter-gather DMA.
import { concept, type DrillQuestion } from '../types.ts';
import { fallBack, sendfile } from './terms.ts';

export const questions: DrillQuestion[] = [
  {
    id: '09-msg-zerocopy',
    chapter: '09',
    question: {
      en: 'What is MSG_ZEROCOPY, and when does it actually pay off?',
      zh: 'MSG_ZEROCOPY 是什么？什么时候才真正划算？',
    },
    concepts: [
      concept('SO_ZEROCOPY, then send() pins the user pages', '先 SO_ZEROCOPY，send() 时锁定用户页', ['pin', 'so_zerocopy', 'user pages', '锁定',
        '锁页', '用户页'], 2),
      concept('a completion notification on the error queue; keep the buffer until then', '错误队列上的完成通知；在那之前不能动缓冲区', [
        'error queue', 'msg_errqueue', 'completion', 'notification', '错误队列', '完成通知'], 2),
      concept('only for large writes, around 10 KB and up', '只对 10 KB 左右以上的大块写划算', ['10 kb', 'large write', 'big write', '大块', '10kb']),
      concept('over loopback it copies anyway', '走回环照样拷贝', ['loopback', 'localhost', '回环', '本机']),
      concept('not guaranteed; may fall back to copying', '不保证，可能退回拷贝', fallBack),
    ],
    model: {
      en: "It is a send() flag for TCP and UDP: after setsockopt(SO_ZEROCOPY), send(..., MSG_ZEROCOPY) pins the user pages instead of copying them into the kernel. The buffer must stay untouched until a completion notification arrives on the socket's error queue. Page pinning and notifications have their own cost, so it only pays for large writes, around 10 KB and up. It is not guaranteed: over loopback the kernel makes a deferred copy, and without scatter-gather it falls back to copying.",
      zh: '它是 TCP 和 UDP 的一个 send() 标志：先 setsockopt(SO_ZEROCOPY)，再用 send(..., MSG_ZEROCOPY) 发送，内核会锁定用户页而不是把数据拷进内核。在 socket 错误队列上收到完成通知之前，这块缓冲区不能动。锁页和通知本身也有开销，所以只有大约 10 KB 以上的大块写才划算。它也不保证零拷贝：走回环时内核会补做一次拷贝，网卡不支持分散-聚集时也会退回拷贝。',
    },
  },
  {
    id: '09-io-uring-zc',
    chapter: '09',
    question: {
      en: "How does io_uring's zero-copy send work, and what does the application have to be careful about?",
      zh: 'io_uring 的零拷贝发送是怎么工作的？应用需要注意什么？',
    },
    concepts: [
      concept('IORING_OP_SEND_ZC, since Linux 6.0', 'IORING_OP_SEND_ZC，Linux 6.0 起', ['send_zc', 'sendzc', '6.0'], 2),
      concept('two CQEs: the result, then a notification', '两个 CQE：先是结果，再是通知', ['two cqe', 'two completion', 'notif', 'notification',
        '两个 cqe', '两个完成', '通知'], 2),
      concept('do not touch the buffer until the notification', '收到通知前不能动缓冲区', ['buffer', 'reuse', '缓冲区', '复用']),
      concept('may fall back to copying (REPORT_USAGE tells)', '可能退回拷贝（REPORT_USAGE 会告诉你）', [...fallBack, 'report_usage', 'eopnotsupp']),
    ],
    model: {
      en: 'You submit IORING_OP_SEND_ZC (since Linux 6.0; SENDMSG_ZC since 6.1). It produces two CQEs: the result of the send, then a notification flagged IORING_CQE_F_NOTIF. The buffer must not be touched or reused until that notification, which means the kernel has released it, not that the data was delivered. Zero-copy is not guaranteed: it may fall back to copying, and IORING_SEND_ZC_REPORT_USAGE tells you whether it did.',
      zh: '提交 IORING_OP_SEND_ZC（Linux 6.0 起；SENDMSG_ZC 从 6.1 起）。它会产生两个 CQE：先是发送结果，再是带 IORING_CQE_F_NOTIF 标志的通知。在收到通知之前，缓冲区不能改动或复用；这个通知表示内核已经放开了缓冲区，并不代表数据已送达。零拷贝也不保证：可能回退成拷贝，用 IORING_SEND_ZC_REPORT_USAGE 可以知道到底有没有拷贝。',
    },
  },
  {
    id: '09-scatter-gather',
    chapter: '09',
    question: {
      en: 'What does scatter-gather DMA on the network card have to do with zero-copy?',
      zh: '网卡的分散-聚集 DMA 和零拷贝有什么关系？',
    },
    concepts: [
      concept('the NIC builds packets from a header plus page-cache fragments', '网卡用包头加页缓存里的片段拼出报文', ['fragment', 'header',
        'gathers from', '片段', '碎片', '包头'], 2),
      concept('without it, the kernel copies into a socket buffer', '不支持时内核要拷进 socket 缓冲区', ['without', "doesn't support",
        'does not support', 'copy comes back', '不支持', '又回来']),
      concept('TCP checks NETIF_F_SG', 'TCP 检查 NETIF_F_SG', ['netif_f_sg']),
      concept('SG needs checksum offload', '分散-聚集需要校验和卸载', ['checksum', '校验和']),
      concept('check with ethtool -k', '用 ethtool -k 查看', ['ethtool']),
    ],
    model: {
      en: "sendfile hands the socket references to page-cache pages. A NIC with scatter-gather DMA can build each packet from the kernel's header plus fragments of those pages, so the CPU copies nothing. Without it, the kernel falls back to copying the data into a socket buffer, and one CPU copy comes back. TCP checks NETIF_F_SG on the route before it shares pages, and SG itself needs checksum offload. You can see it with ethtool -k, under scatter-gather.",
      zh: 'sendfile 交给 socket 的是页缓存里页面的引用。网卡支持分散-聚集 DMA 时，可以把内核准备的包头和这些页里的数据片段拼成一个个报文，CPU 一个字节都不用拷。不支持的话，内核只能把数据拷进 socket 缓冲区，一次 CPU 拷贝又回来了。TCP 在共享页面之前会检查路由的 NETIF_F_SG；而分散-聚集本身又要求网卡支持校验和卸载。可以用 ethtool -k 查看 scatter-gather 一项。',
    },
  },
  {
    id: '09-ktls',
    chapter: '09',
    question: {
      en: 'How does kernel TLS (kTLS) work, and how can you tell it is being used?',
      zh: '内核态 TLS（kTLS）是怎么工作的？怎样确认它真的在用？',
    },
    concepts: [
      concept('the handshake stays in user space', '握手仍在用户态', ['handshake', '握手'], 2),
      concept('setsockopt TCP_ULP "tls", then the keys (TLS_TX, TLS_RX)', 'setsockopt TCP_ULP "tls"，再交出密钥（TLS_TX、TLS_RX）', ['tcp_ulp',
        'tls_tx', 'sol_tls']),
      concept('the kernel builds records, so sendfile works', '内核组记录，sendfile 就能用', sendfile, 2),
      concept('software, or offloaded to the NIC', '软件加密，或卸载给网卡', ['offload', 'software', '卸载', '软件']),
      concept('/proc/net/tls_stat shows which path ran', '/proc/net/tls_stat 显示走了哪条路', ['tls_stat', 'tlstxsw', 'tlstxdevice']),
    ],
    model: {
      en: 'The TLS handshake stays in user space, in the TLS library. Then the application turns the socket into a TLS socket with setsockopt(TCP_ULP, "tls") and hands the kernel the keys with SOL_TLS TLS_TX (and TLS_RX). From then on the kernel builds the records, so sendfile works and sends the file in records of up to 2^14 bytes. Encryption runs in software unless the NIC offloads it. /proc/net/tls_stat tells you which path ran: the TlsTxSw or the TlsTxDevice counters grow.',
      zh: 'TLS 握手仍在用户态由 TLS 库完成。握手后，应用用 setsockopt(TCP_ULP, "tls") 把 socket 变成 TLS socket，再通过 SOL_TLS 的 TLS_TX（以及 TLS_RX）把密钥交给内核。之后由内核来组 TLS 记录，sendfile 就能用了，文件按最大 2^14 字节的记录发出。加密默认由软件完成，网卡支持时可以卸载给网卡。看 /proc/net/tls_stat 就知道走的是哪条路：TlsTxSw 还是 TlsTxDevice 计数在涨。',
    },
  },
];
