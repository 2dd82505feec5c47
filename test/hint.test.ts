// Hints advance one at a time from where the checker left off, --reveal shows the answer and marks
// it in progress, and a correct answer shows its explanation.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chapters } from '../scripts/catalogue.ts';
import { loadKey } from '../scripts/check/sheets.ts';
import { keyDir } from '../scripts/paths.ts';
import type { ChoiceQuestion } from '../scripts/check/types.ts';
import { fixturesDir, must } from './fixtures.ts';
import { workbook } from './workbook-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-hint-'));
const chapter = must(chapters[0], 'a chapter');
const answers = join(scratch, 'answers');
const progressPath = join(scratch, 'progress.json');
const dirs = ['--answers', answers, '--results', join(fixturesDir, 'results'), '--progress', progressPath];
const progress = () => JSON.parse(readFileSync(progressPath, 'utf8')) as { hints: Record<string, number>; revealed: Record<string, string> };

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test('the checker gives hint 1, each `hint` the next, and the last one points to --reveal', async () => {
  const key = await loadKey(chapter);
  const [id, question] = Object.entries(key).find(([, candidate]) => candidate.kind === 'choice' && candidate.hints.length >= 2) as [string, ChoiceQuestion];
  const wrong = Object.keys(question.choices).find((letter) => letter !== question.answer)!;
  cpSync(keyDir, answers, { recursive: true });
  const sheet = join(answers, `${chapter.slug}.ts`);
  writeFileSync(sheet, readFileSync(sheet, 'utf8').replace(new RegExp(`export const ${id}([^=]*)= [^;]+;`), `export const ${id}$1= '${wrong}';`));
  const field = `${chapter.id}/${id}`;

  const checked = workbook(['check', chapter.id, ...dirs]);
  assert.is(checked.status, 1);
  assert.ok(checked.stdout.includes(`hint 1 of ${question.hints.length}: ${question.hints[0]}`), checked.stdout);
  assert.is(progress().hints[field], 1);

  for (let shown = 2; shown <= question.hints.length; shown++) {
    const hinted = workbook(['hint', chapter.id, id, ...dirs]);
    assert.is(hinted.status, 0, hinted.stderr);
    assert.ok(hinted.stdout.includes(`Hint ${shown} of ${question.hints.length}: ${question.hints[shown - 1]}`), hinted.stdout);
    assert.is(progress().hints[field], shown);
  }
  const exhausted = workbook(['hint', chapter.id, id, ...dirs]);
  assert.match(exhausted.stdout, /That was the last hint/);
  assert.ok(exhausted.stdout.includes(`npm run hint -- ${chapter.id} ${id} --reveal`));
  assert.is(progress().hints[field], question.hints.length);
  assert.ok(workbook(['check', chapter.id, ...dirs]).stdout.includes(question.hints.at(-1)!), 'the checker repeats the hint reached');

  const revealed = workbook(['hint', chapter.id, id, '--reveal', ...dirs]);
  assert.is(revealed.status, 0, revealed.stderr);
  assert.ok(revealed.stdout.includes(`Answer: ${question.answer}) ${question.choices[question.answer]}`), revealed.stdout);
  assert.ok(revealed.stdout.includes(question.explanation));
  assert.type(progress().revealed[field], 'string');
  assert.match(workbook(['check', chapter.id, ...dirs]).stdout, new RegExp(`✗ ${id}\\s+wrong \\(revealed\\)`));
});

test('a correct answer shows its explanation, in the checker and in hint', async () => {
  const key = await loadKey(chapter);
  const [id, question] = Object.entries(key).find(([, candidate]) => candidate.kind === 'number')!;
  const checked = workbook(['check', chapter.id, ...dirs]);
  assert.ok(checked.stdout.includes(`✓ ${id}  correct — ${question.explanation}`), checked.stdout);
  const hinted = workbook(['hint', chapter.id, id, ...dirs]);
  assert.match(hinted.stdout, new RegExp(`${id} is already correct`));
  assert.is(progress().hints[`${chapter.id}/${id}`], undefined, 'no hint was spent on it');
});

test('hint: usage errors name the problem and exit 2; --help exits 0', () => {
  const noChapter = workbook(['hint']);
  assert.is(noChapter.status, 2);
  assert.match(noChapter.stderr, /which chapter\?/);
  const unknown = workbook(['hint', chapter.id, 'q99', ...dirs]);
  assert.is(unknown.status, 2);
  assert.match(unknown.stderr, /has no question "q99".*its questions are q1/);
  assert.is(workbook(['hint', '--help']).status, 0);
});

test.run();
