// Grading a free-text answer on the claims it makes, not the words it contains.
//
// - Sentences and clauses. The answer is cut into sentences (. ! ? ; 。！？； or a line break) and
//   sentences into clauses (commas, colons, brackets, quotes, conjunctions such as "but", "which",
//   "所以", "而是"). A sentence says something only if one of its clauses has a verb (in English an
//   auxiliary, a subject pronoun or a known verb used as one; in Chinese a copula, modal, adverb,
//   aspect marker, negation or verb) and it is not a list: three or more comma-separated items of
//   at most four words each. Claims and myths count only in sentences that say something and are
//   not questions, so a bare list of the right terms scores nothing.
// - Polarity. Each claim has forms; a form's parts must all occur in one sentence within a few
//   words of its last part, and that part's clause decides: a `says` form holds in an affirmative
//   clause, a `denies` form in a negated or reversed one (not, no, never, without, instead of,
//   avoids, saves; 不, 没有, 无法, 并非, 而不是, 省掉 …). So "sendfile does not copy into user space"
//   asserts the claim "no CPU copy through user space", and "sendfile still copies into user space"
//   contradicts it. Negations inside the matched words themselves do not count twice.
// - Numbers. A count ("two CPU copies", "copied twice", "两次拷贝") with another number beside the
//   noun ("copied four times") contradicts the claim.
// - Myths. Each question lists wrong claims a common answer makes. A myth is stated when one of its
//   forms holds outside quotes and reported speech ("the common answer says …", "所谓…"); denying
//   it is fine. A sentence that states a myth earns no claims.
// - Score: the weighted share of the claims asserted, minus the weight of each claim contradicted
//   (a claim asserted anywhere in the answer is not also contradicted), minus half the total
//   for each myth stated; floored at 0, rounded to two decimals.
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
