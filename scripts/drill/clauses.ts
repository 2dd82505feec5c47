// Cutting an answer into sentences and clauses. A sentence ends at . ! ? ; 。！？； or a line break;
// a clause at a comma, colon, bracket or quote, and before a conjunction ("and", "but", "which",
// "if", "所以", "而是", "如果"). A clause knows whether it is quoted, whether it is only a condition
// ("if …", "when …", "…的话", a fronted "without …"), and whether a break like "instead of" or
// "而不是" negates it.
import { itemAt } from './indexing.ts';
import {
  chineseConditionEnds, chineseConditions, chineseConjunctions, chineseFailingConditions, chineseNegatingBreaks, englishConditions,
  englishConjunctions,
  englishNegatingBreaks,
} from './lexicon.ts';
import type { Atom, Piece } from './tokens.ts';

export interface Clause {
  from: number;
  to: number;
  /** The atoms that negate or reverse the clause, as [first atom, length, judges the whole claim]. */
  negators: Array<[number, number, boolean]>;
  /** "not only": a negator that negates only when the word after it is part of the claim matched
   *  ("it is not only for TCP" denies the myth "only for TCP"), as [negator, the word it depends on]. */
  dependent: Array<[number, number]>;
  /** A break like "instead of" or "而不是" starts the clause. */
  negatedByBreak: boolean;
  /** "if …", "when …", "不支持的话", "without it …": a condition, which can support a claim but not deny one. */
  condition: boolean;
  quoted: boolean;
  reported: boolean;
  /** Starts with "but", "however", "但是", "其实": what follows is a separate proposition. */
  contrast: boolean;
  statement: boolean;
  /** An item of a list of terms: claims in it do not count. */
  listed: boolean;
  /** The clause ended at a comma-like break, which is what separates the items of a list. */
  listBreak: boolean;
}

export interface Sentence {
  atoms: Atom[];
  clauses: Clause[];
  /** At least one clause, outside a list of terms, has a verb. */
  statement: boolean;
  /** Three or more short comma-separated items: a list of terms. */
  list: boolean;
  /** Relates things without a verb ("Node via libuv, Deno via Rust"): it counts in an answer, a list does not. */
  relational: boolean;
  question: boolean;
}

function clause(from: number, to: number, quoted: boolean, listBreak: boolean): Clause {
  return {
    from, to, negators: [], dependent: [], negatedByBreak: false, condition: false, quoted, reported: false, contrast: false,
    statement: false, listed: false, listBreak,
  };
}

/** A copy of a clause with its own lists, for the part of it that a split leaves. */
const fresh = (part: Clause): Clause => ({ ...part, negators: [], dependent: [] });

/** Cuts the pieces into sentences of clauses; English conjunctions and quotes start clauses too. */
function sentences(stream: Piece[]): Sentence[] {
  const result: Sentence[] = [];
  let atoms: Atom[] = [];
  let clauses: Clause[] = [];
  let quoted = false;
  let clauseStart = 0;
  const closeClause = (listBreak: boolean) => {
    if (atoms.length > clauseStart) clauses.push(clause(clauseStart, atoms.length, quoted, listBreak));
    else if (listBreak && clauses.length) itemAt(clauses, clauses.length - 1, 'clauses').listBreak = true;
    clauseStart = atoms.length;
  };
  const closeSentence = (question: boolean) => {
    closeClause(true);
    if (atoms.length) result.push({ atoms, clauses, statement: false, list: false, relational: false, question });
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
      if (!atom.cjk && (englishConjunctions.has(atom.text) || englishConditions.has(atom.text))) closeClause(false);
      atoms.push(atom);
    }
  }
  closeSentence(false);
  return result;
}

export function segmentAt(atoms: Atom[], index: number): string {
  let text = '';
  for (let at = index; at < atoms.length; at++) {
    const atom = itemAt(atoms, at, 'atoms');
    if (!atom.cjk) break;
    text += atom.text;
    if (atom.segEnd) break;
  }
  return text;
}

