// Grading a free-text answer on the claims it makes, not the words it contains.
//
// - Sentences. The answer is cut into sentences (. ! ? ; 。！？； or a line break) and those into
//   clauses (commas, colons, brackets, quotes, and before conjunctions such as "and", "but", "which",
//   "if", "所以", "而是", "如果"). Claims and myths count only in sentences that say something: a
//   clause has a verb (in English an auxiliary, a subject pronoun or a known verb used as one; in
//   Chinese a copula, modal, adverb, aspect marker, negation or verb), outside a list. A list is three
//   or more comma-separated items (in Chinese also space-separated ones), three in four of them
//   terse: at most four words, without an article, pronoun, auxiliary, relating word ("via", "用") or
//   Chinese particle. Its terse items count for nothing, so a bare list of the right terms scores 0.
//   A verbless sentence that is not a list ("Two CPU copies per chunk.") counts when the answer says
//   something elsewhere, or when it relates things ("Node via libuv, Deno via Rust"). Questions
//   ("Does sendfile copy …?") assert nothing.
// - Polarity. Each claim has forms (types.ts): parts that must occur in one sentence, near the last
//   part, whose clause decides. A `says` form holds in an affirmative clause, a `denies` form in a
//   negated or reversed one (not, no, never, without, instead of, avoids, saves; 不, 没有, 无法, 并非,
//   而不是, 省掉 …), and the opposite clause contradicts the claim. So "sendfile does not copy into
//   user space" asserts "no CPU copy through user space" and "sendfile still copies into user space"
//   contradicts it. Negations inside the matched words do not count, two side by side cancel ("can't
//   avoid", "省不掉"), repeated ones say no once, and a judgement ("… is wrong", "…不对") reverses
//   the rest. A bare mention is negated only by a word beside it. A condition ("when the input is a
//   socket", "…的话", a fronted "without it") can assert a claim but not contradict one, and no part
//   is borrowed across a "but" or "其实".
// - Numbers. A count ("two CPU copies", "copied twice", "两次拷贝") with another number beside the
//   noun ("copied four times") contradicts the claim.
// - Wrong relations. An `against` form names the right words in a wrong relation ("the page cache is
//   in the process"); when it holds in a sentence, that sentence contradicts the claim.
// - Myths. Each question lists the wrong claims a common answer makes. A myth is stated when one of
//   its forms holds outside quotes and reported speech ("the common answer says …", "所谓…");
//   denying it is fine. A sentence that states a myth earns no claims.
// - Score: the weighted share of the claims asserted, minus the weight of each claim contradicted
//   (a claim asserted anywhere in the answer is not also contradicted), minus half the total for
//   each myth stated; floored at 0, rounded to two decimals.
import { matchForm, type Verdict } from './claims.ts';
import { read, type Sentence } from './reading.ts';
import type { Claim, DrillQuestion, Lang, Myth } from './types.ts';

export interface MythStated {
  myth: string;
  correction: string;
}

export interface Grade {
  /** 0 to 1: asserted claims' share of the weight, less what the contradictions and myths cost. */
  score: number;
  hit: string[];
  missed: string[];
  contradicted: string[];
  myths: MythStated[];
}

/** A myth costs this share of the question's total weight. */
const mythCost = 1 / 2;

/** A sentence asserts a claim if a form holds, unless an `against` form states the wrong relation
 *  there too ("compression is fine, the kernel gzips inside sendfile" names the right words). */
function verdict(forms: Claim['forms'], sentence: Sentence, strict = false): Verdict | undefined {
  let found: Verdict | undefined;
  for (const form of forms) {
    const result = matchForm(form, sentence, strict);
    if (result === 'contradicts' && form.against) return result;
    if (result === 'asserts' || !found) found = result ?? found;
  }
  return found;
}

const stated = (myth: Myth, sentence: Sentence) => verdict(myth.forms, sentence, true) === 'asserts';

export function grade(question: DrillQuestion, answer: string, lang: Lang): Grade {
  const all = read(answer);
  // A verbless sentence ("Two CPU copies per chunk.") counts in an answer that says something
  // elsewhere; on its own, or as a list of terms, it does not.
  const prose = all.some((sentence) => sentence.statement && !sentence.question);
  const sentences = all.filter((sentence) => !sentence.question && (sentence.statement || (!sentence.list && (prose || sentence.relational))));
  const asserted = new Set<Claim>();
  const contradicted = new Set<Claim>();
  const myths = new Set<Myth>();
  for (const sentence of sentences) {
    const wrong = question.myths.filter((myth) => stated(myth, sentence));
    for (const myth of wrong) myths.add(myth);
    if (wrong.length) continue;
    for (const claim of question.claims) {
      const result = verdict(claim.forms, sentence);
      if (result === 'asserts') asserted.add(claim);
      else if (result === 'contradicts') contradicted.add(claim);
    }
  }
  for (const claim of asserted) contradicted.delete(claim);
  const total = question.claims.reduce((sum, claim) => sum + claim.weight, 0);
  const weigh = (claims: Iterable<Claim>) => [...claims].reduce((sum, claim) => sum + claim.weight, 0);
  const raw = weigh(asserted) - weigh(contradicted) - myths.size * mythCost * total;
  return {
    score: total ? Math.max(0, Math.round((raw / total) * 100) / 100) : 0,
    hit: question.claims.filter((claim) => asserted.has(claim)).map((claim) => claim.label[lang]),
    missed: question.claims.filter((claim) => !asserted.has(claim) && !contradicted.has(claim)).map((claim) => claim.label[lang]),
    contradicted: question.claims.filter((claim) => contradicted.has(claim)).map((claim) => claim.label[lang]),
    myths: question.myths.filter((myth) => myths.has(myth)).map((myth) => ({ myth: myth.label[lang], correction: myth.correction[lang] })),
  };
}
