// Where tracing is impossible the labs still run, verify and time; every row
// says it is untraced (never a zero count), and one message says why and how to fix it.
// test/cli.test.ts covers WORKBOOK_STRACE pointing nowhere and PTRACE_TRACEME being denied; here,
// a slim container (no strace and no ps on PATH at all) and a denied PTRACE_SEIZE on Bun's
// sendfile, the row whose counts are the point of chapter 02.
import { chmodSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { workbook } from './workbook-cli.ts';

const fakeStrace = fileURLToPath(new URL('./fixtures/fake-strace-eperm.sh', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-test-tracing-'));
const results = join(scratch, 'results');

test.after(() => rmSync(scratch, { recursive: true, force: true }));

const occurrences = (text: string, pattern: RegExp) => text.match(new RegExp(pattern, 'g'))?.length ?? 0;

test('a slim container without strace or ps: the lab runs untraced and says once how to install strace', () => {
  // PATH holds a shell and nothing else: strace is not found, and neither is ps (procps is not
  // in slim images), which the runner must not need to stop its children.
  const only = mkdtempSync(join(scratch, 'only-shells-'));
  for (const shell of ['sh', 'bash']) symlinkSync(`/bin/${shell}`, join(only, shell));
  const result = workbook(['lab', '01', '--runtime', 'node', '--method', 'read-write', '--size', '1MiB', '--runs', '1'],
    { PATH: only, WORKBOOK_STRACE: undefined, WORKBOOK_RESULTS: results });
  assert.is(result.status, 0, result.stderr);
  assert.not.match(result.stderr, /\n\s+at /, 'no stack trace');
  const row = result.stdout.split('\n').find((line) => line.startsWith('node '))!;
  assert.ok(row, result.stdout);
  assert.match(row, /sha256 ✓\s+untraced\s+\?\s+\?\s+\?\s+\?/, 'verified and timed, counts unknown');
  assert.is(occurrences(result.stdout + result.stderr, /strace is not installed/), 1, 'one message says why');
  assert.is(occurrences(result.stdout + result.stderr, /apt-get install strace/), 1, 'and how to fix it');
});

test('ptrace denied (PTRACE_SEIZE: Operation not permitted): bun sendfile still runs and times, untraced, and the fix is named', () => {
  chmodSync(fakeStrace, 0o755);
  const json = workbook(['lab', '02', '--runtime', 'bun', '--method', 'sendfile', '--size', '1MiB', '--runs', '1', '--json'],
    { WORKBOOK_STRACE: fakeStrace, WORKBOOK_RESULTS: results });
  assert.is(json.status, 0, json.stderr);
  const document = JSON.parse(json.stdout);
  assert.equal(document.tracing.available, false);
  assert.match(document.tracing.reason, /PTRACE_SEIZE.*Operation not permitted/);
  assert.match(document.tracing.fix, /--cap-add=SYS_PTRACE/);
  assert.match(document.tracing.fix, /ptrace_scope/);
  const [run] = document.runs;
  assert.equal([run.runtime, run.method, run.verified, run.traced, run.copies, run.copiesPerByte], ['bun', 'sendfile', true, false, null, null]);
  assert.ok(run.mibPerSecond > 0 && run.wallSeconds > 0, 'timed');

  const text = workbook(['lab', '02', '--runtime', 'bun', '--method', 'sendfile', '--size', '1MiB', '--runs', '1'],
    { WORKBOOK_STRACE: fakeStrace, WORKBOOK_RESULTS: results });
  assert.is(text.status, 0, text.stderr);
  assert.not.match(text.stderr, /\n\s+at /, 'no stack trace');
  assert.match(text.stdout.split('\n').find((line) => line.startsWith('bun '))!, /sha256 ✓\s+untraced/);
  assert.is(occurrences(text.stdout + text.stderr, /Operation not permitted/), 1, 'one message says why');
  assert.is(occurrences(text.stdout + text.stderr, /--cap-add=SYS_PTRACE/), 1, 'and how to fix it');
});

test.run();
