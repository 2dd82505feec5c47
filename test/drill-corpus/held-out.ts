// The held-out part of the grader's corpus. Written before the claims and synonyms were designed,
// by imagining different readers than the tuning corpus; the grader was never tuned on it. The
// tests report its bands and hold it only to the ranking (strong and short above keyword, wrong and
// myth answers), so it keeps measuring how the grader does on answers nobody tuned it for.
import type { CorpusQuestion } from './types.ts';

export const heldOut: CorpusQuestion[] = [
  {
    id: '01-page-cache',
    answers: {
      en: {
        strong: "The page cache is just RAM the kernel uses to hold pieces of files it has read or written recently. The first request for a file has to go to disk, where the controller DMAs the blocks into memory, but after that every other request for the same file is answered straight from memory, so the disk isn't touched again as long as the pages aren't evicted. What it doesn't do is save you the copying: a read() still has the CPU copy the data out of the cache into your buffer. Kafka leans on exactly this; consumers that keep up with the producers read from cache and the brokers show basically no disk reads.",
        short: "It's the kernel keeping recently used file pages in memory, so only the first read goes to the disk and repeat requests are served from RAM. read() still copies out of it into the process, which is the copy zero-copy removes.",
        keywords: 'page cache, memory, RAM, cache hit, miss, DMA, read() copy, Kafka consumers, no disk I/O',
        wrong: "The page cache is a buffer inside your process that the runtime allocates, and every time the file is served the kernel reads it from disk again into that cache, so serving the same file many times costs a disk read each time. Because the data is already in the page cache, read() no longer needs to copy anything, so the page cache is actually what makes read() zero-copy.",
        myth: "The page cache is what makes zero-copy work: once the file is in the page cache the data is never copied at all, it goes from the cache straight to the network card with no copy. That's why serving the same file again and again is free, zero copies and zero context switches.",
      },
      zh: {
        strong: '页缓存就是内核拿内存缓存文件内容，也就是 page cache。第一次读某个文件，页不在内存里，要从磁盘用 DMA 读上来；后面同一个文件再被请求，直接从内存里拿，不用再碰磁盘了。但它不会帮你省拷贝，read() 照样要把数据从页缓存拷到用户态的 buffer 里。Kafka 的消费者如果没有积压，基本都命中页缓存，broker 几乎没有磁盘读。',
        short: '页缓存是内核在内存里留着的文件页，只有第一次未命中才读盘，之后重复发送都从内存走。不过 read() 还是要从它拷一次到进程里。',
        keywords: '页缓存 内存 命中 未命中 DMA 磁盘 read 拷贝 Kafka 消费者',
        wrong: '页缓存是进程自己在用户态分配的一块缓存，每发一次文件内核都要重新从磁盘读进来，所以同一个文件发得越多，磁盘读越多。数据进了页缓存以后 read() 就不需要拷贝了，所以页缓存本身就是零拷贝。',
        myth: '页缓存就是零拷贝的关键：文件进了页缓存之后数据就完全不用拷贝了，直接从缓存到网卡，没有任何拷贝，所以同一个文件发多少次都不花 CPU。',
      },
    },
  },
  {
    id: '01-four-switches',
    answers: {
      en: {
        strong: "It's a naming mix-up. What happens four times is a mode switch: read() enters the kernel and returns, write() enters and returns, so two transitions per syscall, and it's the same thread the whole time. A real context switch means the scheduler stops one thread and runs another, because it blocked or got preempted, and that's much more expensive and unrelated to the syscall count. You'd measure the two separately, syscalls with strace and context switches with getrusage's voluntary/involuntary counters.",
        short: 'Not really: those four are user/kernel mode switches, two per syscall, on one thread. A context switch is the scheduler swapping threads, and getrusage counts it separately.',
        keywords: 'mode switch, user mode, kernel mode, two per syscall, context switch, scheduler, thread, getrusage',
        wrong: "Yes, it's exactly four context switches: every syscall makes the scheduler run a kernel thread instead of your thread and then switch back, so read and write give four context switches. Mode switches are something different that only happens on interrupts, and getrusage counts the two together.",
        myth: "Yes, that's right: read() and write() cause four context switches, because each call switches from user mode to kernel mode and back again, and with sendfile it drops to two context switches.",
      },
      zh: {
        strong: '这是叫法混了。真正发生四次的是模式切换：read() 进内核再返回，write() 进内核再返回，每个系统调用两次，从头到尾都是同一个线程。真正的上下文切换是调度器把一个线程停下、换另一个线程上来，一般是阻塞或者被抢占，开销大得多，跟系统调用次数也没有固定关系。两者要分开量：strace 看系统调用，getrusage 看自愿/非自愿上下文切换。',
        short: '不准确：那四次是用户态⇄内核态的模式切换，每个系统调用进出各一次，线程没变。上下文切换是调度器换线程，用 getrusage 单独统计。',
        keywords: '模式切换 用户态 内核态 系统调用 上下文切换 调度器 线程 getrusage',
        wrong: '对，就是四次上下文切换：每次系统调用调度器都会换成一个内核线程来跑，然后再换回来，read 和 write 一共四次。模式切换是另一回事，只在中断的时候才发生，getrusage 把两者合在一起统计。',
        myth: '对，read() 和 write() 会带来四次上下文切换，每次调用都要从用户态切换到内核态再切回来；用 sendfile 可以减少到两次上下文切换。',
      },
    },
  },
  {
    id: '02-js-runtimes',
    answers: {
      en: {
        strong: "Only Bun, and only in one setup: you return new Response(Bun.file(path)) from Bun.serve over plain HTTP, and the file has to be a regular file of 1 MiB or more. Below that Bun decides the syscall overhead isn't worth it and just reads and sends. Turn on TLS and it stops using send file entirely. Node doesn't expose sendfile at all; createReadStream piped into the response reads 64 KiB chunks through user space, and even http2's respondWithFile does the same. Deno is in the same boat these days: Deno.serve reads chunks, and the old flash server that had sendfile got removed in 1.33.",
        short: 'Bun, when Bun.serve returns a Bun.file response over plain HTTP and the file is at least 1 MiB; not with TLS. Node has no public sendfile API and Deno dropped its one with the flash server.',
        keywords: 'Bun, Bun.serve, Bun.file, 1 MiB, TLS, Node, Deno, sendfile, flash',
        wrong: "Node is the one with sendfile: fs.createReadStream piped to an http response uses sendfile under the hood through libuv, for any file size. Bun can't do it because Bun.file always reads the whole file into memory, and Deno uses sendfile only when TLS is on, because the kernel encrypts it.",
        myth: "All of them do. Zero copy is an OS feature, so Node's stream.pipe, Deno and Bun all end up calling sendfile when you send a file over HTTP, and the data is never copied.",
      },
      zh: {
        strong: '只有 Bun 能做到，而且有条件：在 Bun.serve 里返回 new Response(Bun.file(path))，走明文 HTTP，文件是普通文件并且不小于 1 MiB，它才会调 sendfile；小于 1MB 的文件它觉得不划算，就直接读出来再发。开了 TLS 就完全不走 sendfile。Node 压根没有公开的 sendfile 接口，createReadStream + pipe 都是 64KB 一块读进用户态再写。Deno 以前的 flash 服务器用过 sendfile，1.33 就删掉了，现在 Deno.serve 也是分块读。',
        short: 'Bun：Bun.serve 返回 Bun.file，明文 HTTP、文件至少 1 MiB 时走 sendfile，开 TLS 就不走。Node 没有 sendfile API，Deno 现在也没有。',
        keywords: 'Bun、Bun.serve、Bun.file、1MiB、TLS、Node、Deno、sendfile、flash',
        wrong: 'Node 可以，stream.pipe 底层通过 libuv 调用 sendfile，任何大小的文件都行。Bun 反而不行，因为 Bun.file 总是把整个文件读进内存。Deno 只有开了 TLS 才用 sendfile，因为加密交给内核做。',
        myth: '三个运行时都可以，零拷贝是操作系统层面的能力，Node 的 pipe、Deno 和 Bun 发文件时最终都会调用 sendfile，数据完全不需要拷贝。',
      },
    },
  },
  {
    id: '02-why-kafka',
    answers: {
      en: {
        strong: "A consumer fetch is served with FileChannel.transferTo, which on Linux ends up as sendfile, so the segment bytes go from the page cache to the socket and never pass through the broker's heap; the two CPU copies through user space are gone. It fits because Kafka stores record batches on disk in exactly the format it sends them over the wire, so the broker doesn't have to parse or rewrite anything on the fetch path, it just names a byte range. Most fetches hit the page cache since consumers read sequentially and close behind the producers. It only works on plaintext connections though: with SSL enabled the encryption happens in the JVM and Kafka stops using sendfile.",
        short: "Fetches go out via transferTo/sendfile straight from the page cache, because batches are stored in the same format consumers receive, so the broker sends them without parsing. With TLS on, Kafka can't do that.",
        keywords: 'transferTo, sendfile, page cache, append-only log, wire format, no parsing, sequential reads, TLS',
        wrong: "Kafka uses zero-copy on the produce side: producers write with sendfile into the log, and that's only possible because the log is sequential. Consumers then read the segments into the JVM heap with mmap, because the broker has to parse every batch to filter messages before sending them. TLS doesn't affect any of this, since encryption happens on the NIC.",
        myth: 'Kafka uses zero-copy via sendfile and mmap + write to cut the copies between kernel and user space. It fits because Kafka does sequential reads and writes, the data is immutable, and consumption is read once and gone, so the data is sent to consumers without being copied at all.',
      },
      zh: {
        strong: '消费者拉数据时 broker 调的是 FileChannel.transferTo，Linux 上最后就是 sendfile，段文件的数据从页缓存直接进 socket，不经过 broker 的 JVM 堆，用户态那两次 CPU 拷贝就没了。之所以合适，是因为 Kafka 落盘的消息批次和发给消费者的格式一模一样，拉取路径上 broker 不用解析、不用改写，只要指定一段文件范围就行。消费者顺序读、紧跟着生产者，大多命中页缓存。不过只有明文连接才行，开了 SSL 加密要在 JVM 里做，Kafka 就不用 sendfile 了。',
        short: '拉取走 transferTo/sendfile，直接从页缓存发，因为批次在磁盘上的格式就是发出去的格式，broker 不用解析。开了 TLS 就走不了。',
        keywords: 'transferTo sendfile 页缓存 只追加日志 相同格式 不解析 顺序读 TLS',
        wrong: 'Kafka 的零拷贝用在生产端：生产者用 sendfile 把数据写进日志，这是因为日志是顺序写的。消费者则通过 mmap 把段文件读进 JVM 堆，因为 broker 得先解析每个批次、过滤消息再发。TLS 对此没有影响，加密是网卡做的。',
        myth: 'Kafka 用 sendfile 和 mmap + write 两种方式实现零拷贝，减少内核态和用户态之间的拷贝。它适合零拷贝是因为顺序读写、数据不可修改，而且消费是读完即走，数据发给消费者时完全不用拷贝。',
      },
    },
  },
  {
    id: '03-sigbus',
    answers: {
      en: {
        strong: "You get a SIGBUS. The mapping still covers the old length, so when your server touches a page that's now past the end of the shortened file there's no page to back it, the kernel sends a bus error signal, and the default action kills the process in the middle of a response. With read() you'd just get a short read. You can guard against it with a SIGBUS handler, with a lease or lock on the file, or by only mapping files that never shrink, like an append-only log. In JavaScript you can't really catch it: Bun just dies with a bus error.",
        short: 'Touching a mapped page beyond the new end of file raises SIGBUS, which kills the process by default. Handle the signal, take a lease or lock, or only map files that never shrink.',
        keywords: 'SIGBUS, bus error, truncate, beyond end of file, crash, signal handler, lease, lock, append-only',
        wrong: "Nothing serious: the mapping is a private copy of the file taken at mmap() time, so when another process truncates the file your server keeps serving the old bytes from its copy. At worst read() would fail with SIGBUS, which is why mmap is the safer choice; a truncated mapping just returns zeros past the end.",
        myth: "mmap is zero-copy, like sendfile: the file is mapped and the data is never copied, so the worst that happens on truncation is that the client gets a shorter file. mmap is always faster than read, so it's the better choice anyway.",
      },
      zh: {
        strong: '会收到 SIGBUS。映射的长度还是原来的，别的进程把文件截短以后，服务器再去访问新文件末尾之后的那些映射页，内核找不到对应的页，就发 SIGBUS（总线错误），默认直接把进程杀掉，响应发到一半就断了。要是用 read()，顶多读到的字节少一点。防的办法：装一个 SIGBUS 信号处理函数，或者给文件加租约/锁，或者只映射不会变短的文件，比如只追加的日志。',
        short: '访问截短后文件末尾之外的映射页会触发 SIGBUS，默认进程直接崩掉。可以用信号处理、文件锁，或者只映射不会截断的文件。',
        keywords: 'SIGBUS 总线错误 截断 文件末尾 进程崩溃 信号处理 租约 加锁 只追加',
        wrong: '不会有什么问题：mmap 的时候内核给进程做了一份文件的私有拷贝，别的进程截短文件，服务器照样发旧数据。反倒是 read() 会因为 SIGBUS 失败，所以 mmap 更安全，截短之后超出部分只会读到 0。',
        myth: 'mmap 跟 sendfile 一样是零拷贝，数据根本不拷贝，所以文件被截短也就是客户端收到的文件短一点而已。而且 mmap 总是比 read 快，用它就对了。',
      },
    },
  },
  {
    id: '04-context-switch-count',
    answers: {
      en: {
        strong: "They aren't caused by the syscalls. A syscall only flips the same thread into kernel mode and back, that's a mode switch, and the thread keeps its CPU. The context switches come from threads handing work to each other: Node does its file reads on libuv's thread pool, so for each 64 KiB chunk the main thread waits, a pool worker gets woken to do the read, then the main thread is woken again for the write. That's a few sleeps and wake-ups per chunk, which is how you get more context switches than syscalls. The kernel counts them as voluntary context switches, which is what getrusage (process.resourceUsage in Node) reports.",
        short: "Not from the syscalls, those are mode switches on the same thread. They come from libuv's thread pool: each file read runs on a worker, so threads block and wake for every chunk, and getrusage counts that as voluntary context switches.",
        keywords: 'libuv, thread pool, worker thread, block, wake up, mode switch, voluntary context switch, getrusage',
        wrong: "Each syscall is a context switch, and each one also needs a switch back, so 2,000 syscalls give roughly 4,000 context switches; 3,900 is just that. The libuv thread pool has nothing to do with it, Node reads the file on the main thread, and the count would drop to zero with sendfile because sendfile makes no syscalls.",
        myth: "That's the classic four context switches per read and write: every read() and write() switches from user mode to kernel mode and back, and each of those switches is a context switch, so around 2,000 syscalls means about 4,000 context switches.",
      },
      zh: {
        strong: '不是系统调用本身造成的。系统调用只是同一个线程从用户态进内核再出来，这叫模式切换，线程没换。上下文切换来自线程之间互相交接：Node 读文件是丢给 libuv 线程池做的，每读一块 64KB，主线程要等着，工作线程被唤醒去读，读完再把主线程叫醒去写，这样每块都有好几次睡眠和唤醒，所以上下文切换比系统调用还多。这些在 getrusage 里算自愿上下文切换。',
        short: '来自 libuv 线程池：每次文件读都在工作线程上做，线程每块数据都要阻塞、唤醒；系统调用本身只是模式切换。getrusage 统计的是这些自愿切换。',
        keywords: 'libuv 线程池 工作线程 阻塞 唤醒 模式切换 自愿上下文切换 getrusage',
        wrong: '每个系统调用就是一次上下文切换，进去一次出来一次，2000 次系统调用差不多就是 4000 次上下文切换，3900 正好对得上。跟 libuv 线程池没关系，Node 是在主线程上读文件的；换成 sendfile 就没有系统调用了，上下文切换也会变成 0。',
        myth: '这就是经典的 read + write 四次上下文切换：每次 read 和 write 都要从用户态切到内核态再切回来，每次切换都是一次上下文切换，2000 次系统调用就差不多是 4000 次上下文切换。',
      },
    },
  },
  {
    id: '05-fallbacks',
    answers: {
      en: {
        strong: "EXDEV means the source and destination are on different filesystems. Cross-filesystem copies were allowed for a while from 5.3, but since 5.19 the kernel only does them when both sides are the same filesystem type and it supports it, so ext4 to tmpfs fails. ENOSYS means the syscall just isn't there: a kernel older than 4.5, or a libc without the wrapper (glibc dropped its user-space emulation in 2.30). Libraries treat both as 'try the next thing': libuv, which Node's copyFile uses, goes on to sendfile and then a plain read/write loop; Rust's std::fs::copy, which Deno uses, tries copy_file_range, sendfile, splice, then read/write; Bun goes straight back to read and write.",
        short: 'EXDEV: the files are on different filesystems (since 5.19 only same-type ones work); ENOSYS: a kernel older than 4.5 or no libc support. Libraries fall back step by step: libuv and Rust std try sendfile, then read/write, and Bun drops to read/write.',
        keywords: 'EXDEV, cross-filesystem, 5.19, ENOSYS, old kernel, 4.5, glibc, fallback, sendfile, read/write, libuv, Rust std, Bun',
        wrong: "EXDEV is returned when the file is too big for one call, and ENOSYS when the destination is a socket. Libraries don't need a fallback: if copy_file_range fails the copy fails, which is why Node's copyFile throws EXDEV when you copy between ext4 and tmpfs. sendfile can't help because it only writes to sockets.",
        myth: "EXDEV and ENOSYS mean zero-copy isn't available, and since sendfile only works for sending to TCP sockets, the only fallback for a file-to-file copy is a read/write loop through user space. Zero-copy is really a networking thing anyway.",
      },
      zh: {
        strong: 'EXDEV 是源文件和目标文件不在同一个文件系统上。5.3 开始内核允许跨文件系统复制，但从 5.19 起只有两边是同一种文件系统、并且它支持的时候才行，所以 ext4 拷到 tmpfs 会直接 EXDEV。ENOSYS 就是没有这个系统调用：内核比 4.5 老，或者 libc 没封装（glibc 2.30 去掉了用户态模拟）。库的做法都是一级一级往下退：Node copyFile 底下的 libuv 会改用 sendfile，再不行就 read/write 循环；Deno 用的 Rust std::fs::copy 依次试 copy_file_range、sendfile、splice、read/write；Bun 直接退回 read/write。',
        short: 'EXDEV 是跨文件系统（5.19 以后只允许同类型），ENOSYS 是内核早于 4.5 或 libc 不支持。库会逐级回退：libuv 和 Rust std 先退到 sendfile，再到 read/write，Bun 直接 read/write。',
        keywords: 'EXDEV 跨文件系统 5.19 ENOSYS 旧内核 4.5 glibc 回退 sendfile read/write libuv Rust Bun',
        wrong: 'EXDEV 是文件太大、一次调用拷不完的时候返回的，ENOSYS 是目标是 socket 的时候返回的。库一般不做回退，copy_file_range 失败了复制就失败了，所以 Node 的 copyFile 在 ext4 和 tmpfs 之间复制会直接抛 EXDEV。sendfile 也帮不上忙，它只能往 socket 里写。',
        myth: '出现 EXDEV 或 ENOSYS 就说明用不了零拷贝了。sendfile 主要适用于 TCP 传输，不能用于文件到文件，所以只能退回 read/write 走用户态。零拷贝本来就是网络传输的技术。',
      },
    },
  },
  {
    id: '06-tee-vmsplice',
    answers: {
      en: {
        strong: "tee() copies what's sitting in one pipe into a second pipe without draining the first, so you can send the same data two ways, say splice one copy to a socket and the other to a log file. Both file descriptors have to be pipes, and it only duplicates page references, not bytes. vmsplice() works from user space: it puts your process's own pages into a pipe by reference, so you can feed a pipe without copying. The catch is that the pipe now points at your memory, so you mustn't modify that buffer until the reader has consumed it, and nothing tells you when that happened; SPLICE_F_GIFT is the flag where you give the pages away for good. In the pipe-to-user direction vmsplice doesn't map anything, it just copies.",
        short: "tee duplicates one pipe's contents into another pipe without consuming them; vmsplice hands user pages to a pipe by reference, so you can't touch the buffer until the reader is done. Reading from a pipe into user memory with vmsplice is just a copy.",
        keywords: 'tee, two pipes, duplicate, not consumed, vmsplice, user pages, SPLICE_F_GIFT, page references, pipe to user copies',
        wrong: "tee() moves data from a pipe to a socket and consumes it, like splice, and vmsplice() copies user memory into a pipe so the process can reuse its buffer immediately. vmsplice never copies in the pipe-to-user direction; that direction is the zero-copy one, because the kernel maps the pipe pages into the process.",
        myth: 'tee and vmsplice are zero-copy system calls like splice, so the data is never copied at all, in either direction. vmsplice maps memory into the pipe and back out of it without any copy.',
      },
      zh: {
        strong: 'tee() 把一个管道里的数据复制到另一个管道，原来的数据不会被消费掉，这样同一份数据可以分两路，比如一路 splice 到 socket，一路写日志。两端都必须是管道，复制的其实是页引用而不是字节。vmsplice() 是把进程自己的用户内存页以引用的方式塞进管道，不用拷贝；但这样管道指向的就是你的内存，读端没消费完之前你不能改这块 buffer，而且没有任何通知告诉你什么时候消费完了。加 SPLICE_F_GIFT 就是把这些页彻底送给内核。反过来，从管道读到用户内存，vmsplice 其实就是普通拷贝。',
        short: 'tee 把一个管道的内容复制到另一个管道，不消耗原数据；vmsplice 把用户页按引用放进管道，读端消费之前不能改这块内存。从管道往用户内存 vmsplice，就是拷贝。',
        keywords: 'tee 两个管道 复制 不消耗 vmsplice 用户页 SPLICE_F_GIFT 页引用 管道到用户 拷贝',
        wrong: 'tee() 是把管道里的数据发到 socket，会把数据消费掉，跟 splice 一样。vmsplice() 是把用户内存拷进管道，所以进程马上就能复用自己的 buffer。vmsplice 在管道到用户这个方向从来不拷贝，那个方向才是零拷贝，内核直接把管道页映射到进程里。',
        myth: 'tee 和 vmsplice 跟 splice 一样都是零拷贝系统调用，数据完全不拷贝，两个方向都一样，vmsplice 进出管道都是直接映射内存，没有任何拷贝。',
      },
    },
  },
  {
    id: '07-copies-saved',
    answers: {
      en: {
        strong: "On the plain read-and-write path the broker would copy each chunk twice with the CPU: out of the page cache into a byte buffer on the JVM side, and then from that buffer back down into the socket's send buffer. transferTo, which is send file on Linux, drops both of those, and it's also one system call per chunk instead of a read plus a write, so fewer mode switches. What's left are the DMA transfers: disk to page cache, which only happens the first time since every later consumer reuses the cached pages, and out to the NIC. And if the card can't do scatter-gather, the kernel still copies page cache to socket buffer once.",
        short: 'It saves the two CPU copies through the JVM, page cache to the heap buffer and back into the socket buffer, plus a syscall per chunk. The DMA copies remain: disk to page cache once, and out to the NIC.',
        keywords: 'page cache, JVM, heap buffer, socket buffer, two CPU copies, DMA, NIC, one syscall, reused',
        wrong: "transferTo saves the DMA copies: the disk no longer has to DMA into the page cache and the NIC no longer DMAs out, because the kernel hands the data straight over. The two CPU copies through the JVM remain, since Java always needs the bytes on the heap, so in total it goes from four copies to two.",
        myth: 'With transferTo Kafka gets true zero-copy: the data is not copied at all, not even once, it goes from the disk straight to the network card. It also cuts the four context switches down to two.',
      },
      zh: {
        strong: '普通的 read + write 路径上，broker 每块数据要让 CPU 拷两次：先从页缓存拷到 JVM 里的 byte buffer，再从这个 buffer 拷回内核的 socket 发送缓冲区。transferTo 在 Linux 上就是 sendfile，这两次拷贝都省了；而且每块只要一个系统调用，不用 read 再 write，模式切换也少了。剩下的是 DMA：磁盘到页缓存（只在第一次，后面的消费者都复用缓存），还有到网卡那一下。网卡要是不支持 scatter-gather，内核里还得从页缓存往 socket 缓冲区拷一次。',
        short: '省掉的是经过 JVM 的两次 CPU 拷贝：页缓存到堆里的 buffer，再从 buffer 回到 socket 缓冲区，外加每块少一次系统调用。剩下的是 DMA：磁盘进页缓存一次，最后到网卡一次。',
        keywords: '页缓存 JVM 堆 socket 缓冲区 两次 CPU 拷贝 DMA 网卡 系统调用 复用',
        wrong: 'transferTo 省掉的是 DMA 拷贝：磁盘不用再 DMA 到页缓存，网卡也不用 DMA，内核直接把数据交过去。经过 JVM 的两次 CPU 拷贝还在，因为 Java 总得把数据放到堆上，所以总共从四次拷贝变成两次。',
        myth: '用了 transferTo，Kafka 就是真正的零拷贝：数据一次都不拷贝，从磁盘直接到网卡；而且四次上下文切换减少到两次。',
      },
    },
  },
  {
    id: '08-databases',
    answers: {
      en: {
        strong: "Because a query result isn't a piece of a file. The rows get filtered, joined, aggregated and then encoded in the wire protocol, so there's no byte range on disk you could hand to the kernel unchanged. On top of that a lot of engines keep pages in their own buffer pool and read with O_DIRECT, which skips the page cache entirely, and the page cache is where sendfile reads from. They do use zero-copy when a whole file moves: MySQL's clone plugin copies local files with sendfile, and pg_upgrade in PostgreSQL has a copy_file_range mode.",
        short: 'Query results are computed rows, not bytes sitting in a file, and many databases bypass the page cache with O_DIRECT into their own buffer pool. Where they move whole files they do use it: MySQL clone uses sendfile, pg_upgrade uses copy_file_range.',
        keywords: 'computed results, rows, buffer pool, O_DIRECT, page cache, MySQL clone, sendfile, pg_upgrade, copy_file_range',
        wrong: "Databases can't use sendfile because their files are modified randomly with B+ tree updates, and sendfile only works on append-only files. For the same reason they never use any zero-copy at all, and O_DIRECT makes it worse because it copies every page twice through the page cache.",
        myth: "Databases like MySQL and PostgreSQL need transactions, random reads and index lookups, so they can't use sendfile directly, and random access is better served by traditional read/write. That's why databases never use zero-copy; it only fits sequential logs like Kafka.",
      },
      zh: {
        strong: '因为查询结果不是文件里现成的一段字节。行要过滤、join、聚合，再按协议编码，磁盘上没有一段能原样交给内核的数据。再加上很多数据库有自己的 buffer pool，用 O_DIRECT 读盘，直接绕开了页缓存，而 sendfile 恰恰是从页缓存发的。整文件搬运的时候它们是用零拷贝的：MySQL 的 clone 插件复制本地文件用 sendfile，PostgreSQL 的 pg_upgrade 可以走 copy_file_range。',
        short: '查询结果是算出来的行，不是文件里的字节；很多数据库还用 O_DIRECT 绕过页缓存读进自己的缓冲池。搬整个文件时会用：MySQL clone 用 sendfile，pg_upgrade 用 copy_file_range。',
        keywords: '计算结果 行 缓冲池 O_DIRECT 页缓存 MySQL clone sendfile pg_upgrade copy_file_range',
        wrong: '数据库不能用 sendfile，是因为数据文件会被 B+ 树随机修改，而 sendfile 只能发只追加的文件。同样的原因，数据库完全不用任何零拷贝；O_DIRECT 更糟，它要经过页缓存把每一页拷两次。',
        myth: 'MySQL、PostgreSQL 这类数据库需要事务、随机读写、索引查找，无法直接用 sendfile，随机访问用传统读写方式更高效，所以数据库从来不用零拷贝，零拷贝只适合 Kafka 这种顺序写的日志。',
      },
    },
  },
  {
    id: '09-ktls',
    answers: {
      en: {
        strong: 'The handshake still happens in user space; OpenSSL negotiates the session as usual. Afterwards the app switches the socket to TLS mode with setsockopt(TCP_ULP, "tls") and pushes the negotiated keys down with SOL_TLS / TLS_TX (and TLS_RX for receiving). From that point the kernel does the record layer: it frames and encrypts the data itself, which is what lets sendfile keep working on an encrypted connection, in records of at most 16 KB. Encryption is done by the CPU in software unless the NIC supports TLS offload. To check, look at /proc/net/tls_stat: the TlsTxSw counter means software kTLS, TlsTxDevice means the NIC is doing it.',
        short: 'After a user-space handshake, setsockopt TCP_ULP "tls" and TLS_TX hand the keys to the kernel, which then builds and encrypts the records, so sendfile works, in software or offloaded to the NIC. /proc/net/tls_stat (TlsTxSw vs TlsTxDevice) shows which.',
        keywords: 'handshake, user space, TCP_ULP, TLS_TX, TLS_RX, kernel records, sendfile, NIC offload, /proc/net/tls_stat, TlsTxSw, TlsTxDevice',
        wrong: "With kTLS the kernel does the whole TLS handshake, so OpenSSL isn't involved at all, and the NIC always does the encryption, which is why kTLS is always zero-copy. You can tell it's on because sendfile stops working and the application has to write the data itself; /proc/net/tls_stat only shows handshake failures.",
        myth: "TLS makes zero-copy impossible because the data must be encrypted in user space. kTLS just moves OpenSSL into the kernel and it's basically the same thing, so with TLS on you still can't use sendfile.",
      },
      zh: {
        strong: '握手还是在用户态由 OpenSSL 之类的库做完。之后应用用 setsockopt(TCP_ULP, "tls") 把 socket 切成 TLS 模式，再通过 SOL_TLS 的 TLS_TX（收方向是 TLS_RX）把协商好的密钥交给内核。从这以后 TLS 记录由内核来封装和加密，所以加密连接上也能继续用 sendfile，每条记录最多 16KB。加密默认是 CPU 软件做，网卡支持的话可以卸载给网卡。怎么确认：看 /proc/net/tls_stat，TlsTxSw 在涨就是软件 kTLS，TlsTxDevice 在涨就是网卡在做。',
        short: '用户态握手之后，用 setsockopt TCP_ULP "tls" 和 TLS_TX 把密钥交给内核，由内核封装加密 TLS 记录，sendfile 就能用了；软件加密或者卸载到网卡。看 /proc/net/tls_stat 的 TlsTxSw 和 TlsTxDevice 就知道。',
        keywords: '握手 用户态 TCP_ULP TLS_TX TLS_RX 内核 记录 sendfile 网卡卸载 /proc/net/tls_stat TlsTxSw TlsTxDevice',
        wrong: 'kTLS 是内核把整个 TLS 握手都做了，OpenSSL 完全不参与；加密一定是网卡做的，所以 kTLS 总是零拷贝。判断方法是 sendfile 不能用了、应用必须自己写数据；/proc/net/tls_stat 只记录握手失败。',
        myth: '用了 TLS 就不可能零拷贝，因为数据必须在用户态加密。kTLS 只是把 OpenSSL 搬进内核，本质还是一样，开了 TLS 以后 sendfile 照样用不了。',
      },
    },
  },
  {
    id: '10-databases-redis',
    answers: {
      en: {
        strong: "Yes, where they move whole files rather than answer queries. MySQL's clone plugin copies local data files with sendfile, falling back to read/write (a remote clone goes through buffers). PostgreSQL's pg_upgrade can copy the data files with copy_file_range, or clone them. Redis is the interesting one: someone added sendfile for sending the RDB file to replicas during disk-based sync, it was merged in 2020, and then it got reverted because sendfile blocked and hurt latency; today it reads into a buffer and writes, and by default replication is diskless anyway. So the usual 'databases never use zero-copy' line is just wrong.",
        short: "For file moves, yes: MySQL clone uses sendfile for local files, pg_upgrade uses copy_file_range. Redis merged sendfile for replication and reverted it over blocking and latency, so 'databases don't use zero-copy' is a myth.",
        keywords: 'MySQL clone plugin, sendfile, pg_upgrade, copy_file_range, Redis replication, reverted, latency, myth',
        wrong: "No. MySQL and PostgreSQL never use sendfile or copy_file_range because their pages are always modified, and Redis can't use it because all its data lives in memory. Redis did adopt sendfile for replication in 2020 and it's still the default, because it cut replication latency.",
        myth: 'No, databases never use zero-copy: they need transactions, random reads and writes and index lookups, and the data has to be processed in user space, so MySQL, PostgreSQL and Redis all rely on normal read/write. Zero-copy only suits sequential logs like Kafka.',
      },
      zh: {
        strong: '用，不过是在搬整个文件的时候，而不是回答查询。MySQL 的 clone 插件复制本地数据文件用的是 sendfile，失败再退回 read/write（远程 clone 走的是缓冲区）。PostgreSQL 的 pg_upgrade 可以用 copy_file_range 复制数据文件，也可以 clone。Redis 比较有意思：有人给基于磁盘的主从复制加了 sendfile 发 RDB 文件，2020 年合进去了，后来因为 sendfile 会阻塞、影响延迟又回滚了；现在是读到缓冲区再写，而且默认是无盘复制。所以“数据库从不用零拷贝”这个说法是错的。',
        short: '搬文件的时候用：MySQL clone 本地文件用 sendfile，pg_upgrade 用 copy_file_range。Redis 复制曾经合入 sendfile，后来因为阻塞和延迟回滚了。所以说数据库不用零拷贝是误解。',
        keywords: 'MySQL clone 插件 sendfile pg_upgrade copy_file_range Redis 复制 回滚 延迟 误解',
        wrong: '不用。MySQL 和 PostgreSQL 的页总在被修改，所以从来不用 sendfile 或 copy_file_range；Redis 数据都在内存里，也用不了。Redis 2020 年在复制里用上了 sendfile，现在还是默认开启，因为它降低了复制延迟。',
        myth: '数据库不用零拷贝：它们需要事务、随机读写和索引查找，数据要在用户态处理，所以 MySQL、PostgreSQL、Redis 都是普通的 read/write，零拷贝只适合 Kafka 这种顺序日志。',
      },
    },
  },
];
