// The reader's progress as `npm start` prints it: every chapter of the catalogue with its lab runs
// and answers, the share of the whole workbook done, the drill, and the exact next command.
import { chapters } from '../catalogue.ts';
import { checkChapter } from '../check/chapter.ts';
import { drillSummary, type DrillSummary } from '../drill/schedule.ts';
import { loadResults } from '../lab/results.ts';
import { answersDir, progressPath, resultsDir } from '../paths.ts';
import { chapterState, nextStep, overall, renderNext, type ChapterState } from './state.ts';
import { loadProgress, type Progress } from './store.ts';
import { runtimeNames } from '../../runtime-adapters/types.ts';

export interface ProgressSources {
  answersDir?: string;
  resultsDir?: string;
  progressPath?: string;
}

async function loadChapterStates(sources: ProgressSources = {}): Promise<{ states: ChapterState[]; progress: Progress }> {
  const { results } = loadResults(sources.resultsDir ?? resultsDir);
  const progress = loadProgress(sources.progressPath ?? progressPath);
  const checks = await Promise.all(chapters.map((chapter) => checkChapter(chapter, sources.answersDir ?? answersDir, results)));
  return { states: checks.map((check) => chapterState(check, results, progress)), progress };
}

const glyphs = { correct: '✓', wrong: '✗', unanswered: '·', unmeasured: '?' } as const;

function bar(done: number, total: number, width = 20): string {
  const filled = total ? Math.round((done / total) * width) : 0;
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

const labWidth = runtimeNames.map((runtime) => `${runtime} ✓`).join('  ').length;

function chapterLine(state: ChapterState, titleWidth: number): string {
  const { chapter, check, counts } = state;
  const title = chapter.title.length > titleWidth ? `${chapter.title.slice(0, titleWidth - 1)}…` : chapter.title.padEnd(titleWidth);
  const runtimes = state.labRuntimes;
  const lab = runtimes === null ? 'no lab (sources)'.padEnd(labWidth)
    : runtimeNames.map((runtime) => `${runtime} ${runtimes.includes(runtime) ? '✓' : '·'}`).join('  ');
  let questions: string;
  if (check.problem) questions = check.problem === 'key' ? 'not ready yet (its key is missing)' : `sheet does not load: ${check.error}`;
  else {
    const marks = check.verdicts.map((verdict) => glyphs[verdict.status]).join('');
    const extra = [counts.wrong && `${counts.wrong} wrong`, counts.revealed && `${counts.revealed} revealed`].filter(Boolean).join(', ');
    questions = `${marks}  ${counts.correct}/${check.verdicts.length} correct${extra ? ` (${extra})` : ''}`;
  }
  return `  ${state.done ? '✓' : ' '} ${chapter.id} ${title}  ${lab}   ${questions}`;
}

function renderProgress(states: ChapterState[], drill: DrillSummary, progress: Progress): string {
  const total = overall(states);
  const percent = total.total ? Math.round((total.done / total.total) * 100) : 0;
  const titleWidth = Math.min(44, Math.max(...states.map((state) => state.chapter.title.length)));
  const lines = [
    `Your progress  ${bar(total.done, total.total)} ${percent}%   labs run on every runtime: ${total.labsOnEveryRuntime} of ${total.labs} · questions correct: ${total.correct} of ${total.questions}`,
    '',
    `    ${'chapter'.padEnd(titleWidth + 3)}  ${'lab runs'.padEnd(labWidth)}   questions (✓ correct ✗ wrong · open ? measure first)`,
    ...states.map((state) => chapterLine(state, titleWidth)),
    '',
    `Drill: ${drill.practised} of ${drill.total} interview questions practised${drill.due ? `, ${drill.due} due` : ''} (npm run drill; --lang zh for Chinese)`,
    '',
    renderNext(nextStep(states, progress, drill)),
  ];
  return lines.join('\n');
}

export async function progressReport(sources: ProgressSources = {}): Promise<string> {
  const { states, progress } = await loadChapterStates(sources);
  return renderProgress(states, drillSummary(progress), progress);
}
