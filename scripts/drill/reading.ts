// Reading an answer for the grader: which atoms negate each clause, which clauses have a verb,
// which report someone else's claim, and which sentences are bare lists of terms.
import { cut, segmentAt, type Clause, type Sentence } from './clauses.ts';
import { itemAt } from './indexing.ts';
import {
  chineseEvaluative, chineseNegators, chineseNotNegating, chineseRelations, chineseReporting, chineseVerbs, contrastWords, endorsing, englishAuxiliaries,
  englishEvaluative, englishNegatingAfter, englishNegators, englishNotNegating, englishRelations, englishReporting, englishSubjectNouns, englishSubjects,
} from './lexicon.ts';
import { latinNumber, normalise, pieces, type Atom } from './tokens.ts';
import { isEnglishVerb } from './words.ts';

export type { Clause, Sentence } from './clauses.ts';
export type { Atom } from './tokens.ts';

const byLength = (words: string[]) => [...words].sort((a, b) => b.length - a.length);
const cjkNegators = byLength(chineseNegators);
const cjkNotNegating = byLength(chineseNotNegating);

function findNegators(atoms: Atom[], clause: Clause): void {
  const text = (at: number, length: number) => atoms.slice(at, at + length).map((each) => each.text).join('');
  for (let index = clause.from; index < clause.to; index++) {
    const atom = itemAt(atoms, index, 'atoms');
    if (!atom.cjk) {
      if (englishNegatingAfter[atom.text]?.includes(atoms[index - 1]?.text ?? '')) { clause.negators.push([index - 1, 2, false]); continue; }
      if (!englishNegators.has(atom.text)) continue;
      const rule = englishNotNegating[atom.text];
      if (rule?.after?.includes(atoms[index + 1]?.text ?? '')) { clause.dependent.push([index, index + 1]); continue; }
      if (!rule?.before?.includes(atoms[index - 1]?.text ?? '')) clause.negators.push([index, 1, englishEvaluative.has(atom.text)]);
      continue;
    }
    // Words such as 不同 (different) or 有没有 (whether) hold a negator but do not negate.
    const cover = cjkNotNegating.map((word) => ({ word, at: [...Array(word.length).keys()].map((back) => index - back)
      .find((at) => at >= clause.from && text(at, word.length) === word) })).find((found) => found.at !== undefined);
    if (cover) { index = cover.at! + cover.word.length - 1; continue; }
    const negator = cjkNegators.find((word) => text(index, word.length) === word);
    if (negator) { clause.negators.push([index, negator.length, chineseEvaluative.has(negator)]); index += negator.length - 1; }
  }
}

/** Whether a clause denies what a claim matched in it. Negators inside the matched words do not
 *  count; two negators side by side cancel ("can't avoid", "省不掉", "不能不"); repeated ones say no
 *  once ("不能复用也不能覆盖"); a judgement ("… is wrong", "…是不对的") reverses the rest again. */
export function isNegated(atoms: Atom[], clause: Clause, inMatch: (at: number) => boolean, words?: [number, number]): boolean {
  const wordOf = (at: number) => itemAt(atoms, at, 'atoms').word;
  const near = (at: number) => !words || (wordOf(at) >= words[0] && wordOf(at) <= words[1]);
  const found = clause.negators.filter(([at, length]) => !inMatch(at) && !inMatch(at + length - 1) && near(at))
    .concat(clause.dependent.filter(([, dependsOn]) => inMatch(dependsOn)).map(([at]) => [at, 1, false] as [number, number, boolean]))
    .sort((a, b) => a[0] - b[0]);
  let plain = 0;
  let judgements = 0;
  for (let index = 0; index < found.length; index++) {
    const [at, length, judges] = itemAt(found, index, 'found');
    const next = found[index + 1];
    if (next && !judges && !next[2] && wordOf(next[0]) - wordOf(at + length - 1) <= 2) { index += 1; continue; }
    if (judges) judgements += 1; else plain += 1;
  }
  return ((plain > 0 ? 1 : 0) + judgements + (clause.negatedByBreak ? 1 : 0)) % 2 === 1;
}

