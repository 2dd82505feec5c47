// The report's rows (scripts/lab/rows.ts) on saved results: "× rw" compares a row with the same
// runtime's read-write per byte moved, so a row that sends a smaller file (lab 04's 4 KiB row,
// lab 08's gzip rows) or serves several consumers (lab 07) is compared fairly; the top calls say
// which syscalls the mode switches were.
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadResults, type LabResult, type Run } from '../scripts/lab/results.ts';
import { columnsFor, reportRows, type ReportRow } from '../scripts/lab/rows.ts';
import { reading } from '../scripts/start.ts';
import { fixturesDir, ledgerOf, must } from './fixtures.ts';

const { results } = loadResults(join(fixturesDir, 'results'));
const saved = (lab: string): LabResult => structuredClone(must(results.find((result) => result.lab === lab), `the lab ${lab} fixture result`));
const rowOf = (rows: ReportRow[], runtime: string, method: string, chunk?: number) =>
  must(rows.find((row) => row.run.runtime === runtime && row.run.method === method && (chunk === undefined || row.run.chunk === chunk)), `${runtime} ${method}${chunk ? ` ${chunk}` : ''}`);
const close = (value: number | undefined, target: number) => value !== undefined && Math.abs(value - target) < 1e-9;
const cpu = (run: Run) => run.cpu.user + run.cpu.sys;
/** A copy of a run that sends `share` of the file for `share` of the CPU: the same cost per byte. */
const scaled = (run: Run, share: number): Run => ({ ...run, bytes: run.bytes * share, cpu: { user: run.cpu.user * share, sys: run.cpu.sys * share } });

test('a row that sends a quarter of the file for a quarter of the CPU costs the same per byte: × rw CPU 1.00, not 0.25', () => {
  const result = saved('02');
  const readWrite = rowOf(reportRows(result), 'bun', 'read-write').run;
  assert.is(readWrite.bytes, 16 * 2 ** 20);
  result.runs = result.runs.map((run) => (run.runtime === 'bun' && run.method === 'sendfile' ? scaled({ ...readWrite, method: 'sendfile' }, 1 / 4) : run));
  const row = rowOf(reportRows(result), 'bun', 'sendfile');
  assert.is(row.run.bytes, 4 * 2 ** 20);
  assert.ok(close(row.figures.cpuVsReadWrite, 1), `× rw CPU ${row.figures.cpuVsReadWrite}`);
  assert.is(row.cells.cpuVsReadWrite, '1.00');
  assert.ok(close(row.figures.cpuSecondsPerGiB, rowOf(reportRows(result), 'bun', 'read-write').figures.cpuSecondsPerGiB));
});

test('a broker serving four consumers moves the file four times: four times the CPU is the same per byte', () => {
  const result = saved('02');
  const readWrite = rowOf(reportRows(result), 'node', 'read-write').run;
  result.runs = result.runs.map((run) => (run.runtime === 'node' && run.method === 'stream'
    ? { ...readWrite, method: 'stream', consumers: 4, cpu: { user: readWrite.cpu.user * 4, sys: readWrite.cpu.sys * 4 } } : run));
  assert.ok(close(rowOf(reportRows(result), 'node', 'stream').figures.cpuVsReadWrite, 1));
});

test('every saved row\'s × rw CPU is its CPU per byte over its read-write\'s, and the baseline has none', () => {
  for (const result of results) {
    const rows = reportRows(result);
    for (const row of rows) {
      const baseline = must(rows.find((other) => other.run.runtime === row.run.runtime && other.run.method === 'read-write'), `lab ${result.lab} ${row.run.runtime} read-write`);
      if (baseline === row) {
        assert.is(row.figures.cpuVsReadWrite, undefined);
        continue;
      }
      const perByte = (cpu(row.run) / (row.run.bytes * (row.run.consumers ?? 1))) / (cpu(baseline.run) / (baseline.run.bytes * (baseline.run.consumers ?? 1)));
      assert.ok(Math.abs((row.figures.cpuVsReadWrite ?? NaN) - perByte) < 1e-9 * perByte, `lab ${result.lab} ${row.run.runtime} ${row.label}: ${row.figures.cpuVsReadWrite} against ${perByte}`);
    }
  }
});

