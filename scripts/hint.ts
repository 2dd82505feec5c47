// `workbook hint NN [qK] [--reveal]`: the next hint for a question, one more each time it is asked;
// --reveal shows the key's answer and explanation, and progress remembers that it was revealed.
import { didYouMean, flagHelp, flagSpec, parseFlags, sharedFlags, UsageError } from './args.ts';
import { checkChapter, selectChapters } from './check/chapter.ts';
import type { Question } from './check/types.ts';
import { findMeasurement, measureCommand, type Verdict } from './check/verdicts.ts';
import { loadResults, type LabResult } from './lab/results.ts';
import { loadProgress, questionKey, updateProgress } from './progress/store.ts';

const hintFlags = flagSpec({
  reveal: { kind: 'boolean', help: "show the key's answer and why, and mark the question revealed in your progress" },
  answers: sharedFlags.answers,
  results: sharedFlags.results,
  progress: sharedFlags.progress,
  help: sharedFlags.help,
});

const hintHelp = `Usage: npm run hint -- NN [qK] [--reveal]

Gives the next hint for question qK of chapter NN: the checker gave the first when the answer was
wrong, each call gives one more. Without qK, the first question of the chapter that is not yet
correct. --reveal shows the answer and the explanation (your progress marks it as revealed).

Flags:
${flagHelp(hintFlags)}`;

const said: Record<Verdict['status'], string> = {
  correct: 'correct', wrong: 'wrong', unanswered: 'not yet answered', unmeasured: 'waiting for your measurement',
};

function describeQuestion(chapterId: string, id: string, question: Question): string {
  const lines = [`Chapter ${chapterId} ${id}: ${question.prompt}`];
  if (question.kind === 'choice') for (const [letter, text] of Object.entries(question.choices)) lines.push(`  ${letter}) ${text}`);
  return lines.join('\n');
}

function describeAnswer(question: Question, results: LabResult[]): string {
  switch (question.kind) {
    case 'choice': return `Answer: ${question.answer}) ${question.choices[question.answer]}`;
    case 'number': return `Answer: ${question.answer}`;
    case 'prediction': {
      const measured = findMeasurement(question.measured, results);
      return `Answer: your own measurement decides. ${measured ? `Your ${measured.run.runtime} ${measured.run.runtimeVersion} run measured ${measured.value}.`
        : `Measure it with: ${measureCommand(question.measured)}`} (On the machine this workbook was written on: ${question.answer}.)`;
    }
  }
}

export async function hintCommand(argv: string[]): Promise<number> {
  const { positional, flags } = parseFlags(argv, hintFlags);
  if (flags.help) { console.log(hintHelp); return 0; }
  if (!positional.length) throw new UsageError('which chapter? npm run hint -- NN [qK]');
  if (positional.length > 2) throw new UsageError(`hint takes a chapter and at most one question, got ${positional.join(' ')}`);
  const [chapter] = selectChapters(positional.slice(0, 1));
  if (!chapter) throw new UsageError('which chapter? npm run hint -- NN [qK]');
  const { answers: answersDir, progress: progressPath } = flags;
  const { results } = loadResults(flags.results);
  const check = await checkChapter(chapter, answersDir, results);
  if (!check.key) {
    console.error(`error: chapter ${chapter.id} has no questions to hint at: ${check.error}`);
    return 1;
  }
  const ids = Object.keys(check.key);
  let id: string | undefined = positional[1];
  if (id !== undefined && !ids.includes(id)) throw new UsageError(`chapter ${chapter.id} has no question "${id}"${didYouMean(id, ids)}; its questions are ${ids.join(', ')}`);
  if (check.problem) console.log(`note: ${check.error}\n`);
  id ??= check.verdicts.find((verdict) => verdict.status !== 'correct')?.id ?? (check.problem ? ids[0] : undefined);
  if (id === undefined) {
    console.log(`Every question of chapter ${chapter.id} is correct.`);
    return 0;
  }
  const question = check.key[id];
  if (!question) throw new UsageError(`chapter ${chapter.id} has no question "${id}"`);
  const verdict = check.verdicts.find((candidate) => candidate.id === id);
  const key = questionKey(chapter.id, id);
  const ask = `npm run hint -- ${chapter.id} ${id}`;
  console.log(describeQuestion(chapter.id, id, question));
  if (verdict) console.log(`Your sheet: ${said[verdict.status]}${verdict.message && !verdict.hints && verdict.status !== 'correct' ? ` (${verdict.message})` : ''}`);
  console.log('');

  if (flags.reveal) {
    updateProgress((progress) => { progress.revealed[key] ??= new Date().toISOString(); }, progressPath);
    console.log(describeAnswer(question, results));
    console.log(`Why: ${question.explanation}`);
    console.log(`\nMarked as revealed in your progress. Put the answer in answers/${chapter.slug}.ts, then: npm run check -- ${chapter.id}`);
    return 0;
  }
  if (verdict?.status === 'correct') {
    console.log(`${id} is already correct. Why: ${question.explanation}`);
    return 0;
  }
  const shown = loadProgress(progressPath).hints[key] ?? 0;
  const total = question.hints.length;
  const index = Math.min(shown, total - 1);
  if (shown < total) updateProgress((progress) => { progress.hints[key] = shown + 1; }, progressPath);
  console.log(`Hint ${index + 1} of ${total}: ${question.hints[index]}`);
  console.log(index + 1 < total ? `\nAnother hint: ${ask}` : `\nThat was the last hint. The answer and why: ${ask} --reveal`);
  return 0;
}