const objectWords = new Set(['it', 'them', 'everything', 'nothing', 'something', 'all', 'both', 'each', 'every', 'the', 'a', 'an',
  'this', 'that', 'these', 'those', 'its', 'their', 'your', 'my', 'our', 'into', 'to', 'from', 'out', 'back', 'over', 'up', 'down',
  'through', 'across', 'in', 'on', 'at', 'with', 'via', 'between', 'onto', 'off', 'away', 'straight', 'directly', 'only', 'just',
  'once', 'twice', 'again', 'still', 'also', 'never', 'always', 'itself', 'anyway', 'data', 'bytes', 'pages', 'file', 'files',
  'chunk', 'chunks', 'buffer', 'buffers', 'messages', 'batches', 'records', 'any', 'no', 'zero', 'one', 'two']);
const quantifiers = new Set(['more', 'fewer', 'many', 'no', 'extra', 'both', 'all', 'these', 'those', 'some', 'per', 'of', 'plus', 'and', 'few', 'several']);
const nounContinuers = new Set(['per', 'of', 'and', 'or', 'are', 'is', 'were', 'was']);
const subjectAdverbs = new Set(['to', 'not', 'never', 'also', 'just', 'only', 'still', 'always', 'then', 'simply', 'directly', 'actually',
  'really', 'usually', 'often', 'first']);

/** An auxiliary, a subject pronoun, or a known verb used as one: "copied", "the DMA remains",
 *  "Deno calls Rust's std", "the NIC pulls it"; not "two CPU copies per chunk". */
function englishStatement(atoms: Atom[], clause: Clause): boolean {
  for (let index = clause.from; index < clause.to; index++) {
    const atom = itemAt(atoms, index, 'atoms');
    if (atom.cjk) continue;
    if (englishAuxiliaries.has(atom.text) || englishSubjects.has(atom.text)) return true;
    const form = isEnglishVerb(atom.text);
    if (!form || form === 'ing') continue;
    if (form === 'past') return true;
    const previous = index > clause.from ? itemAt(atoms, index - 1, 'atoms').text : '';
    const next = index + 1 < clause.to ? itemAt(atoms, index + 1, 'atoms').text : '';
    const counted = [previous, index > clause.from + 1 ? itemAt(atoms, index - 2, 'atoms').text : '']
      .some((word) => latinNumber(word) !== undefined || quantifiers.has(word));
    if (form === 's' && !counted && (next ? !nounContinuers.has(next) : index - clause.from >= 2)) return true;
    const subject = englishSubjectNouns.has(previous) || (previous.endsWith('s') && !previous.endsWith('ss') && !isEnglishVerb(previous));
    const object = !next || objectWords.has(next) || next.endsWith('ly');
    if (form === 'base' && (subjectAdverbs.has(previous) || (subject && object && latinNumber(previous) === undefined))) return true;
  }
  return false;
}

