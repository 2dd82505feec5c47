// Saved results are read back by check, start and the book, and may be older than this code or
// edited by hand: every one is validated when loaded, and a bad one is named with what is wrong.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadResults, validateResult } from '../scripts/lab/results.ts';
import { fixturesDir, must } from './fixtures.ts';

const fixtureResults = join(fixturesDir, 'results');
const scratch = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-results-'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));

const fixture = (lab: string) => JSON.parse(readFileSync(join(fixtureResults, must(readdirSync(fixtureResults).find((name) => name.startsWith(`lab-${lab}-`)), `a lab ${lab} fixture`)), 'utf8'));

test('every fixture result, written by earlier versions of the ledger, loads', () => {
  const { results, unreadable } = loadResults(fixtureResults);
  assert.equal(unreadable, []);
  assert.is(results.length, readdirSync(fixtureResults).length);
  // Lab 01's result predates the pipe direction: it is read as 0, since no pipe was counted then.
  const lab01 = must(results.find((result) => result.lab === '01'), 'lab 01');
  for (const run of lab01.runs) if (run.traced) assert.is(run.copies.userToPipe, 0);
});

test('a hand-edited result is refused with the path of what is wrong, not a crash or a NaN', () => {
  const cases: Array<[(result: Record<string, any>) => void, RegExp]> = [
    [(result) => { result.runs[0].copiesPerByte = 'two'; }, /result\.runs\[0\]\.copiesPerByte is not a number/],
    [(result) => { result.runs[0].mibPerSecond = null; }, /result\.runs\[0\]\.mibPerSecond is not a number/],
    [(result) => { result.runs[0].runtime = 'python'; }, /result\.runs\[0\]\.runtime is "python", not one of node, bun, deno/],
    [(result) => { result.runs[0].verified = false; }, /an unverified transfer is never a result/],
    [(result) => { result.runs[0].sha256 = 'abc'; }, /is not a SHA-256/],
    [(result) => { delete result.machine; }, /result\.machine is not an object/],
    [(result) => { result.createdAt = 'yesterday'; }, /result\.createdAt is not a date/],
    [(result) => { result.runs[0].traced = false; }, /is not null on an untraced run/],
    [(result) => { result.notMeasured = [{ runtime: 'node', method: 'sendfile', status: 'maybe', reason: 'x' }]; }, /status is "maybe"/],
    [(result) => { result.runs[0].allSyscallsByName = { futex: 'many' }; }, /result\.runs\[0\]\.allSyscallsByName\.futex is not a number/],
    [(result) => { result.runs[0].allSyscallsByName = { futex: 1 }; }, /allSyscallsByName adds up to 1, not allSyscalls 2922/],
    [(result) => { Object.assign(result.runs[0], { traced: false, copies: null, calls: null, allSyscallsByName: { futex: 1 } }); }, /allSyscallsByName is not null on an untraced run/],
  ];
  for (const [change, says] of cases) {
    const result = fixture('02');
    change(result);
    const checked = validateResult(result);
    assert.ok('problem' in checked, `${says} should be refused`);
    if ('problem' in checked) assert.match(checked.problem, says);
  }
});

test('a traced run carries every syscall by name; one saved before the names were counted still loads, without them', () => {
  const result = fixture('02');
  const [run] = result.runs;
  assert.is(run.allSyscallsByName, undefined, 'the fixture predates the names');
  assert.ok(!('problem' in validateResult(structuredClone(result))));
  run.allSyscallsByName = { futex: run.allSyscalls - 2, read: 1, write: 1 };
  const checked = validateResult(result);
  assert.ok('result' in checked && checked.result.runs[0]?.traced && checked.result.runs[0].allSyscallsByName?.futex === run.allSyscalls - 2);
  // An untraced run saved before the field existed counts nothing: null, like its other counts.
  const untraced = fixture('02');
  Object.assign(untraced.runs[0], { traced: false, syscalls: undefined, copies: null, calls: null, copiesPerByte: null, cpuCopiesPerByte: null, allSyscalls: null, modeSwitches: null });
  const loaded = validateResult(untraced);
  assert.ok('result' in loaded && loaded.result.runs[0]?.allSyscallsByName === null);
});

test('loadResults skips a bad file and says which and why; the good ones still load', () => {
  const dir = join(scratch, 'mixed');
  const good = fixture('01');
  const bad = fixture('02');
  bad.runs[0].bytes = -1;
  mkdirSync(dir);
  writeFileSync(join(dir, 'lab-01-2026-01-01T00-00-00-000Z.json'), JSON.stringify(good));
  writeFileSync(join(dir, 'lab-02-2026-01-01T00-00-00-000Z.json'), JSON.stringify(bad));
  writeFileSync(join(dir, 'lab-03-2026-01-01T00-00-00-000Z.json'), '{ not json');
  const { results, unreadable } = loadResults(dir);
  assert.equal(results.map((result) => result.lab), ['01']);
  assert.equal(unreadable.map((entry) => entry.path.replace(/.*\//, '').slice(0, 6)).sort(), ['lab-02', 'lab-03']);
  assert.match(must(unreadable.find((entry) => entry.path.includes('lab-02')), 'lab 02').problem, /runs\[0\]\.bytes is not a byte count/);
  assert.match(must(unreadable.find((entry) => entry.path.includes('lab-03')), 'lab 03').problem, /not JSON/);
});

test.run();
