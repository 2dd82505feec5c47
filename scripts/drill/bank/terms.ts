// Synonyms that several questions share, in both languages, so a concept is recognised the same way
// wherever it appears. Plain strings match anywhere (Chinese has no word boundaries); a RegExp is
// used where a short word could hide inside a longer one, or where the order of words matters.

export const pageCache = ['page cache', 'pagecache', 'kernel buffer', '页缓存', '页面缓存', '内核缓冲'];
export const dma = ['dma', 'direct memory access', '直接内存访问'];
export const userSpace = ['user space', 'userspace', 'user mode', 'user buffer', "process's buffer", 'process buffer',
  '用户态', '用户空间', '用户缓冲', '进程的缓冲'];
export const socketBuffer = ['socket buffer', 'send buffer', 'sk_buff', 'socket 缓冲', '套接字缓冲', '发送缓冲'];

/** "two CPU copies", "copied twice", "两次 CPU 拷贝": the number has to go with the CPU, not with DMA. */
export const twoCpuCopies = [
  /\b(two|2)\s+(cpu|memory|user[- ]?space)\s+cop/, /\bcop(y|ies|ied)\b[^.;]{0,30}\btwice\b/, /\btwice\b[^.;]{0,20}\bcop/,
  /(两|2)\s?次\s?cpu/, /cpu\s?(拷贝|复制)[^。;]{0,4}(两|2)\s?次/, /(拷贝|复制)了?(两|2)\s?次/,
];
export const oneCpuCopy = [/\b(one|1|single)\s+(cpu\s+)?cop(y|ies)\b/, 'copied once', /(一|1)\s?次\s?(cpu\s?)?(拷贝|复制)/, '只拷贝一次'];

/** "Still two copies per byte": a bigger buffer or a stream changes the syscalls, not the copies. */
export const stillTwoCopies = ['still two', 'still 2', 'still copied twice', 'still copies twice', 'two copies per byte',
  '2 copies per byte', '2.00', 'same number of bytes', 'same bytes', '不变', '一样多',
  /(照样|仍然|还是|依然)[^。,]{0,8}(两|2)\s?次/, /每字节\s?(两|2)\s?次/];

export const modeSwitch = ['mode switch', 'mode transition', 'user/kernel switch', 'kernel/user switch', 'enter the kernel',
  'enters the kernel', 'into the kernel and back', '模式切换', '陷入内核', /(用户态|内核态)[^。,]{0,12}切换/];
export const scheduling = ['scheduler', 'another thread', 'other thread', 'different thread', 'between threads', 'thread switch',
  'preempt', '调度', '线程之间', '另一个线程', '其他线程', '别的线程', '线程切换', '抢占'];

export const sendfile = ['sendfile'];
/** Java's FileChannel.transferTo; a RegExp, because "transfer to" in plain prose is not the API. */
export const transferTo = [/transferto|filechannel/];

export const appendOnly = ['append-only', 'append only', 'appended', 'immutable', 'never rewritten', 'never modified',
  'not modified', '追加', '不可变', '不会被修改', '不再修改', '不再改', '不改写'];
export const unchanged = ['unchanged', 'as is', 'as-is', 'without parsing', 'does not parse', "doesn't parse", 'same format',
  'byte for byte', 'exactly the bytes', '原样', '不解析', '不用解析', '不需要解析', '不改动', '同样的格式', '同样格式'];

export const tls = ['tls', 'ssl', 'https', '加密'];
export const kernelTls = ['ktls', 'kernel tls', '内核 tls', '内核态 tls'];
export const fallBack = ['fall back', 'fallback', 'falls back', 'not guaranteed', '回退', '退回', '降级', '不保证'];

/** "Node has no …": the runtime named, then a negation close after it. */
export const nodeHasNone = [/node(\.js)?[^.;。]{0,40}(\bno\b|\bnot\b|none|没有|不支持|不提供)/];
export const denoHasNone = [/deno[^.;。]{0,50}(\bno\b|\bnot\b|none|neither|没有|也不|不支持|移除|removed)/];
