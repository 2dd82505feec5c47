// `workbook check [NN] [--answers DIR] [--watch]`: judge the reader's answer sheets, question by
// question: the explanation for a correct answer, the hint the reader has reached for a wrong one.
import { existsSync, mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { flagHelp, flagSpec, parseFlags, sharedFlags, UsageError } from './args.ts';
import { chapters, type Chapter } from './catalogue.ts';
import { checkAgain, checkChapter, selectChapters, type ChapterCheck } from './check/chapter.ts';
import { sheetPath } from './check/sheets.ts';
import type { Verdict } from './check/verdicts.ts';
import { watchFiles } from './check/watch.ts';
import { drillSummary } from './drill/schedule.ts';
import { describeUnreadable, loadResults, type LabResult } from './lab/results.ts';
import { chapterState, nextStep, renderNext } from './progress/state.ts';
import { loadProgress, questionKey, saveProgress, type Progress } from './progress/store.ts';

const checkFlags = flagSpec({
  answers: sharedFlags.answers,
  results: sharedFlags.results,
  progress: sharedFlags.progress,
  watch: { kind: 'boolean', help: 're-check each sheet when you save it, and print only what changed (Ctrl-C stops)' },
  poll: { kind: 'boolean', help: 'with --watch: look for changes every second instead of waiting for file events' },
  help: sharedFlags.help,
});

const checkHelp = `Usage: npm run check [-- NN…] [flags]

Checks your answer sheets (answers/NN-slug.ts): each question is correct (with why), wrong (with
the hint you have reached; npm run hint -- NN qK gives the next), not yet answered, or — for a
prediction — waiting for you to run the lab it predicts. Ends with the next command to run.

With --watch it keeps running: save a sheet and only what changed is printed; a new lab result
re-checks the predictions waiting for it. Where file events do not arrive (some network and
container mounts), add --poll.

Exit codes: 0 when every question checked is correct; 1 when any is wrong, not yet answered,
waiting for a measurement, or its sheet does not load; 2 on bad usage. So a script can grade a
folder of sheets: npm run --silent check -- --answers DIR.

Flags:
${flagHelp(checkFlags)}`;

const marks: Record<Verdict['status'], string> = { correct: '✓', wrong: '✗', unanswered: '·', unmeasured: '?' };
const words: Record<Verdict['status'], string> = { correct: 'correct', wrong: 'wrong', unanswered: 'not yet answered', unmeasured: 'waiting for your measurement' };

/** One question's line (and, for a wrong answer, where the next hint or the answer is). */
function renderVerdict(chapter: Chapter, verdict: Verdict, progress: Progress): string {
  const key = questionKey(chapter.id, verdict.id);
  const revealed = progress.revealed[key] ? ' (revealed)' : '';
  const measured = verdict.measured ? ` (${verdict.measured})` : '';
  const head = `  ${marks[verdict.status]} ${verdict.id}  ${words[verdict.status]}${revealed}${measured}`;
  if (verdict.status === 'correct') return `${head} — ${verdict.explanation}`;
  if (verdict.status !== 'wrong' || !verdict.hints) return verdict.message ? `${head} — ${verdict.message}` : head;
  const ask = `npm run hint -- ${chapter.id} ${verdict.id}`;
  if (revealed) return `${head} — the answer is shown by: ${ask} --reveal`;
  const reached = Math.min(Math.max(progress.hints[key] ?? 1, 1), verdict.hints.length);
  const more = reached < verdict.hints.length ? `next hint: ${ask}` : `that was the last hint; the answer: ${ask} --reveal`;
  return `${head} — hint ${reached} of ${verdict.hints.length}: ${verdict.hints[reached - 1]}\n      ${more}`;
}

function renderCheck(check: ChapterCheck, progress: Progress): string {
  const lines = [`Chapter ${check.chapter.id} — ${check.chapter.title}  (${check.sheet})`];
  if (check.problem) return [...lines, `  ✗ ${check.problem === 'key' ? 'not ready' : 'the sheet could not be read'}: ${check.error}`].join('\n');
  for (const verdict of check.verdicts) lines.push(renderVerdict(check.chapter, verdict, progress));
  const correct = check.verdicts.filter((verdict) => verdict.status === 'correct').length;
  const revealed = check.verdicts.filter((verdict) => progress.revealed[questionKey(check.chapter.id, verdict.id)]).length;
  lines.push(`  ${correct} of ${check.verdicts.length} correct${revealed ? `, ${revealed} revealed` : ''}`);
  return lines.join('\n');
}

/** The checker gives the first hint for a wrong answer; remember that, so `npm run hint` gives the second. */
function recordHintsGiven(checks: ChapterCheck[], progress: Progress): boolean {
  let changed = false;
  for (const check of checks) {
    for (const verdict of check.verdicts) {
      const key = questionKey(check.chapter.id, verdict.id);
      if (verdict.status === 'wrong' && verdict.hints && !progress.hints[key]) {
        progress.hints[key] = 1;
        changed = true;
      }
    }
  }
  return changed;
}

export async function checkCommand(argv: string[], cleanups: Array<() => void> = []): Promise<number> {
  const { positional, flags } = parseFlags(argv, checkFlags);
  if (flags.help) { console.log(checkHelp); return 0; }
  if (flags.poll && !flags.watch) throw new UsageError('--poll goes with --watch');
  const selected = selectChapters(positional);
  const { answers: answersDir, results: resultsDir, progress: progressPath } = flags;
  if (flags.watch) return watchCommand({ selected, answersDir, resultsDir, progressPath, poll: flags.poll }, cleanups);

  const { results, unreadable } = loadResults(resultsDir);
  for (const entry of unreadable) console.error(`note: ${describeUnreadable(entry)}`);
  const progress = loadProgress(progressPath);
  // Every chapter is checked for the next step; only the selected ones are printed.
  const checks = await Promise.all(chapters.map((chapter) => checkChapter(chapter, answersDir, results)));
  const shown = checks.filter((check) => selected.includes(check.chapter));
  if (recordHintsGiven(shown, progress)) saveProgress(progress, progressPath);
  for (const check of shown) console.log(renderCheck(check, progress) + '\n');
  const states = checks.map((check) => chapterState(check, results, progress));
  console.log(renderNext(nextStep(states, progress, drillSummary(progress))));
  // 0 only when every question checked is correct: an instructor's script can grade a folder.
  const allCorrect = shown.every((check) => !check.problem && check.verdicts.every((verdict) => verdict.status === 'correct'));
  return allCorrect ? 0 : 1;
}

/** The lines of a re-check that differ from the previous one; a save that changed nothing says so. */
function renderChanges(before: ChapterCheck | undefined, after: ChapterCheck, progress: Progress): string {
  const saved = `${basename(after.sheet)} re-checked`;
  const correct = after.verdicts.filter((verdict) => verdict.status === 'correct').length;
  const tally = `${correct} of ${after.verdicts.length} correct`;
  if (after.problem) return before?.error === after.error ? `${saved}: no change (${after.error})` : `${saved}:\n  ✗ the sheet could not be read: ${after.error}`;
  const same = (a: Verdict, b: Verdict | undefined) => b !== undefined && a.status === b.status && a.message === b.message && a.measured === b.measured;
  const changed = after.verdicts.filter((verdict) => !same(verdict, before?.verdicts.find((old) => old.id === verdict.id)));
  if (!changed.length) return `${saved}: no change (${tally})`;
  const done = correct === after.verdicts.length ? ` — chapter ${after.chapter.id} is all correct` : '';
  return [`${saved}:`, ...changed.map((verdict) => renderVerdict(after.chapter, verdict, progress)), `  ${tally}${done}`].join('\n');
}

interface WatchSettings {
  selected: Chapter[];
  answersDir: string;
  resultsDir: string;
  progressPath: string;
  poll: boolean;
}

/** Runs until Ctrl-C (workbook.ts stops it and runs the cleanups); never resolves. */
async function watchCommand(settings: WatchSettings, cleanups: Array<() => void>): Promise<number> {
  const { selected, answersDir, resultsDir, progressPath } = settings;
  if (!existsSync(answersDir)) throw new UsageError(`${answersDir} does not exist`);
  mkdirSync(resultsDir, { recursive: true });
  let results = loadResults(resultsDir).results;
  let progress = loadProgress(progressPath);
  const last = new Map<Chapter, ChapterCheck>();
  for (const chapter of chapters) last.set(chapter, await checkChapter(chapter, answersDir, results));
  if (recordHintsGiven([...last.values()], progress)) saveProgress(progress, progressPath);
  for (const check of [...last.values()].filter((candidate) => selected.includes(candidate.chapter))) console.log(renderCheck(check, progress) + '\n');
  const next = () => renderNext(nextStep([...last.values()].map((check) => chapterState(check, results, progress)), progress, drillSummary(progress)));
  let lastNext = next();
  console.log(lastNext);

  const recheck = async (paths: string[]) => {
    const due = new Set<Chapter>();
    const resultsChanged = paths.some((path) => resolve(path).startsWith(resolve(resultsDir)));
    if (resultsChanged) {
      results = loadResults(resultsDir).results;
      for (const chapter of chapters) if (Object.values(last.get(chapter)?.key ?? {}).some((question) => question.kind === 'prediction')) due.add(chapter);
    }
    for (const path of paths) {
      const chapter = chapters.find((candidate) => resolve(sheetPath(answersDir, candidate)) === resolve(path));
      if (chapter) due.add(chapter);
    }
    if (!due.size) return;
    progress = loadProgress(progressPath);
    const fresh = await Promise.all([...due].map((chapter) => checkAgain(chapter, answersDir, results)));
    if (recordHintsGiven(fresh, progress)) saveProgress(progress, progressPath);
    const printed: string[] = [];
    for (const check of fresh) {
      const before = last.get(check.chapter);
      last.set(check.chapter, check);
      if (!selected.includes(check.chapter)) continue;
      const sheetSaved = paths.some((path) => resolve(path) === resolve(check.sheet));
      const changes = renderChanges(before, check, progress);
      // A new lab result re-checks every prediction; only a sheet the reader saved reports "no change".
      if (sheetSaved || !changes.includes(': no change')) printed.push(changes);
    }
    const now = next();
    if (now !== lastNext) printed.push(now);
    lastNext = now;
    if (printed.length) console.log('\n' + printed.join('\n\n'));
  };
  let queue = Promise.resolve();
  const fileWatch = watchFiles({ dirs: [answersDir, resultsDir], poll: settings.poll }, (paths) => {
    queue = queue.then(() => recheck(paths)).catch((error: Error) => console.error(`error: ${error.message}`));
  });
  cleanups.push(fileWatch.close);
  console.log(`\nWatching ${answersDir} and ${resultsDir}${fileWatch.mode === 'polling' ? ' (polling every second)' : ''}: save a sheet to re-check it. Ctrl-C stops.`);
  return new Promise<number>(() => {});
}