/** Chinese conjunctions are whole segments (但是, 所以, 而是); a condition starts with 如果 or ends with 的话. */
function splitChinese(sentence: Sentence): Sentence {
  const clauses: Clause[] = [];
  for (const part of sentence.clauses) {
    let from = part.from;
    for (let index = part.from; index < part.to; index++) {
      const atom = itemAt(sentence.atoms, index, 'atoms');
      if (!atom.cjk || !atom.segStart) continue;
      const segment = segmentAt(sentence.atoms, index);
      if (index > from && (chineseConjunctions.has(segment) || chineseConditions.has(segment))) {
        clauses.push({ ...fresh(part), from, to: index, listBreak: false });
        from = index;
      } else if ((chineseConditionEnds.has(segment) || (chineseFailingConditions.has(segment) && ['就', '再'].includes(sentence.atoms[index + segment.length]?.text ?? '')))
        && index + segment.length < part.to) {
        clauses.push({ ...fresh(part), from, to: index + segment.length, listBreak: false });
        from = index + segment.length;
      }
    }
    clauses.push({ ...fresh(part), from });
  }
  return { ...sentence, clauses };
}

function negatingBreakAt(atoms: Atom[], index: number, to: number): string[] | undefined {
  const english = englishNegatingBreaks.find((words) => words.every((word, offset) => {
    if (index + offset >= to) return false;
    const atom = itemAt(atoms, index + offset, 'atoms');
    return !atom.cjk && atom.text === word;
  }));
  if (english) return english;
  const first = itemAt(atoms, index, 'atoms');
  if (!first.cjk || !first.segStart) return undefined;
  const chinese = chineseNegatingBreaks.find((word) => [...word].every((char, offset) => index + offset < to && itemAt(atoms, index + offset, 'atoms').text === char));
  return chinese ? [...chinese] : undefined;
}

/** "sendfile instead of mmap", "sends it without copying", "用 sendfile 而不是 mmap": the break
 *  words are dropped and the clause after them is negated. At the start of a clause, "without …"
 *  and "unlike …" set a condition or a contrast instead ("without it, the kernel copies"). */
function splitNegatingBreaks(sentence: Sentence): Sentence {
  const atoms: Atom[] = [];
  const clauses: Clause[] = [];
  for (const part of sentence.clauses) {
    let current: Clause = { ...fresh(part), from: atoms.length, to: atoms.length };
    for (let index = part.from; index < part.to;) {
      const words = negatingBreakAt(sentence.atoms, index, part.to);
      if (!words) { atoms.push(itemAt(sentence.atoms, index, 'atoms')); index += 1; continue; }
      current.to = atoms.length;
      const fronted = current.to === current.from;
      if (!fronted) clauses.push(current);
      const condition = fronted && ['without', 'unlike', '不像'].includes(words.join(''));
      current = { ...fresh(part), from: atoms.length, to: atoms.length, negatedByBreak: !condition, condition: part.condition || condition };
      index += words.length;
    }
    current.to = atoms.length;
    if (current.to > current.from) clauses.push(current);
  }
  return { ...sentence, atoms, clauses };
}

function lastSegment(atoms: Atom[], part: Clause): string {
  let at = part.to - 1;
  while (at > part.from && !itemAt(atoms, at, 'atoms').segStart) at -= 1;
  return itemAt(atoms, at, 'atoms').cjk ? segmentAt(atoms, at) : '';
}

/** Marks the clauses that only state a condition. */
function markConditions(sentence: Sentence): Sentence {
  for (const part of sentence.clauses) {
    const first = itemAt(sentence.atoms, part.from, 'atoms');
    const opens = first.cjk ? chineseConditions.has(segmentAt(sentence.atoms, part.from)) : englishConditions.has(first.text);
    const last = lastSegment(sentence.atoms, part);
    const failing = chineseFailingConditions.has(last) && ['就', '再'].includes(sentence.atoms[part.to]?.text ?? '');
    if (opens || failing || chineseConditionEnds.has(last)) part.condition = true;
  }
  return sentence;
}

export function cut(stream: Piece[]): Sentence[] {
  return sentences(stream).map(splitChinese).map(splitNegatingBreaks).map(markConditions);
}
