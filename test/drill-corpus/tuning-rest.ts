// The rest of the tuning corpus: the 18 bank questions that tuning.ts does not cover, so every
// question in the bank has answers of all five kinds in both languages. Written after the first
// round of claims, by other imagined readers, to grow the synonyms beyond the first fifteen.
import type { CorpusQuestion } from './types.ts';

export const tuningRest: CorpusQuestion[] = [
  { id: '01-page-cache', answers: {
    en: {
      strong: "It's the part of RAM where Linux keeps file contents after reading them, so a second read of the same block is a memory access instead of an I/O. Serve a file a thousand times and the disk is read once, the first time, when the pages get pulled in by DMA; after that it's all cache hits. It doesn't make read() free though: every read still copies the bytes from those cached pages into the application's buffer. That's also the trick behind Kafka consumers that keep up barely touching the disks.",
      short: "The kernel caches file pages in RAM, so after the first miss every request for the file comes from memory, not the disk. read() still has to copy out of it.",
      keywords: 'page cache, RAM, hit, miss, DMA, disk read, copy, Kafka',
      wrong: "The page cache holds the file inside the JVM heap, and it is flushed after every request, so each new request reads the disk again; the benefit is that read() then needs no copy at all.",
      myth: "Once a file is in the page cache zero copy kicks in: the data is never copied, it goes straight from the cache to the NIC.",
    },
    zh: {
      strong: '页缓存就是 Linux 用来存文件内容的那部分内存，读过的文件块会留在里面，下次再读同一块就是读内存，不用再做 IO。一个文件发一千次，磁盘只在第一次被读，页是用 DMA 读进来的；之后全是缓存命中。不过 read() 并不会因此变成免费的：每次读还是要把数据从缓存页拷到应用的 buffer。Kafka 的消费者跟得上生产者时几乎不读盘，就是靠这个。',
      short: '内核把文件页缓存在内存里，第一次未命中之后，同一个文件的请求都从内存出，不读盘。但 read() 还是得从里面拷一次。',
      keywords: '页缓存、内存、命中、未命中、DMA、读盘、拷贝、Kafka',
      wrong: '页缓存是放在 JVM 堆里的文件缓存，每次请求结束就清空，所以下一个请求还要重新读磁盘；好处是 read() 不需要任何拷贝。',
      myth: '文件进了页缓存，零拷贝就生效了：数据根本不拷贝，直接从缓存到网卡。',
    } } },
  { id: '02-js-runtimes', answers: {
    en: {
      strong: "In practice only Bun. If Bun.serve returns new Response(Bun.file(path)) on a plain HTTP server, Bun calls sendfile for regular files, but only once the file is 1 MiB or bigger; under that it just reads and writes because the syscall overhead isn't worth it. With HTTPS it never takes the sendfile path. Node has nothing public for this, its http and http2 file responses read 64 KiB chunks into JavaScript, and Deno doesn't either; its old flash server did sendfile but was dropped in 1.33.",
      short: "Bun only: Bun.serve with a Bun.file body over plain HTTP, for files of at least 1 MiB, and never with TLS. Node and Deno expose no sendfile at all.",
      keywords: 'Bun.serve, Bun.file, 1 MiB, plain HTTP, TLS, Node, Deno, sendfile',
      wrong: "Deno does, because Deno.serve uses sendfile for every file, and Node can too through http2 respondWithFile, which calls sendfile in libuv. Bun is the odd one out: it only sends files with sendfile over HTTPS.",
      myth: "All three runtimes use zero-copy when you stream a file, since sendfile is what the operating system does underneath every file transfer.",
    },
    zh: {
      strong: '实际上只有 Bun。Bun.serve 里返回 new Response(Bun.file(path))，并且是明文 HTTP，Bun 会对普通文件调 sendfile，不过要文件大于等于 1 MiB，小文件它嫌系统调用不划算，直接读了再写。HTTPS 下从来不走 sendfile。Node 没有公开的接口，http 和 http2 发文件都是 64 KiB 一块读进 JS；Deno 也没有，当年的 flash 服务器有 sendfile，1.33 删了。',
      short: '只有 Bun：明文 HTTP 下 Bun.serve 返回 Bun.file，文件至少 1 MiB，而且不能开 TLS。Node 和 Deno 都没有暴露 sendfile。',
      keywords: 'Bun.serve、Bun.file、1 MiB、明文 HTTP、TLS、Node、Deno、sendfile',
      wrong: 'Deno 可以，Deno.serve 发每个文件都用 sendfile；Node 通过 http2 的 respondWithFile 也能用，它在 libuv 里调 sendfile。Bun 反而特殊，只在 HTTPS 下用 sendfile 发文件。',
      myth: '三个运行时发文件都是零拷贝，因为每次文件传输底层操作系统都是用 sendfile。',
    } } },
  { id: '03-sigbus', answers: {
    en: {
      strong: "The process can get killed. Your mapping was set up for the old size, so after the other process shrinks the file, any access to a mapped page that now lies past end-of-file can't be satisfied and the kernel delivers SIGBUS. Unless you handle that signal the server just dies mid-response, whereas with read() you would simply have read fewer bytes. To be safe you install a handler, hold a lease or lock on the file, or only mmap files that never get truncated, like append-only logs.",
      short: "Reading a mapped page past the new end of the file raises SIGBUS, which by default kills the server. Guard with a signal handler, a lease, or only map files that never shrink.",
      keywords: 'SIGBUS, truncation, end of file, crash, handler, lease, append-only',
      wrong: "Truncation is harmless with mmap because the kernel keeps the old pages alive until you unmap, so the server keeps sending the original content; it's read() that crashes with SIGBUS when the file shrinks.",
      myth: "Nothing much: mmap is zero-copy, the file is simply mapped, so a truncated file just means the client receives less data. mmap is always faster than read anyway.",
    },
    zh: {
      strong: '进程可能直接被杀掉。映射是按原来的大小建的，别的进程把文件截短后，再去访问落在新文件末尾之后的映射页，内核没法提供这一页，就给进程发 SIGBUS。不处理这个信号，服务器响应发到一半就挂了；如果用的是 read()，只是读到的字节少一些。要防的话就装信号处理函数、对文件加租约或锁，或者只 mmap 不会被截断的文件，比如只追加的日志。',
      short: '读到新文件末尾之后的映射页会触发 SIGBUS，默认把服务器杀掉。可以装信号处理、加租约，或者只映射不会变短的文件。',
      keywords: 'SIGBUS、截断、文件末尾、崩溃、信号处理、租约、只追加',
      wrong: 'mmap 下截断没关系，内核会一直保留旧页直到 munmap，服务器照样发原来的内容；反倒是 read() 在文件变短时会因为 SIGBUS 崩溃。',
      myth: '没什么问题：mmap 是零拷贝，文件只是被映射了，截短了也就是客户端收到的数据少一点。反正 mmap 总是比 read 快。',
    } } },
  { id: '03-js-mmap', answers: {
    en: {
      strong: "Only from Bun. Bun.mmap(path) gives you a Uint8Array that sits directly on a shared mapping of the file, no copy involved, and handing that array to a socket's write is exactly mmap + write, so one CPU copy per byte. Node has no mmap in core at all, only native addons, and Deno's runtime doesn't offer one either.",
      short: "Bun can, with Bun.mmap returning a Uint8Array over the mapping; Node core has no mmap, and Deno doesn't have one.",
      keywords: 'Bun.mmap, Uint8Array, Node, Deno, mmap, write',
      wrong: "Node can, because fs.readFile maps the file with mmap and returns a Buffer over the mapping; Bun.mmap copies the file into a new array, so it's the slow one, and Deno.mmap is the fastest.",
      myth: "Yes, all of them, and it's zero-copy: mapping the file means the data is not copied between user space and kernel space.",
    },
    zh: {
      strong: '只有 Bun 能做到。Bun.mmap(path) 返回一个直接建在文件共享映射上的 Uint8Array，不拷贝；把这个数组交给 socket 的 write，就是 mmap + write，每字节一次 CPU 拷贝。Node 核心根本没有 mmap，只能靠原生扩展；Deno 的运行时也没提供。',
      short: 'Bun 可以，Bun.mmap 返回指向映射区的 Uint8Array；Node 核心没有 mmap，Deno 也没有。',
      keywords: 'Bun.mmap、Uint8Array、Node、Deno、内存映射、write',
      wrong: 'Node 可以，fs.readFile 会用 mmap 映射文件再返回一个指向映射区的 Buffer；Bun.mmap 反而会把文件拷进新数组，最慢；Deno.mmap 最快。',
      myth: '都可以，而且是零拷贝：文件映射之后数据就不用在用户态和内核态之间拷贝了。',
    } } },
  { id: '04-context-switch-count', answers: {
    en: {
      strong: "Syscalls alone don't switch threads; entering the kernel is a mode switch and the same thread comes back out. The context switches are Node's threads waiting on each other: every fs read is queued to a libuv worker thread, the event loop thread sleeps until the worker finishes, the worker sleeps until there's more work, and each of those sleeps and wake-ups is a voluntary context switch. A few per chunk times a thousand chunks is where 3,900 comes from. getrusage reports them.",
      short: "They come from hand-offs between the main thread and libuv's thread pool, which does the file reads: threads sleep and wake for every chunk. Syscalls themselves are just mode switches.",
      keywords: 'libuv, worker thread, thread pool, sleep, wake, voluntary, getrusage',
      wrong: "They come from the syscalls: each read and each write is two context switches, in and out, and the extra ones come from page faults, which also count as context switches. The thread pool isn't involved because Node reads files on the event loop thread.",
      myth: "Each syscall costs two context switches, user space to kernel space and back, so 2,000 syscalls make roughly 4,000 context switches; that's the well-known four context switches per read and write.",
    },
    zh: {
      strong: '光是系统调用不会换线程，进内核只是模式切换，出来的还是同一个线程。上下文切换来自 Node 的线程互相等待：每次 fs 读都排给 libuv 的工作线程，事件循环线程睡着等它读完，工作线程读完又睡着等下一个任务，每一次睡眠和唤醒都是一次自愿上下文切换。每块几次，一千多块，就是 3900 次的来历。getrusage 能看到这些。',
      short: '来自主线程和 libuv 线程池之间的交接，文件读是线程池做的，每块数据线程都要睡眠、唤醒。系统调用本身只是模式切换。',
      keywords: 'libuv、工作线程、线程池、睡眠、唤醒、自愿、getrusage',
      wrong: '来自系统调用：每个 read 和 write 进出各一次上下文切换，多出来的是缺页，缺页也算上下文切换。线程池没参与，Node 是在事件循环线程上读文件的。',
      myth: '每个系统调用要两次上下文切换，从用户态到内核态再回来，2000 次系统调用就差不多 4000 次上下文切换，这就是常说的 read 和 write 四次上下文切换。',
    } } },
  { id: '04-stream-chunks', answers: {
    en: {
      strong: "No, copies per byte stayed at 2.00 for them too: each byte was read into a buffer and written out again, exactly like the loop. What the streams change is chunk size. Bun's file stream reads around 512 KiB per pread64 and Deno's pipeTo grows to several MiB, while the loop used 64 KiB, so they need far fewer calls. Fewer calls means fewer user/kernel transitions and less CPU, but not one byte less copied.",
      short: "No, they still copied every byte twice; they just used much larger reads, so fewer syscalls and mode switches and less CPU.",
      keywords: 'stream, chunk size, 512 KiB, two copies, fewer syscalls, CPU',
      wrong: "Yes, fewer syscalls means fewer copies: Bun's stream copied each byte about once, since its bigger reads go by DMA straight into the socket buffer.",
      myth: "Yes, streams are zero-copy in Bun and Deno; that's why they made fewer syscalls and fewer context switches.",
    },
    zh: {
      strong: '没有，它们的每字节拷贝次数也是 2.00：每个字节读进缓冲区一次、再写出去一次，跟循环一模一样。流改变的只是每次读多大。Bun 的文件流每次 pread64 读 512 KiB 左右，Deno 的 pipeTo 会涨到好几 MiB，而循环用的是 64 KiB，所以调用次数少得多。调用少了，用户态和内核态之间的切换少了，CPU 也省了，但拷贝的字节一个都没少。',
      short: '没有，每个字节照样拷两次；只是每次读得大得多，所以系统调用、模式切换和 CPU 都少了。',
      keywords: '流、块大小、512 KiB、两次拷贝、更少系统调用、CPU',
      wrong: '更少，系统调用少了拷贝就少了：Bun 的流每字节大约只拷一次，因为大块读走 DMA 直接进 socket 缓冲区。',
      myth: '对，Bun 和 Deno 的流是零拷贝，所以系统调用和上下文切换都少了。',
    } } },
  { id: '05-fallbacks', answers: {
    en: {
      strong: "You get EXDEV when source and target live on different filesystems. Linux 5.3 let copy_file_range cross filesystems, but that caused silent failures, and since 5.19 it only works across two filesystems of the same type that implement it, so ext4 to tmpfs gives EXDEV. ENOSYS is an old kernel, before 4.5, or a libc that doesn't wrap the call. Every library I know treats it as 'not here, try the next thing': libuv moves on to sendfile and then a read/write loop, Rust's std::fs::copy (Deno) tries sendfile and splice before plain read/write, and Bun goes directly to read/write, which puts it back at two copies per byte.",
      short: "EXDEV means the two files are on different filesystems, which since 5.19 only works for the same type; ENOSYS means a pre-4.5 kernel or no libc wrapper. Libraries fall back: libuv and Rust to sendfile, then read/write; Bun straight to read/write.",
      keywords: 'EXDEV, different filesystems, 5.19, ENOSYS, 4.5, glibc, fallback, sendfile, read/write',
      wrong: "EXDEV means the destination already exists and ENOSYS that the source is a pipe. Libraries just retry copy_file_range in a loop until it works, so there's no real fallback path, and sendfile is never used between files.",
      myth: "Both errors mean zero-copy is unavailable, so the copy goes through user space; sendfile couldn't help anyway since it mainly applies to TCP.",
    },
    zh: {
      strong: '源文件和目标文件在不同的文件系统上就会 EXDEV。Linux 5.3 放开过跨文件系统的 copy_file_range，结果出了静默失败的问题，5.19 起只有两边是同一种、而且实现了它的文件系统才行，所以 ext4 到 tmpfs 就是 EXDEV。ENOSYS 是内核太老（早于 4.5）或者 libc 没封装。各个库都把它当成“这里不行，换下一个”：libuv 接着试 sendfile，再不行就 read/write 循环；Deno 用的 Rust std::fs::copy 先试 sendfile 和 splice，最后才普通读写；Bun 直接回到 read/write，又变成每字节两次拷贝。',
      short: 'EXDEV 是两个文件不在同一个文件系统，5.19 以后只允许同类型；ENOSYS 是 4.5 之前的内核或者 libc 没封装。库会回退：libuv 和 Rust 退到 sendfile，再到 read/write；Bun 直接 read/write。',
      keywords: 'EXDEV、不同文件系统、5.19、ENOSYS、4.5、glibc、回退、sendfile、read/write',
      wrong: 'EXDEV 表示目标文件已经存在，ENOSYS 表示源文件是管道。库只会循环重试 copy_file_range 直到成功，没有真正的回退路径，文件之间也从来不用 sendfile。',
      myth: '这两个错误都说明零拷贝用不了，只能走用户态复制；sendfile 也帮不上，它主要适用于 TCP 传输。',
    } } },
  { id: '05-runtimes', answers: {
    en: {
      strong: "On Linux they all go through copy_file_range. Node's fs.copyFile calls uv_fs_copyfile in libuv, which only tries a FICLONE reflink if you pass the flag for it, then copy_file_range, and falls back to sendfile and finally read/write. Bun.write with a Bun.file source uses copy_file_range from a worker thread. Deno.copyFile is Rust's std::fs::copy, and that also starts with copy_file_range. On macOS Bun and Deno clone the file with clonefile instead.",
      short: "copy_file_range in all three: Node via libuv's uv_fs_copyfile, Deno via Rust's std::fs::copy, Bun directly, with sendfile or read/write as fallbacks.",
      keywords: 'copy_file_range, libuv, uv_fs_copyfile, FICLONE, Rust std::fs::copy, sendfile, clonefile',
      wrong: "Node uses sendfile, Bun uses splice and Deno uses a read/write loop; none of them uses copy_file_range because it only works on btrfs.",
      myth: "They read the file into memory and write it out, because zero-copy is for sockets: sendfile mainly applies to TCP.",
    },
    zh: {
      strong: '在 Linux 上三个都会走 copy_file_range。Node 的 fs.copyFile 调 libuv 的 uv_fs_copyfile，只有传了对应的标志才先试 FICLONE（reflink），然后 copy_file_range，不行再 sendfile，最后 read/write。Bun.write 配 Bun.file 作源，在工作线程里调 copy_file_range。Deno.copyFile 就是 Rust 的 std::fs::copy，第一步也是 copy_file_range。macOS 上 Bun 和 Deno 改用 clonefile 克隆文件。',
      short: '三个都用 copy_file_range：Node 经 libuv 的 uv_fs_copyfile，Deno 经 Rust 的 std::fs::copy，Bun 直接调，回退是 sendfile 或 read/write。',
      keywords: 'copy_file_range、libuv、uv_fs_copyfile、FICLONE、Rust、std::fs::copy、回退 sendfile、clonefile',
      wrong: 'Node 用 sendfile，Bun 用 splice，Deno 用 read/write 循环；都不用 copy_file_range，因为它只在 btrfs 上能用。',
      myth: '都是读进内存再写出去，因为零拷贝是给 socket 用的，sendfile 主要适用于 TCP 传输。',
    } } },
  { id: '06-tee-vmsplice', answers: {
    en: {
      strong: "tee() is a pipe-to-pipe duplicate: it makes the data in one pipe also appear in a second pipe, and the first pipe keeps it, so you can later splice one copy to a socket and the other to disk. Both fds must be pipes. vmsplice() lets a process push its own memory into a pipe by handing over references to its user pages rather than copying; the price is that those pages belong to the pipe until the reader has taken them, so the process must not modify them, and there's no signal telling it when it's safe. SPLICE_F_GIFT gives the pages away for good. In the reverse direction, vmsplice from a pipe into user memory is a plain copy.",
      short: "tee copies one pipe's contents into another pipe without consuming them; vmsplice puts user pages into a pipe by reference, so don't modify them until the reader is done. Out of a pipe into user memory, vmsplice just copies.",
      keywords: 'tee, pipe to pipe, not consumed, vmsplice, user pages, reference, SPLICE_F_GIFT, copy',
      wrong: "tee() writes a pipe's contents to a file and empties the pipe, and vmsplice() always copies the user buffer into the kernel, in both directions, so it is really just write() for pipes.",
      myth: "They are zero-copy like splice, so nothing gets copied in any direction, the kernel just remaps pages.",
    },
    zh: {
      strong: 'tee() 是管道到管道的复制：让一个管道里的数据同时出现在另一个管道里，原管道的数据还在，之后可以一份 splice 到 socket，一份写盘。两个 fd 都必须是管道。vmsplice() 让进程把自己的内存推进管道，交出去的是用户页的引用而不是拷贝；代价是这些页在读端取走之前都归管道用，进程不能改，而且没有任何信号告诉它什么时候可以改了。SPLICE_F_GIFT 是把页彻底送出去。反过来，从管道 vmsplice 到用户内存，就是普通拷贝。',
      short: 'tee 把一个管道的内容复制到另一个管道，不消耗原数据；vmsplice 按引用把用户页放进管道，读端读完之前不能改。从管道到用户内存，vmsplice 只是拷贝。',
      keywords: 'tee、管道到管道、不消耗、vmsplice、用户页、引用、SPLICE_F_GIFT、拷贝',
      wrong: 'tee() 把管道内容写进文件并清空管道，vmsplice() 两个方向都会把用户缓冲区拷进内核，本质就是管道版的 write()。',
      myth: '它们和 splice 一样是零拷贝，哪个方向都不拷贝，内核只是重新映射页。',
    } } },
  { id: '06-sendfile-vs-splice', answers: {
    en: {
      strong: "sendfile is implemented on top of splice inside the kernel: do_sendfile goes through do_splice_direct, which uses an internal pipe. The difference is what you can feed it. sendfile's in_fd has to be something mmap-able, a file in the page cache, so it can't read from a socket. When the source is a socket, say a TCP proxy relaying one connection to another, you splice socket to pipe and pipe to socket yourself. And since Linux 5.12 a sendfile whose output is a pipe is just turned into a splice.",
      short: "sendfile is built on splice's machinery; you need splice when the input is a socket, like a proxy between two connections, because sendfile can't read from one.",
      keywords: 'sendfile, splice, do_splice_direct, in_fd, socket, proxy, pipe, 5.12',
      wrong: "They're unrelated: sendfile copies through a user buffer and splice doesn't. You need splice when the output is a file, because sendfile can only write to sockets.",
      myth: "sendfile is for TCP and splice is for pipes; both avoid copying completely, so the data is never copied.",
    },
    zh: {
      strong: 'sendfile 在内核里是基于 splice 实现的：do_sendfile 走 do_splice_direct，里面用了一个内部管道。区别在于能喂给它什么：sendfile 的 in_fd 必须能 mmap，也就是页缓存里的文件，所以不能从 socket 读。源是 socket 的时候，比如一个 TCP 代理把一个连接的数据转给另一个连接，就得自己 socket 到管道、管道到 socket 地 splice。另外 Linux 5.12 起，输出是管道的 sendfile 直接变成 splice。',
      short: 'sendfile 建立在 splice 的机制上；输入是 socket 时必须用 splice，比如两个连接之间的代理，因为 sendfile 不能从 socket 读。',
      keywords: 'sendfile、splice、do_splice_direct、in_fd、socket、代理、管道、5.12',
      wrong: '两者没关系：sendfile 要经过用户缓冲区拷贝，splice 不用。输出是文件时才需要 splice，因为 sendfile 只能写 socket。',
      myth: 'sendfile 用于 TCP，splice 用于管道，两者都完全避免了拷贝，数据根本不拷贝。',
    } } },
  { id: '07-log-design', answers: {
    en: {
      strong: "The key is that the broker stores exactly what it will send. Producers batch records, the broker appends each batch to the active segment of the partition's log in the same binary format the consumer protocol uses, and it never has to transform a batch on the way out. So answering a fetch means looking up the starting position in the segment's offset index and sending that byte range as is. Batches make the ranges big, and because consumers read the log front to back the data is usually still in the page cache.",
      short: "Batches are stored in the same format consumers receive, so a fetch is just a byte range of a segment, found via the offset index, sent without parsing.",
      keywords: 'segment, append, wire format, offset index, batch, page cache, sequential',
      wrong: "The log is sorted by key, so the broker can binary search it, and it decompresses every batch into the page cache before sendfile, which is why it needs the index.",
      myth: "It's sequential reads and writes and immutable data: Kafka never modifies a message, so it can use sendfile and mmap + write, and each message is read once and gone.",
    },
    zh: {
      strong: '关键是 broker 存的就是它要发的。生产者按批次发，broker 把每个批次按消费协议用的同一种二进制格式追加到分区日志当前的段文件里，发出去的时候从来不用转换批次。所以回应一次拉取，就是在段的偏移量索引里查到起始位置，把那一段字节原样发出去。批次让每段数据足够大，消费者从头到尾顺序读，数据通常还在页缓存里。',
      short: '批次按消费者收到的格式存储，一次拉取就是段文件里的一段字节，靠偏移量索引找到位置，不解析直接发。',
      keywords: '段文件、追加、网络格式、偏移量索引、批次、页缓存、顺序读',
      wrong: '日志按 key 排序，broker 可以二分查找；发送前它会把每个批次解压到页缓存里再 sendfile，所以才需要索引。',
      myth: '因为顺序读写、数据不可变：Kafka 从不修改消息，所以能用 sendfile 和 mmap + write，而且每条消息读完即走。',
    } } },
  { id: '07-copies-saved', answers: {
    en: {
      strong: "Without it the broker would read the segment into a Java buffer, one CPU copy out of the page cache, then write that buffer to the socket, a second CPU copy into the kernel's socket buffer. transferTo, which ends up as sendfile, skips both, and a chunk costs one syscall instead of two. What you can't get rid of is DMA: the disk fills the page cache once, and every later consumer reads those same cached pages, and the NIC pulls the data out at the end. On a card without scatter-gather there is also still one copy inside the kernel into the socket buffer.",
      short: "Both CPU copies through the JVM go, page cache to heap and heap back to the socket buffer, and one syscall per chunk; the DMA from disk (once) and to the NIC stay.",
      keywords: 'JVM buffer, page cache, socket buffer, two copies, DMA, NIC, syscall',
      wrong: "It saves the copy from disk to page cache, because transferTo reads the disk directly, but the JVM still copies the batch once into the heap to build the response, so one CPU copy remains.",
      myth: "It removes all four copies and the four context switches become two: the data is never copied, it goes from disk to network directly.",
    },
    zh: {
      strong: '不用它的话，broker 要把段文件读进 Java 的 buffer，这是从页缓存出来的一次 CPU 拷贝，再把 buffer 写到 socket，又是拷进内核 socket 缓冲区的一次 CPU 拷贝。transferTo 最后就是 sendfile，这两次都省了，每块数据也只要一个系统调用而不是两个。省不掉的是 DMA：磁盘把数据填进页缓存一次，之后的消费者都读同一批缓存页，最后网卡再把数据 DMA 出去。网卡不支持分散-聚集的话，内核里还要往 socket 缓冲区拷一次。',
      short: '经过 JVM 的两次 CPU 拷贝都没了（页缓存到堆、堆回 socket 缓冲区），每块还少一次系统调用；磁盘那次 DMA（只一次）和到网卡的 DMA 还在。',
      keywords: 'JVM buffer、页缓存、socket 缓冲区、两次拷贝、DMA、网卡、系统调用',
      wrong: '省掉的是磁盘到页缓存那一次，因为 transferTo 直接读磁盘；但 JVM 还要把批次拷进堆里拼响应，所以还剩一次 CPU 拷贝。',
      myth: '四次拷贝全没了，四次上下文切换也变成两次：数据根本不拷贝，从磁盘直接到网络。',
    } } },
  { id: '08-databases', answers: {
    en: {
      strong: "sendfile can only send bytes that already exist in a file, and a query answer doesn't: it's produced by filtering and joining rows and then serializing them into the client protocol. Also, engines like InnoDB manage their own buffer pool and open data files with O_DIRECT, so their pages don't even sit in the page cache that sendfile reads from. Where they copy whole files they do use it: MySQL's clone plugin does local file copies with sendfile, and pg_upgrade can use copy_file_range.",
      short: "A result set is computed, not a slice of a file, and with O_DIRECT and their own buffer pool the pages aren't in the page cache anyway. For whole-file copies they do: MySQL clone with sendfile, pg_upgrade with copy_file_range.",
      keywords: 'query result, computed, buffer pool, O_DIRECT, page cache, MySQL clone, pg_upgrade',
      wrong: "Because sendfile can't handle random offsets, it only streams a file from the start, and databases read pages at random offsets; that's also why they never use any kind of zero-copy.",
      myth: "Databases need random reads and writes, transactions and index lookups, so sendfile can't be used directly and traditional read/write is more efficient for random access; databases basically don't use zero-copy.",
    },
    zh: {
      strong: 'sendfile 只能发文件里已经存在的字节，而查询结果并不存在于任何文件里：它是过滤、连接行之后再按客户端协议序列化出来的。再说 InnoDB 这类引擎自己管理缓冲池，用 O_DIRECT 打开数据文件，页根本不在 sendfile 读的页缓存里。复制整个文件的时候它们是用的：MySQL 的 clone 插件本地复制文件用 sendfile，pg_upgrade 可以用 copy_file_range。',
      short: '结果集是算出来的，不是文件的一段；而且用了 O_DIRECT 和自己的缓冲池，页本来就不在页缓存里。整文件复制时会用：MySQL clone 用 sendfile，pg_upgrade 用 copy_file_range。',
      keywords: '查询结果、计算、缓冲池、O_DIRECT、页缓存、MySQL clone、pg_upgrade',
      wrong: '因为 sendfile 不支持随机偏移，只能从头开始发文件，而数据库是随机偏移读页的；这也是它们从来不用任何零拷贝的原因。',
      myth: '数据库需要随机读写、事务和索引查找，无法直接用 sendfile，随机访问用传统读写更高效，所以数据库基本不用零拷贝。',
    } } },
  { id: '09-io-uring-zc', answers: {
    en: {
      strong: "It's a separate opcode, IORING_OP_SEND_ZC, added in Linux 6.0, with a sendmsg flavour in 6.1. Instead of copying your buffer into the socket it references it, and you get two completions back: the normal one with the byte count, flagged IORING_CQE_F_MORE, and later a notification CQE with IORING_CQE_F_NOTIF. Until that second one shows up the kernel may still be using your memory, so you can't reuse or overwrite the buffer. It also isn't guaranteed to avoid the copy; with IORING_SEND_ZC_REPORT_USAGE the notification tells you if it copied anyway.",
      short: "IORING_OP_SEND_ZC (6.0) gives two CQEs, the send result and a later notification; the buffer must not be reused before the notification, and it may still fall back to copying.",
      keywords: 'IORING_OP_SEND_ZC, 6.0, two CQEs, notification, buffer, reuse, fallback',
      wrong: "Every io_uring send is zero-copy, since the ring is shared memory; you get one CQE and the buffer can be reused as soon as you submit, which is the whole point.",
      myth: "io_uring is zero-copy by design because the rings are shared with the kernel, so data is never copied.",
    },
    zh: {
      strong: '它是一个单独的操作码 IORING_OP_SEND_ZC，Linux 6.0 加的，6.1 又加了 sendmsg 版本。它不把你的缓冲区拷进 socket，而是引用它，你会收到两个完成事件：一个是普通的、带发送字节数、标着 IORING_CQE_F_MORE，之后再来一个带 IORING_CQE_F_NOTIF 的通知 CQE。第二个到之前内核可能还在用你的内存，缓冲区不能复用也不能覆盖。它也不保证一定不拷贝；设了 IORING_SEND_ZC_REPORT_USAGE，通知里会告诉你是不是还是拷贝了。',
      short: 'IORING_OP_SEND_ZC（6.0）产生两个 CQE：发送结果和之后的通知；通知到之前缓冲区不能复用，而且它还可能退回拷贝。',
      keywords: 'IORING_OP_SEND_ZC、6.0、两个 CQE、通知、缓冲区、复用、回退',
      wrong: 'io_uring 的每次发送都是零拷贝，因为环形队列是共享内存；只会收到一个 CQE，提交之后缓冲区马上就能复用，这就是它的意义。',
      myth: 'io_uring 天生就是零拷贝，因为环和内核共享内存，数据从来不拷贝。',
    } } },
  { id: '09-scatter-gather', answers: {
    en: {
      strong: "It's what makes the last copy disappear. With sendfile the socket only gets pointers to page-cache pages; if the NIC can do gather DMA, the driver hands it the header the kernel built plus those page fragments and the card assembles the packet itself, so the CPU never touches the payload. If the card can't, the TCP code falls back to copying the payload into an ordinary socket buffer. The stack checks NETIF_F_SG on the route, and scatter-gather is only enabled together with checksum offload. ethtool -k shows whether you have it.",
      short: "With gather DMA the NIC builds packets straight from page-cache fragments plus a header, so no CPU copy; without it the kernel copies into a socket buffer. ethtool -k shows scatter-gather.",
      keywords: 'scatter-gather, NIC, page cache, fragments, header, NETIF_F_SG, checksum, ethtool',
      wrong: "Scatter-gather lets the NIC write incoming packets straight into user space, so it's a receive-side feature; sendfile doesn't need it because it never copies anyway.",
      myth: "It's why zero-copy means the data is never copied at all: the network card reads it from the disk directly.",
    },
    zh: {
      strong: '最后那次拷贝能不能消失，就看它。sendfile 交给 socket 的只是页缓存页的指针；网卡支持 gather DMA 的话，驱动把内核做好的包头和这些页片段交给网卡，由网卡自己拼出报文，CPU 完全不碰数据。不支持就只能在 TCP 代码里退回，把数据拷进普通的 socket 缓冲区。协议栈会检查路由的 NETIF_F_SG，而分散-聚集只有在开了校验和卸载时才能启用。用 ethtool -k 看有没有。',
      short: '有 gather DMA 时网卡直接用页缓存片段加包头拼报文，不用 CPU 拷贝；没有的话内核要拷进 socket 缓冲区。ethtool -k 能看 scatter-gather。',
      keywords: '分散-聚集、网卡、页缓存、片段、包头、NETIF_F_SG、校验和、ethtool',
      wrong: '分散-聚集是让网卡把收到的包直接写进用户态，是接收端的功能；sendfile 不需要它，因为 sendfile 本来就不拷贝。',
      myth: '正是因为它，零拷贝才是完全不拷贝：网卡直接从磁盘读数据。',
    } } },
  { id: '09-ktls', answers: {
    en: {
      strong: "kTLS splits TLS in two. The handshake, certificates and key exchange stay in the user-space library, OpenSSL for example. Once the session keys exist, the app sets the TCP_ULP socket option to \"tls\" and installs the keys with setsockopt on SOL_TLS, TLS_TX for sending and TLS_RX for receiving. After that the kernel frames and encrypts TLS records itself, which is why sendfile keeps working on the socket. It encrypts in software on the CPU, or the NIC does it when it supports offload. /proc/net/tls_stat has counters such as TlsTxSw and TlsTxDevice that tell you which mode is in use.",
      short: "The handshake stays in user space; then TCP_ULP \"tls\" and TLS_TX/TLS_RX give the kernel the keys and it encrypts the records, so sendfile works, in software or on the NIC. /proc/net/tls_stat shows which.",
      keywords: 'kTLS, handshake, OpenSSL, TCP_ULP, TLS_TX, TLS_RX, records, sendfile, offload, tls_stat',
      wrong: "With kTLS the application stops encrypting and the NIC does everything, including the handshake; sendfile isn't allowed on a kTLS socket, and you can tell kTLS is on when openssl s_client shows a kernel cipher.",
      myth: "kTLS is always true zero-copy: once TLS is in the kernel, nothing is copied at all.",
    },
    zh: {
      strong: 'kTLS 把 TLS 拆成两半。握手、证书、密钥交换还在用户态的库里做，比如 OpenSSL。会话密钥协商好以后，应用把 TCP_ULP 这个 socket 选项设成 "tls"，再用 SOL_TLS 上的 setsockopt 装密钥，TLS_TX 管发送，TLS_RX 管接收。之后由内核自己封装、加密 TLS 记录，所以这个 socket 上 sendfile 还能继续用。加密默认是 CPU 软件做，网卡支持卸载时由网卡做。/proc/net/tls_stat 里有 TlsTxSw、TlsTxDevice 这些计数，能看出用的是哪种模式。',
      short: '握手留在用户态；然后用 TCP_ULP "tls" 和 TLS_TX/TLS_RX 把密钥交给内核，由内核加密记录，sendfile 就能用了，软件加密或者网卡加密。看 /proc/net/tls_stat 就知道。',
      keywords: 'kTLS、握手、OpenSSL、TCP_ULP、TLS_TX、TLS_RX、记录、sendfile、卸载、tls_stat',
      wrong: '用了 kTLS 应用就不再加密，包括握手在内全由网卡做；kTLS socket 上不允许 sendfile，用 openssl s_client 看到内核密码套件就说明开了 kTLS。',
      myth: 'kTLS 总是真正的零拷贝：TLS 一进内核，就什么都不拷贝了。',
    } } },
  { id: '10-nginx-netflix', answers: {
    en: {
      strong: "nginx has used sendfile for static content for ages, it's the sendfile on directive. For HTTPS it got SSL_sendfile in 1.21.4: if OpenSSL 3 and the kernel both have kTLS, nginx hands the file to SSL_sendfile and the kernel does the encryption, so the file never comes up to nginx. Netflix runs FreeBSD and pushed this furthest: sendfile plus in-kernel TLS for all video, then they offloaded the TLS crypto to the NICs because memory bandwidth was the bottleneck with software kTLS, and got to roughly 400 Gb/s per box, later about 800.",
      short: "nginx uses sendfile, and since 1.21.4 SSL_sendfile with OpenSSL 3 and kTLS for HTTPS; Netflix uses FreeBSD sendfile with kernel TLS, offloaded to the NIC, about 400 Gb/s per server.",
      keywords: 'nginx, sendfile, SSL_sendfile, 1.21.4, OpenSSL 3, kTLS, Netflix, FreeBSD, offload, 400 Gb/s',
      wrong: "nginx disables sendfile for TLS and always reads files into user space to encrypt them; Netflix gave up on sendfile entirely and serves video from memory with mmap, which is how it reaches 400 Gb/s.",
      myth: "Once TLS is on, zero-copy is impossible, so nginx and Netflix only use sendfile for plain HTTP.",
    },
    zh: {
      strong: 'nginx 发静态资源一直用 sendfile，就是 sendfile on 这个指令。HTTPS 方面，1.21.4 加了 SSL_sendfile：OpenSSL 3 和内核都支持 kTLS 时，nginx 把文件交给 SSL_sendfile，由内核加密，文件根本不用上到 nginx。Netflix 用 FreeBSD，把这条路走得最远：所有视频都是 sendfile 加内核态 TLS，后来因为软件 kTLS 卡在内存带宽上，又把 TLS 加密卸载到网卡，单机做到约 400 Gb/s，后来到 800 左右。',
      short: 'nginx 用 sendfile，1.21.4 起 HTTPS 下配 OpenSSL 3 和 kTLS 用 SSL_sendfile；Netflix 用 FreeBSD 的 sendfile 加内核态 TLS，再卸载到网卡，单机约 400 Gb/s。',
      keywords: 'nginx、sendfile、SSL_sendfile、1.21.4、OpenSSL 3、kTLS、Netflix、FreeBSD、卸载、400 Gb/s',
      wrong: 'nginx 开了 TLS 就关掉 sendfile，总是把文件读进用户态加密；Netflix 完全放弃了 sendfile，用 mmap 从内存发视频，所以才能到 400 Gb/s。',
      myth: '开了 TLS 就不可能零拷贝，所以 nginx 和 Netflix 只在明文 HTTP 下用 sendfile。',
    } } },
  { id: '10-databases-redis', answers: {
    en: {
      strong: "They do, just not for query traffic. MySQL's clone plugin copies local tablespace files with sendfile and falls back to read/write when that fails. PostgreSQL's pg_upgrade has a --copy-file-range mode so it can copy the old cluster's files with copy_file_range, and a clone mode. Redis once merged a sendfile path for shipping the RDB to replicas in disk-based replication, and then reverted it because sendfile could block the main thread and add latency. So it's wrong to say databases never use zero-copy.",
      short: "For whole files: MySQL clone with sendfile, pg_upgrade with copy_file_range. Redis tried sendfile for replication and reverted it because of blocking; so 'never' is wrong.",
      keywords: 'MySQL clone, sendfile, pg_upgrade, copy_file_range, Redis, replication, reverted',
      wrong: "No: MySQL binlog replication uses mmap and direct I/O instead, PostgreSQL reads everything into shared buffers, and Redis uses sendfile only with TLS, which is why it's fast.",
      myth: "No. Databases need transactions and random access and must process data in user space, so they can't use zero-copy; only things like Kafka and nginx can.",
    },
    zh: {
      strong: '用，只是不用在查询流量上。MySQL 的 clone 插件复制本地表空间文件用 sendfile，失败了退回 read/write。PostgreSQL 的 pg_upgrade 有 --copy-file-range 模式，可以用 copy_file_range 复制旧集群的文件，还有 clone 模式。Redis 曾经为基于磁盘的复制合入过一条 sendfile 路径，把 RDB 发给从库，后来因为 sendfile 可能阻塞主线程、增加延迟又回滚了。所以说数据库从不用零拷贝是不对的。',
      short: '整文件时用：MySQL clone 用 sendfile，pg_upgrade 用 copy_file_range。Redis 复制试过 sendfile，因为阻塞又回滚了；所以“从不”是错的。',
      keywords: 'MySQL clone、sendfile、pg_upgrade、copy_file_range、Redis、复制、回滚',
      wrong: '不用：MySQL 的 binlog 复制用的是 mmap 和 direct I/O，PostgreSQL 全部读进 shared buffers，Redis 只在开 TLS 时用 sendfile，所以才快。',
      myth: '不用。数据库需要事务和随机访问，数据必须在用户态处理，所以没法用零拷贝，只有 Kafka、nginx 这类才能用。',
    } } },
];
