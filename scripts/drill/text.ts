// Reading an answer before it is graded: sentences, clauses and atoms. English is cut into word
// tokens (so "bundle" is never "Bun"), Chinese into Intl.Segmenter words, and one answer may mix
// both. Each clause knows what negates it, whether it is quoted or reports someone else's claim;
// each sentence knows whether it says anything at all (a verb, and not a bare list of terms).
import {
  chineseConjunctions, chineseDigits, chineseNegatingBreaks, chineseNegators, chineseNotNegating,
  chineseReporting, chineseVerbs, contrastWords, endorsing, englishAuxiliaries, englishConjunctions, englishNegatingBreaks,
  englishNegatingAfter, englishNegators, englishNotNegating, englishNumbers, englishReporting, englishSubjects,
} from './lexicon.ts';
import { isEnglishVerb } from './words.ts';

/** A Latin token, or one Chinese character with the bounds of the segment it belongs to. */
export interface Atom {
  text: string;
  cjk: boolean;
  /** Whether a segment starts before / ends after this atom (always true for a Latin token). */
  segStart: boolean;
  segEnd: boolean;
  /** Position in words within the sentence: a Latin token or a Chinese segment is one word. */
  word: number;
  clause: number;
  /** Set when the atom is a number: "two", "2", "twice", "两次". */
  number?: number;
}

export interface Clause {
  from: number;
  to: number;
  /** The atoms that negate or reverse the clause, as [first atom, length]. */
  negators: Array<[number, number]>;
  /** "not only": a negator that negates only when the word after it is part of the claim matched
   *  ("it is not only for TCP" denies the myth "only for TCP"), as [negator, the word it depends on]. */
  conditional: Array<[number, number]>;
  /** An item of a list of terms: claims in it do not count. */
  listed: boolean;
  /** 1 when a break like "instead of" or "而不是" starts the clause. */
  negatedByBreak: boolean;
  quoted: boolean;
  reported: boolean;
  statement: boolean;
  /** The clause ended at a comma-like break, which is what separates the items of a list. */
  listBreak: boolean;
}

export interface Sentence {
  atoms: Atom[];
  clauses: Clause[];
  /** Says something: at least one clause has a verb, and the sentence is not a list of terms. */
  statement: boolean;
  /** Three or more short comma-separated items: a list of terms, whatever verbs it has. */
  list: boolean;
  question: boolean;
}

const cjkRun = '[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+';
const token = new RegExp([
  `(?<cjk>${cjkRun})`,
  '(?<path>(?<![a-z0-9_])/(?:[a-z0-9_.-]+/)+[a-z0-9_.-]*)',
  "(?<latin>[a-z0-9_]+(?:[.'^][a-z0-9_]+)*)",
  '(?<end>[.!?;。！？；\\n]+)',
  '(?<quote>["“”「」『』‘’]|(?<![a-z0-9])\'|\'(?![a-z0-9]))',
  '(?<list>[,:，、：—–]|\\s-\\s)',
  '(?<bracket>[()（）\\[\\]{}])',
  '(?<space>\\s+)',
].join('|'), 'g');

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const contractible = new Set(['it', 'that', 'there', 'what', 'here', 'he', 'she', 'who', 'let', 'where']);

