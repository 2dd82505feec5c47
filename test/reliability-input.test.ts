// Whatever a reader types or leaves half-saved, the workbook answers with one
// clear message and a non-zero exit (2 for usage), never a stack trace, and writes nothing of
// theirs. test/cli.test.ts covers the common typos (64XB, -1, dneo, sendfil, --runtim); these
// are the rest: odd flag values, a disk too small, broken answer sheets and result files.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { must } from './fixtures.ts';
import { workbook } from './workbook-cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-test-input-'));
const temporary = join(scratch, 'tmp');
mkdirSync(temporary);
// Every run gets its own results, progress and temporary directories, so "nothing was written"
// is checked on them and the reader's .workbook/ is never touched.
const env = { WORKBOOK_RESULTS: join(scratch, 'results'), WORKBOOK_PROGRESS: join(scratch, 'progress.json'), TMPDIR: temporary };

test.after(() => rmSync(scratch, { recursive: true, force: true }));

function fingerprint(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]));
}

function noStackTrace(stderr: string): void {
  assert.not.match(stderr, /\n {4}at /, `no stack trace:\n${stderr}`);
}

function usageError(args: string[], says: RegExp): void {
  const result = workbook(args, env);
  assert.is(result.status, 2, `${args.join(' ')} should exit 2, got ${result.status}: ${result.stderr}`);
  assert.is(result.stderr.split('\n').filter((line) => line.startsWith('error:')).length, 1, `one message:\n${result.stderr}`);
  assert.match(result.stderr, /See --help\.\n$/);
  assert.match(result.stderr, says);
  noStackTrace(result.stderr);
  assert.is(result.stdout, '');
}

test('odd flag values and a file larger than the free disk: exit 2, one line each, nothing created', () => {
  usageError(['lab', '011'], /unknown lab "011" \(did you mean 01\?\)/);
  usageError(['lab', '01', '02'], /one lab at a time/);
  usageError(['lab', '01', '--chunk', '0'], /--chunk: size must be more than 0 bytes/);
  usageError(['lab', '01', '--chunk', '128MiB'], /--chunk: at most 64MiB/);
  usageError(['lab', '01', '--size', '1.5.2'], /"1\.5\.2" is not a size/);
  usageError(['lab', '01', '--size='], /"" is not a size/);
  usageError(['lab', '01', '--size'], /--size needs a value/);
  usageError(['lab', '01', '--runs', 'abc'], /--runs must be a whole number/);
  usageError(['lab', '01', '--json=yes'], /--json takes no value/);
  usageError(['lab', '01', '--runtime', ','], /--runtime needs at least one of node, bun, deno/);
  // Twice what the disk holds, whatever the disk: refused before a byte is written.
  const { bavail, bsize } = statfsSync(temporary);
  usageError(['lab', '01', '--runtime', 'node', '--no-trace', '--size', String(bavail * bsize * 2)], /does not fit: .* free/);
  assert.not.ok(existsSync(env.WORKBOOK_RESULTS), 'no result saved');
  assert.equal(readdirSync(temporary).filter((name) => name.startsWith('zero-copy-workbook-')), [], 'no work dir left');
});

test('a half-written and a malformed answer sheet: each named with its line, the sheets untouched, no stack trace', () => {
  const answers = join(scratch, 'answers');
  mkdirSync(answers);
  const blank = readFileSync(join(root, 'answers/01-traditional.ts'), 'utf8');
  // Saved mid-edit: the file ends inside a comment, half-way through the sheet.
  writeFileSync(join(answers, '01-traditional.ts'), blank.slice(0, Math.floor(blank.length * 0.6)));
  writeFileSync(join(answers, '02-sendfile.ts'), "export const q1 = ;\nexport const q2: number = 'two';\n");
  const before = fingerprint(answers);
  const result = workbook(['check', '01', '02', '--answers', answers], env);
  assert.is(result.status, 1, result.stderr);
  noStackTrace(result.stderr);
  assert.match(result.stdout, /01-traditional\.ts:\d+:\d+: .*terminate/, 'the half-written sheet, with where it breaks off');
  assert.match(result.stdout, /02-sendfile\.ts:1:\d+: Unexpected ";"/, 'the malformed sheet, with its line');
  assert.equal(fingerprint(answers), before, 'the sheets are not rewritten');
  assert.not.ok(existsSync(env.WORKBOOK_PROGRESS), 'no progress written for sheets that could not be read');
});

test('corrupt result files: each named once and skipped, the good one still judges predictions, none rewritten', () => {
  const results = join(scratch, 'corrupt-results');
  mkdirSync(results);
  const good = must(readdirSync(join(root, 'test/fixtures/results')).find((name) => name.startsWith('lab-02-')), 'a lab 02 fixture');
  copyFileSync(join(root, 'test/fixtures/results', good), join(results, good));
  writeFileSync(join(results, 'lab-02-2030-01-01T00-00-00-000Z.json'), '{"lab":"02","runs":[{"runtime":"bun","method":"sendf'); // a disk that filled up
  writeFileSync(join(results, 'lab-01-2030-01-01T00-00-00-000Z.json'), 'null\n');
  writeFileSync(join(results, 'lab-01-2030-01-02T00-00-00-000Z.json'), Buffer.from([0xff, 0xfe, 0x00, 0x7b]));
  const before = fingerprint(results);
  const result = workbook(['check', '02', '--answers', join(root, 'answers/key'), '--results', results], env);
  noStackTrace(result.stderr);
  assert.is(result.status, 0, `the key still passes on the good result: ${result.stdout}`);
  for (const name of Object.keys(before).filter((name) => name !== good)) {
    assert.is(result.stderr.split(name).length - 1, 1, `${name} is named once`);
  }
  assert.match(result.stderr, /is not a lab result this version can read \(.+\); it was skipped/);
  assert.equal(fingerprint(results), before, 'no result file rewritten');
});

test.run();