/** A copula, modal, adverb, aspect marker or verb; a noun-verb like 拷贝 followed by how many times. */
function chineseStatement(atoms: Atom[], clause: Clause): boolean {
  for (let index = clause.from; index < clause.to; index++) {
    const atom = itemAt(atoms, index, 'atoms');
    if (!atom.cjk || !atom.segStart) continue;
    const segment = segmentAt(atoms, index);
    if (chineseVerbs.has(segment) || /[了过着是]$/.test(segment)) return true;
    if (/^(拷贝|复制|切换|映射|传输|发送|读|写|拷)$/.test(segment)) {
      if (atoms.slice(index + segment.length, index + segment.length + 3).some((next) => next.number !== undefined)) return true;
    }
  }
  return clause.negators.some(([at]) => itemAt(atoms, at, 'atoms').cjk);
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

/** "via", "instead of", "用", "通过": words that relate one thing to another. */
function relates(atoms: Atom[]): boolean {
  // 用 relates ("clone 用 sendfile"), but not inside 调用, which the segmenter cuts as 调|用.
  return atoms.some((atom, index) => atom.cjk
    ? atom.segStart && chineseRelations.has(segmentAt(atoms, index)) && !(atom.text === '用' && atoms[index - 1]?.text === '调')
    : englishRelations.has(atom.text));
}

/** Modals and adverbs that make a short Chinese clause a sentence ("sendfile 照样可用"), not a term. */
const proseChineseWords = new Set(['照样', '仍然', '依然', '照常', '已经', '只是', '必须', '可以', '能够', '不能', '不会', '没法', '需要', '应该', '可用', '能用']);
const prosaic = (atoms: Atom[]) => relates(atoms)
  || atoms.some((atom, index) => atom.cjk
    ? proseChinese.has(atom.text) || (atom.segStart && proseChineseWords.has(segmentAt(atoms, index)))
    : proseWords.has(atom.text) || englishAuxiliaries.has(atom.text));

/** Chinese with English terms, separated by spaces and nothing else ("EXDEV 跨文件系统 回退 sendfile
 *  read/write libuv Rust"), is a list too. Chinese prose puts spaces only around an English term;
 *  a space between two Chinese words, or three English terms in a row that make no phrase, give a
 *  list away, and then each spaced chunk is an item. */
function spacedItems(atoms: Atom[], chineseSpace: boolean): Atom[][] {
  if (!atoms.some((atom) => atom.cjk) || prosaic(atoms)) return [atoms];
  const chunks: Atom[][] = [];
  for (const atom of atoms) if (atom.spaced || !chunks.length) chunks.push([atom]); else chunks.at(-1)!.push(atom);
  let latinRun = 0;
  let termRun = false;
  for (const chunk of chunks) {
    latinRun = chunk.every((atom) => !atom.cjk) ? latinRun + 1 : 0;
    if (latinRun >= 3) termRun = true;
  }
  return chunks.length >= 3 && (chineseSpace || termRun) ? chunks : [atoms];
}

/** A list of terms ("sendfile, page cache, DMA, zero-copy") says nothing, even with a verb in it:
 *  three or more items, three in four of them terse (at most four words, no article, pronoun,
 *  auxiliary or relating word, no Chinese particle or copula). The terse items are marked; a
 *  longer item that says something ("The data is copied four times: …") still counts. */
function markList(sentence: Sentence): boolean {
  const items: Atom[][] = [[]];
  for (const clause of sentence.clauses) {
    itemAt(items, items.length - 1, 'items').push(...sentence.atoms.slice(clause.from, clause.to));
    if (clause.listBreak) items.push([]);
  }
  // A space between two Chinese words anywhere in the sentence shows it is spaced, not written.
  const chineseSpace = sentence.atoms.some((atom, index) => atom.cjk && atom.spaced && sentence.atoms[index - 1]?.cjk);
  const nonEmpty = items.filter((item) => item.length).flatMap((item) => spacedItems(item, chineseSpace));
  const terse = nonEmpty.filter((atoms) => new Set(atoms.map((atom) => atom.word)).size <= 4 && !prosaic(atoms));
  const list = terse.length >= 3 && terse.length / nonEmpty.length >= 0.75;
  // A clause is listed when its atoms lie in terse items only.
  const listedAtoms = new Set(terse.flat());
  if (list) for (const clause of sentence.clauses) clause.listed = sentence.atoms.slice(clause.from, clause.to).every((atom) => listedAtoms.has(atom));
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
    for (const atom of atoms.slice(clause.from, clause.to)) atom.clause = index;
    findNegators(atoms, clause);
    clause.statement = englishStatement(atoms, clause) || chineseStatement(atoms, clause);
    const first = itemAt(atoms, clause.from, 'atoms');
    clause.contrast = contrastWords.has(first.text) || contrastWords.has(segmentAt(atoms, clause.from));
    reported = reportsAClaim(atoms, clause) || (reported && !clause.contrast);
    clause.reported = reported;
  });
  const list = markList(sentence);
  return { ...sentence, list, statement: clauses.some((clause) => clause.statement && !clause.listed), relational: !list && relates(atoms) };
}

/** The answer as sentences of clauses of atoms, each clause annotated for the grader. */
export function read(answer: string): Sentence[] {
  return cut(pieces(normalise(answer))).map(annotate);
}
