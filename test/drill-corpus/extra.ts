// More answers in other words, written after the first two tuning sets by yet other imagined
// readers: two-sentence senior answers that must pass, and confident wrong answers with the right
// terms that must not. Tuning data, like tuning.ts: the grader was grown against them.
import type { Lang } from '../../scripts/drill/types.ts';

export interface ExtraAnswer {
  id: string;
  lang: Lang;
  answer: string;
}

const entry = ([id, lang, answer]: [string, Lang, string]): ExtraAnswer => ({ id, lang, answer });

export const extraShort: ExtraAnswer[] = ([
  ['01-read-write-path', 'en', "The kernel copies twice with the CPU: from the page cache into my buffer on read, and from my buffer into the socket buffer on write. The disk and the NIC move data by DMA, and it's two syscalls per chunk."],
  ['01-read-write-path', 'zh', 'CPU 拷两次：read 把页缓存里的数据拷到用户缓冲区，write 再拷到 socket 缓冲区；磁盘和网卡那两段是 DMA，每块两个系统调用。'],
  ['01-four-switches', 'en', "Not really. Those are transitions between user mode and kernel mode, two per syscall; a context switch means the scheduler runs a different thread, which getrusage counts separately."],
  ['01-four-switches', 'zh', '不对，那是用户态和内核态之间的模式切换，每个系统调用两次；上下文切换是调度器换了一个线程跑，getrusage 单独记。'],
  ['01-page-cache', 'en', "It's the kernel's in-memory copy of file pages: after the first read misses and DMAs from disk, later reads are cache hits served from RAM. read() still copies each byte out of it."],
  ['01-page-cache', 'zh', '就是内核放在内存里的文件页，第一次未命中才从磁盘 DMA 读进来，之后都命中缓存、直接读内存；不过 read() 还是要拷一遍。'],
  ['02-what-sendfile-saves', 'en', "sendfile avoids both user-space copies and halves the syscalls, because the kernel moves the data itself. DMA still happens, and without gather DMA there's one copy inside the kernel."],
  ['02-what-sendfile-saves', 'zh', 'sendfile 让数据不进用户态，省了两次 CPU 拷贝，系统调用也少一半；DMA 还是要的，网卡不支持 gather 的话内核里还得拷一次。'],
  ['02-why-kafka', 'en', "Kafka stores batches exactly as it sends them, so the broker can sendfile a byte range of the log from the page cache without parsing it. It stops working once SSL is on."],
  ['02-why-kafka', 'zh', 'Kafka 存的就是发出去的格式，broker 不用解析，直接用 sendfile 从页缓存把一段日志发给消费者；开了 SSL 就不行了。'],
  ['02-out-fd', 'en', "No. Any file works as the destination since 2.6.33, and a pipe since 5.12; the limit is that the source can't be a socket."],
  ['02-out-fd', 'zh', '不是。2.6.33 以后目标可以是任意文件，5.12 以后还可以是管道；限制在源端，源不能是 socket。'],
  ['03-mmap-write-copies', 'en', "mmap + write saves the read copy, since the process maps the page cache, but write still copies once into the socket buffer. sendfile gets rid of that copy as well."],
  ['03-mmap-write-copies', 'zh', 'mmap 映射了页缓存，省掉 read 那次拷贝，但 write 还要往 socket 缓冲区拷一次；sendfile 连这次都省了。'],
  ['04-bigger-buffer', 'en', "No, each byte is still copied twice. You just make fewer read and write calls, so fewer mode switches and less CPU."],
  ['04-bigger-buffer', 'zh', '不会，每个字节还是拷两次；只是 read/write 调用少了，模式切换少了，CPU 也省了。'],
  ['05-copy-file-range', 'en', "Use copy_file_range: the kernel copies between the two files without user space, and on btrfs or XFS with reflink it just shares the blocks. Otherwise fall back to sendfile or read/write."],
  ['05-copy-file-range', 'zh', '用 copy_file_range，内核直接在两个文件之间复制，不经过用户态；btrfs、XFS 有 reflink 的话只是共享数据块。不支持再回退到 sendfile 或 read/write。'],
  ['06-splice', 'en', "splice moves page references between two fds without copying, but one of them has to be a pipe, so file to socket is two splices."],
  ['06-splice', 'zh', 'splice 在两个 fd 之间传页引用、不拷贝数据，但其中一个必须是管道，所以文件到 socket 要 splice 两次。'],
  ['07-myth-mmap', 'en', "Consumers are served only with sendfile, through transferTo; Kafka mmaps its index files, not the log it sends. And mmap plus write would still cost a copy per byte."],
  ['07-myth-mmap', 'zh', '消费者那边只走 sendfile（transferTo）；Kafka mmap 的是索引文件，不是发出去的日志。再说 mmap + write 每字节还要拷一次。'],
  ['07-tls', 'en', "Kafka gives up sendfile with TLS, because the JVM does the encryption in user space and has to read the data in. It doesn't support kTLS."],
  ['07-tls', 'zh', '开了 TLS，Kafka 就放弃 sendfile，因为加密在 JVM 的用户态做，数据得先读进来；Kafka 也不支持 kTLS。'],
  ['08-tls', 'en', "Not necessarily: only user-space TLS rules out sendfile. With kTLS the kernel does the encryption and sendfile still works, as nginx and Netflix do."],
  ['08-tls', 'zh', '不一定，只有用户态的 TLS 才用不了 sendfile；用 kTLS 的话由内核加密，sendfile 照样能用，nginx 和 Netflix 都是这么做的。'],
  ['08-when-not', 'en', "When you need to change the bytes, like compressing or templating, and when the responses are tiny, because the syscall overhead outweighs the copies."],
  ['08-when-not', 'zh', '要改数据的时候，比如压缩、渲染模板；还有响应很小的时候，系统调用的开销比拷贝还大。'],
  ['09-msg-zerocopy', 'en', "It tells send() to pin the user pages instead of copying them, and you learn when you can reuse the buffer from the error queue. It only pays off above roughly 10 KB per send."],
  ['09-msg-zerocopy', 'zh', '让 send() 把用户页锁住而不拷贝，什么时候能复用缓冲区要看错误队列上的完成通知；每次发 10 KB 以上才划算。'],
  ['10-rocketmq-kafka', 'en', "RocketMQ maps its CommitLog so it can write and read messages in place, but serving still copies: through a heap buffer by default, or once with mmap plus write. Kafka's sendfile copies nothing in user space, but the broker can't see the data."],
  ['10-rocketmq-kafka', 'zh', 'RocketMQ 把 CommitLog 映射进来，方便就地读写消息，但发送时还是有拷贝：默认先拷到堆里，mmap + write 也要拷一次。Kafka 的 sendfile 没有用户态拷贝，代价是 broker 看不到数据。'],
  ['06-tee-vmsplice', 'en', "tee clones a pipe's data into another pipe without consuming it; vmsplice hands your pages to a pipe by reference, so you mustn't touch them until they're read. From a pipe into memory vmsplice simply copies."],
  ['09-ktls', 'en', "The handshake stays in OpenSSL in user space; then you give the kernel the keys with setsockopt and it encrypts the records itself, which keeps sendfile working. /proc/net/tls_stat shows whether it ran in software or on the NIC."],
  ['10-databases-redis', 'en', "Yes, for whole-file copies: MySQL's clone plugin uses sendfile, pg_upgrade uses copy_file_range, and Redis tried sendfile for replication but reverted it."],
  ['08-databases', 'en', "A query's result is computed from rows, so there's no file range to send, and with O_DIRECT the pages skip the page cache anyway. They do use it to copy whole files, like MySQL's clone plugin."],
] as Array<[string, Lang, string]>).map(entry);