/** Lower case, half width, and the spellings people use for one thing brought to one form. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase()
    .replace(/(?<=[a-z])’(?=[a-z])/g, "'")
    // "Rust's std" names Rust; "it's" stays a verb.
    .replace(/\b([a-z0-9_.]+)'s\b/g, (match, word: string) => (contractible.has(word) ? match : word))
    .replace(/\b(e\.g|i\.e|etc|vs|cf)\./g, (_, word: string) => word.replace('.', ''))
    .replace(/\.{2,}|…/g, ',')
    .replace(/\(\s*\)/g, '')
    .replace(/(?<=[a-z0-9_])::(?=[a-z_])/g, '.')
    .replace(/(?<![a-z0-9_])zero[\s-]?copy(?![a-z0-9_])|零拷贝/g, ' zerocopy ')
    .replace(/(?<![a-z0-9_])send[\s-]file(?=s?(?![a-z0-9_]))/g, 'sendfile')
    .replace(/copy[\s-]file[\s-]range/g, 'copy_file_range')
    .replace(/(?<![a-z])(page)[\s-]?(cache)|(user)[\s-]?(space|land)|(kernel)[\s-]?(space)/g, (match) => match.replace(/^(page|user|kernel)[\s-]?/, '$1 '))
    .replace(/(?<=[a-z])-(?=[a-z])/g, ' ')
    .replace(/[→⇄⇒←⟶]|<?->/g, ' to ')
    .replace(/\+|=|\*|\||~|#|&/g, ' ')
    .replace(/(?<=[a-z])\/(?=[a-z])/g, ' ');
}

function numberOfSegment(segment: string): number | undefined {
  // A numeral counts things only with its measure word: "两次", "一个"; "两种" is two kinds.
  const match = /^([零〇一二两三四五六七八九十百千万]+)([次个份遍趟回倍道])$/.exec(segment);
  if (!match) return undefined;
  let value = 0;
  let current = 0;
  for (const char of match[1]) {
    if (char === '十') { value += (current || 1) * 10; current = 0; } else if (char === '百') { value += (current || 1) * 100; current = 0; } else if (char === '千' || char === '万') {
      value = (value + current) * (char === '千' ? 1000 : 10000); current = 0;
    } else current = chineseDigits[char] ?? 0;
  }
  return value + current;
}

function latinNumber(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  return englishNumbers[text];
}

interface Piece {
  kind: 'atom' | 'end' | 'list' | 'bracket' | 'quote';
  text: string;
  atoms?: Atom[];
  question?: boolean;
  /** A quote mark opens or closes a quotation; a straight double quote toggles it. */
  role?: 'open' | 'close' | 'toggle';
}

const openingQuotes = new Set(['“', '「', '『', '‘']);

/** A straight single quote opens before a word and closes after one; "consumers' offsets" closes nothing. */
function quoteRole(mark: string, before: string, after: string): Piece['role'] {
  if (mark === '"') return 'toggle';
  if (mark === "'") return /[a-z0-9\u3400-\u9fff]/.test(after) && !/[a-z0-9]/.test(before) ? 'open' : 'close';
  return openingQuotes.has(mark) ? 'open' : 'close';
}

/** The answer as a stream of atoms and breaks, before it is cut into sentences. */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let previousCjk = false;
  for (const match of text.matchAll(token)) {
    const groups = match.groups!;
    if (groups.cjk) {
      const atoms: Atom[] = [];
      for (const { segment } of segmenter.segment(groups.cjk)) {
        const value = numberOfSegment(segment);
        [...segment].forEach((char, index) => atoms.push({
          text: char, cjk: true, segStart: index === 0, segEnd: index === segment.length - 1, word: 0, clause: 0,
          number: index === 0 ? value : undefined,
        }));
      }
      out.push({ kind: 'atom', atoms, text: groups.cjk });
      previousCjk = true;
      continue;
    }
    if (groups.space) {
      // Chinese writes no spaces between its words: a space between two Chinese words separates items of a list.
      const next = text.slice(match.index! + groups.space.length, match.index! + groups.space.length + 1);
      if (previousCjk && new RegExp(cjkRun).test(next)) out.push({ kind: 'list', text: ' ' });
      continue;
    }
    previousCjk = false;
    if (groups.latin || groups.path) {
      const word = groups.latin ?? groups.path;
      const unit = /^(\d+(?:\.\d+)?)([kmg]i?b|[kmg]bps|bytes?|ms|us|ns)$/.exec(word);
      const texts = unit ? [unit[1], unit[2]] : [word];
      out.push({ kind: 'atom', text: word, atoms: texts.map((text) => ({ text, cjk: false, segStart: true, segEnd: true, word: 0, clause: 0, number: latinNumber(text) })) });
    } else if (groups.end) {
      out.push({ kind: 'end', text: groups.end, question: /[?？]/.test(groups.end) });
    } else if (groups.quote) {
      const at = match.index!;
      out.push({ kind: 'quote', text: groups.quote, role: quoteRole(groups.quote, text[at - 1] ?? ' ', text[at + 1] ?? ' ') });
    } else if (groups.list || groups.bracket) {
      out.push({ kind: groups.list ? 'list' : 'bracket', text: groups.list ?? groups.bracket });
    }
  }
  return out;
}

