// On one of a workshop's 30 laptops a runtime is missing (npm ci failed half
// way) or dies on start (a build for a newer CPU). The lab reports that runtime as failed with its
// error and measures the others; asked for that runtime alone, it exits with one clear error.
// WORKBOOK_BUN and WORKBOOK_DENO point the adapters elsewhere, so node_modules is never touched.
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { workbook } from './workbook-cli.ts';

const brokenRuntime = fileURLToPath(new URL('./fixtures/fake-runtime-broken.sh', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-test-runtime-'));
const results = join(scratch, 'results');
const missing = join(scratch, 'no-such-deno');

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test('deno missing and bun dying on start: both reported failed with their error, node still measured', () => {
  chmodSync(brokenRuntime, 0o755);
  const result = workbook(['lab', '01', '--method', 'read-write', '--size', '1MiB', '--runs', '1', '--no-trace', '--json'],
    { WORKBOOK_BUN: brokenRuntime, WORKBOOK_DENO: missing, WORKBOOK_RESULTS: results });
  assert.is(result.status, 1, 'a failed runtime fails the lab');
  assert.not.match(result.stderr, /\n\s+at /, 'no stack trace');
  const document = JSON.parse(result.stdout);
  assert.equal(document.runs.map((run: { runtime: string; verified: boolean }) => `${run.runtime} ${run.verified}`), ['node true']);
  const failed = Object.fromEntries(document.notMeasured.map((row: { runtime: string; status: string; reason: string }) => [row.runtime, row]));
  assert.is(failed.bun?.status, 'failed');
  assert.match(failed.bun.reason, /Illegal instruction/, 'bun\'s own error is shown');
  assert.is(failed.deno?.status, 'failed');
  assert.match(failed.deno.reason, new RegExp(`${missing} is missing`));
  assert.is(document.runtimes.deno, 'unavailable');
});

test('--runtime deno when deno is unavailable: one clear error, a non-zero exit, nothing saved or left behind', () => {
  // A private TMPDIR, so the check for a left-behind work dir sees this run's alone.
  const temporary = mkdtempSync(join(scratch, 'tmp-'));
  const result = workbook(['lab', '01', '--runtime', 'deno', '--size', '1MiB', '--runs', '1'],
    { WORKBOOK_DENO: missing, WORKBOOK_RESULTS: results + '-deno', TMPDIR: temporary });
  assert.is(result.status, 1, result.stderr);
  assert.equal(result.stderr.trim().split('\n'), [`error: ${missing} is missing: run npm ci`]);
  assert.is(result.stdout, '');
  assert.not.ok(existsSync(results + '-deno'), 'no result saved');
  assert.equal(readdirSync(temporary).filter((name) => name.startsWith('zero-copy-workbook-')), [], 'no work dir left behind');
});

test.run();
