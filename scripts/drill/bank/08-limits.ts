// Chapter 08: the limits — TLS, transforms, small and random reads, databases.
import { concept, type DrillQuestion } from '../types.ts';
import { kernelTls, userSpace } from './terms.ts';

export const questions: DrillQuestion[] = [
  {
    id: '08-tls',
    chapter: '08',
    question: {
      en: 'Does TLS make zero-copy impossible?',
      zh: '用了 TLS 就不可能零拷贝了吗？',
    },
    concepts: [
      concept('only when TLS runs in user space (Kafka, Bun)', '只有 TLS 在用户态实现时才是（Kafka、Bun）', userSpace, 2),
      concept('kTLS: the kernel encrypts and sendfile works', 'kTLS：内核加密，sendfile 照样可用', kernelTls, 2),
      concept('software kTLS still costs one CPU pass', '软件 kTLS 仍要 CPU 加密一遍', ['one cpu pass', 'cpu pass', 'new buffer', 'software ktls',
        '软件实现', '软件 ktls', '加密一遍', '新的缓冲区']),
      concept('NIC offload makes it true zero-copy', '网卡卸载才是真正的零拷贝', ['offload', 'tls_tx_zerocopy_ro', '卸载']),
      concept('nginx SSL_sendfile, Netflix', 'nginx 的 SSL_sendfile、Netflix', ['ssl_sendfile', 'nginx', 'netflix']),
    ],
    model: {
      en: 'Only when TLS runs in user space, as in Kafka or Bun: then the bytes must come up to be encrypted. With kernel TLS (kTLS) the handshake stays in user space but the kernel encrypts, so sendfile still works; nginx 1.21.4+ with OpenSSL 3 does this through SSL_sendfile, and Netflix serves hundreds of Gb/s of TLS this way. Software kTLS still costs one CPU pass, encrypting into a new buffer; with NIC offload and TLS_TX_ZEROCOPY_RO it becomes true zero-copy.',
      zh: '只有 TLS 在用户态实现时才是这样，比如 Kafka 和 Bun：数据必须拿到用户态去加密。用内核态 TLS（kTLS）时，握手仍在用户态完成，加密交给内核，sendfile 照样可用；nginx 1.21.4 及以上配合 OpenSSL 3 就是通过 SSL_sendfile 这样做的，Netflix 也靠这套办法用一台服务器发出数百 Gb/s 的 TLS 流量。软件实现的 kTLS 仍要让 CPU 加密一遍、写进新的缓冲区；有网卡卸载并开启 TLS_TX_ZEROCOPY_RO 时，才是真正的零拷贝。',
    },
  },
  {
    id: '08-when-not',
    chapter: '08',
    question: {
      en: 'When is sendfile the wrong tool, even on plain TCP?',
      zh: '即使是明文 TCP，什么时候 sendfile 也不是合适的工具？',
    },
    concepts: [
      concept('the bytes must change: gzip, transforms, encoding', '字节要变：压缩、转换、编码', ['gzip', 'compress', 'transform', 'modify',
        'encode', 'template', '压缩', '转换', '修改', '编码', '模板'], 2),
      concept('small responses: the overhead outweighs the copies', '小响应：开销比拷贝还大', ['small', '小文件', '小数据', '很小', '小的'], 2),
      concept('small random reads', '小块随机读', ['random', '随机']),
      concept('data computed or already in memory, not in a file', '数据是算出来的或已在内存里，不在文件里', ['in memory', 'computed', 'generated',
        'not in a file', '内存里', '计算出来', '生成的', '不在文件']),
      concept("Bun's 1 MiB threshold", 'Bun 的 1 MiB 门槛', ['1 mib', '1 mb', 'threshold', '阈值', '门槛']),
    ],
    model: {
      en: 'When the bytes on disk are not the bytes to send: gzip or any transform, templating or re-encoding needs the data in user space. When the response is small: below some size the syscall and readiness overhead outweighs two copies, which is why Bun only uses sendfile from 1 MiB up. When reads are small and random rather than long contiguous ranges, and when the data is computed or already in memory, not in a file.',
      zh: '磁盘上的字节不是要发的字节时：gzip 压缩、各种转换、模板渲染、重新编码，都得把数据拿到用户态处理。响应很小的时候：低于某个大小，系统调用和就绪等待的开销比两次拷贝还大，所以 Bun 只对 1 MiB 以上的文件用 sendfile。读是小块、随机的，而不是连续的大段时；数据是计算出来的、本来就在内存里而不在文件里时，也用不上。',
    },
  },
  {
    id: '08-databases',
    chapter: '08',
    question: {
      en: "Why don't databases answer queries with sendfile? Do they use zero-copy anywhere?",
      zh: '数据库为什么不用 sendfile 来返回查询结果？它们在别的地方用零拷贝吗？',
    },
    concepts: [
      concept('a query result is computed, not a byte range of a file', '查询结果是算出来的，不是文件里的一段字节', ['computed', 'filtered',
        'joined', 'not a byte range', 'rows', '计算出来', '过滤', '结果集', '不是文件里'], 2),
      concept('their own buffer pool; O_DIRECT bypasses the page cache', '自己的缓冲池；O_DIRECT 绕过页缓存', ['buffer pool', 'o_direct',
        'own cache', 'bypass', '缓冲池', '绕过', '自己的缓存'], 2),
      concept("MySQL's clone plugin uses sendfile for local files", 'MySQL 的 clone 插件用 sendfile 复制本地文件', ['mysql', 'clone']),
      concept("PostgreSQL's pg_upgrade uses copy_file_range", 'PostgreSQL 的 pg_upgrade 用 copy_file_range', ['pg_upgrade', 'postgres', 'copy_file_range']),
    ],
    model: {
      en: "A query result is computed: rows are filtered, joined and encoded, so it is not a byte range of a file that could be sent unchanged. Many databases also keep their own buffer pool and some read with O_DIRECT, bypassing the page cache that sendfile sends from. They do use zero-copy for whole files: MySQL's clone plugin copies local files with sendfile, and PostgreSQL's pg_upgrade can copy with copy_file_range.",
      zh: '查询结果是计算出来的：要过滤、连接、编码，它不是文件里能原样发出去的一段字节。很多数据库还有自己的缓冲池，有的用 O_DIRECT 读盘，直接绕过了 sendfile 所依赖的页缓存。但整文件的场景它们确实用零拷贝：MySQL 的 clone 插件用 sendfile 复制本地文件，PostgreSQL 的 pg_upgrade 可以用 copy_file_range 复制。',
    },
  },
];