/** Cuts the pieces into sentences of clauses; conjunctions and quotes start clauses too. */
function sentences(stream: Piece[]): Sentence[] {
  const result: Sentence[] = [];
  let atoms: Atom[] = [];
  let clauses: Clause[] = [];
  let quoted = false;
  let clauseStart = 0;
  const closeClause = (listBreak: boolean) => {
    if (atoms.length > clauseStart) {
      clauses.push({
        from: clauseStart, to: atoms.length, negators: [], conditional: [], listed: false, negatedByBreak: false, quoted, reported: false,
        statement: false, listBreak,
      });
    } else if (listBreak && clauses.length) clauses[clauses.length - 1].listBreak = true;
    clauseStart = atoms.length;
  };
  const closeSentence = (question: boolean) => {
    closeClause(true);
    if (atoms.length) result.push({ atoms, clauses, statement: false, list: false, question });
    atoms = [];
    clauses = [];
    clauseStart = 0;
    quoted = false;
  };
  for (const piece of stream) {
    if (piece.kind === 'end') { closeSentence(Boolean(piece.question)); continue; }
    if (piece.kind === 'list' || piece.kind === 'bracket') { closeClause(piece.kind === 'list'); continue; }
    if (piece.kind === 'quote') {
      if (piece.role === 'close' && !quoted) continue;
      closeClause(false);
      quoted = piece.role === 'toggle' ? !quoted : piece.role === 'open';
      continue;
    }
    for (const atom of piece.atoms!) {
      if (!atom.cjk && englishConjunctions.has(atom.text)) closeClause(false);
      atoms.push(atom);
    }
  }
  closeSentence(false);
  return result.map(splitChinese).map(splitNegatingBreaks);
}

/** Chinese conjunctions are whole segments: 但是, 所以, 而; 而不是 and 而非 negate what follows. */
function splitChinese(sentence: Sentence): Sentence {
  const clauses: Clause[] = [];
  for (const clause of sentence.clauses) {
    let from = clause.from;
    for (let index = clause.from; index < clause.to; index++) {
      const atom = sentence.atoms[index];
      if (!atom.cjk || !atom.segStart || index === from) continue;
      const segment = segmentAt(sentence.atoms, index);
      if (chineseConjunctions.has(segment)) {
        clauses.push({ ...clause, from, to: index, listBreak: false });
        from = index;
      }
    }
    clauses.push({ ...clause, from });
  }
  return { ...sentence, clauses };
}

function segmentAt(atoms: Atom[], index: number): string {
  let text = '';
  for (let at = index; at < atoms.length && atoms[at].cjk; at++) {
    text += atoms[at].text;
    if (atoms[at].segEnd) break;
  }
  return text;
}

/** "sendfile instead of mmap", "without copying", "用 sendfile 而不是 mmap": the break words are
 *  dropped and the clause after them starts negated. */
function splitNegatingBreaks(sentence: Sentence): Sentence {
  const atoms: Atom[] = [];
  const clauses: Clause[] = [];
  for (const clause of sentence.clauses) {
    let current: Clause = { ...clause, from: atoms.length, to: atoms.length };
    for (let index = clause.from; index < clause.to;) {
      const length = negatingBreakAt(sentence.atoms, index, clause.to);
      if (length) {
        current.to = atoms.length;
        if (current.to > current.from) clauses.push(current);
        current = { ...clause, from: atoms.length, to: atoms.length, negatedByBreak: true, listBreak: false };
        index += length;
        continue;
      }
      atoms.push(sentence.atoms[index]);
      index += 1;
    }
    current.to = atoms.length;
    if (current.to > current.from) clauses.push(current);
  }
  return { ...sentence, atoms, clauses };
}

function negatingBreakAt(atoms: Atom[], index: number, to: number): number {
  for (const words of englishNegatingBreaks) {
    if (words.every((word, offset) => index + offset < to && !atoms[index + offset].cjk && atoms[index + offset].text === word)) return words.length;
  }
  if (atoms[index].cjk && atoms[index].segStart) {
    for (const word of chineseNegatingBreaks) {
      if ([...word].every((char, offset) => index + offset < to && atoms[index + offset].text === char)) return word.length;
    }
  }
  return 0;
}

