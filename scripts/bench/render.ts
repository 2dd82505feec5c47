// The bench on the terminal: one table per file size with the medians, their range and the paired
// ratios, then what failed or was not available, then what strace costs.
import { textTable as table } from '../lab/rows.ts';
import { formatBytes } from '../sizes.ts';
import type { BenchDocument, ParserDocument } from './document.ts';
import type { OverheadRow } from './overhead.ts';
import { compareWithIbm, ibmArticle, type IbmComparison } from './ibm.ts';
import { formatDuration, formatNumber, formatRatio } from './format.ts';
import { targetLinesPerSecond } from './parser-bench.ts';
import { noisySpread, type BenchRow, type Ratio } from './stats.ts';

/** A per-transfer mean of whole counts: whole when it is one, else one decimal. */
const formatCount = (value: number) => (Number.isInteger(value) ? value.toLocaleString('en') : value.toLocaleString('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 }));

const columns = ['runtime', 'method', 'runs', 'median s', 'min s', 'max s', 'MiB/s', 'CPU s/GiB', 'syscalls', '× rw speed', '× rw CPU', '× best', '× ceiling', 'spread'] as const;

function sizeTable(document: BenchDocument, bytes: number): string {
  // The ceiling last, under the runtimes it bounds.
  const rows = document.rows.filter((row) => row.bytes === bytes).sort((a, b) => Number(a.ceiling ?? false) - Number(b.ceiling ?? false));
  const ratio = (row: BenchRow, kind: Ratio['kind']) =>
    document.ratios.find((one) => one.kind === kind && one.bytes === bytes && one.runtime === row.runtime && one.method === row.method && !row.ceiling);
  const body = rows.map((row) => [
    row.ceiling ? `ceiling (${row.runtime})` : row.runtime,
    row.method,
    String(row.runs),
    formatNumber(row.medianSeconds),
    formatNumber(row.minSeconds),
    formatNumber(row.maxSeconds),
    formatNumber(row.mibPerSecond),
    formatNumber(row.cpuSecondsPerGiB),
    row.syscallsPerTransfer === null ? '–' : formatCount(row.syscallsPerTransfer),
    formatRatio(ratio(row, 'method')?.speed),
    formatRatio(ratio(row, 'method')?.cpu),
    formatRatio(ratio(row, 'runtime')?.speed),
    formatRatio(ratio(row, 'ceiling')?.speed),
    `${row.spread.toFixed(2)}${row.noisy ? ' noisy' : ''}`,
  ]);
  return `${formatBytes(bytes)}\n${rows.length ? table(columns, body) : 'no row: every cell failed'}`;
}

export function renderBench(document: BenchDocument): string {
  const { machine, settings } = document;
  const versions = Object.entries(machine.runtimes).map(([name, version]) => `${name} ${version}`).join(', ');
  const lines = [
    `Bench — lab ${document.lab}, ${document.title}`,
    `${machine.cpu}, ${machine.cores} cores, ${machine.platform} ${machine.kernel}; ${versions}; data on ${machine.fileSystem} (${machine.dataDir})`,
    `Page cache: ${settings.cache.note}.`,
    `Client: ${settings.client}.`,
    `Verified: ${verificationNote(document)}; a row with a failed transfer is not a row.`,
    `Untraced; one warm-up, then the timed runs. MiB/s = size / median time; CPU = the server's user+sys per GiB (median);`,
    `syscalls = every syscall the server made per timed transfer, ${syscallNote(document)};`,
    `× rw = against the same runtime's read-write, × best = the runtime's fastest method against the fastest of all, × ceiling =`,
    `against the kernel's own sendfile called through FFI (lab 09's sendfile-ffi), all at the same size in this run;`,
    `spread = max/min time, over ${noisySpread} is noisy.`,
  ];
  for (const bytes of settings.sizes) lines.push('', sizeTable(document, bytes));
  const ibm = compareWithIbm(document.rows);
  if (ibm.length) lines.push('', ...ibmTable(ibm));
  if (document.failures.length) {
    lines.push('', 'Not reported — a transfer failed or did not verify:');
    for (const failure of document.failures) lines.push(`  ${formatBytes(failure.bytes)} ${failure.runtime} ${failure.method}: ${failure.reason}`);
  }
  for (const row of document.unavailable) lines.push(`  ${row.runtime} ${row.method}: not available — ${row.reason}`);
  const overhead = document.straceOverhead;
  lines.push('', 'Why timings are never taken under strace, and whether the two counts agree — one server per method: a warm-up, 3 transfers',
    'untraced with perf counting, then 3 with strace attached and read by the lab\'s ledger while perf counts them too (medians;',
    'perf: mean per transfer). "perf vs strace" compares the two tools on the same traced transfers; a traced server is slower',
    'and waits more, so its count is usually above the untraced one the syscalls column reports:');
  if (!overhead.measured) {
    lines.push(`  not measured: ${overhead.reason}. To measure it: ${overhead.fix}.`);
  } else {
    lines.push(table(['runtime', 'method', 'size', 'untraced s', 'traced s', 'slowdown', 'syscalls untraced: perf', 'traced: perf', 'strace', 'perf vs strace'], overhead.rows.map((row) => [
      row.runtime, row.method, formatBytes(row.bytes), formatNumber(row.untracedSeconds), formatNumber(row.tracedSeconds), `${formatNumber(row.slowdown)}×`,
      // == null: a document written before perfTraced was counted has no such field.
      row.syscalls.perf == null ? '–' : formatCount(row.syscalls.perf),
      row.syscalls.perfTraced == null ? '–' : formatCount(row.syscalls.perfTraced),
      row.syscalls.strace == null ? '–' : formatCount(row.syscalls.strace),
      crossCheck(row.syscalls),
    ])));
    const missing = [...new Set(overhead.rows.flatMap((row) => [row.syscalls.perfMissing, row.syscalls.perfTracedMissing, row.syscalls.straceMissing]).filter(Boolean))];
    for (const reason of missing) lines.push(`  – ${reason}`);
    for (const failure of overhead.failures) lines.push(`  ${failure.runtime} ${failure.method}: FAILED — ${failure.reason}`);
  }
  lines.push('', `Sizes sweep ${formatDuration(document.seconds.sweep)}, strace overhead ${formatDuration(document.seconds.straceOverhead)}, total ${formatDuration(document.seconds.total)}.`);
  return lines.join('\n');
}

/** The reader's sendfile-over-read-write ratios beside IBM's transferTo-over-copy-loop, per size. */
export function ibmTable(comparisons: IbmComparison[]): string[] {
  const body = comparisons.flatMap((comparison) => comparison.measured.map((one, i) => [
    i === 0 ? comparison.figure.label : '',
    i === 0 ? comparison.figure.normalMs.toLocaleString('en') : '',
    i === 0 ? comparison.figure.transferToMs.toLocaleString('en') : '',
    i === 0 ? `${comparison.ibmTimeRatio.toFixed(2)}×` : '',
    one.runtime,
    formatNumber(one.readWriteMs),
    formatNumber(one.sendfileMs),
    `${one.timeRatio.toFixed(2)}×${one.noisy ? ' noisy' : ''}`,
    `${one.cpuRatio.toFixed(2)}×`,
  ]));
  return [
    `Beside IBM's figures (${ibmArticle.title}, ${ibmArticle.url}): Java's transferTo against a copy loop on Linux 2.6, and this run's sendfile against read-write.`,
    `× = the zero-copy method's time (or server CPU) over the copy loop's: below 1 is a saving; IBM's about 0.35 is its "65 percent".`,
    table(['size', 'IBM loop ms', 'IBM transferTo ms', 'IBM time ×', 'runtime', 'read-write ms', 'sendfile ms', 'time ×', 'server CPU ×'], body),
    'Why the ratios differ: here client and server share one machine over loopback, so every transfer\'s time includes the',
    "client's own receive copy, which no server method removes, and on a few cores the two compete; sendfile removes the",
    "server's copies, which the CPU column shows even where the time barely moves. IBM's machine, network and JVM were not",
    "this one's, and the article does not say how many runs each figure is: compare the shapes, not the milliseconds.",
  ];
}

function crossCheck(syscalls: OverheadRow['syscalls']): string {
  if (syscalls.difference == null || syscalls.perfTraced == null || syscalls.strace == null) return 'not compared';
  const sign = (value: number) => (value >= 0 ? '+' : '');
  // A few dozen calls are compared in calls, thousands in per cent: the tolerance says which.
  const calls = syscalls.perfTraced - syscalls.strace;
  const shown = syscalls.tolerance.includes('calls')
    ? `${sign(calls)}${Number.isInteger(calls) ? calls : calls.toFixed(1)} calls`
    : `${sign(syscalls.difference)}${(syscalls.difference * 100).toFixed(1)}%`;
  return `${shown} ${syscalls.agrees ? 'agree' : 'DIFFER'} (${syscalls.tolerance})`;
}

function verificationNote(document: BenchDocument): string {
  const ways = document.settings.verification;
  if (ways.length === 0) return "by the lab's own client, bytes and SHA-256, inside its clock";
  const notes = [...new Set(ways.map((way) => way.note))];
  return notes.length === 1 ? `every transfer ${notes[0]}` : ways.map((way) => `${formatBytes(way.bytes)}: ${way.note}`).join('; ');
}

function syscallNote(document: BenchDocument): string {
  const counter = document.settings.syscallCounter;
  return 'event' in counter ? `counted by ${counter.tool} (${counter.event}) in the timed transfers themselves` : `not counted: ${counter.reason}`;
}

export function renderParserBench(document: ParserDocument): string {
  const verdict = document.linesPerSecond >= targetLinesPerSecond ? 'meets' : 'is BELOW';
  return [
    `Parser micro-benchmark — ${document.machine.cpu}, Node ${process.versions.node}`,
    `${document.lines.toLocaleString('en')} lines (${formatBytes(document.traceBytes)}, from ${document.fixtures.length} captured fixtures) → ${document.events.toLocaleString('en')} events`,
    `${formatNumber(document.seconds)} s, ${Math.round(document.linesPerSecond).toLocaleString('en')} lines/s: ${verdict} the ${targetLinesPerSecond.toLocaleString('en')} lines/s goal`,
    `memory: peak growth while parsing RSS ${formatBytes(Math.max(0, document.peakRssGrowthBytes))}, JS heap ${formatBytes(Math.max(0, document.peakHeapGrowthBytes))} ` +
      `(garbage between collections); kept after parsing ${formatBytes(Math.max(0, document.retainedHeapBytes))}. The parser streams and keeps only`,
    'unfinished calls, so these stay about the same for --lines 3000000.',
  ].join('\n');
}
