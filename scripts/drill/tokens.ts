// The first step of reading an answer: lower case, one spelling for each term, then atoms. English
// is cut into word tokens (so "bundle" is never "Bun"); Chinese into Intl.Segmenter words, each
// character an atom that knows the bounds of its segment. One answer may mix both.
import { itemAt } from './indexing.ts';
import { chineseDigits, englishNumbers } from './lexicon.ts';

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
  /** White space stands before it. */
  spaced?: boolean;
}

/** An atom, or a mark between atoms: the end of a sentence, a list break, a bracket, a quote. */
export interface Piece {
  kind: 'atom' | 'end' | 'list' | 'bracket' | 'quote';
  text: string;
  atoms?: Atom[];
  question?: boolean;
  /** A quote mark opens or closes a quotation; a straight double quote toggles it. */
  role?: 'open' | 'close' | 'toggle';
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
  for (const char of itemAt(match, 1, 'numeral match')) {
    if (char === '十') { value += (current || 1) * 10; current = 0; } else if (char === '百') { value += (current || 1) * 100; current = 0; } else if (char === '千' || char === '万') {
      value = (value + current) * (char === '千' ? 1000 : 10000); current = 0;
    } else current = chineseDigits[char] ?? 0;
  }
  return value + current;
}

export function latinNumber(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  return englishNumbers[text];
}

const openingQuotes = new Set(['“', '「', '『', '‘']);

/** A straight single quote opens before a word and closes after one; "consumers' offsets" closes nothing. */
function quoteRole(mark: string, before: string, after: string): Piece['role'] {
  if (mark === '"') return 'toggle';
  if (mark === "'") return /[a-z0-9\u3400-\u9fff]/.test(after) && !/[a-z0-9]/.test(before) ? 'open' : 'close';
  return openingQuotes.has(mark) ? 'open' : 'close';
}

/** The answer as a stream of atoms and breaks, before it is cut into sentences. */
export function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let previousCjk = false;
  let spaced = false;
  for (const match of text.matchAll(token)) {
    const groups = match.groups!;
    const before = spaced;
    spaced = Boolean(groups.space);
    if (groups.cjk) {
      const atoms: Atom[] = [];
      for (const { segment } of segmenter.segment(groups.cjk)) {
        const value = numberOfSegment(segment);
        [...segment].forEach((char, index) => atoms.push({
          text: char, cjk: true, segStart: index === 0, segEnd: index === segment.length - 1, word: 0, clause: 0,
          number: index === 0 ? value : undefined,
        }));
      }
      itemAt(atoms, 0, 'atoms').spaced = before;
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
    const word = groups.latin || groups.path;
    if (word) {
      const unit = /^(\d+(?:\.\d+)?)([kmg]i?b|[kmg]bps|bytes?|ms|us|ns)$/.exec(word);
      const texts = unit ? [itemAt(unit, 1, 'unit match'), itemAt(unit, 2, 'unit match')] : [word];
      out.push({ kind: 'atom', text: word, atoms: texts.map((text, index) => ({
        text, cjk: false, segStart: true, segEnd: true, word: 0, clause: 0, number: latinNumber(text), spaced: before && index === 0,
      })) });
    } else if (groups.end) {
      out.push({ kind: 'end', text: groups.end, question: /[?？]/.test(groups.end) });
    } else if (groups.quote) {
      const at = match.index!;
      out.push({ kind: 'quote', text: groups.quote, role: quoteRole(groups.quote, text[at - 1] ?? ' ', text[at + 1] ?? ' ') });
    } else if (groups.list) {
      out.push({ kind: 'list', text: groups.list });
    } else if (groups.bracket) {
      out.push({ kind: 'bracket', text: groups.bracket });
    }
  }
  return out;
}