const byLength = (words: string[]) => [...words].sort((a, b) => b.length - a.length);
const cjkNegators = byLength(chineseNegators);
const cjkNotNegating = byLength(chineseNotNegating);

function findNegators(atoms: Atom[], clause: Clause): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  clause.conditional = [];
  for (let index = clause.from; index < clause.to; index++) {
    const atom = atoms[index];
    if (!atom.cjk) {
      if (englishNegatingAfter[atom.text]?.includes(atoms[index - 1]?.text)) { found.push([index - 1, 2]); continue; }
      if (!englishNegators.has(atom.text)) continue;
      const rule = englishNotNegating[atom.text];
      const next = atoms[index + 1]?.text;
      const previous = atoms[index - 1]?.text;
      if (rule?.after?.includes(next)) { clause.conditional.push([index, index + 1]); continue; }
      if (rule?.before?.includes(previous)) continue;
      found.push([index, 1]);
      continue;
    }
    const rest = (at: number, length: number) => atoms.slice(at, at + length).map((each) => each.text).join('');
    const covering = cjkNotNegating.find((word) => [...Array(word.length).keys()].some((back) =>
      index - back >= clause.from && rest(index - back, word.length) === word));
    if (covering) {
      const start = [...Array(covering.length).keys()].map((back) => index - back).find((at) => at >= clause.from && rest(at, covering.length) === covering)!;
      index = start + covering.length - 1;
      continue;
    }
    const negator = cjkNegators.find((word) => rest(index, word.length) === word);
    if (negator) {
      found.push([index, negator.length]);
      index += negator.length - 1;
    }
  }
  return found;
}

const objectWords = new Set(['it', 'them', 'everything', 'nothing', 'something', 'all', 'both', 'each', 'every', 'the', 'a', 'an',
  'this', 'that', 'these', 'those', 'its', 'their', 'your', 'my', 'our', 'into', 'to', 'from', 'out', 'back', 'over', 'up', 'down',
  'through', 'across', 'in', 'on', 'at', 'with', 'via', 'between', 'onto', 'off', 'away', 'straight', 'directly', 'only', 'just',
  'once', 'twice', 'again', 'still', 'also', 'never', 'always', 'itself', 'anyway', 'data', 'bytes', 'pages', 'file', 'files',
  'chunk', 'chunks', 'buffer', 'buffers', 'messages', 'batches', 'records', 'nothing', 'any', 'no', 'zero', 'one', 'two']);
const quantifiers = new Set(['more', 'fewer', 'many', 'no', 'extra', 'both', 'all', 'these', 'those', 'some', 'per', 'of', 'plus', 'and', 'few', 'several']);
const nounContinuers = new Set(['per', 'of', 'and', 'or', 'are', 'is', 'were', 'was']);
const subjectAdverbs = new Set(['to', 'not', 'never', 'also', 'just', 'only', 'still', 'always', 'then', 'simply', 'directly', 'actually',
  'really', 'usually', 'often', 'first']);

function englishStatement(atoms: Atom[], clause: Clause): boolean {
  for (let index = clause.from; index < clause.to; index++) {
    const atom = atoms[index];
    if (atom.cjk) continue;
    if (englishAuxiliaries.has(atom.text) || englishSubjects.has(atom.text)) return true;
    const form = isEnglishVerb(atom.text);
    if (!form) continue;
    const previous = index > clause.from ? atoms[index - 1].text : '';
    const next = index + 1 < clause.to ? atoms[index + 1].text : '';
    if (form === 'past') return true;
    const followedByObject = objectWords.has(next) || next.endsWith('ly');
    const counted = [previous, index > clause.from + 1 ? atoms[index - 2].text : ''].some((word) => latinNumber(word) !== undefined || quantifiers.has(word));
    // "the DMA remains" and "Deno calls Rust's std" are statements; "two CPU copies per chunk" is a noun phrase.
    if (form === 's' && !counted && (next ? !nounContinuers.has(next) : index - clause.from >= 2)) return true;
    if (form === 'base' && (subjectAdverbs.has(previous) || (index > clause.from && followedByObject && latinNumber(previous) === undefined))) return true;
  }
  return false;
}

