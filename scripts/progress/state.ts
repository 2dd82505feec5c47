// Where the reader stands, derived rather than stored: each chapter's state comes from its checked
// sheet and the saved lab results; progress.json adds only hints and reveals. From that, the one
// next command to run. Plain data in and out, shared by `npm start`, `npm run check` and the tests.
import type { Chapter } from '../catalogue.ts';
import type { ChapterCheck } from '../check/chapter.ts';
import { measureCommand, type Verdict } from '../check/verdicts.ts';
import type { DrillSummary } from '../drill/schedule.ts';
import type { LabResult } from '../lab/results.ts';
import { runtimeNames, type RuntimeName } from '../../runtime-adapters/types.ts';
import { questionKey, type Progress } from './store.ts';

export interface ChapterState {
  chapter: Chapter;
  check: ChapterCheck;
  /** Runtimes that have a saved result of this chapter's lab; null for a chapter without a lab. */
  labRuntimes: RuntimeName[] | null;
  counts: Record<Verdict['status'] | 'revealed', number>;
  done: boolean;
}

export interface NextStep {
  command: string;
  why: string;
}

export function chapterState(check: ChapterCheck, results: LabResult[], progress: Progress): ChapterState {
  const { chapter } = check;
  const lab = chapter.lab;
  const labRuntimes = lab
    ? runtimeNames.filter((runtime) => results.some((result) => result.lab === lab.id && result.runs.some((run) => run.runtime === runtime)))
    : null;
  const counts = { correct: 0, wrong: 0, unanswered: 0, unmeasured: 0, revealed: 0 };
  for (const verdict of check.verdicts) {
    counts[verdict.status] += 1;
    if (progress.revealed[questionKey(chapter.id, verdict.id)]) counts.revealed += 1;
  }
  const done = !check.problem && check.verdicts.length > 0 && counts.correct === check.verdicts.length && (labRuntimes === null || labRuntimes.length > 0);
  return { chapter, check, labRuntimes, counts, done };
}

/** Lab runs on each runtime and correct answers, as one share of everything there is to do. */
export function overall(states: ChapterState[]): { done: number; total: number; labsOnEveryRuntime: number; labs: number; correct: number; questions: number } {
  const withLab = states.flatMap((state) => (state.labRuntimes === null ? [] : [state.labRuntimes]));
  const runs = withLab.reduce((sum, runtimes) => sum + runtimes.length, 0);
  const correct = states.reduce((sum, state) => sum + state.counts.correct, 0);
  const questions = states.reduce((sum, state) => sum + state.check.verdicts.length, 0);
  return {
    done: runs + correct, total: withLab.length * runtimeNames.length + questions,
    labsOnEveryRuntime: withLab.filter((runtimes) => runtimes.length === runtimeNames.length).length, labs: withLab.length,
    correct, questions,
  };
}

function stepFor(state: ChapterState, progress: Progress): NextStep | null {
  const { chapter, check } = state;
  const sheet = `answers/${chapter.slug}.ts`;
  if (check.problem === 'key') return null;
  if (chapter.lab && !state.labRuntimes?.length) {
    return { command: `npm run lab -- ${chapter.id}`, why: `read chapters/${chapter.slug}.md, then measure it on your machine (node, bun and deno)` };
  }
  if (check.problem) {
    return { command: `npm run check -- ${chapter.id}`, why: `${sheet} does not load (${check.error}); fix it, or start it over with npm run reset -- ${chapter.id}` };
  }
  const first = check.verdicts.find((verdict) => verdict.status !== 'correct');
  if (!first) return null;
  const ask = `${chapter.id} ${first.id}`;
  switch (first.status) {
    case 'unanswered': {
      const open = check.verdicts.filter((verdict) => verdict.status === 'unanswered').map((verdict) => verdict.id);
      return { command: `npm run check -- ${chapter.id}`,
        why: `answer ${open.join(', ')} in ${sheet} (the questions close chapters/${chapter.slug}.md); add --watch to re-check on every save` };
    }
    case 'wrong': {
      const key = questionKey(chapter.id, first.id);
      if (progress.revealed[key]) return { command: `npm run check -- ${chapter.id}`, why: `put the revealed answer to ${first.id} in ${sheet} (npm run hint -- ${ask} --reveal shows it again)` };
      const hints = first.hints ?? [];
      const shown = progress.hints[key] ?? 0;
      if (shown < hints.length) return { command: `npm run hint -- ${ask}`, why: `${first.id} is wrong; this gives hint ${shown + 1} of ${hints.length}` };
      return { command: `npm run hint -- ${ask} --reveal`, why: `${first.id} is still wrong after every hint; this shows the answer and why` };
    }
    case 'unmeasured': {
      const question = check.key?.[first.id];
      const command = question?.kind === 'prediction' ? measureCommand(question.measured) : `npm run lab -- ${chapter.id}`;
      return { command, why: `${first.id} is a prediction: it is checked against your own measurement, which this takes` };
    }
    case 'correct':
      return null;
  }
}

export function nextStep(states: ChapterState[], progress: Progress, drill: DrillSummary): NextStep {
  for (const state of states) {
    const step = stepFor(state, progress);
    if (step) return step;
  }
  if (!drill.practised) return { command: 'npm run drill', why: 'every chapter is done: now say it as in an interview, 10 questions graded on the concepts a strong answer names' };
  if (drill.due) return { command: 'npm run drill', why: `${drill.due} drill question${drill.due === 1 ? ' is' : 's are'} due; the ones you missed come back first` };
  return { command: 'npm run drill -- --mock', why: 'a mock interview: 5 questions in 10 minutes, with a scorecard' };
}

export function renderNext(step: NextStep): string {
  return `Next: ${step.command}\n      ${step.why}`;
}
