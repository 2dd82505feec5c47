// The bench's arithmetic on fixed numbers: what a row reports, when it is noisy, and which rows
// a ratio may pair.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { median } from '../scripts/lab/run.ts';
import { pairRatios, summarize, type BenchRow } from '../scripts/bench/stats.ts';
import { compareWithIbm, ibmFigures } from '../scripts/bench/ibm.ts';
import { parseSizes } from '../scripts/bench.ts';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** A row whose timed runs all took `seconds`, using `cpuPerGiB` of server CPU per GiB. */
function row(runtime: BenchRow['runtime'], method: BenchRow['method'], bytes: number, seconds: number, cpuPerGiB: number): BenchRow {
  return summarize(runtime, method, bytes, [1, 1, 1].map(() => ({ seconds, cpuSeconds: cpuPerGiB * (bytes / GiB) })));
}

/** One size of a sweep: Bun's sendfile twice as fast as its read-write on a tenth of the CPU. */
const at256MiB = [
  row('bun', 'read-write', 256 * MiB, 0.4, 1.0),
  row('bun', 'sendfile', 256 * MiB, 0.2, 0.1),
  row('node', 'read-write', 256 * MiB, 0.5, 1.2),
  row('node', 'stream', 256 * MiB, 0.25, 0.6),
];

test('median: the middle value, or the mean of the middle two; the input is left alone', () => {
  const values = [5, 1, 4];
  assert.is(median(values), 4);
  assert.equal(values, [5, 1, 4]);
  assert.is(median([4, 1, 3, 2]), 2.5);
  assert.is(median([7]), 7);
});

test('a row: median, min and max of time, throughput from the median, CPU per GiB', () => {
  const summary = summarize('bun', 'sendfile', 256 * MiB, [
    { seconds: 0.2, cpuSeconds: 0.01 }, { seconds: 0.25, cpuSeconds: 0.02 }, { seconds: 0.22, cpuSeconds: 0.03 },
  ]);
  assert.is(summary.runs, 3);
  assert.is(summary.medianSeconds, 0.22);
  assert.is(summary.minSeconds, 0.2);
  assert.is(summary.maxSeconds, 0.25);
  assert.ok(Math.abs(summary.mibPerSecond - 256 / 0.22) < 1e-9);
  assert.ok(Math.abs(summary.minMiBPerSecond - 256 / 0.25) < 1e-9, 'the slowest run gives the lowest throughput');
  assert.ok(Math.abs(summary.maxMiBPerSecond - 256 / 0.2) < 1e-9);
  assert.ok(Math.abs(summary.cpuSecondsPerGiB - 0.08) < 1e-9, '0.02 s for a quarter GiB is 0.08 s per GiB');
  assert.ok(Math.abs(summary.minCpuSecondsPerGiB - 0.04) < 1e-9 && Math.abs(summary.maxCpuSecondsPerGiB - 0.12) < 1e-9);
});

test('noisy: a spread (max/min time) over 1.25, not at it', () => {
  const timed = (seconds: number[]) => summarize('node', 'read-write', MiB, seconds.map((value) => ({ seconds: value, cpuSeconds: 0.001 })));
  assert.is(timed([1, 1.1, 1.25]).noisy, false);
  assert.is(timed([1, 1.1, 1.25]).spread, 1.25);
  assert.is(timed([1, 1.1, 1.26]).noisy, true);
  assert.is(timed([2, 1, 1.01]).noisy, true, 'order does not matter');
});

test('ratios pair each method with its own runtime\'s read-write at the same size', () => {
  const methods = pairRatios([...at256MiB, row('bun', 'sendfile', MiB, 0.001, 0.2)]).filter((ratio) => ratio.kind === 'method');
  assert.equal(methods.map((ratio) => `${ratio.bytes / MiB} ${ratio.runtime} ${ratio.method} vs ${ratio.against.runtime} ${ratio.against.method}`).sort(),
    ['256 bun sendfile vs bun read-write', '256 node stream vs node read-write'],
    'no pair across runtimes or sizes, none of read-write with itself, and 1 MiB sendfile has no baseline at 1 MiB');
  const sendfile = methods.find((ratio) => ratio.method === 'sendfile')!;
  assert.ok(Math.abs(sendfile.speed - 2) < 1e-9, 'twice as fast');
  assert.ok(Math.abs(sendfile.cpu - 0.1) < 1e-9, 'a tenth of the CPU');
  const stream = methods.find((ratio) => ratio.method === 'stream')!;
  assert.ok(Math.abs(stream.speed - 2) < 1e-9 && Math.abs(stream.cpu - 0.5) < 1e-9);
});

