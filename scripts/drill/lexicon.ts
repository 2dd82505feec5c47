// The closed word lists the grader reads an answer with: words that negate or reverse a clause,
// words that make a clause a statement, numbers, and the words that report a claim rather than make
// it. English words are whole tokens; Chinese words are matched on Intl.Segmenter segments.

/** Negation and reversal: "does not copy", "avoids the copy", "saves both copies", "is wrong". */
/**
 * A word table without Object's prototype: a reader's word is looked up in it, and "constructor"
 * or "toString" must find nothing rather than Object's own methods.
 */
function lookup<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

export const englishNegators = new Set([
  'not', 'no', 'never', 'none', 'nothing', 'nobody', 'neither', 'nor', 'cannot', 'without', 'unable', 'impossible',
  "can't", "doesn't", "don't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't", "shouldn't",
  "hasn't", "haven't", "hadn't", "couldn't", "mustn't", "needn't", "ain't",
  'avoid', 'avoids', 'avoided', 'avoiding', 'skip', 'skips', 'skipped', 'skipping', 'bypass', 'bypasses', 'bypassed', 'bypassing',
  'eliminate', 'eliminates', 'eliminated', 'eliminating', 'remove', 'removes', 'removed', 'removing', 'save', 'saves', 'saved',
  'saving', 'spare', 'spares', 'spared', 'gone', 'lose', 'loses', 'lost', 'losing', 'disable', 'disables', 'disabled', 'off',
  'wrong', 'incorrect', 'inaccurate', 'false', 'untrue', 'misleading', 'myth', 'hardly', 'barely', 'rarely', 'seldom',
  'lacks', 'lacking', 'stop', 'stops', 'stopped', 'stopping', 'quit', 'quits', 'abandon', 'abandons', 'abandoned', 'forgo', 'forgoes',
]);
/** Negators that judge a whole claim ("… is wrong", "这个说法不对"): each one reverses it again,
 *  where repeated ordinary negators ("not A, not B") only say no once. */
export const englishEvaluative = new Set(['wrong', 'incorrect', 'inaccurate', 'false', 'untrue', 'misleading', 'myth']);
export const chineseEvaluative = new Set(['不对', '不准确', '错', '错误', '误解', '误区', '不是真的', '并不对']);
/** Negators of two words, keyed by the second: "gives up sendfile". */
export const englishNegatingAfter: Record<string, string[]> = lookup({ up: ['give', 'gives', 'gave', 'giving', 'given'] });

/** "not only", "no matter", "go wrong": a negator that does not negate here, keyed by the negator. */
export const englishNotNegating: Record<string, { before?: string[]; after?: string[] }> = lookup({
  not: { after: ['only', 'just', 'merely', 'least'] },
  no: { after: ['matter', 'doubt'] },
  wrong: { before: ['go', 'goes', 'went', 'gone', 'going'] },
  off: { before: ['pay', 'pays', 'paid', 'paying', 'trade', 'trades', 'kick', 'kicks', 'start', 'starts', 'offset'] },
});

/** Chinese negation and reversal, matched inside a clause's characters. */
export const chineseNegators = [
  '不', '没', '无', '未', '非', '别', '勿', '毫无', '不对', '不准确', '错误', '不是真的', '并不对', '省掉', '省去', '省了', '省下', '省', '避免', '绕过', '绕开', '跳过', '去掉',
  '消除', '免去', '免掉', '砍掉', '干掉', '关掉', '关闭', '放弃', '失去', '丢掉', '错', '误解', '误区', '很少', '极少',
];
/** Words that contain a negator but do not negate ("不同" different, "不仅" not only, "非常" very). */
export const chineseNotNegating = [
  '不同', '不少', '不断', '不仅', '不只', '不光', '不管', '不过', '不久', '不错', '不得不', '不止', '差不多', '无论', '无数', '无非',
  '非常', '非得', '未来', '没错', '省份', '省心', '别的', '别人', '区别', '分别', '特别', '级别', '类别', '识别', '错开',
  '未命中', '无盘', '非阻塞', '无锁', '不然', '有没有', '是不是', '能不能', '会不会', '要不要', '对不对', '用不用', '行不行',
];

/** Clause breaks that negate what follows them: "sendfile instead of mmap", "用 sendfile 而不是 mmap". */
export const englishNegatingBreaks = [['instead', 'of'], ['rather', 'than'], ['without'], ['unlike']];
export const chineseNegatingBreaks = ['而不是', '而非', '而不', '不像'];

