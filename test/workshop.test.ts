// `workshop reset` gives a clean room only after it is confirmed: blank sheets (answered ones backed
// up), no lab results or traces, no progress. Answering no changes nothing.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chapters } from '../scripts/catalogue.ts';
import { checkChapter } from '../scripts/check/chapter.ts';
import { loadKey } from '../scripts/check/sheets.ts';
import { keyDir } from '../scripts/paths.ts';
import { emptyProgress, saveProgress } from '../scripts/progress/store.ts';
import { fixturesDir } from './fixtures.ts';
import { workbook } from './workbook-cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-workshop-'));
const room = {
  answers: join(scratch, 'answers'), results: join(scratch, 'results'), traces: join(scratch, 'traces'),
  progress: join(scratch, 'progress.json'), backups: join(scratch, 'backups'),
};
const flags = Object.entries(room).flatMap(([name, path]) => [`--${name}`, path]);

test.after(() => rmSync(scratch, { recursive: true, force: true }));

function workshop(args: string[], input: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/workbook.ts', 'workshop', ...args, ...flags],
    { cwd: root, encoding: 'utf8', input, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The chapters whose key exists: those are the sheets a reset can write. */
async function keyed() {
  const found = [];
  for (const chapter of chapters) {
    try {
      await loadKey(chapter);
      found.push(chapter);
    } catch {
      // still being written
    }
  }
  return found;
}

test('answering no changes nothing; answering yes blanks the sheets (with backups) and clears results, traces and progress', async () => {
  cpSync(keyDir, room.answers, { recursive: true });
  cpSync(join(fixturesDir, 'results'), room.results, { recursive: true });
  mkdirSync(room.traces);
  writeFileSync(join(room.traces, 'lab-01-node-read-write.strace'), 'read(3, …) = 0\n');
  saveProgress(emptyProgress(), room.progress);
  const before = readdirSync(room.results).length;

  const declined = workshop(['reset'], 'n\n');
  assert.is(declined.status, 1);
  assert.match(declined.stdout, /Go ahead\? \[y\/N\][\s\S]*Nothing was changed/);
  assert.is(readdirSync(room.results).length, before);
  assert.ok(existsSync(room.progress));

  const ready = await keyed();
  const answered = ready.map((chapter) => readFileSync(join(room.answers, `${chapter.slug}.ts`), 'utf8'));
  const confirmed = workshop(['reset'], 'y\n');
  assert.is(confirmed.status, ready.length === chapters.length ? 0 : 1, confirmed.stderr);
  for (const chapter of ready) {
    const check = await checkChapter(chapter, room.answers, []);
    assert.ok(check.verdicts.every((verdict) => verdict.status === 'unanswered'), `${chapter.slug} is blank`);
  }
  const saved = readdirSync(room.backups).map((name) => readFileSync(join(room.backups, name), 'utf8')).sort();
  assert.equal(saved, [...answered].sort(), 'every answered sheet was backed up');
  assert.equal(readdirSync(room.results), []);
  assert.equal(readdirSync(room.traces), []);
  assert.not.ok(existsSync(room.progress));
});

test('--yes needs no answer; a clean room stays clean; usage errors exit 2', () => {
  const again = workshop(['reset', '--yes'], '');
  assert.match(again.stdout, /answer sheets in .* become blank/);
  assert.not.match(again.stdout, /with answers are saved/, 'blank sheets are not backed up again');
  assert.match(again.stdout, /The room is clean/);
  assert.is(workbook(['workshop']).status, 2);
  assert.match(workbook(['workshop', 'clean']).stderr, /workshop knows one command, reset/);
  assert.is(workbook(['workshop', '--help']).status, 0);
});

test.run();
