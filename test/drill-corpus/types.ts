// The shape of the drill grader's regression corpus: for one bank question, five kinds of answer in
// each language, written the way different readers answer, not copied from the bank.
import type { Lang } from '../../scripts/drill/types.ts';

/** strong: an expert's own words; short: two sentences from a senior engineer; keywords: a bare list
 *  of the right terms; wrong: confident prose that uses the right terms in the wrong relation;
 *  myth: the common interview answer, stating the myths the question is about. */
export const answerKinds = ['strong', 'short', 'keywords', 'wrong', 'myth'] as const;
export type AnswerKind = typeof answerKinds[number];

export interface CorpusQuestion {
  id: string;
  answers: Record<Lang, Record<AnswerKind, string>>;
}
