// Chapter 06: pipes — splice, tee, vmsplice, and how sendfile is built on them.
import { against, claim, count, denies, myth, says, unless, type DrillQuestion, type Myth } from '../types.ts';
import { noCopyMyth, sendfileOnlyTcp } from './myths.ts';
import { copy, sendfile, userSide } from './terms.ts';

/** "pipe" as a word: a plain substring would also match "pipeline". */
const pipe = 'pipe~ | 管道';
const fromSocket = 'in_fd | input~ | source | from | 输入 | 源 | 读';

const spliceOnlyTcp: Myth = myth(
  { en: 'splice only works for TCP', zh: 'splice 只能用于 TCP' },
  {
    en: 'splice works between a pipe and any file descriptor, files included; the one rule is that an end is a pipe.',
    zh: 'splice 可以在管道和任何文件描述符之间搬数据，文件也行；唯一的规矩是有一端必须是管道。',
  },
  says('only | just | 只能 | 只', 'tcp'),
);

export const questions: DrillQuestion[] = [
  {
    id: '06-splice',
    chapter: '06',
    question: {
      en: 'What does splice() do, and what is its one big constraint?',
      zh: 'splice() 做什么？它最大的限制是什么？',
    },
    claims: [
      claim('one end must be a pipe', '一端必须是管道', 2,
        says(pipe, 'one | one end | one of | either | at least one | must | has to | 必须 | 一端 | 其中一端 | 其中一个'),
        against('both | 两端', 'socket~ | 套接字'), against('any file descriptor | any fd | 任意两个')),
      claim('it passes page references, not bytes', '传的是页的引用，不拷贝字节', 2,
        says('page reference~ | reference~ | pointer~ | reference counted | 引用 | 指针 | 页引用'), denies(copy, 'byte~ | bytes | data | 字节 | 数据'),
        against(copy, 'page~ | 页', userSide), against('pipe buffer~ | 管道缓冲区', userSide)),
      claim('file to socket takes two calls, through a pipe', '文件到 socket 要经管道调用两次', 1,
        says(count(2, 'splice~ | call~ | syscall~ | 调用')),
        says('file into a pipe | file to pipe | file to a pipe | file into the pipe | 文件进管道 | 文件到管道 | 文件 splice 进管道'),
        says('pipe into the socket | pipe to socket | pipe to the socket | 管道到 socket')),
      claim('sendfile is built on the same machinery', 'sendfile 建立在同一套机制上', 1,
        says(sendfile, 'same | built on | machinery | on top of | 同一套 | 机制 | 基于 | 建立在 | 这一套'), says(sendfile, 'to do with | 关系 | related')),
    ],
    myths: [noCopyMyth, spliceOnlyTcp],
    model: {
      en: 'splice moves data between two file descriptors inside the kernel, and one of them must be a pipe. A pipe buffer is a set of reference-counted pointers to pages, so splicing a file into a pipe, or a pipe into a socket on a scatter-gather route, passes page references instead of copying bytes; splicing into a regular file still copies. To send a file to a socket you need two calls: splice from the file into a pipe, then from the pipe into the socket. sendfile is built on the same machinery.',
      zh: 'splice 在内核里把数据从一个文件描述符移到另一个，而且其中一端必须是管道。管道缓冲区本质上是一组带引用计数的页指针，所以从文件 splice 进管道、从管道 splice 到支持分散-聚集的 socket 时，传的是页的引用，不拷贝字节；splice 进普通文件则仍要拷贝。要把文件发到 socket，需要两次 splice：先从文件到管道，再从管道到 socket。sendfile 用的也是同一套机制。',
    },
  },
  {
    id: '06-tee-vmsplice',
    chapter: '06',
    question: {
      en: 'What are tee() and vmsplice() for, and where does vmsplice still copy?',
      zh: 'tee() 和 vmsplice() 是做什么用的？vmsplice 在什么情况下其实还是在拷贝？',
    },
    claims: [
      claim('tee duplicates one pipe into another without consuming it', 'tee 把一个管道里的数据复制到另一个管道，不消耗原数据', 2,
        says('tee', 'duplicate~ | copy~ | clone~ | 复制'), denies('tee', 'consume~ | drain~ | 消耗 | 消费'),
        says('two pipes | both ends | both fds | 两个管道 | 两端都'), against('tee', 'socket~ | 套接字')),
      claim('vmsplice puts user pages into a pipe by reference', 'vmsplice 把用户页按引用放进管道', 2,
        unless(says('vmsplice', 'user page~ | user memory | own memory | own pages | its memory | 用户页 | 用户态的页 | 用户内存 | 用户内存页 | 自己的内存 | 内存页'),
          'pipe to user | into user memory | other direction | reverse | read back | just copies | 反方向 | 读回 | 管道到用户 | 反过来 | 读到用户 | 就是拷贝'),
        says('vmsplice', 'reference~ | map~ | 引用 | 映射'), against('vmsplice', copy, 'into a pipe | into the pipe | 进管道 | 拷进管道')),
      claim('the writer must not change those pages until the reader has consumed them, and nothing says when', '读端消费之前不能改这些页，而且没有通知告诉你什么时候消费完', 2,
        denies('until | before | 之前 | 消费完 | 读完 | 消费 | 取走', 'modify~ | change~ | touch~ | reuse~ | overwrite~ | 改 | 动 | 改动 | 复用'),
        denies('notify~ | notification~ | tells you | tell~ | 通知 | 告诉'), against('reuse~ | 复用 | modify~', 'immediately | right away | at once | 马上 | 立刻')),
      claim('from a pipe into user memory, vmsplice just copies', '从管道读回用户内存时，vmsplice 就是拷贝', 1,
        says('pipe to user | into user memory | other direction | reverse | read back | 反方向 | 读回 | 管道到用户 | 反过来 | 读到用户', copy),
        says('just copies | only copies | plain copy | just a copy | 就是拷贝 | 普通拷贝 | 就是普通拷贝')),
      claim('SPLICE_F_GIFT: page-aligned pages given away for good', 'SPLICE_F_GIFT：页对齐，送出后不再改动', 1,
        says('splice_f_gift | gift | 送给 | page aligned | 页对齐')),
    ],
    myths: [noCopyMyth],
    model: {
      en: "tee() duplicates the data in one pipe into another pipe without consuming it, so the same bytes can go two ways; both ends must be pipes. vmsplice() puts user pages into a pipe by reference, not by copy, so a process can feed a pipe from its own memory. The catch: the process must not change those pages until the reader has consumed them, and nothing tells it when that has happened; with SPLICE_F_GIFT it gives the page-aligned pages away for good. In the other direction, from a pipe into user memory, vmsplice just copies.",
      zh: 'tee() 把一个管道里的数据复制一份到另一个管道，而且不消耗原来的数据，同一份字节就能分两路走；两端都必须是管道。vmsplice() 把用户态的页按引用放进管道，而不是拷贝，进程可以直接用自己的内存喂给管道。问题在于：读端消费完之前，进程不能改动这些页，而且没有任何通知告诉它什么时候消费完了；加上 SPLICE_F_GIFT，就是把这些页对齐的页彻底送出去、以后不再改动。反方向，从管道读回用户内存时，vmsplice 其实就是普通拷贝。',
    },
  },
  {
    id: '06-sendfile-vs-splice',
    chapter: '06',
    question: {
      en: 'How are sendfile() and splice() related, and when do you need splice instead of sendfile?',
      zh: 'sendfile() 和 splice() 是什么关系？什么时候必须用 splice 而不是 sendfile？',
    },
    claims: [
      claim('sendfile is built on the splice machinery', 'sendfile 建立在 splice 机制之上', 2,
        says(sendfile, 'built on | on top of | machinery | do_splice_direct | implemented | 基于 | 建立在 | 同一套 | 机制 | 底层')),
      claim("sendfile's input cannot be a socket: splice for socket input", 'sendfile 的输入不能是 socket，从 socket 读要用 splice', 2,
        denies(fromSocket, 'socket~ | 套接字'), says('splice', 'from a socket | socket input | 从 socket | socket 读 | 读 socket | 从套接字'),
        says('splice', 'input~ | source | 输入 | 源', 'socket~ | 套接字')),
      claim('for example a proxy between two sockets', '例如在两个 socket 之间转发的代理', 1,
        says('proxy | proxies | socket to socket | another socket | two sockets | 代理 | 转发 | 两个 socket')),
      claim('since 5.12, sendfile into a pipe is a splice', '5.12 起往管道 sendfile 就是 splice', 1, says('5.12')),
    ],
    myths: [sendfileOnlyTcp, noCopyMyth],
    model: {
      en: 'sendfile is built on the splice machinery: in the kernel, do_sendfile hands a non-pipe output to do_splice_direct. Its input must be a file that supports mmap-like operations, so it cannot read from a socket. For socket input you use splice through a pipe, for example a proxy moving data from one socket to another without it entering user space. Since 5.12, sendfile into a pipe simply becomes a splice.',
      zh: 'sendfile 建立在 splice 的机制之上：内核里 do_sendfile 遇到非管道的输出就交给 do_splice_direct。它的输入必须是支持类似 mmap 操作的文件，不能是 socket。如果要从 socket 读，就得通过管道用 splice，比如代理在两个 socket 之间转发数据，而数据不进入用户态。从 5.12 起，往管道里 sendfile 实际上就是一次 splice。',
    },
  },
];