export const extraWrong: ExtraAnswer[] = ([
  ['01-read-write-path', 'en', "The CPU copies the file from the disk into the page cache, then the NIC reads the user buffer directly by DMA, so there is only one CPU copy and the socket buffer is skipped."],
  ['01-read-write-path', 'zh', 'CPU 先把文件从磁盘拷到页缓存，之后网卡直接用 DMA 读用户缓冲区，所以只有一次 CPU 拷贝，socket 缓冲区被跳过了。'],
  ['01-four-switches', 'en', "Yes, four context switches is right, because each syscall moves the process to a kernel thread; the scheduler has to switch threads every time, which is the same as a mode switch."],
  ['02-what-sendfile-saves', 'en', "sendfile saves the disk reads, since the file stays in the socket buffer, but the CPU still copies the data into user space and out again, and it still takes two system calls."],
  ['02-what-sendfile-saves', 'zh', 'sendfile 省掉的是读盘，因为文件会一直留在 socket 缓冲区里；CPU 还是要把数据拷进用户态再拷出来，系统调用也还是两次。'],
  ['02-why-kafka', 'zh', 'Kafka 用零拷贝是因为消息是随机读写的，broker 要先把批次解析、重新编码成消费者的格式，再用 mmap 发出去，TLS 也不影响。'],
  ['02-out-fd', 'en', "Yes. The output of sendfile must always be a TCP socket, and the input can be anything, even another socket; pipes only became possible as an input in 5.12."],
  ['03-mmap-write-copies', 'zh', 'mmap + write 完全不拷贝：映射以后 write 只是把页的指针交给网卡，所以它比 sendfile 还少一次拷贝，也没有缺页。'],
  ['04-bigger-buffer', 'en', "Yes, doubling the buffer halves the bytes copied, because each read copies a whole page and bigger buffers need fewer pages. The number of calls doesn't matter for CPU."],
  ['05-copy-file-range', 'en', "copy_file_range copies through a user-space buffer that the kernel allocates, so it saves syscalls but not copies, and it only works across different filesystems."],
  ['06-splice', 'zh', 'splice 要求两端都是 socket，它把数据拷进用户态的管道缓冲区再发出去，所以省的是系统调用，拷贝一点没少。'],
  ['07-tls', 'zh', '开了 TLS 也没关系，Kafka 会让内核来加密，transferTo 照样走零拷贝，数据不进 JVM。'],
  ['08-tls', 'en', "TLS has nothing to do with it: sendfile always works over HTTPS because the NIC encrypts everything, so kTLS isn't needed and no server ever copies for TLS."],
  ['09-msg-zerocopy', 'zh', 'MSG_ZEROCOPY 是让数据直接从磁盘发到网卡，小包最划算，本机回环上效果最好，发完立刻就能改缓冲区。'],
  ['10-rocketmq-kafka', 'en', "RocketMQ uses mmap because mmap is zero-copy, and Kafka uses sendfile because its messages are parsed by the broker; RocketMQ's pulls never copy anything."],
  ['10-databases-redis', 'zh', '数据库都不用零拷贝。MySQL 和 PostgreSQL 的文件一直在变，Redis 的数据在内存里，所以都只能 read/write。'],
  ['09-ktls', 'en', "kTLS means the kernel does the handshake and OpenSSL is not involved; the NIC always encrypts, so it is always zero-copy, and sendfile stops working."],
  ['06-tee-vmsplice', 'zh', 'tee 会把管道里的数据消费掉，发到 socket；vmsplice 在两个方向都不拷贝，进程可以马上改自己的缓冲区。'],
] as Array<[string, Lang, string]>).map(entry);
