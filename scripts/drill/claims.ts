// Matching a claim's forms against one sentence of an answer. A term is a phrase of units: an English
// word (with its inflections when written "copy~") must be a whole token, so "bundle" is not "Bun";
// Chinese characters must line up with Intl.Segmenter's segments (a one-character term is a whole
// segment, a longer one starts or ends on a segment bound), so "批" does not match inside "批评".
import { itemAt } from './indexing.ts';
import { isNegated, type Atom, type Sentence } from './reading.ts';
import { normalise } from './tokens.ts';
import type { Form, Part } from './types.ts';
import { inflect } from './words.ts';

type Unit = { latin: string[] } | { cjk: string };
type Term = Unit[];
interface CompiledPart { terms: Term[]; count?: { value: number; except: Term[] } }
interface CompiledForm { parts: CompiledPart[]; negated: boolean; against: boolean; oneWay: boolean; unless: Term[] }

/** Where a part matched: its atoms, and for a count whether the number was the expected one. */
interface Hit { from: number; to: number; word: number; clause: number; wrongNumber?: boolean }

export type Verdict = 'asserts' | 'contradicts';

const cjkChunk = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\s]+/g;

function compileTerm(text: string): Term {
  const units: Term = [];
  for (const word of text.trim().split(/\s+/)) {
    const inflected = word.endsWith('~');
    const plain = normalise(inflected ? word.slice(0, -1) : word).trim();
    const chunks = plain.match(cjkChunk) ?? [];
    chunks.forEach((chunk, index) => {
      if (/^[\u3400-\u9fff\uf900-\ufaff]/.test(chunk)) units.push({ cjk: chunk });
      else units.push({ latin: inflected && index === chunks.length - 1 ? inflect(chunk) : [chunk] });
    });
  }
  return units;
}

const compileTerms = (alternatives: string) => alternatives.split('|').map((text) => text.trim()).filter(Boolean).map(compileTerm);

function compilePart(part: Part): CompiledPart {
  if (typeof part === 'string') return { terms: compileTerms(part) };
  return { terms: compileTerms(part.of), count: { value: part.count, except: compileTerms(part.except ?? '') } };
}

const compiled = new WeakMap<Form, CompiledForm>();
function compile(form: Form): CompiledForm {
  let done = compiled.get(form);
  if (!done) {
    done = {
      parts: form.parts.map(compilePart), negated: form.negated, against: Boolean(form.against), oneWay: Boolean(form.oneWay),
      unless: compileTerms(form.unless ?? ''),
    };
    compiled.set(form, done);
  }
  return done;
}

function latinMatches(unit: { latin: string[] }, atom: Atom): boolean {
  if (atom.cjk) return false;
  if (unit.latin.includes(atom.text)) return true;
  // "Bun.file" names Bun, "FileChannel.transferTo" names transferTo; "2.6.33" names no "2".
  return atom.text.includes('.') && /[a-z]/.test(atom.text) && atom.text.split('.').some((part) => unit.latin.includes(part));
}

/** The atoms a term covers when it starts at `at`, or 0. */
function termAt(term: Term, atoms: Atom[], at: number): number {
  let index = at;
  for (const unit of term) {
    if ('latin' in unit) {
      if (index >= atoms.length || !latinMatches(unit, itemAt(atoms, index, 'atoms'))) return 0;
      index += 1;
      continue;
    }
    const chars = [...unit.cjk];
    const span = atoms.slice(index, index + chars.length);
    if (span.length < chars.length || span.some((atom, offset) => !atom.cjk || atom.text !== chars[offset])) return 0;
    const first = itemAt(span, 0, 'span');
    const aligned = chars.length === 1 ? first.segStart && first.segEnd : first.segStart || span.at(-1)!.segEnd;
    if (!aligned) return 0;
    index += chars.length;
  }
  const clause = itemAt(atoms, at, 'atoms').clause;
  return atoms.slice(at, index).every((atom) => atom.clause === clause) ? index - at : 0;
}

function findTerms(terms: Term[], atoms: Atom[], clauses?: Set<number>): Hit[] {
  const hits: Hit[] = [];
  for (const [at, atom] of atoms.entries()) {
    if (clauses && !clauses.has(atom.clause)) continue;
    for (const term of terms) {
      const length = termAt(term, atoms, at);
      if (length) { hits.push({ from: at, to: at + length, word: atom.word, clause: atom.clause }); break; }
    }
  }
  return hits;
}

/** Numbers that count things: small integers, or "2.00" copies per byte; not 64 KiB or version 5.12. */
function countValue(atoms: Atom[], index: number): number | undefined {
  const atom = itemAt(atoms, index, 'atoms');
  const value = atom.number;
  if (value === undefined) return undefined;
  if (!atom.cjk && /\./.test(atom.text) && !/\.0+$/.test(atom.text)) return undefined;
  if (value > 20) return undefined;
  const next = atoms[index + 1]?.text ?? '';
  if (/^([kmg]i?b|bytes?|kb|mb|gb|%|ms|gbps|percent|times?faster|x)$/.test(next)) return undefined;
  return value;
}

