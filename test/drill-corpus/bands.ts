// Scores every corpus answer on its own question and sums them up by kind of answer and language:
// what the tests hold to bands, and what `npx tsx test/drill-corpus/bands.ts` prints for a review.
import { bank } from '../../scripts/drill/bank.ts';
import { grade, type Grade } from '../../scripts/drill/grade.ts';
import { langs, type Lang } from '../../scripts/drill/types.ts';
import { heldOut } from './held-out.ts';
import { tuningRest } from './tuning-rest.ts';
import { tuning } from './tuning.ts';
import { answerKinds, type AnswerKind, type CorpusQuestion } from './types.ts';

export interface Scored {
  id: string;
  lang: Lang;
  kind: AnswerKind;
  answer: string;
  grade: Grade;
}

export function scoreCorpus(corpus: CorpusQuestion[]): Scored[] {
  return corpus.flatMap(({ id, answers }) => {
    const question = bank.find((candidate) => candidate.id === id);
    if (!question) throw new Error(`the corpus names ${id}, which the bank does not have`);
    return langs.flatMap((lang) => answerKinds.map((kind) => ({ id, lang, kind, answer: answers[lang][kind], grade: grade(question, answers[lang][kind], lang) })));
  });
}

export function meanScores(scored: Scored[]): Record<AnswerKind, Record<Lang, number>> {
  const table = {} as Record<AnswerKind, Record<Lang, number>>;
  for (const kind of answerKinds) {
    table[kind] = {} as Record<Lang, number>;
    for (const lang of langs) {
      const scores = scored.filter((entry) => entry.kind === kind && entry.lang === lang).map((entry) => entry.grade.score);
      table[kind][lang] = Math.round((scores.reduce((sum, score) => sum + score, 0) / scores.length) * 100) / 100;
    }
  }
  return table;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const part = process.argv[2] === 'held-out' ? heldOut : [...tuning, ...tuningRest];
  const scored = scoreCorpus(part);
  const verbose = process.argv.includes('-v');
  for (const entry of scored) {
    const flag = (entry.kind === 'strong' || entry.kind === 'short') ? (entry.grade.score >= 0.7 ? ' ' : '!') : (entry.grade.score <= 0.3 ? ' ' : '!');
    if (verbose || flag === '!') {
      console.log(`${flag} ${entry.grade.score.toFixed(2)} ${entry.id} ${entry.lang} ${entry.kind}  hit=[${entry.grade.hit.join('; ')}] contra=[${entry.grade.contradicted.join('; ')}] myths=[${entry.grade.myths.map((m) => m.myth).join('; ')}]`);
      if (!verbose) console.log(`      missed=[${entry.grade.missed.join('; ')}]`);
    }
  }
  console.table(meanScores(scored));
}
