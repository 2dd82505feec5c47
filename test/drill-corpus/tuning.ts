// The tuning part of the grader's corpus: answers to 15 questions from all ten chapters, in both
// languages, written as readers answer (their own vocabulary and order, typos, Chinese with English
// terms). The claims and synonyms were grown against these; the tests hold every one to its band.
// Add a question here whenever the bank gains one.
import type { CorpusQuestion } from './types.ts';

export const tuning: CorpusQuestion[] = [
  {
    id: '01-read-write-path',
    answers: {
      en: {
        strong: "If the file isn't cached yet, the disk controller DMAs it into the page cache first, so the CPU isn't doing that part. Then read() traps into the kernel, and the kernel uses the CPU to copy a chunk from the page cache into the buffer my program gave it, in user space. write() on the socket traps in again and the CPU copies that same chunk out of my buffer into the socket's send buffer in the kernel, and the NIC picks it up from there with DMA. So per chunk: two DMA transfers done by hardware, two CPU copies done by the kernel, and two syscalls, which means four switches between user and kernel mode. My program never even looks at the bytes.",
        short: 'Disk to page cache and socket buffer to NIC are DMA; in between, the CPU copies page cache into the user buffer on read() and back into the socket buffer on write(). Two CPU copies and two syscalls per chunk.',
        keywords: 'disk, DMA, page cache, read(), user buffer, CPU copy, write(), socket buffer, NIC, two copies',
        wrong: "read() asks the disk to DMA the file directly into the user buffer, so there's no CPU copy on the read side; the only CPU copy is the one write() makes into the page cache, which the NIC then reads. That's one copy per byte, and the socket buffer isn't involved at all because the NIC DMAs from the page cache.",
        myth: 'The data goes disk to kernel buffer by DMA, kernel buffer to user buffer by the CPU, user buffer to socket buffer by the CPU, and socket buffer to the NIC by DMA: four copies and four context switches, because the data crosses between kernel space and user space several times.',
      },
      zh: {
        strong: '文件要是还不在页缓存里，先由磁盘控制器 DMA 进来，这一步不用 CPU。然后 read() 陷入内核，内核用 CPU 把一块数据从页缓存拷到我给的用户态 buffer；接着对 socket 调 write()，再进一次内核，CPU 又把这块数据从用户 buffer 拷到内核的 socket 发送缓冲区，最后网卡用 DMA 把它取走。所以每块数据是两次 DMA、两次 CPU 拷贝、两次系统调用，也就是四次用户态和内核态之间的切换。整个过程进程根本没看这些字节。',
        short: '磁盘到页缓存、socket 缓冲区到网卡是 DMA；中间 read() 由 CPU 从页缓存拷到用户缓冲区，write() 再拷回 socket 缓冲区。每块两次 CPU 拷贝、两次系统调用。',
        keywords: '磁盘、DMA、页缓存、read、用户缓冲区、CPU 拷贝、write、socket 缓冲区、网卡、两次拷贝',
        wrong: 'read() 让磁盘直接把文件 DMA 到用户缓冲区，所以读这一步没有 CPU 拷贝；唯一的一次 CPU 拷贝是 write() 把数据拷进页缓存，然后网卡从页缓存读走。每字节只拷一次，socket 缓冲区根本用不上，因为网卡直接从页缓存 DMA。',
        myth: '数据先通过 DMA 从磁盘到内核缓冲区，再由 CPU 拷到用户缓冲区，再拷到 Socket 缓冲区，最后 DMA 到网卡，一共四次拷贝、四次上下文切换，数据在内核空间和用户空间之间来回拷贝，增加了 CPU 负载和上下文切换次数。',
      },
    },
  },
  {
    id: '01-four-switches',
    answers: {
      en: {
        strong: "Close, but the term is wrong. Each syscall traps from user mode into kernel mode and then returns, so read plus write is four user/kernel transitions, and the thread never changes; that's a mode switch, or a privilege switch if you like. A context switch is when the scheduler takes the CPU away from one thread and hands it to another one, typically because the first blocked on I/O or got preempted. That's heavier (registers, TLB, caches) and its count doesn't follow from the syscall count at all. In the lab they're two different columns: syscalls from strace, doubled for mode switches, and context switches from getrusage, voluntary plus involuntary.",
        short: "No, they're four mode switches, user to kernel and back for each of the two syscalls, on the same thread. Context switches are the scheduler moving the CPU between threads and are counted separately, via getrusage.",
        keywords: 'context switch, mode switch, user mode, kernel mode, syscall, scheduler, thread, getrusage, voluntary',
        wrong: "It's right. Every syscall makes the scheduler switch from the user thread to a kernel thread and back, so each read() and write() is two context switches. A mode switch is just a cheaper name for the same thing, and getrusage counts each syscall as one voluntary context switch.",
        myth: 'Yes. Traditional I/O with read() and write() involves four context switches between user space and kernel space and four data copies, and sendfile reduces that to two context switches.',
      },
      zh: {
        strong: '说法不太对，词用错了。每次系统调用都是从用户态陷入内核态再返回，read 加 write 一共四次用户态⇄内核态的转换，线程一直是同一个，这叫模式切换。上下文切换指的是调度器把 CPU 从一个线程拿走交给另一个线程，通常是因为线程阻塞等 IO 或者被抢占，开销更大（寄存器、TLB、cache），而且次数跟系统调用数没有对应关系。实验里它们是两列：strace 数系统调用，乘二就是模式切换；getrusage 给出自愿和非自愿的上下文切换。',
        short: '不对，那是四次模式切换：两个系统调用各自用户态进内核、再回来，线程没换。上下文切换是调度器在线程之间切，得用 getrusage 单独统计。',
        keywords: '上下文切换、模式切换、用户态、内核态、系统调用、调度器、线程、getrusage、自愿',
        wrong: '对的。每次系统调用调度器都要从用户线程切到内核线程再切回来，所以每个 read 和 write 都是两次上下文切换。模式切换只是同一件事换了个更便宜的名字，getrusage 会把每个系统调用算成一次自愿上下文切换。',
        myth: '对，传统的 read() + write() 要经历四次上下文切换，也就是用户态和内核态之间切换四次，外加四次数据拷贝；用 sendfile 可以降到两次上下文切换。',
      },
    },
  },
  {
    id: '02-what-sendfile-saves',
    answers: {
      en: {
        strong: "It takes user space out of the loop. With read and write the CPU copies every chunk from the page cache up into my buffer and then back down into the socket; with sendfile I only pass the file descriptor, the socket and an offset, and the kernel moves the data between them itself, so nothing gets copied into the process. It's also one syscall per chunk instead of two, so half the user/kernel transitions. What stays: the DMA from disk into the page cache on a miss and the DMA out to the NIC. If the NIC can't do scatter-gather, the kernel still does one copy from the page cache into the socket buffer; with gather DMA the card reads the page cache pages directly. And the receiving side still copies into its own buffer.",
        short: 'It removes both CPU copies through user space and one of the two syscalls per chunk; the data stays in the kernel. The DMA transfers remain, and without scatter-gather the kernel still copies once into the socket buffer.',
        keywords: 'sendfile, user space, two CPU copies, one syscall, mode switches, DMA, scatter-gather, socket buffer, receiver',
        wrong: 'sendfile saves the DMA transfers: the disk and the NIC no longer need DMA because the kernel moves the bytes itself. It still copies the data into user space once, so you go from two CPU copies to one, and it needs two syscalls per chunk just like read and write. Scatter-gather only matters on the receiver.',
        myth: 'sendfile is true zero copy: the data is not copied at all, it goes straight from the disk to the network card with no copies, and it cuts the four context switches to two.',
      },
      zh: {
        strong: '省掉的是用户态这一趟。read + write 时 CPU 要把每块数据从页缓存拷到我的 buffer，再拷回 socket；用 sendfile 我只交给内核文件 fd、socket 和偏移量，数据由内核自己搬，根本不进进程。每块数据也只要一次系统调用，用户态⇄内核态的切换少一半。省不掉的：未命中时磁盘到页缓存的 DMA，还有最后到网卡的 DMA。网卡不支持 scatter-gather 的话，内核里还得从页缓存往 socket 缓冲区拷一次；支持 gather DMA 就直接从页缓存取。另外接收端照样要拷到自己的 buffer。',
        short: '省掉了经过用户态的两次 CPU 拷贝和每块一次系统调用，数据一直待在内核里。DMA 省不掉，网卡不支持分散-聚集时内核还要拷一次到 socket 缓冲区。',
        keywords: 'sendfile、用户态、两次 CPU 拷贝、一次系统调用、模式切换、DMA、分散聚集、socket 缓冲区、接收方',
        wrong: 'sendfile 省掉的是 DMA：磁盘和网卡都不用 DMA 了，内核自己搬数据。不过数据还是要拷进用户态一次，所以从两次 CPU 拷贝变成一次，而且每块数据照样要两次系统调用，跟 read + write 一样。scatter-gather 只跟接收方有关。',
        myth: 'sendfile 实现了真正的零拷贝：数据完全不拷贝，从磁盘直接到网卡，没有任何拷贝，上下文切换也从四次减少到两次。',
      },
    },
  },
  {
    id: '02-why-kafka',
    answers: {
      en: {
        strong: "Because the broker's fetch path has nothing to do to the bytes. Producers send record batches, the broker appends them to the partition's log segment in the same binary format, and a consumer fetch is just 'give me this byte range of that segment'. So the broker can call FileChannel.transferTo, which is sendfile on Linux, and the data goes from the page cache to the socket without the two CPU copies into the JVM heap and back. Consumers that keep up are served from the page cache, the same cached pages for every consumer, so the disks barely get read. The exception is TLS: encryption happens in the JVM, so with SSL on Kafka falls back to reading the data in.",
        short: 'The log stores batches in the wire format, so a fetch is a byte range the broker sends unchanged with transferTo (sendfile), from the page cache, skipping the copies through the JVM. Not when SSL is enabled.',
        keywords: 'Kafka, sendfile, transferTo, page cache, append-only, wire format, unchanged, no parsing, TLS',
        wrong: "Kafka can't use sendfile for consumers because its log is append-only and segments get compacted, so instead it maps the segments with mmap and writes them, which is zero-copy too. It fits because sequential disk I/O is what makes zero copy work, and the data is copied twice anyway so TLS doesn't change anything.",
        myth: "Kafka uses zero-copy through sendfile and mmap, which avoids copying data between kernel space and user space. It's a good fit because Kafka's log is written and read sequentially, messages are never modified, and each message is read once and gone, so it goes straight from disk to the network without any copy.",
      },
      zh: {
        strong: '因为 broker 在拉取路径上根本不用动这些字节。生产者发的是消息批次，broker 用同样的二进制格式追加到分区的段文件里，消费者拉取就是“给我这个段里的这段字节”。所以 broker 可以调 FileChannel.transferTo，Linux 上就是 sendfile，数据从页缓存直接进 socket，省掉了拷进 JVM 堆再拷回来的两次 CPU 拷贝。没有消费积压的消费者都从页缓存读，所有消费者共用同一批缓存页，磁盘几乎不读。例外是 TLS：加密在 JVM 里做，开了 SSL Kafka 就只能把数据读进来。',
        short: '日志按网络传输的格式存批次，一次拉取就是一段字节，broker 原样用 transferTo（sendfile）从页缓存发出去，省掉经过 JVM 的拷贝。开 SSL 就不行。',
        keywords: 'Kafka、sendfile、transferTo、页缓存、只追加、相同格式、原样发送、不解析、TLS',
        wrong: 'Kafka 给消费者发数据用不了 sendfile，因为日志是只追加的、段还会被压缩，所以它改用 mmap 映射段文件再 write，这也算零拷贝。之所以适合，是因为顺序读写才让零拷贝生效，反正数据都要拷两次，开不开 TLS 都一样。',
        myth: 'Kafka 通过 sendfile 和 mmap 实现零拷贝，避免数据在内核态和用户态之间拷贝。它适合零拷贝，是因为 Kafka 的日志顺序写、顺序读，消息写入后不可修改，而且消费是读完即走，数据从磁盘直接到网卡，不经过任何拷贝。',
      },
    },
  },
  {
    id: '02-out-fd',
    answers: {
      en: {
        strong: "No, that's an old restriction. Until 2.6.33 the output had to be a socket, but since then out_fd can be any file, including a regular file, and since Linux 5.12 a pipe as well, in which case the kernel just turns it into a splice. The constraint that's left is on the input side: in_fd has to be something that supports mmap-like operations, basically a file in the page cache, so you can't sendfile from a socket; for that you use splice. And file-to-file sendfile is real: libuv falls back to it in Node's fs.copyFile when copy_file_range fails, and MySQL's clone plugin uses it to copy local files.",
        short: "No: since 2.6.33 out_fd can be any file, and since 5.12 a pipe. The real limit is in_fd, which can't be a socket.",
        keywords: 'sendfile, out_fd, any file, 2.6.33, pipe, 5.12, in_fd, socket, splice, MySQL clone, libuv',
        wrong: 'Yes, sendfile only writes to TCP sockets; the input can be a socket too, which is how proxies forward data from one socket to another without copying. Writing to a regular file was added in 5.12, and pipes were never supported, that is what splice is for.',
        myth: "Mostly yes. sendfile mainly applies to TCP transfers; for other protocols, like HTTP processing or TLS encryption, it's hard to use zero-copy, and some older systems like early Windows don't fully support sendfile.",
      },
      zh: {
        strong: '不是，那是老黄历了。2.6.33 之前输出端必须是 socket，之后 out_fd 可以是任意文件，包括普通文件；Linux 5.12 起还可以是管道，这时候内核直接把它当 splice 处理。真正剩下的限制在输入端：in_fd 必须支持类似 mmap 的操作，基本就是页缓存里的文件，所以不能从 socket sendfile，那种情况要用 splice。文件到文件的 sendfile 也确实有人用：Node 的 fs.copyFile 在 copy_file_range 失败时，libuv 会退回 sendfile；MySQL 的 clone 插件用它复制本地文件。',
        short: '不是：2.6.33 以后 out_fd 可以是任何文件，5.12 以后还可以是管道。真正的限制是 in_fd 不能是 socket。',
        keywords: 'sendfile、out_fd、任意文件、2.6.33、管道、5.12、in_fd、socket、splice、MySQL clone、libuv',
        wrong: '是的，sendfile 只能写 TCP socket；输入端倒是可以是 socket，代理就是这样不拷贝地在两个 socket 之间转发。写普通文件是 5.12 才加的，管道从来不支持，那是 splice 干的事。',
        myth: '基本是的。sendfile() 主要适用于 TCP 传输，如果是其他协议，比如 HTTP 处理、TLS 加密，就难以使用零拷贝；而且某些旧系统（如 Windows 早期版本）可能不完全支持 sendfile()。',
      },
    },
  },
  {
    id: '03-mmap-write-copies',
    answers: {
      en: {
        strong: "It's the middle option. mmap makes the file's page-cache pages part of the process's address space, so there's no read() and no copy into a buffer of my own; the pages get wired in by page faults when I first touch them. But write() still has to copy the mapped bytes into the socket buffer, so it's one CPU copy per byte instead of two, and still a syscall with its mode switches for every write. In the lab Bun's mmap path measured 1.00 copies per byte against 2.00. sendfile is better still: zero copies through user space, no faults, and the process never maps anything.",
        short: 'mmap + write drops the read() copy because the process shares the page cache pages, but write() still copies once into the socket buffer, plus page faults. sendfile avoids that last copy too.',
        keywords: 'mmap, page cache, page fault, one copy, write(), socket buffer, read(), sendfile, zero copy',
        wrong: "mmap + write is zero-copy just like sendfile: the mapping lets the NIC read the file directly, so write() doesn't copy anything. It's actually better than sendfile because there are no syscalls at all after the mmap, whereas sendfile still copies the file once into user space.",
        myth: "mmap + write is one of the two ways to do zero-copy, along with sendfile: the user buffer and the kernel buffer share memory, so the data isn't copied between user space and kernel space, which is why Kafka and RocketMQ use mmap. It's always faster than read.",
      },
      zh: {
        strong: '它是折中方案。mmap 把文件在页缓存里的页直接映射进进程地址空间，所以不用 read()，也没有拷到自己 buffer 的那一次；页是第一次访问时靠缺页异常映射进来的。但 write() 还是得把映射区的数据拷进 socket 缓冲区，所以每字节一次 CPU 拷贝，比 read+write 少一次，而且每次 write 照样是系统调用、有模式切换。实验里 Bun 的 mmap 路径是每字节 1.00 次拷贝，read+write 是 2.00。sendfile 更好：经过用户态的拷贝是零，也没有缺页。',
        short: 'mmap + write 省掉了 read() 那次拷贝（进程直接共享页缓存的页），但 write() 还要往 socket 缓冲区拷一次，另外还有缺页开销。sendfile 连这一次也省了。',
        keywords: 'mmap、页缓存、缺页、一次拷贝、write、socket 缓冲区、read、sendfile、零拷贝',
        wrong: 'mmap + write 和 sendfile 一样是零拷贝：映射之后网卡可以直接读文件，write() 不拷贝任何东西。它甚至比 sendfile 更好，因为 mmap 之后就没有系统调用了，而 sendfile 还要把文件拷进用户态一次。',
        myth: 'mmap + write 和 sendfile 是实现零拷贝的两种方式：用户缓冲区和内核缓冲区共享内存，数据不用在用户态和内核态之间拷贝，所以 Kafka 和 RocketMQ 都用 mmap，而且 mmap 总是比 read 快。',
      },
    },
  },
  {
    id: '04-bigger-buffer',
    answers: {
      en: {
        strong: "No, the bytes copied don't change at all: every byte still goes into the buffer once and out of it once, so two copies per byte whatever the size. What a bigger buffer changes is how many calls it takes. With 64 KiB chunks a 64 MiB file is 1,024 reads plus a last one that returns 0; with 4 KiB it's over 16,000. Fewer syscalls means fewer mode switches, less per-call overhead, and in Node fewer hand-offs to the thread pool, so less CPU. It stops paying off after a while though, and every connection holds a bigger buffer, so memory goes up.",
        short: 'No, it is still two copies of every byte; only the number of read and write calls drops (file size divided by buffer size, plus one at EOF), so fewer mode switches and less CPU.',
        keywords: 'buffer size, two copies, fewer syscalls, mode switches, CPU, 1025 reads, EOF, memory',
        wrong: 'Yes: with a bigger buffer the kernel copies larger blocks, and larger blocks are copied with DMA instead of the CPU, so a 1 MiB buffer copies about half as many bytes as a 4 KiB one. The number of syscalls stays the same because each read returns at most one page anyway.',
        myth: 'Yes, a bigger buffer means fewer copies and fewer context switches, because each read() and write() is a context switch; so with a large enough buffer you get close to zero-copy.',
      },
      zh: {
        strong: '不会，拷贝的字节数一点没变：每个字节照样进一次缓冲区、出一次缓冲区，不管多大都是每字节两次。变的是调用次数：64 KiB 的 buffer 读 64 MiB 文件是 1024 次 read，再加一次返回 0 的；换成 4 KiB 就是一万六千多次。系统调用少了，模式切换就少了，每次调用的固定开销也少了，Node 里交给线程池的次数也少，CPU 就省了。不过到一定程度收益就递减了，而且每个连接都占一块更大的内存。',
        short: '不会，每字节还是拷两次；变少的只是 read/write 调用次数（文件大小除以缓冲区大小，再加一次 EOF），模式切换和 CPU 随之减少。',
        keywords: '缓冲区大小、两次拷贝、系统调用更少、模式切换、CPU、1025 次、EOF、内存',
        wrong: '会。缓冲区大了内核一次拷贝更大的块，大块数据走 DMA 而不是 CPU，所以 1 MiB 的缓冲区拷贝的字节差不多只有 4 KiB 的一半。系统调用次数不变，因为每次 read 最多也只返回一页。',
        myth: '会，缓冲区越大，拷贝次数和上下文切换越少，因为每次 read() 和 write() 都是一次上下文切换；缓冲区足够大就接近零拷贝了。',
      },
    },
  },
  {
    id: '05-copy-file-range',
    answers: {
      en: {
        strong: "Call copy_file_range, which has been there since Linux 4.5. You give it two regular files and a range and the kernel does the copy itself, page cache to page cache, so nothing is copied into your process. On ext4 that's still one CPU copy in the kernel, but on btrfs or XFS with reflinks the filesystem can just share the extents, and over NFS the server can do the copy, so no data moves at all. If it isn't available or the files are on different filesystems, sendfile from one file to the other is the next in-kernel option, and a read/write loop the last resort.",
        short: 'copy_file_range (since 4.5): the kernel copies between two regular files without user space, and with reflinks on btrfs/XFS it shares blocks and moves nothing. Fall back to file-to-file sendfile, then read/write.',
        keywords: 'copy_file_range, Linux 4.5, regular files, kernel, reflink, btrfs, XFS, NFS server-side copy, sendfile, read/write',
        wrong: 'Use sendfile with a socket in the middle, since copy_file_range only works between a file and a socket. On ext4 copy_file_range always makes a reflink, so nothing is copied, and reflinks only exist on tmpfs and ext4, not btrfs or XFS.',
        myth: 'You use zero-copy, which means the data is never copied: mmap both files and the kernel just points the new file at the old data, so it costs nothing, exactly like sendfile, which sends the file to a TCP socket.',
      },
      zh: {
        strong: '用 copy_file_range，Linux 4.5 就有了。给它两个普通文件和一个范围，内核自己完成复制，页缓存到页缓存，数据不进进程。在 ext4 上内核里还是有一次 CPU 拷贝；但在 btrfs 或者开了 reflink 的 XFS 上，文件系统可以直接共享数据块，NFS 可以让服务端自己复制，这样一个字节都不用搬。用不了或者跨文件系统时，退而求其次用文件到文件的 sendfile，最后才是 read/write 循环。',
        short: 'copy_file_range（4.5 起）：内核在两个普通文件之间直接复制，不经过用户态；btrfs/XFS 上有 reflink 的话只共享数据块，啥也不搬。不行就退回文件到文件的 sendfile，再不行 read/write。',
        keywords: 'copy_file_range、Linux 4.5、普通文件、内核、reflink、btrfs、XFS、NFS 服务端复制、sendfile、read/write',
        wrong: '中间加一个 socket 用 sendfile，因为 copy_file_range 只能在文件和 socket 之间用。ext4 上 copy_file_range 总是做 reflink，什么都不拷；reflink 只有 tmpfs 和 ext4 支持，btrfs 和 XFS 不支持。',
        myth: '用零拷贝，也就是数据完全不拷贝：两个文件都 mmap，内核让新文件直接指向旧数据，不花任何代价，和 sendfile 一样，sendfile 就是把文件发给 TCP socket 的。',
      },
    },
  },
  {
    id: '06-splice',
    answers: {
      en: {
        strong: "splice moves data between two file descriptors without it ever coming up to user space, and the catch is that one of the two has to be a pipe. That's because a pipe's buffer is really a little ring of reference-counted pointers to pages: splicing a file into a pipe drops references to its page-cache pages in there instead of copying the bytes, and splicing the pipe into a socket hands those references on. So file to socket is two calls, file into a pipe and pipe into the socket. sendfile is built on the same machinery inside the kernel.",
        short: 'It moves data between two fds inside the kernel by passing page references through a pipe, so one end must be a pipe; file to socket is two splices.',
        keywords: 'splice, pipe, page references, two splices, file to pipe, pipe to socket, kernel, sendfile',
        wrong: 'splice copies data from any file descriptor to any other, but both ends must be sockets, which is why proxies use it. It works by copying the pages into a pipe buffer in user space, so it saves syscalls but not copies, and sendfile has nothing to do with it.',
        myth: 'splice is another zero-copy call like sendfile and mmap, so the data is never copied at all; its constraint is that it only works for TCP.',
      },
      zh: {
        strong: 'splice 在两个文件描述符之间搬数据，数据不上到用户态，代价是其中一端必须是管道。原因是管道的缓冲区本质上是一圈带引用计数的页指针：把文件 splice 进管道，放进去的是页缓存页的引用而不是字节；再把管道 splice 到 socket，传的也是这些引用。所以文件到 socket 要调两次，文件进管道、管道到 socket。sendfile 在内核里用的也是这一套。',
        short: '在内核里通过管道传页的引用，把数据从一个 fd 移到另一个，所以一端必须是管道；文件到 socket 要两次 splice。',
        keywords: 'splice、管道、页引用、两次 splice、文件到管道、管道到 socket、内核、sendfile',
        wrong: 'splice 可以在任意两个文件描述符之间拷数据，但两端都必须是 socket，所以代理才用它。它是把页拷进用户态的管道缓冲区，省的是系统调用而不是拷贝，跟 sendfile 没关系。',
        myth: 'splice 跟 sendfile、mmap 一样是零拷贝，数据完全不拷贝；它的限制是只能用于 TCP。',
      },
    },
  },
  {
    id: '07-myth-mmap',
    answers: {
      en: {
        strong: "Kafka only uses one of those for consumers. A fetch goes through FileRecords.writeTo and, on a plaintext connection, PlaintextTransportLayer calls FileChannel.transferTo, so on Linux it's sendfile. The mmap part of the story comes from somewhere else: Kafka memory-maps its offset and time index files, while appends to the log itself are plain FileChannel writes. And mmap + write would be worse for serving anyway, because write() still copies each byte once from the mapping into the socket. I'd also fix 'no copies at all': the DMA transfers are still there, zero-copy only means no CPU copy through user space, and none of it applies once SSL is on.",
        short: "Consumers get transferTo, i.e. sendfile; mmap is only for Kafka's offset and time indexes, and mmap + write would still cost a CPU copy per byte. And it's not 'no copies': the DMA copies stay.",
        keywords: 'transferTo, sendfile, mmap, index files, one CPU copy, DMA, TLS, PlaintextTransportLayer',
        wrong: "The common answer is right that mmap is what Kafka's consumers use: the broker maps the segment and writes it to the socket, which is zero copies, while sendfile is used by producers to append into the log. The indexes are read with transferTo.",
        myth: 'Kafka uses both: sendfile for sending log files to consumers and mmap + write for reading the log, and both avoid copying between kernel space and user space, so the data is not copied at all.',
      },
      zh: {
        strong: 'Kafka 给消费者发数据只用了其中一个。拉取走 FileRecords.writeTo，明文连接下 PlaintextTransportLayer 调 FileChannel.transferTo，Linux 上就是 sendfile。mmap 的说法是从别处来的：Kafka 对偏移量索引和时间索引文件做了 mmap，而往日志里追加数据用的是普通的 FileChannel 写。况且 mmap + write 用来发数据反而更差，write() 还得把每个字节从映射区拷一次到 socket。另外“完全没有拷贝”也要纠正：DMA 还在，零拷贝只是说没有经过用户态的 CPU 拷贝；开了 SSL 就全都不成立了。',
        short: '消费者走的是 transferTo，也就是 sendfile；mmap 只用在 Kafka 的偏移量和时间索引上，mmap + write 每字节还要一次 CPU 拷贝。而且不是“没有拷贝”，DMA 还在。',
        keywords: 'transferTo、sendfile、mmap、索引文件、一次 CPU 拷贝、DMA、TLS、PlaintextTransportLayer',
        wrong: '常见答案说得对，Kafka 的消费者用的就是 mmap：broker 把段文件映射进来再写到 socket，零次拷贝；sendfile 是生产者往日志里追加时用的。索引是用 transferTo 读的。',
        myth: 'Kafka 两种都用：发送日志文件给消费者用 sendfile，读取日志用 mmap + write，两种方式都避免了内核态和用户态之间的拷贝，数据完全不拷贝。',
      },
    },
  },
  {
    id: '07-tls',
    answers: {
      en: {
        strong: "It goes away. Kafka's TLS is done by the JVM's SSL engine in user space, so to encrypt a batch the broker has to read it from the log into heap memory, encrypt it there and then write the ciphertext to the socket, which brings back the copies through user space. transferTo is only used by the PlaintextTransportLayer; the SSL transport doesn't use it. In principle kernel TLS with SSL_sendfile could keep sendfile working with encryption, but Kafka doesn't support kTLS.",
        short: 'With SSL the encryption runs in the JVM, so the broker reads the data into user space and writes the ciphertext; sendfile is only used on plaintext connections. Kafka has no kTLS support.',
        keywords: 'TLS, SSL, user space, JVM, encryption, plaintext, transferTo, sendfile, kTLS',
        wrong: 'Nothing changes: the kernel encrypts the data for Kafka, so transferTo keeps working and the bytes never enter user space. TLS only adds a handshake at connection time, and Kafka has used kTLS since version 2.0.',
        myth: "With TLS zero copy is simply impossible: encryption needs the data in user space in every server, there's no way around it, so Kafka can't use sendfile and neither can nginx or anyone else.",
      },
      zh: {
        strong: '零拷贝路径就没了。Kafka 的 TLS 是 JVM 里的 SSL 引擎在用户态做的，broker 要加密一批消息，就得先把它从日志读进堆内存，在那里加密，再把密文写进 socket，经过用户态的拷贝又回来了。transferTo 只在 PlaintextTransportLayer（明文传输层）里用，SSL 传输层不用。理论上内核态 TLS 加 SSL_sendfile 可以在加密的同时保留 sendfile，但 Kafka 不支持 kTLS。',
        short: '开了 SSL，加密在 JVM 里做，broker 得把数据读进用户态再写出密文；sendfile 只在明文连接上用。Kafka 不支持 kTLS。',
        keywords: 'TLS、SSL、用户态、JVM、加密、明文、transferTo、sendfile、kTLS',
        wrong: '没有变化：内核会替 Kafka 加密，transferTo 照样能用，数据不会进用户态。TLS 只是在建连时多一次握手，Kafka 从 2.0 起就用上了 kTLS。',
        myth: '开了 TLS 就不可能零拷贝了，加密必须在用户态做，任何服务器都一样，没有办法绕开，所以 Kafka 用不了 sendfile，nginx 也用不了。',
      },
    },
  },
  {
    id: '08-tls',
    answers: {
      en: {
        strong: "Only if TLS lives in user space. Kafka, Bun, Node and Deno all encrypt in a user-space library, so the plaintext has to be read into the process and sendfile is off. With kernel TLS the handshake still happens in OpenSSL, but afterwards the kernel does the record encryption, so sendfile keeps working on an HTTPS socket; nginx does this since 1.21.4 with OpenSSL 3 via SSL_sendfile, and Netflix serves hundreds of gigabits of TLS per box on FreeBSD that way. It isn't free in software: the CPU still encrypts each byte into a new buffer once. Only with NIC offload and TLS_TX_ZEROCOPY_RO is it truly zero-copy.",
        short: 'No: user-space TLS rules out sendfile, but with kTLS the kernel encrypts and sendfile still works (nginx SSL_sendfile, Netflix). Software kTLS still costs one encryption pass; NIC offload makes it real zero copy.',
        keywords: 'TLS, user space, kTLS, sendfile, SSL_sendfile, nginx, Netflix, software encryption, NIC offload',
        wrong: "Yes for kTLS and no for user-space TLS: a user-space library like OpenSSL can encrypt the pages in place in the page cache, so it's zero-copy, whereas kTLS has to copy every byte into user space to encrypt it. That's why nginx turned kTLS off in 1.21.4.",
        myth: "Yes. TLS needs to encrypt and decrypt the data, and that can't happen without bringing it into user space, so sendfile can't be used with TLS and zero-copy becomes impossible, which is why secure communication doesn't fit zero-copy.",
      },
      zh: {
        strong: '只有 TLS 在用户态做的时候才是这样。Kafka、Bun、Node、Deno 都是用户态的库在加密，明文必须读进进程，sendfile 就用不了。用内核态 TLS 的话，握手还是 OpenSSL 做，之后由内核封装和加密 TLS 记录（record），HTTPS 连接上 sendfile 照样能用：nginx 从 1.21.4 起配 OpenSSL 3 通过 SSL_sendfile 就是这么做的，Netflix 在 FreeBSD 上也这样，一台机器发几百 Gb/s 的 TLS。软件 kTLS 也不是白来的，CPU 还要把每个字节加密一遍、写进新缓冲区；只有网卡卸载加 TLS_TX_ZEROCOPY_RO 才是真正的零拷贝。',
        short: '不是：用户态 TLS 才用不了 sendfile，用 kTLS 的话内核加密，sendfile 照常工作（nginx 的 SSL_sendfile、Netflix）。软件 kTLS 还要加密一遍，网卡卸载才是真零拷贝。',
        keywords: 'TLS、用户态、kTLS、sendfile、SSL_sendfile、nginx、Netflix、软件加密、网卡卸载',
        wrong: 'kTLS 不行，用户态 TLS 反而可以：OpenSSL 这种用户态库能在页缓存里就地加密，所以是零拷贝；kTLS 则要把每个字节拷到用户态才能加密。所以 nginx 在 1.21.4 里把 kTLS 关掉了。',
        myth: '是的。TLS 需要对数据加解密，不把数据拿到用户态就没法处理，所以开了 TLS 就不能直接用 sendfile，零拷贝也就不可能了，安全通信本来就不适合零拷贝。',
      },
    },
  },
  {
    id: '08-when-not',
    answers: {
      en: {
        strong: "Whenever the bytes you send aren't the bytes in the file: if you gzip on the fly, template, re-encode or otherwise transform the content, the data has to come up into the process anyway, so you're back to read, change, write. Tiny responses are another case; below some size the syscall and bookkeeping cost more than the two copies you'd save, which is why Bun only switches to sendfile at 1 MiB. Same for lots of small random reads. It's also useless when the data is generated or already sitting in memory rather than in a file. And on an event loop it can bite you: if the pages aren't cached, sendfile blocks on the disk read and stalls every other connection, which is why nginx has aio threads and sendfile_max_chunk, and why Redis reverted its sendfile for replication.",
        short: "When the bytes have to change (compression, transforms), when responses are small enough that per-call overhead dominates (Bun's 1 MiB threshold), or the data isn't in a file. Also on an event loop, a page-cache miss makes sendfile block.",
        keywords: 'gzip, transform, small files, overhead, random reads, in memory, 1 MiB, blocking, page cache miss, event loop',
        wrong: "sendfile is wrong for large files, because it has to copy the whole file into user space before sending, so it's only worth it for small responses under 1 MiB; that's why Bun uses sendfile for small files and read/write for big ones. Compression is fine, since the kernel gzips the data inside sendfile, and it never blocks because sendfile is asynchronous.",
        myth: "sendfile is the wrong tool for databases and Redis because they need random access and data modification, and for anything that isn't TCP, because sendfile only works for TCP transfers; for HTTP processing or TLS it's hard to use zero-copy.",
      },
      zh: {
        strong: '只要要发的字节不是文件里的字节，就不合适：在线 gzip 压缩、模板渲染、重新编码或者做任何转换，数据都得拿到进程里，又回到读、改、写。响应很小的时候也不划算，低于某个大小，系统调用和簿记的开销比省下的两次拷贝还大，所以 Bun 到 1 MiB 才用 sendfile；大量小块随机读也一样。数据是现算出来的、本来就在内存里而不在文件里，也用不上。还有一个坑：在事件循环里，如果页不在缓存里，sendfile 会阻塞在读盘上，把其他连接都卡住，所以 nginx 有 aio threads 和 sendfile_max_chunk，Redis 也因为这个把复制里的 sendfile 回滚了。',
        short: '字节要改的时候（压缩、转换），响应小到调用开销占大头的时候（Bun 的 1 MiB 门槛），或者数据不在文件里。另外在事件循环里，页缓存未命中会让 sendfile 阻塞。',
        keywords: 'gzip、转换、小文件、开销、随机读、内存、1 MiB、阻塞、页缓存未命中、事件循环',
        wrong: '大文件才不适合 sendfile，因为它发送之前要把整个文件拷进用户态，所以只有 1 MiB 以下的小响应才划算，Bun 就是小文件用 sendfile、大文件用 read/write。压缩没问题，内核会在 sendfile 里面 gzip；它也不会阻塞，因为 sendfile 是异步的。',
        myth: '数据库和 Redis 不适合 sendfile，因为它们需要随机读写和修改数据；不是 TCP 的场景也不适合，sendfile 主要适用于 TCP 传输，HTTP 处理、TLS 加密这些都难以使用零拷贝。',
      },
    },
  },
  {
    id: '09-msg-zerocopy',
    answers: {
      en: {
        strong: "It's a flag for send() on TCP or UDP sockets. You first enable SO_ZEROCOPY on the socket, and then send(..., MSG_ZEROCOPY) makes the kernel pin your user pages and transmit from them rather than copying them into socket buffers. Since the kernel is now using your memory, you have to leave the buffer alone until a completion shows up on the socket's error queue (recvmsg with MSG_ERRQUEUE). Pinning plus notification handling has its own overhead, so it only wins for big writes, roughly 10 KB and more. And it's best effort: on loopback the kernel does a deferred copy anyway, and it even tells you so with SO_EE_CODE_ZEROCOPY_COPIED, and without scatter-gather on the NIC it falls back to copying.",
        short: 'A send() flag that pins the user pages instead of copying them; you get a completion on the error queue before you may reuse the buffer. Only pays for large writes (~10 KB+), and loopback still copies.',
        keywords: 'MSG_ZEROCOPY, SO_ZEROCOPY, pin pages, error queue, completion, 10 KB, loopback, copy, fallback',
        wrong: 'MSG_ZEROCOPY makes send() skip the page cache so the data goes from the disk to the NIC directly. It pays off for small writes under 1 KB, because big writes overflow the socket buffer, and it is fastest over loopback since no NIC is involved; you can reuse the buffer as soon as send() returns.',
        myth: "MSG_ZEROCOPY means the data is never copied at all, so it's always faster than a normal send, for any size, and you can test it between two processes on localhost to see the gain.",
      },
      zh: {
        strong: '它是 TCP/UDP socket 上 send() 的一个标志。先对 socket 开 SO_ZEROCOPY，然后 send(..., MSG_ZEROCOPY) 时内核会把你的用户页锁住（pin）直接从那里发，而不是拷进 socket 缓冲区。既然内核在用你的内存，在 socket 的错误队列上收到完成通知（recvmsg 带 MSG_ERRQUEUE）之前，这块 buffer 不能动。锁页和处理通知本身也有开销，所以只有大块写才划算，大约 10 KB 以上。而且它只是尽力而为：走回环时内核照样会补一次拷贝（还会用 SO_EE_CODE_ZEROCOPY_COPIED 告诉你），网卡不支持 scatter-gather 时也会退回拷贝。',
        short: 'send() 的一个标志，锁住用户页而不拷贝；要在错误队列收到完成通知后才能复用缓冲区。只有 10 KB 以上的大块写才划算，回环上照样拷贝。',
        keywords: 'MSG_ZEROCOPY、SO_ZEROCOPY、锁页、错误队列、完成通知、10 KB、回环、拷贝、回退',
        wrong: 'MSG_ZEROCOPY 让 send() 绕过页缓存，数据从磁盘直接到网卡。它适合 1 KB 以下的小块写，大块写会把 socket 缓冲区撑爆；走回环最快，因为不经过网卡；send() 一返回缓冲区就可以复用。',
        myth: 'MSG_ZEROCOPY 就是数据完全不拷贝，所以任何大小都比普通 send 快，在本机两个进程之间用 localhost 测一下就能看到提升。',
      },
    },
  },
  {
    id: '10-rocketmq-kafka',
    answers: {
      en: {
        strong: "RocketMQ writes every topic into one CommitLog made of 1 GiB files that it maps into memory, so appends are memory copies and a ConsumeQueue entry points straight at a message's offset, which it can read in place; it can even pre-fault and mlock the mapping to keep latency flat. But serving a pull isn't zero-copy: by default (transferMsgByHeap=true) the broker copies the messages into a heap byte[] before writing them, and even with transferMsgByHeap=false it writes the mapped buffers to the socket, which is one CPU copy per byte. Kafka keeps one log per partition in wire format and hands a byte range to sendfile via transferTo, so there's no CPU copy through user space, but the broker can't look at the bytes on the way out. So it's access to the data versus the cheapest possible send.",
        short: "RocketMQ maps its shared 1 GiB CommitLog files so it can append and look up messages in place, but a pull copies through the heap by default, and mmap + write is still one CPU copy. Kafka's sendfile has no user-space copy but never lets the broker see the bytes.",
        keywords: 'RocketMQ, mmap, CommitLog, ConsumeQueue, transferMsgByHeap, heap, one copy, Kafka, sendfile, transferTo, page faults',
        wrong: "RocketMQ's mmap is true zero-copy, zero copies per byte, because the mapped file is sent by the NIC directly, while Kafka's sendfile copies every message into the JVM once. RocketMQ chose mmap because it serves consumers from a separate file per topic, and Kafka uses sendfile because its segments are rewritten constantly.",
        myth: 'Both are zero-copy: RocketMQ uses mmap + write and Kafka uses sendfile, and both avoid copying between user space and kernel space. mmap suits small messages and sendfile suits large files, so the data is never copied in either.',
      },
      zh: {
        strong: 'RocketMQ 把所有 topic 都写进同一个 CommitLog，由一个个 1 GiB 的文件组成，全部 mmap 进内存：追加就是内存拷贝，ConsumeQueue 里的条目直接指向消息在 CommitLog 里的偏移，可以就地读；它还能预热、mlock 住映射，让延迟更稳。但是拉消息并不是零拷贝：默认 transferMsgByHeap=true，broker 先把消息拷进堆上的 byte[] 再写出去；就算设成 false，也是把映射的 buffer 写进 socket，每字节一次 CPU 拷贝。Kafka 每个分区一份日志、按网络格式存，把一段字节通过 transferTo 交给 sendfile，没有经过用户态的 CPU 拷贝，但 broker 在发送时看不到这些字节。所以取舍是：能碰数据，还是发送最省。',
        short: 'RocketMQ 映射共享的 1 GiB CommitLog 文件，方便就地追加和查消息，但默认拉取要经过堆拷贝，mmap + write 也还有一次 CPU 拷贝。Kafka 的 sendfile 没有用户态拷贝，但 broker 看不到数据。',
        keywords: 'RocketMQ、mmap、CommitLog、ConsumeQueue、transferMsgByHeap、堆、一次拷贝、Kafka、sendfile、transferTo、缺页',
        wrong: 'RocketMQ 的 mmap 才是真正的零拷贝，每字节 0 次拷贝，因为网卡直接发送映射文件；Kafka 的 sendfile 反而要把每条消息拷进 JVM 一次。RocketMQ 选 mmap 是因为每个 topic 一个单独文件，Kafka 用 sendfile 是因为它的段一直在被改写。',
        myth: '两者都是零拷贝：RocketMQ 用 mmap + write，Kafka 用 sendfile，都避免了用户态和内核态之间的拷贝。mmap 适合小消息，sendfile 适合大文件，数据都不会被拷贝。',
      },
    },
  },
];
