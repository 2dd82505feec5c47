// The self-check both ways (rustlings-style): the key passes, blank sheets are "not yet answered",
// a wrong answer fails naming the question, and predictions are judged against measured results.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chapters } from '../scripts/catalogue.ts';
import { checkChapter } from '../scripts/check/chapter.ts';
import { loadKey } from '../scripts/check/sheets.ts';
import { answersDir as defaultAnswersDir, keyDir } from '../scripts/paths.ts';
import { judge } from '../scripts/check/verdicts.ts';
import { loadResults } from '../scripts/lab/results.ts';
import { fixturesDir, must } from './fixtures.ts';
import { workbook } from './workbook-cli.ts';

const fixtureResults = join(fixturesDir, 'results');
const firstChapter = must(chapters[0], 'a chapter');
const secondChapter = must(chapters[1], 'a second chapter');
const { results } = loadResults(fixtureResults);
const scratch = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-check-'));

// The checker records the hints it gives; keep that out of the reader's own .workbook/progress.json.
const ownProgress = { WORKBOOK_PROGRESS: join(scratch, 'progress.json') };

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test('the key passes every question, predictions included (against fixture results)', async () => {
  for (const chapter of chapters) {
    const check = await checkChapter(chapter, keyDir, results);
    assert.is(check.error, undefined);
    for (const verdict of check.verdicts) assert.is(verdict.status, 'correct', `${chapter.id} ${verdict.id}: ${verdict.message ?? ''}`);
  }
});

test('blank sheets are "not yet answered", not wrong', async () => {
  for (const chapter of chapters) {
    const check = await checkChapter(chapter, defaultAnswersDir, results);
    assert.ok(check.verdicts.every((verdict) => verdict.status === 'unanswered'), `answers/${chapter.slug}.ts should be blank at checkout`);
  }
});

test('a wrong answer fails with a hint, and the CLI names the question and exits 1', async () => {
  const chapter = firstChapter;
  const key = await loadKey(chapter);
  const [id, question] = Object.entries(key).find(([, candidate]) => candidate.kind === 'choice')!;
  const wrongLetter = Object.keys(question.kind === 'choice' ? question.choices : {}).find((letter) => letter !== question.answer)!;
  const verdict = judge(id, question, wrongLetter, results);
  assert.is(verdict.status, 'wrong');
  assert.is(verdict.message, question.hints[0]);

  const dir = join(scratch, 'wrong');
  cpSync(keyDir, dir, { recursive: true });
  const path = join(dir, `${chapter.slug}.ts`);
  writeFileSync(path, readFileSync(path, 'utf8').replace(new RegExp(`export const ${id}([^=]*)= [^;]+;`), `export const ${id}$1= '${wrongLetter}';`));
  const result = workbook(['check', chapter.id, '--answers', dir, '--results', fixtureResults], ownProgress);
  assert.is(result.status, 1);
  assert.match(result.stdout, new RegExp(`✗ ${id}\\s+wrong`));
});

test('exit codes grade a folder: 0 only when every question checked is correct, 1 when any is open or waiting, 2 on bad usage', () => {
  const all = workbook(['check', '--answers', keyDir, '--results', fixtureResults], ownProgress);
  assert.is(all.status, 0, all.stdout);
  const blank = workbook(['check', firstChapter.id, '--results', fixtureResults], ownProgress);
  assert.is(blank.status, 1, 'a blank sheet is not a passing one');
  // The key's predictions without the measurements they are judged against: waiting, not correct.
  const unmeasured = workbook(['check', '--answers', keyDir, '--results', join(scratch, 'no-results')], ownProgress);
  assert.is(unmeasured.status, 1, unmeasured.stdout);
  assert.match(unmeasured.stdout, /waiting for your measurement/);
  assert.is(workbook(['check', '--answers'], ownProgress).status, 2);
  assert.is(workbook(['check', '--watch-it'], ownProgress).status, 2);
});

test('a prediction is judged against the reader\'s own measurement', async () => {
  const key = await loadKey(firstChapter);
  const [id, prediction] = Object.entries(key).find(([, question]) => question.kind === 'prediction')!;
  if (prediction.kind !== 'prediction') throw new Error('chapter 01 has a prediction question');
  assert.is(judge(id, prediction, prediction.answer, results).status, 'correct');
  assert.is(judge(id, prediction, prediction.answer * 2, results).status, 'wrong');
  const unmeasured = judge(id, prediction, prediction.answer, []);
  assert.is(unmeasured.status, 'unmeasured');
  assert.match(unmeasured.message ?? '', /npm run lab -- \d\d --runtime \w+ --method [\w-]+ --size \d+MiB/);
});

test('a sheet with a syntax error is reported with its file and line; other sheets are still checked', () => {
  const dir = join(scratch, 'broken');
  cpSync(keyDir, dir, { recursive: true });
  const broken = join(dir, `${firstChapter.slug}.ts`);
  writeFileSync(broken, readFileSync(broken, 'utf8') + '\nexport const oops = ;\n');
  const result = workbook(['check', '--answers', dir, '--results', fixtureResults], ownProgress);
  assert.is(result.status, 1);
  assert.match(result.stdout, new RegExp(`${firstChapter.slug}\\.ts:\\d+:\\d+`));
  assert.match(result.stdout, new RegExp(`Chapter ${secondChapter.id}[^\\n]*\\n(\\s+✓[^\\n]*\\n)+`), 'the next chapter is still checked');
  assert.not.match(result.stdout + result.stderr, /\n\s+at /);
});

test.run();
