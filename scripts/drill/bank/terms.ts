// Words that several questions share, in both languages, so a claim is recognised the same way
// wherever it appears. Each is a list of alternatives ("a | b | c"); "~" adds inflections. They are
// grown from how readers answer (the corpus in test/drill-corpus/), not from the model answers.
import { count, denies, says, unless, type Form, type Part } from '../types.ts';

export const copy = 'copy~ | memcpy | duplicate~ | 拷贝 | 拷 | 复制 | 拷进 | 拷到 | 拷回 | 搬进 | 倒腾';
export const cpuCopy = `${copy} | cpu copy~ | cpu 拷贝`;
export const userSide = 'user space | user mode | userland | user buffer~ | user memory | user page~ | process | processes | program~ | '
  + 'application~ | app | my buffer | your buffer | its own buffer | own buffer | private buffer | app buffer | byte buffer | byte array | '
  + 'heap | jvm | java heap | heap buffer | java buffer~ | java side | jvm side | 用户态 | 用户空间 | 用户缓冲 | 用户内存 | 进程 | 应用 | 程序 | 堆 | jvm 堆 | 自己的 buffer | 自己的缓冲';
export const kernel = 'kernel | kernel space | in kernel | 内核 | 内核态 | 内核空间';
export const pageCache = 'page cache | file cache | buffer cache | os cache | kernel buffer~ | cache | cached | 页缓存 | 页面缓存 | 内核缓冲 | '
  + '内核缓冲区 | 缓存';
export const socketBuffer = 'socket buffer~ | send buffer~ | sk_buff | socket | sockets | 套接字缓冲 | socket 缓冲 | 发送缓冲 | socket 发送缓冲 | socket';
export const nic = 'nic | nics | network card~ | network interface~ | network adapter~ | card | 网卡 | 网络接口';
export const dma = 'dma | direct memory access | 直接内存访问';
export const syscall = 'syscall~ | system call~ | 系统调用 | 系统 调用';
export const modeSwitchWords = 'mode switch~ | mode transition~ | privilege switch~ | privilege transition~ | mode change~ | ring transition~ | '
  + '模式切换 | 特权级切换 | 用户态内核态切换';
export const contextSwitch = 'context switch~ | 上下文切换';
export const scheduler = 'scheduler | schedule~ | scheduling | another thread | other thread | different thread | thread~ | preempt~ | 调度 | 线程 | 抢占';
export const still = 'still | also | too | anyway | remain~ | stay~ | left | 照样 | 仍 | 仍然 | 依然 | 还 | 还是 | 也 | 还在 | 剩下 | 省不掉';

export const sendfile = 'sendfile | sendfile64 | transferto | filechannel';
export const mmap = 'mmap | mmaps | mmapped | mmap~ | memory map~ | mapping~ | map~ | mappedbytebuffer | 映射 | 内存映射';
export const readWrite = 'read write | read and write | read() | read | write | 传统 | traditional';
export const tls = 'tls | ssl | https | encrypt~ | 加密';
export const kernelTls = 'ktls | kernel tls | in kernel tls | kernel mode tls | 内核 tls | 内核态 tls';
export const fallBack = 'fall~ back | fallback | fallbacks | falls back | not guaranteed | best effort | downgrade~ | 回退 | 退回 | 降级 | 不保证 | 退到 | 尽力而为';
export const unchanged = 'unchanged | as is | as stored | as written | as it is | without modification | without changing | byte for byte | verbatim | '
  + 'untouched | wire format | same format | same binary format | format it sends | format consumers | format it is sent | on disk format | '
  + 'exactly the bytes | the same bytes | 原样 | 原封不动 | 相同格式 | 同样的格式 | 同样格式 | 一模一样 | 同一种格式 | 网络格式 | 发出去的格式 | 就是发给';
export const parse = 'parse~ | inspect~ | look inside | look at | touch~ | decode~ | rewrite~ | modify~ | change~ | 解析 | 改写 | 修改 | 改 | 动';
export const appendOnly = 'append only | append~ | appended | immutable | 追加 | 只追加 | 追加写 | 不可变 | 写完不再改 | 不改写';

/** "the DMA transfers remain", "省不掉的是 DMA", "DMA 还是要的". */
export const dmaRemains: Form[] = [
  says(dma, 'still | remain~ | stay~ | left | what is left | 还在 | 还有 | 仍 | 剩下 | 省不掉 | 照样 | 还是 | 要 | 还要 | 省不了 | 少不了'),
  denies(dma, 'save~ | remove~ | avoid~ | eliminate~ | skip~ | go away | disappear~ | 省 | 省掉 | 去掉'),
  says(dma, 'need~ | require~ | 需要'),
];

/** "the receiver still copies": the other end of the socket copies into its own buffer. */
export const receiverCopies: Form[] = [
  says('receiver | receiving side | receiving end | client | consumer~ | reader | other end | other side | peer | 接收方 | 接收端 | 客户端 | 消费者 | 读端 | 对端', copy),
];

/** The myth "zero-copy means no copy at all": DMA, an in-kernel copy or the receiver's copy remain. */
export const noCopyAtAll: Form[] = [
  says('never copied | never copy | not copied at all | no copy at all | no copies at all | not a single copy | no copying at all | '
    + 'without any copy | without any copies | without a single copy | not copied even once | zero copies at all | no copies whatsoever | '
    + 'not copied once | not even once | 完全不拷贝 | 完全不用拷贝 | 完全没有拷贝 | 没有任何拷贝 | 一次都不拷贝 | 一次都不 | 不经过任何拷贝 | 根本不拷贝 | '
    + '不需要任何拷贝 | 一点都不拷贝 | 完全不需要拷贝 | 数据完全不 | 不会被拷贝 | 都不会被拷贝'),
];

/** The myth "four context switches": the user/kernel mode switches called context switches. */
export const contextSwitchMyth: Form[] = [
  unless(says(count(4, contextSwitch)), modeSwitchWords),
  unless(says(count(2, contextSwitch)), `${modeSwitchWords} | thread~ | 线程`),
  unless(says(contextSwitch, 'between | 之间', 'user | 用户 | 用户态'), modeSwitchWords),
  unless(says(`${syscall} | read | write | call~ | 调用 | 切换`, 'is a context switch | is one context switch | are context switches | '
    + 'counts as a context switch | means a context switch | 就是一次上下文切换 | 都是一次上下文切换 | 就是上下文切换 | 算一次上下文切换 | '
    + '是一次上下文切换'), modeSwitchWords),
];

/** "two CPU copies" and its wrong numbers; DMA and totals are other counts. */
export const twoCpuCopies: Part = count(2, `${copy} | copies`, 'dma | total | in total | in all | altogether | including | 一共 | 总共 | 加起来 | 其中');
export const oneCpuCopy: Part = count(1, `${copy} | copies`, 'dma | total | in total | in all | altogether | including | 一共 | 总共 | 加起来 | 其中');

/** "Node has no sendfile": the runtime, then a negation in its clause. */
export const hasNo = (runtime: string, what: string): Form[] => [
  denies(runtime, `${what} | api | apis | way | interface~ | 接口`),
  denies(runtime, 'support~ | expose~ | offer~ | provide~ | have | has | 支持 | 提供 | 有'),
  says(runtime, 'none | has no | have no | no public | no such | lacks | 没有 | 也没有 | 不支持 | 不提供 | 压根没有'),
];