/** Conjunctions that start a new clause, so a negation before them does not reach past them. */
export const englishConjunctions = new Set(['and', 'but', 'so', 'because', 'while', 'whereas', 'which', 'although', 'though',
  'however', 'then', 'yet', 'plus', 'whereby']);
/** Words that open a condition: "when the input is a socket" supports a claim, it does not deny one. */
export const englishConditions = new Set(['if', 'when', 'whenever', 'unless', 'until', 'whether']);
export const chineseConjunctions = new Set(['但', '但是', '而', '而是', '不过', '所以', '因为', '因此', '因而', '并且', '而且', '然后',
  '同时', '可是', '于是', '从而', '否则', '然而', '另外', '此外', '以及', '其实', '实际上', '不然', '要不然']);
export const chineseConditions = new Set(['如果', '要是', '假如', '若', '一旦', '万一', '当', '只要', '除非']);
/** "没有的话，…", "用不了的时候，…", "不行就…": the clause that ends with one of these is a condition. */
export const chineseConditionEnds = new Set(['的话', '的时候', '时候', '时']);
/** "不行就退回", "再不行就…": a condition when 就 or 再 follows; "就不行了" is a plain no. */
export const chineseFailingConditions = new Set(['不行', '再不行', '用不了', '不支持']);

/** A clause after one of these contradicts a report before it: "people say X, but in fact …". */
export const contrastWords = new Set(['but', 'however', 'actually', 'whereas', '但', '但是', '其实', '实际上', '不过', '然而', '可是']);

/** Auxiliaries, copulas and modals: any one makes an English clause a statement. */
export const englishAuxiliaries = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "it's", "that's", "there's",
  "what's", "they're", "we're", "you're", "i'm", "it'll", "they'll", 'has', 'have', 'had', 'does', 'do', 'did', 'can', 'could',
  'will', 'would', 'shall', 'should', 'may', 'might', 'must', 'cannot', "can't", "doesn't", "don't", "didn't", "isn't", "aren't",
  "wasn't", "won't", "wouldn't", "hasn't", "haven't", "couldn't", "shouldn't", "i'd", "you'd", "we'd", "they'd", "i've",
  "we've", "you've", "they've", 'needs', 'need', 'gets', 'got', 'goes', 'went', 'means', 'meant']);
export const englishSubjects = new Set(['it', 'they', 'we', 'you', 'i', 'he', 'she', 'there', 'which', 'who']);
/** Nouns that are the subject of a base-form verb often enough: "the NIC pull", "Node and Deno copy". */
export const englishSubjectNouns = new Set(['kernel', 'nic', 'cpu', 'process', 'broker', 'server', 'client', 'node', 'bun', 'deno', 'kafka',
  'linux', 'jvm', 'libuv', 'rust', 'nginx', 'netflix', 'redis', 'mysql', 'java', 'app', 'application', 'program', 'card', 'disk', 'os']);
/** Words that relate one thing to another, so a sentence without a verb still says something
 *  ("Node via libuv's uv_fs_copyfile, Deno via Rust's std"). */
export const englishRelations = new Set(['via', 'through', 'into', 'instead', 'than', 'with', 'without', 'as', 'by', 'from', 'per', 'onto', 'using', 'in']);
export const chineseRelations = new Set(['用', '通过', '经过', '经', '从', '靠', '走', '交给', '由']);

/** Verbs an answer about copies uses; with their inflections (and a subject or object beside a
 *  base form) they make a clause a statement. */