test('lab 04: against the 4 KiB row (a 1 MiB file), every larger buffer spends less CPU per byte, 64 KiB under a third', () => {
  const rows = reportRows(saved('04'));
  for (const runtime of ['node', 'bun', 'deno']) {
    const smallest = rowOf(rows, runtime, 'read-write', 4096);
    assert.is(smallest.run.bytes, 2 ** 20, `${runtime}: the 4 KiB row sends 1 MiB`);
    for (const kib of [16, 64, 256, 1024]) {
      const row = rowOf(rows, runtime, 'read-write', kib * 1024);
      assert.is(row.run.bytes, kib === 16 ? 4 * 2 ** 20 : 16 * 2 ** 20, 'a swept row sends at most 256 buffers');
      assert.ok((row.figures.cpuVsReadWrite ?? Infinity) < 1, `${runtime} ${kib} KiB: × rw CPU ${row.figures.cpuVsReadWrite}`);
    }
    const sixtyFour = rowOf(rows, runtime, 'read-write', 65536).figures.cpuVsReadWrite ?? Infinity;
    assert.ok(sixtyFour < 1 / 3, `${runtime} 64 KiB: × rw CPU ${sixtyFour}`);
  }
});

test('lab 08: gzip (a 2 MiB file) costs over ten times read-write\'s CPU per byte', () => {
  const rows = reportRows(saved('08'));
  for (const runtime of ['node', 'bun', 'deno']) {
    const gzip = rowOf(rows, runtime, 'gzip');
    assert.is(gzip.run.bytes, 2 * 2 ** 20);
    assert.ok((gzip.figures.cpuVsReadWrite ?? 0) > 10, `${runtime} gzip: × rw CPU ${gzip.figures.cpuVsReadWrite}`);
  }
});

test('npm start\'s reading quotes the same per-byte ratio as the table', () => {
  const headline = [saved('01'), saved('02')];
  const sendfile = rowOf(reportRows(must(headline[1], 'lab 02')), 'bun', 'sendfile');
  const line = must(reading(headline).find((one) => one.startsWith('sendfile')), 'the sendfile line');
  assert.ok(line.includes(`${must(sendfile.figures.cpuVsReadWrite, 'a ratio').toFixed(2)}× the server CPU per byte`), line);
  // The same sendfile on a quarter of the file for a quarter of the CPU reads the same.
  const lab02 = must(headline[1], 'lab 02');
  lab02.runs = lab02.runs.map((run) => (run.runtime === 'bun' && run.method === 'sendfile' ? scaled(run, 1 / 4) : run));
  assert.ok(must(reading(headline).find((one) => one.startsWith('sendfile')), 'the sendfile line').includes(`${must(sendfile.figures.cpuVsReadWrite, 'a ratio').toFixed(2)}×`));
});

test('the top calls name where the mode switches come from, and the column shows only where a row has them', async () => {
  const result = saved('01');
  const columns = ['method', 'modeSwitches', 'topCalls'] as const;
  assert.equal(columnsFor(reportRows(result), columns), ['method', 'modeSwitches'], 'a result saved before the names were counted: no column of ?');
  const { ledger } = await ledgerOf('lab-01-node-read-write.strace');
  result.runs = result.runs.map((run) => (run.runtime === 'node' && run.method === 'read-write' && run.traced
    ? { ...run, allSyscalls: ledger.allSyscalls, allSyscallsByName: ledger.allSyscallsByName, modeSwitches: 2 * ledger.allSyscalls } : run));
  const rows = reportRows(result);
  assert.equal(columnsFor(rows, columns), [...columns]);
  const cell = rowOf(rows, 'node', 'read-write').cells.topCalls;
  const named = cell.split(', ').map((entry) => entry.split(' ')[0]);
  assert.is(named.length, 4, cell);
  assert.is(named[0], 'futex', `Node's thread-pool hand-offs lead: ${cell}`);
  assert.ok(named.includes('epoll_pwait') && named.includes('read') && named.includes('write'), cell);
  assert.is(rowOf(rows, 'bun', 'stream').cells.topCalls, '?', 'a traced row saved without names');
});

test.run();