test('ratios pair each runtime\'s fastest method with the fastest row at that size', () => {
  const best = pairRatios([...at256MiB, row('node', 'stream', MiB, 0.001, 0.5)]).filter((ratio) => ratio.kind === 'runtime');
  const at256 = best.filter((ratio) => ratio.bytes === 256 * MiB);
  assert.equal(at256.map((ratio) => `${ratio.runtime} ${ratio.method}`).sort(), ['bun sendfile', 'node stream']);
  for (const ratio of at256) assert.equal(ratio.against, { runtime: 'bun', method: 'sendfile' });
  assert.ok(Math.abs(at256.find((ratio) => ratio.runtime === 'node')!.speed - 0.8) < 1e-9, '0.2 s against 0.25 s');
  assert.is(at256.find((ratio) => ratio.runtime === 'bun')!.speed, 1);
  const at1 = best.filter((ratio) => ratio.bytes === MiB);
  assert.equal(at1.map((ratio) => `${ratio.runtime} ${ratio.method} vs ${ratio.against.method}`), ['node stream vs stream'], 'alone at its size, it is the best');
});

test('a ratio is noisy when either side of its pair is', () => {
  const steady = row('deno', 'read-write', MiB, 0.01, 1);
  const noisy = summarize('deno', 'stream', MiB, [0.005, 0.009].map((seconds) => ({ seconds, cpuSeconds: 0.0001 })));
  const ratio = pairRatios([steady, noisy]).find((one) => one.kind === 'method');
  assert.is(noisy.noisy, true);
  assert.is(ratio?.noisy, true);
  assert.is(pairRatios([steady, row('deno', 'stream', MiB, 0.009, 1)]).find((one) => one.kind === 'method')!.noisy, false);
});

test('every runtime row is paired with the ceiling at its size, and the ceiling with nothing', () => {
  const ceiling = { ...row('bun', 'sendfile-ffi', 256 * MiB, 0.16, 0.05), ceiling: true };
  const ratios = pairRatios([...at256MiB, ceiling, row('bun', 'read-write', MiB, 0.001, 1)]);
  const against = ratios.filter((ratio) => ratio.kind === 'ceiling');
  assert.equal(against.map((ratio) => `${ratio.runtime} ${ratio.method}`).sort(), ['bun read-write', 'bun sendfile', 'node read-write', 'node stream'],
    'the four 256 MiB rows; the 1 MiB row has no ceiling at its size');
  assert.ok(Math.abs(against.find((ratio) => ratio.method === 'sendfile')!.speed - 0.8) < 1e-9, '0.16 s against 0.2 s');
  assert.not.ok(ratios.some((ratio) => ratio.method === 'sendfile-ffi' || ratio.against.method === 'sendfile-ffi' && ratio.kind !== 'ceiling'),
    'the ceiling is neither a method against read-write nor a runtime\'s best');
});

test('--sizes ibm is the article\'s eight sizes; a list is sorted, deduplicated and at least a page each', () => {
  assert.equal(parseSizes('ibm'), { sizes: ibmFigures.map((figure) => figure.bytes), preset: 'ibm' });
  assert.equal(parseSizes(' IBM ').sizes.length, 8);
  assert.equal(parseSizes('1MiB, 4KiB,1MiB'), { sizes: [4096, MiB] });
  assert.throws(() => parseSizes('4095'), /below 4 KiB/);
  assert.throws(() => parseSizes(','), /at least one size/);
});

test('IBM\'s table beside this run: sendfile over read-write per runtime, only where both were measured', () => {
  const [seven, twentyOne] = ibmFigures;
  const rows = [
    row('bun', 'read-write', seven!.bytes, 0.02, 1.0), row('bun', 'sendfile', seven!.bytes, 0.01, 0.1),
    row('node', 'read-write', seven!.bytes, 0.03, 1.2), row('node', 'stream', seven!.bytes, 0.02, 0.6),
    row('bun', 'read-write', twentyOne!.bytes, 0.06, 1.0),
    { ...row('bun', 'sendfile-ffi', twentyOne!.bytes, 0.01, 0.1), ceiling: true },
  ];
  const compared = compareWithIbm(rows);
  assert.is(compared.length, 1, '21 MB has no runtime with both rows: the ceiling is not a runtime\'s sendfile');
  const [line] = compared;
  assert.is(line!.figure.label, '7 MB');
  assert.ok(Math.abs(line!.ibmTimeRatio - 45 / 156) < 1e-9);
  assert.equal(line!.measured.map((one) => one.runtime), ['bun'], 'node has no sendfile row');
  assert.ok(Math.abs(line!.measured[0]!.timeRatio - 0.5) < 1e-9 && Math.abs(line!.measured[0]!.cpuRatio - 0.1) < 1e-9);
});

test.run();