function findCounts(part: CompiledPart, atoms: Atom[]): Hit[] {
  const { value, except } = part.count!;
  const hits: Hit[] = [];
  const excepted = except.length ? findTerms(except, atoms) : [];
  for (const noun of findTerms(part.terms, atoms)) {
    // "two DMA copies", "four copies in total": another count, not this one.
    if (excepted.some((hit) => hit.clause === noun.clause && Math.abs(hit.word - noun.word) <= 2)) continue;
    let right: number | undefined;
    let wrong: number | undefined;
    for (const [index, atom] of atoms.entries()) {
      if (atom.clause !== noun.clause || (index >= noun.from && index < noun.to)) continue;
      const word = atom.word;
      const distance = word < noun.word ? noun.word - word : word - itemAt(atoms, noun.to - 1, 'atoms').word;
      if (distance > 3) continue;
      const number = countValue(atoms, index);
      if (number === undefined) continue;
      if (number === value) right = index; else wrong ??= index;
    }
    const at = right ?? wrong;
    if (at === undefined) continue;
    hits.push({ from: Math.min(at, noun.from), to: Math.max(at + 1, noun.to), word: noun.word, clause: noun.clause, wrongNumber: right === undefined });
  }
  return hits;
}

/** How far, in words and in clauses, a form's other parts may be from its last part. */
const reach = 14;

/** How one form reads in one sentence: asserted, contradicted, or not there. With `strict`, a form
 *  matched in a quoted or reported clause does not count (a myth someone else states). */
export function matchForm(form: Form, sentence: Sentence, strict = false): Verdict | undefined {
  const { parts, negated, against, oneWay, unless } = compile(form);
  const { atoms, clauses } = sentence;
  const hitsOf = parts.map((part) => part.count ? findCounts(part, atoms) : findTerms(part.terms, atoms));
  if (hitsOf.some((hits) => !hits.length)) return undefined;
  let verdict: Verdict | undefined;
  for (const key of hitsOf.at(-1)!) {
    const chosen = [key];
    for (const hits of hitsOf.slice(0, -1)) {
      // The nearest occurrence, preferring one in the key's own clause, never across a "but".
      const contrasted = (hit: Hit) => clauses.slice(Math.min(hit.clause, key.clause) + 1, Math.max(hit.clause, key.clause) + 1).some((each) => each.contrast);
      const near = hits.filter((hit) => Math.abs(hit.word - key.word) <= reach && Math.abs(hit.clause - key.clause) <= 2
        && (hit.to <= key.from || hit.from >= key.to) && !contrasted(hit))
        .sort((a, b) => Number(a.clause !== key.clause) - Number(b.clause !== key.clause) || Math.abs(a.word - key.word) - Math.abs(b.word - key.word))[0];
      if (!near) { chosen.length = 0; break; }
      chosen.push(near);
    }
    if (!chosen.length) continue;
    const used = new Set(chosen.map((hit) => hit.clause));
    if ([...used].some((index) => itemAt(clauses, index, 'clauses').listed)) continue;
    if (strict && [...used].map((index) => itemAt(clauses, index, 'clauses')).some((each) => each.quoted || each.reported)) continue;
    if (unless.length && findTerms(unless, atoms, used).length) continue;
    const clause = itemAt(clauses, key.clause, 'clauses');
    const inMatch = (at: number) => chosen.some((hit) => at >= hit.from && at < hit.to);
    // A bare mention is negated only by a word right beside it ("no real fallback", "Bun can't do
    // it", "拷贝没有了"), not by a negation elsewhere in its clause ("Kafka's consumers barely touch
    // the disk", "通知前不能动").
    const single = parts.length === 1 && !itemAt(parts, 0, 'parts').count;
    // English puts the negation after a subject ("sendfile is no longer used"); Chinese after a noun
    // it negates only when it follows at once ("拷贝没有了").
    const keyEnd = itemAt(atoms, key.to - 1, 'atoms');
    const after = keyEnd.cjk ? 1 : 3;
    const near: [number, number] | undefined = single ? [key.word - 4, keyEnd.word + after] : undefined;
    // The wrong relation of an `against` form must be stated plainly, in every clause it spans.
    const affirmative = against ? [...used].every((index) => !isNegated(atoms, itemAt(clauses, index, 'clauses'), inMatch))
      : !isNegated(atoms, clause, inMatch, near);
    const wrongNumber = chosen.some((hit) => hit.wrongNumber);
    // A claim inside a condition ("when the input is a socket") cannot be denied there, and a
    // mention of what a claim denies ("the broker parses batches") is not its contradiction.
    const assertOnly = oneWay || clause.condition || (single && negated);
    const result: Verdict | undefined = wrongNumber || against ? (affirmative && !assertOnly ? 'contradicts' : undefined)
      : affirmative !== negated ? 'asserts' : assertOnly ? undefined : 'contradicts';
    if (result === 'asserts') return result;
    verdict ??= result;
  }
  return verdict;
}