function chineseStatement(atoms: Atom[], clause: Clause): boolean {
  for (let index = clause.from; index < clause.to; index++) {
    const atom = atoms[index];
    if (!atom.cjk || !atom.segStart) continue;
    const segment = segmentAt(atoms, index);
    if (chineseVerbs.has(segment) || /[了过着是]$/.test(segment)) return true;
    // "拷贝两次", "复制了一次": a verb that is also a noun, followed by how many times.
    if (/^(拷贝|复制|切换|映射|传输|发送|读|写|拷)$/.test(segment)) {
      const after = atoms.slice(index + segment.length, index + segment.length + 3);
      if (after.some((next) => next.number !== undefined)) return true;
    }
  }
  return false;
}

function reportsAClaim(atoms: Atom[], clause: Clause): boolean {
  const words = atoms.slice(clause.from, clause.to);
  if (words[0] && endorsing.has(words[0].text)) return false;
  if (words.some((atom) => !atom.cjk && englishReporting.has(atom.text))) return true;
  const chinese = words.filter((atom) => atom.cjk).map((atom) => atom.text).join('');
  return chineseReporting.some((cue) => chinese.includes(cue)) && !/^(正如|就像|如同)/.test(chinese);
}

const proseWords = new Set(['the', 'a', 'an', 'it', 'its', 'they', 'their', 'this', 'that', 'we', 'you', 'i', 'there', 'which', 'who']);
const proseChinese = new Set(['的', '了', '是', '就', '把', '会', '要', '在', '也', '都', '被', '让', '由', '还', '才', '这', '那', '它', '我', '你', '他', '们']);

/** A list of terms ("sendfile, page cache, DMA, zero-copy") says nothing, even with a verb in it:
 *  three or more items, three in four of them terse (at most four words, no article, pronoun or
 *  auxiliary, no Chinese particle or copula). The terse items are marked; a longer item that says
 *  something ("The data is copied four times: …") still counts. */
function markList(sentence: Sentence): boolean {
  const items: Clause[][] = [[]];
  for (const clause of sentence.clauses) {
    items[items.length - 1].push(clause);
    if (clause.listBreak) items.push([]);
  }
  const atomsOf = (item: Clause[]) => item.flatMap((clause) => sentence.atoms.slice(clause.from, clause.to));
  const nonEmpty = items.filter((item) => item.length);
  const terse = nonEmpty.filter((item) => {
    const atoms = atomsOf(item);
    return new Set(atoms.map((atom) => atom.word)).size <= 4
      && !atoms.some((atom) => atom.cjk ? proseChinese.has(atom.text) : proseWords.has(atom.text) || englishAuxiliaries.has(atom.text));
  });
  const list = terse.length >= 3 && terse.length / nonEmpty.length >= 0.75;
  if (list) for (const clause of terse.flat()) clause.listed = true;
  return list;
}

function annotate(sentence: Sentence): Sentence {
  const { atoms, clauses } = sentence;
  let word = -1;
  atoms.forEach((atom, index) => {
    if (!atom.cjk || atom.segStart || index === 0) word += 1;
    atom.word = word;
  });
  let reported = false;
  clauses.forEach((clause, index) => {
    for (let at = clause.from; at < clause.to; at++) atoms[at].clause = index;
    clause.negators = findNegators(atoms, clause);
    clause.statement = englishStatement(atoms, clause) || chineseStatement(atoms, clause) || clause.negators.some(([at]) => atoms[at].cjk);
    const first = atoms[clause.from];
    const contrast = contrastWords.has(first.text) || contrastWords.has(segmentAt(atoms, clause.from));
    reported = reportsAClaim(atoms, clause) || (reported && !contrast);
    clause.reported = reported;
  });
  const list = markList(sentence);
  return { ...sentence, list, statement: clauses.some((clause) => clause.statement && !clause.listed) };
}

/** The answer as sentences of clauses of atoms, each clause annotated for the grader. */
export function read(answer: string): Sentence[] {
  return sentences(pieces(normalise(answer))).map(annotate);
}
