// Chapter 08: the limits — TLS, transforms, small and random reads, blocking, databases.
import { against, claim, denies, only, says, unless, type DrillQuestion } from '../types.ts';
import { dbNeverMyth, httpHardMyth, randomAccessMyth, sendfileOnlyTcp, tlsImpossibleMyth } from './myths.ts';
import { copy, kernel, kernelTls, pageCache, sendfile, userSide } from './terms.ts';

const small = 'small | tiny | 小文件 | 小数据 | 很小 | 小的 | 小块 | 小响应 | 小到 | 太小 | 响应小';

export const questions: DrillQuestion[] = [
  {
    id: '08-tls',
    chapter: '08',
    question: {
      en: 'Does TLS make zero-copy impossible?',
      zh: '用了 TLS 就不可能零拷贝了吗？',
    },
    claims: [
      claim('only when TLS runs in user space (Kafka, Bun)', '只有 TLS 在用户态实现时才是（Kafka、Bun）', 2,
        only(says('tls | ssl | encrypt~ | encryption | 加密 | library | 库', userSide)),
        denies('tls | ssl | encrypt~ | encryption | 加密 | library | 库', userSide, `${sendfile} | zerocopy | 用`),
        against(userSide, 'zerocopy | in place | 就地'), against(kernelTls, copy, userSide),
        against('tls | ssl | https', 'nothing to do | has nothing | irrelevant | doesn\'t matter | 没关系 | 无关')),
      claim('kTLS: the kernel encrypts and sendfile still works', 'kTLS：内核加密，sendfile 照样可用', 2,
        says(kernelTls, `${sendfile} | work~ | keep~ | 照样 | 能用 | 可用`), says(kernel, 'encrypt~ | encryption | 加密 | record~ | 记录'),
        says(kernelTls, 'need~ | needed | 需要'), against('nic | network card | 网卡', 'encrypt~ | 加密', 'always | everything | 总是 | 都')),
      claim('software kTLS still costs one CPU encryption pass', '软件 kTLS 仍要 CPU 加密一遍', 1,
        says('software | 软件', 'encrypt~ | pass | copy~ | 加密 | 一遍 | cpu'), says('new buffer | 新缓冲区 | 新的缓冲区')),
      claim('NIC offload makes it true zero-copy', '网卡卸载才是真正的零拷贝', 1, says('offload~ | tls_tx_zerocopy_ro | 卸载')),
      claim('nginx SSL_sendfile, Netflix', 'nginx 的 SSL_sendfile、Netflix', 1, says('ssl_sendfile | nginx | netflix | freebsd')),
    ],
    myths: [tlsImpossibleMyth],
    model: {
      en: 'Only when TLS runs in user space, as in Kafka or Bun: then the bytes must come up to be encrypted. With kernel TLS (kTLS) the handshake stays in user space but the kernel encrypts, so sendfile still works; nginx 1.21.4+ with OpenSSL 3 does this through SSL_sendfile, and Netflix serves hundreds of Gb/s of TLS this way. Software kTLS still costs one CPU pass, encrypting into a new buffer; only with NIC offload and TLS_TX_ZEROCOPY_RO does it become true zero-copy.',
      zh: '只有 TLS 在用户态实现时才是这样，比如 Kafka 和 Bun：数据必须拿到用户态去加密。用内核态 TLS（kTLS）时，握手仍在用户态完成，加密交给内核，sendfile 照样可用；nginx 1.21.4 及以上配合 OpenSSL 3 就是通过 SSL_sendfile 这样做的，Netflix 也靠这套办法用一台服务器发出数百 Gb/s 的 TLS 流量。软件实现的 kTLS 仍要让 CPU 加密一遍、写进新的缓冲区；只有网卡卸载并开启 TLS_TX_ZEROCOPY_RO 时，才是真正的零拷贝。',
    },
  },
  {
    id: '08-when-not',
    chapter: '08',
    question: {
      en: 'When is sendfile the wrong tool, even on plain TCP?',
      zh: '即使是明文 TCP，什么时候 sendfile 也不是合适的工具？',
    },
    claims: [
      claim('the bytes must change: gzip, transforms, encoding', '字节要变：压缩、转换、编码', 3,
        says('gzip | compress~ | compression | transform~ | modify~ | encode~ | re encode~ | template~ | templating | encrypt~ | change~ | 压缩 | 转换 | 修改 | 编码 | 模板 | 加密 | 改'),
        against(`${kernel} | sendfile`, 'gzip~ | compress~ | 压缩'), against('compression | gzip | 压缩', 'fine | no problem | 没问题')),
      claim("small responses or small random reads: the per-call overhead outweighs the copies (Bun's 1 MiB threshold)",
        '小响应、小块随机读：每次调用的开销比拷贝还大（Bun 的 1 MiB 门槛）', 3,
        says(small), says('random | 随机'), says('1 mib | 1 mb | threshold | 阈值 | 门槛'), against('large file~ | big file~ | 大文件', 'wrong | 不适合 | 才不适合'),
        against('use~ sendfile for | sendfile is worth | worth it | 划算 | 才划算 | 小文件用 sendfile', small)),
      claim('data computed or already in memory, not in a file', '数据是算出来的或已在内存里，不在文件里', 1,
        says('in memory | computed | generated | not in a file | 内存里 | 计算出来 | 现算 | 生成 | 不在文件')),
      claim('on an event loop, a page-cache miss makes sendfile block', '在事件循环里，页缓存未命中会让 sendfile 阻塞', 1,
        says('block~ | stall~ | 阻塞 | 卡住'), says('aio | sendfile_max_chunk | async sendfile | asynchronous sendfile | aio threads'),
        only(says('redis', 'revert~ | 回滚')), unless(against(sendfile, 'asynchronous | async | 异步'), 'netflix | freebsd | aio')),
    ],
    myths: [sendfileOnlyTcp, randomAccessMyth, httpHardMyth, tlsImpossibleMyth],
    model: {
      en: 'When the bytes on disk are not the bytes to send: gzip or any transform, templating or re-encoding needs the data in user space. When the response is small: below some size the syscall and readiness overhead outweighs two copies, which is why Bun only uses sendfile from 1 MiB up. When reads are small and random rather than long contiguous ranges, and when the data is computed or already in memory, not in a file. And on an event loop: on a page-cache miss sendfile blocks on the disk read and stalls every other connection, which is why nginx has aio threads and sendfile_max_chunk, Netflix built an asynchronous sendfile, and Redis reverted its sendfile for replication.',
      zh: '磁盘上的字节不是要发的字节时：gzip 压缩、各种转换、模板渲染、重新编码，都得把数据拿到用户态处理。响应很小的时候：低于某个大小，系统调用和就绪等待的开销比两次拷贝还大，所以 Bun 只对 1 MiB 以上的文件用 sendfile。读是小块、随机的，而不是连续的大段时；数据是计算出来的、本来就在内存里而不在文件里时，也用不上。还有事件循环：页缓存未命中时，sendfile 会阻塞在读盘上，把其他连接都卡住，所以 nginx 有 aio threads 和 sendfile_max_chunk，Netflix 专门做了异步 sendfile，Redis 也把复制里的 sendfile 回滚了。',
    },
  },
  {
    id: '08-databases',
    chapter: '08',
    question: {
      en: "Why don't databases answer queries with sendfile? Do they use zero-copy anywhere?",
      zh: '数据库为什么不用 sendfile 来返回查询结果？它们在别的地方用零拷贝吗？',
    },
    claims: [
      claim('a query result is computed, not a byte range of a file', '查询结果是算出来的，不是文件里的一段字节', 2,
        says('computed | filtered | joined | aggregate~ | encoded | rows | 计算 | 算出来 | 过滤 | 结果集 | 聚合'),
        denies('piece of a file | byte range | part of a file | bytes in a file | bytes on disk | 文件里 | 一段字节 | 现成'),
        against(sendfile, 'only', 'append~ | 只追加')),
      claim('their own buffer pool; O_DIRECT bypasses the page cache', '自己的缓冲池；O_DIRECT 绕过页缓存', 2,
        unless(says('buffer pool | o_direct | own cache | shared_buffers | 缓冲池 | 自己的缓存'), 'worse | 更糟 | twice | 两次'),
        says('bypass~ | skip~ | 绕过 | 绕开', pageCache), against('o_direct', `${copy} | through the page cache | 经过页缓存`)),
      claim("MySQL's clone plugin copies local files with sendfile", 'MySQL 的 clone 插件用 sendfile 复制本地文件', 1, says('mysql | clone')),
      claim("PostgreSQL's pg_upgrade copies with copy_file_range", 'PostgreSQL 的 pg_upgrade 用 copy_file_range 复制', 1, says('pg_upgrade | copy_file_range')),
    ],
    myths: [dbNeverMyth, randomAccessMyth],
    model: {
      en: "A query result is computed: rows are filtered, joined and encoded, so it is not a byte range of a file that could be sent unchanged. Many databases also keep their own buffer pool and some read with O_DIRECT, bypassing the page cache that sendfile sends from. They do use zero-copy for whole files: MySQL's clone plugin copies local files with sendfile, and PostgreSQL's pg_upgrade can copy with copy_file_range.",
      zh: '查询结果是计算出来的：要过滤、连接、编码，它不是文件里能原样发出去的一段字节。很多数据库还有自己的缓冲池，有的用 O_DIRECT 读盘，直接绕过了 sendfile 所依赖的页缓存。但整文件的场景它们确实用零拷贝：MySQL 的 clone 插件用 sendfile 复制本地文件，PostgreSQL 的 pg_upgrade 可以用 copy_file_range 复制。',
    },
  },
];
