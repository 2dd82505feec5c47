// Chapter 06: pipes — splice, tee, vmsplice, and how sendfile is built on them.
import { concept, type DrillQuestion } from '../types.ts';
import { sendfile } from './terms.ts';

/** "pipe" as a word: plain "pipe" would also match "pipeline". */
const pipe = [/\bpipes?\b/, '管道'];

export const questions: DrillQuestion[] = [
  {
    id: '06-splice',
    chapter: '06',
    question: {
      en: 'What does splice() do, and what is its one big constraint?',
      zh: 'splice() 做什么？它最大的限制是什么？',
    },
    concepts: [
      concept('one end must be a pipe', '一端必须是管道', pipe, 2),
      concept('it passes page references, not bytes', '传的是页的引用，不拷贝字节', ['page reference', 'references to pages', 'reference-counted',
        'pointers', 'without copying', '引用', '指针', '不拷贝'], 2),
      concept('file to socket takes two calls through a pipe', '文件到 socket 要经管道调用两次', ['two splice', 'two calls', 'two syscalls',
        'file to pipe', 'file into a pipe', '两次 splice', '两次调用', '文件到管道']),
      concept('sendfile is built on it', 'sendfile 建立在它之上', sendfile),
    ],
    model: {
      en: 'splice moves data between two file descriptors inside the kernel, and one of them must be a pipe. A pipe buffer is a set of reference-counted pointers to pages, so splice passes page references instead of copying bytes. To send a file to a socket you need two calls: splice from the file into a pipe, then from the pipe into the socket. sendfile is built on the same machinery.',
      zh: 'splice 在内核里把数据从一个文件描述符移到另一个，而且其中一端必须是管道。管道缓冲区本质上是一组带引用计数的页指针，所以 splice 传的是页的引用，不拷贝字节。要把文件发到 socket，需要两次 splice：先从文件到管道，再从管道到 socket。sendfile 用的也是同一套机制。',
    },
  },
  {
    id: '06-tee-vmsplice',
    chapter: '06',
    question: {
      en: 'What are tee() and vmsplice() for, and where does vmsplice still copy?',
      zh: 'tee() 和 vmsplice() 是做什么用的？vmsplice 在什么情况下其实还是在拷贝？',
    },
    concepts: [
      concept('tee duplicates one pipe into another without consuming it', 'tee 把一个管道复制到另一个，不消耗数据', ['duplicate',
        'without consuming', 'does not consume', "doesn't consume", 'two pipes', 'both ends must be pipes', '复制一份', '不消耗', '不消费',
        '两个管道', '两端都'], 2),
      concept('vmsplice maps user pages into a pipe', 'vmsplice 把用户页映射进管道', ['user pages', 'user memory', 'its own memory',
        '用户页', '用户态的页', '用户内存', '自己的内存'], 2),
      concept('from a pipe into user memory it just copies', '从管道读回用户内存时就是拷贝', ['into user memory', 'pipe to user',
        'other direction', 'just copies', '反方向', '读回用户', '管道到用户'], 2),
      concept('SPLICE_F_GIFT: page-aligned, never touched again', 'SPLICE_F_GIFT：页对齐、之后不再改动', ['splice_f_gift', 'gift',
        'page-aligned', 'page aligned', '页对齐']),
    ],
    model: {
      en: 'tee() duplicates the data in one pipe into another pipe without consuming it, so the same bytes can go two ways; both ends must be pipes. vmsplice() maps user pages into a pipe, so a process can feed a pipe from its own memory without copying; with SPLICE_F_GIFT it promises never to touch those page-aligned pages again. In the other direction, from a pipe into user memory, vmsplice just copies.',
      zh: 'tee() 把一个管道里的数据复制一份到另一个管道，而且不消耗原来的数据，同一份字节就能分两路走；两端都必须是管道。vmsplice() 把用户态的页映射进管道，进程可以不拷贝地用自己的内存喂给管道；加上 SPLICE_F_GIFT，就是承诺以后不再改动这些页对齐的页。反方向，从管道读回用户内存时，vmsplice 其实就是普通拷贝。',
    },
  },
  {
    id: '06-sendfile-vs-splice',
    chapter: '06',
    question: {
      en: 'How are sendfile() and splice() related, and when do you need splice instead of sendfile?',
      zh: 'sendfile() 和 splice() 是什么关系？什么时候必须用 splice 而不是 sendfile？',
    },
    concepts: [
      concept('sendfile is built on the splice machinery', 'sendfile 建立在 splice 机制之上', ['built on', 'same machinery', 'do_splice_direct',
        'implemented with', 'uses splice', '基于', '建立在', '同一套机制'], 2),
      concept("sendfile's input cannot be a socket: splice for socket input", 'sendfile 的输入不能是 socket，从 socket 读要用 splice', [
        /(socket|套接字)[^.。]{0,40}(input|source|输入|源)/, /(input|source|输入|源|in_fd)[^.。]{0,40}(socket|套接字)/, 'from a socket', '从 socket'], 2),
      concept('e.g. a proxy between two sockets', '例如在两个 socket 之间转发的代理', ['proxy', 'socket to socket', 'another socket', '代理',
        '转发', '两个 socket']),
      concept('since 5.12, sendfile into a pipe is a splice', '5.12 起往管道 sendfile 就是 splice', ['5.12']),
    ],
    model: {
      en: 'sendfile is built on the splice machinery: in the kernel, do_sendfile hands a non-pipe output to do_splice_direct. Its input must be a file that supports mmap-like operations, so it cannot read from a socket. For socket input you use splice through a pipe, for example a proxy moving data from one socket to another without it entering user space. Since 5.12, sendfile into a pipe simply becomes a splice.',
      zh: 'sendfile 建立在 splice 的机制之上：内核里 do_sendfile 遇到非管道的输出就交给 do_splice_direct。它的输入必须是支持类似 mmap 操作的文件，不能是 socket。如果要从 socket 读，就得通过管道用 splice，比如代理在两个 socket 之间转发数据，而数据不进入用户态。从 5.12 起，往管道里 sendfile 实际上就是一次 splice。',
    },
  },
];
