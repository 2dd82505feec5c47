// Progress is derived: each chapter's state from its sheet and the saved results, the next command
// from that; only hints, reveals and drill boxes live in progress.json, which survives corruption.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chapters, type Chapter } from '../scripts/catalogue.ts';
import { checkChapter, type ChapterCheck } from '../scripts/check/chapter.ts';
import { loadKey } from '../scripts/check/sheets.ts';
import { keyDir } from '../scripts/paths.ts';
import { measureCommand } from '../scripts/check/verdicts.ts';
import { progressReport } from '../scripts/progress/report.ts';
import { chapterState, nextStep, overall } from '../scripts/progress/state.ts';
import { emptyProgress, loadProgress, saveProgress } from '../scripts/progress/store.ts';
import { loadResults, type LabResult } from '../scripts/lab/results.ts';
import { fixturesDir, must } from './fixtures.ts';
import { workbook } from './workbook-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-progress-'));
const { results } = loadResults(join(fixturesDir, 'results'));
const first = must(chapters[0], 'a chapter');
const second = must(chapters[1], 'a second chapter');
const noDrill = { total: 30, practised: 0, due: 0 };

test.after(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder of sheets: the key's (all correct), with some answers replaced. */
function sheets(name: string, replace: Record<string, string> = {}, chapter: Chapter = first): string {
  const dir = join(scratch, name);
  cpSync(keyDir, dir, { recursive: true });
  const path = join(dir, `${chapter.slug}.ts`);
  let text = readFileSync(path, 'utf8');
  for (const [id, value] of Object.entries(replace)) text = text.replace(new RegExp(`export const ${id}([^=]*)= [^;]+;`), `export const ${id}$1= ${value};`);
  writeFileSync(path, text);
  return dir;
}

async function wrongChoice(chapter: Chapter): Promise<[string, string]> {
  const key = await loadKey(chapter);
  const [id, question] = Object.entries(key).find(([, candidate]) => candidate.kind === 'choice')!;
  if (question.kind !== 'choice') throw new Error('unreachable');
  return [id, Object.keys(question.choices).find((letter) => letter !== question.answer)!];
}

test('a chapter whose sheet is all correct and whose lab ran is done, with the runtimes that ran it', async () => {
  const check = await checkChapter(first, sheets('correct'), results);
  const state = chapterState(check, results, emptyProgress());
  const ran = [...new Set(results.filter((result) => result.lab === first.lab!.id).flatMap((result) => result.runs.map((run) => run.runtime)))];
  assert.equal(state.labRuntimes, ran);
  assert.is(state.counts.correct, check.verdicts.length);
  assert.ok(state.done);
});

test('a lab that never ran comes first: the next command runs it', async () => {
  const check = await checkChapter(first, sheets('correct'), []);
  const state = chapterState(check, [], emptyProgress());
  assert.equal(state.labRuntimes, []);
  assert.not.ok(state.done);
  assert.is(nextStep([state], emptyProgress(), noDrill).command, `npm run lab -- ${first.id}`);
});

test('a wrong answer leads to the next hint, then to --reveal, then back to the sheet', async () => {
  const [id, letter] = await wrongChoice(first);
  const check = await checkChapter(first, sheets('wrong', { [id]: `'${letter}'` }), results);
  const progress = emptyProgress();
  const state = () => chapterState(check, results, progress);
  assert.is(state().counts.wrong, 1);
  assert.is(nextStep([state()], progress, noDrill).command, `npm run hint -- ${first.id} ${id}`);
  const key = await loadKey(first);
  progress.hints[`${first.id}/${id}`] = must(key[id], `question ${id}`).hints.length;
  assert.is(nextStep([state()], progress, noDrill).command, `npm run hint -- ${first.id} ${id} --reveal`);
  progress.revealed[`${first.id}/${id}`] = new Date().toISOString();
  assert.is(state().counts.revealed, 1);
  assert.is(nextStep([state()], progress, noDrill).command, `npm run check -- ${first.id}`);
});

test('an unanswered sheet asks for answers; a prediction without a matching run asks for that run', async () => {
  const blank = await checkChapter(first, join(scratch, 'nowhere'), results);
  assert.ok(blank.error, 'a missing sheet is an error, not a crash');
  const key = await loadKey(first);
  const [id, prediction] = Object.entries(key).find(([, question]) => question.kind === 'prediction')!;
  if (prediction.kind !== 'prediction') throw new Error('unreachable');
  const nulls = Object.fromEntries(Object.keys(key).map((other) => [other, 'null']));
  const unanswered = chapterState(await checkChapter(first, sheets('blank', nulls), results), results, emptyProgress());
  const step = nextStep([unanswered], emptyProgress(), noDrill);
  assert.is(step.command, `npm run check -- ${first.id}`);
  assert.match(step.why, new RegExp(`answer ${Object.keys(key).join(', ')}`));

  // The lab ran, but not at the size the prediction is about.
  const otherSize: LabResult[] = results.map((result) => ({ ...result, runs: result.runs.map((run) => ({ ...run, bytes: run.bytes / 2 })) }));
  const waiting = chapterState(await checkChapter(first, sheets('correct'), otherSize), otherSize, emptyProgress());
  assert.is(waiting.check.verdicts.find((verdict) => verdict.id === id)!.status, 'unmeasured');
  assert.is(nextStep([waiting], emptyProgress(), noDrill).command, measureCommand(prediction.measured));
});

test('a chapter without a lab is done on its answers alone; when all are done the drill is next', async () => {
  const withoutLab: Chapter = { id: first.id, slug: first.slug, title: first.title };
  const check: ChapterCheck = { ...(await checkChapter(first, sheets('correct'), results)), chapter: withoutLab };
  const state = chapterState(check, [], emptyProgress());
  assert.is(state.labRuntimes, null);
  assert.ok(state.done);
  assert.is(nextStep([state], emptyProgress(), noDrill).command, 'npm run drill');
  assert.is(nextStep([state], emptyProgress(), { total: 30, practised: 30, due: 0 }).command, 'npm run drill -- --mock');
  const total = overall([state]);
  assert.is(total.done, total.total);
});

test('npm start\'s report lists every chapter of the catalogue, the share done and the next command', async () => {
  const report = await progressReport({ answersDir: sheets('report'), resultsDir: join(fixturesDir, 'results'), progressPath: join(scratch, 'report.json') });
  for (const chapter of chapters) assert.match(report, new RegExp(`\\b${chapter.id} ${chapter.title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.match(report, /Your progress\s+[█░]+ \d+%/);
  assert.match(report, /\nNext: npm run \S+/);
  assert.ok(second, 'the catalogue has more than one chapter');
});

test('a corrupt progress file is set aside and rebuilt, with a note; partly bad entries are dropped', () => {
  const path = join(scratch, 'corrupt', 'progress.json');
  saveProgress(emptyProgress(), path);
  writeFileSync(path, '{"hints": {"01/q1": 2,');
  const stderr = process.stderr.write;
  let said = '';
  process.stderr.write = ((text: string) => { said += text; return true; }) as typeof process.stderr.write;
  try {
    assert.equal(loadProgress(path), emptyProgress());
  } finally {
    process.stderr.write = stderr;
  }
  assert.match(said, /unreadable.*rebuilt/);
  assert.equal(JSON.parse(readFileSync(path, 'utf8')), emptyProgress());
  assert.ok(readdirSync(join(scratch, 'corrupt')).some((name) => name.startsWith('progress.json.corrupt-')), 'the old file is kept');

  writeFileSync(path, JSON.stringify({ hints: { '01/q1': 'two', '01/q2': 2 }, revealed: [], drill: { sessions: 3, cards: { x: { box: 9 } } } }));
  const kept = loadProgress(path);
  assert.equal(kept.hints, { '01/q2': 2 });
  assert.equal(kept.revealed, {});
  assert.is(kept.drill.sessions, 3);
  assert.equal(kept.drill.cards, {});
});

test('the CLI rebuilds a corrupt progress file instead of crashing', () => {
  const path = join(scratch, 'cli-progress.json');
  writeFileSync(path, 'not json at all');
  const result = workbook(['check', first.id, '--answers', sheets('cli'), '--results', join(fixturesDir, 'results'), '--progress', path]);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stderr, /was unreadable .* rebuilt/);
  assert.not.match(result.stderr, /\n\s+at /);
  assert.ok(existsSync(path));
  JSON.parse(readFileSync(path, 'utf8'));
});

test.run();
