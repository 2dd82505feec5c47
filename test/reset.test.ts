// Reset puts the blank sheet back without git, keeps the reader's sheet as a backup and never
// overwrites an earlier backup; the blank sheet has the same shape as the one at checkout.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chapters } from '../scripts/catalogue.ts';
import { checkChapter } from '../scripts/check/chapter.ts';
import { loadKey } from '../scripts/check/sheets.ts';
import { answersDir as defaultAnswersDir, keyDir } from '../scripts/paths.ts';
import { blankSheet } from '../scripts/check/blank.ts';
import { saveProgress, emptyProgress, loadProgress } from '../scripts/progress/store.ts';
import { workbook } from './workbook-cli.ts';
import { must } from './fixtures.ts';

const scratch = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-reset-'));
const chapter = must(chapters[0], 'a chapter');
const other = must(chapters[1], 'a second chapter');
const answers = join(scratch, 'answers');
const backups = join(scratch, 'backups');
const progressPath = join(scratch, 'progress.json');
const sheet = join(answers, `${chapter.slug}.ts`);
const reset = (...ids: string[]) => workbook(['reset', ...ids, '--answers', answers, '--backups', backups, '--progress', progressPath]);
const backupFiles = () => existsSync(backups) ? readdirSync(backups).sort().map((name) => join(backups, name)) : [];

test.after(() => rmSync(scratch, { recursive: true, force: true }));

/** `Sheet` field -> type, with the members of a union in a fixed order. */
function sheetType(text: string): Record<string, string> {
  const block = /export type Sheet = \{([\s\S]*?)\};/.exec(text)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/(\w+):\s*([^;]+);/g)].map(([, field, type = '']) => [field, type.split('|').map((part) => part.trim()).sort().join(' | ')]));
}

test('reset saves the answered sheet, writes a blank one, and forgets only that chapter\'s hints', async () => {
  cpSync(keyDir, answers, { recursive: true });
  const answered = readFileSync(sheet, 'utf8');
  const progress = emptyProgress();
  progress.hints[`${chapter.id}/q1`] = 2;
  progress.revealed[`${chapter.id}/q1`] = 'then';
  progress.hints[`${other.id}/q1`] = 1;
  saveProgress(progress, progressPath);

  const result = reset(chapter.id);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /your sheet is saved as .*; the blank sheet is back/);
  const backup = must(backupFiles()[0], 'a backup');
  assert.is(readFileSync(backup, 'utf8'), answered, 'the backup is the reader\'s sheet, byte for byte');
  const check = await checkChapter(chapter, answers, []);
  assert.is(check.problem, undefined);
  assert.ok(check.verdicts.length > 0 && check.verdicts.every((verdict) => verdict.status === 'unanswered'));
  const after = loadProgress(progressPath);
  assert.equal(after.hints, { [`${other.id}/q1`]: 1 });
  assert.equal(after.revealed, {});
});

test('a blank sheet is not backed up again, and a later backup never overwrites an earlier one', () => {
  const first = must(backupFiles()[0], 'a backup');
  const kept = readFileSync(first, 'utf8');
  assert.match(reset(chapter.id).stdout, /already blank; nothing to back up/);
  assert.is(backupFiles().length, 1);

  for (const round of [1, 2]) {
    writeFileSync(sheet, readFileSync(sheet, 'utf8').replace(/= null;/, `= ${round};`));
    assert.is(reset(chapter.id).status, 0);
  }
  const all = backupFiles();
  assert.is(all.length, 3);
  assert.is(readFileSync(first, 'utf8'), kept, 'the first backup is untouched');
  assert.is(new Set(all.map((path) => readFileSync(path, 'utf8'))).size, 3);
});

test('a missing sheet is written from the key; usage errors exit 2', () => {
  rmSync(sheet);
  assert.match(reset(chapter.id).stdout, /was missing; the blank sheet is back/);
  assert.ok(existsSync(sheet));
  assert.is(reset().status, 2);
  const unknown = reset('42');
  assert.is(unknown.status, 2);
  assert.match(unknown.stderr, /unknown chapter "42"/);
  assert.is(workbook(['reset', '--help']).status, 0);
});

test('the blank sheet written from the key has the same fields and types as the sheet at checkout', async () => {
  for (const candidate of chapters) {
    let key;
    try {
      key = await loadKey(candidate);
    } catch {
      continue; // a chapter still being written; the catalogue test reports its missing key
    }
    const checkedIn = readFileSync(join(defaultAnswersDir, `${candidate.slug}.ts`), 'utf8');
    assert.equal(sheetType(blankSheet(candidate, key)), sheetType(checkedIn), `answers/${candidate.slug}.ts`);
  }
});

test.run();