export const englishVerbs = ['copy', 'send', 'use', 'map', 'read', 'write', 'move', 'go', 'stay', 'remain', 'keep', 'save', 'need',
  'make', 'take', 'pass', 'hand', 'call', 'return', 'fall', 'fail', 'work', 'run', 'skip', 'avoid', 'remove', 'pin', 'block', 'wake',
  'sleep', 'wait', 'encrypt', 'decrypt', 'serve', 'support', 'allow', 'let', 'cost', 'count', 'happen', 'become', 'require', 'touch',
  'get', 'come', 'give', 'show', 'reduce', 'halve', 'cut', 'eliminate', 'enter', 'cross', 'stop', 'break', 'lose', 'leave', 'fill',
  'raise', 'kill', 'crash', 'die', 'truncate', 'shrink', 'parse', 'change', 'modify', 'compress', 'store', 'append', 'fetch',
  'transfer', 'share', 'point', 'reference', 'duplicate', 'consume', 'drain', 'feed', 'put', 'push', 'pull', 'load', 'build',
  'gather', 'scatter', 'fit', 'pay', 'win', 'matter', 'help', 'mean', 'say', 'tell', 'find', 'look', 'see', 'measure', 'trace',
  'switch', 'trap', 'jump', 'drop', 'add', 'replace', 'turn', 'enable', 'disable', 'offload', 'ship', 'stream', 'batch', 'sit',
  'live', 'hold', 'own', 'wrap', 'splice', 'clone', 'link', 'revert', 'merge', 'land', 'arrive', 'notify', 'signal', 'handle',
  'lock', 'lease', 'depend', 'rely', 'bypass', 'queue', 'release', 'reuse', 'spend', 'burn', 'waste', 'lie', 'remap', 'fault',
  'flip', 'swap', 'schedule', 'preempt', 'start', 'end', 'finish', 'try', 'fix', 'correct', 'confuse', 'mix', 'differ', 'apply',
  'choose', 'pick', 'prefer', 'lead', 'cause', 'stem', 'grow', 'rise', 'climb', 'double', 'tie', 'own', 'allocate', 'free',
  'deliver', 'receive', 'recv', 'poll', 'stall', 'hang', 'expose', 'offer', 'provide', 'lack', 'keep', 'spill', 'limit',
  'index', 'look', 'bring', 'buy', 'track', 'follow', 'explain', 'depend', 'convert', 'filter', 'join', 'encode', 'compute',
  'generate', 'template', 'render', 'hash', 'verify', 'check', 'validate', 'commit', 'flush', 'evict', 'hit', 'miss', 'assemble'];

/** Chinese words that make a clause a statement: copulas, modals, adverbs, aspect markers and verbs. */
export const chineseVerbs = new Set(['是', '有', '没有', '会', '要', '能', '可以', '可', '需要', '需', '得', '就', '才', '都', '也', '还',
  '仍', '仍然', '依然', '照样', '只', '只有', '只是', '已经', '正在', '在', '把', '被', '让', '使', '由', '给', '用', '走', '进', '进入', '经过',
  '到', '发', '读', '写', '拷', '省', '变', '成', '叫', '算', '做', '靠', '来', '去', '交', '放', '拿', '取', '留', '跑', '换', '切', '等',
  '查', '使用', '调', '发出', '读取', '写入', '写进', '读进', '避免', '减少', '支持', '允许', '意味着', '表示', '导致', '造成', '来自', '依赖',
  '触发', '收到', '变成', '成为', '交给', '完成', '唤醒', '加密', '解析', '修改', '改写', '回退', '退回', '返回', '失败', '回滚', '合并',
  '删掉', '去掉', '绕过', '绕开', '省掉', '省去', '映射到', '映射进', '拷到', '拷进', '拷回', '搬', '传', '塞', '占', '杀', '崩', '死',
  '丢', '删', '改', '看', '知道', '说明', '指', '就是', '也是', '都是', '还是', '了', '过', '着', '掉了', '不了', '能够', '负责', '处理',
  '提供', '调用', '进来', '出去', '回来', '上来', '下去', '存', '落', '追加', '拉', '推', '锁', '挂', '卡', '断', '退', '降', '涨', '跳',
  '绕', '摆', '等着', '再', '又', '直接', '负担', '相当于', '等于', '属于', '来说', '取决于', '在于', '决定', '选', '用来']);

export const englishNumbers: Record<string, number> = lookup({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  sixteen: 16, twenty: 20, once: 1, twice: 2, thrice: 3, single: 1, both: 2,
});
/** "once" and "twice" carry their own "times": they count as a number beside the verb they follow. */
export const chineseDigits: Record<string, number> = lookup({ 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 });

/** Words that report someone else's claim; a myth stated right after one is quoted, not believed. */
export const englishReporting = new Set(['says', 'say', 'said', 'claim', 'claims', 'claimed', 'myth', 'myths', 'textbook',
  'textbooks', 'supposedly', 'allegedly', 'folklore', 'people', 'quoted', 'mentioned', 'blog', 'blogs', 'article', 'articles',
  'books', 'interviewer', 'interviewers', 'wording', 'phrase', 'naming', 'misnomer', 'described', 'describes', 'refers']);
export const chineseReporting = ['说法', '所谓', '号称', '据说', '八股', '网上', '常说', '常见', '有人说', '很多人', '通常说', '传言', '流传',
  '提到', '所说', '说的', '讲的', '叫法', '面试官', '文章', '博客'];
/** "As the textbook says, …": a report that agrees with what follows. */
export const endorsing = new Set(['as', 'like', '正如', '就像', '如同']);
