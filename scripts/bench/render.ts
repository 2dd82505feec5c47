// The bench on the terminal: one table per file size with the medians, their range and the paired
// ratios, then what failed or was not available, then what strace costs.
import { textTable as table } from '../lab/rows.ts';
import { formatBytes } from '../sizes.ts';
import type { BenchDocument, ParserDocument } from './document.ts';
import { formatDuration, formatNumber, formatRatio } from './format.ts';
import { targetLinesPerSecond } from './parser-bench.ts';
import { noisySpread, type BenchRow } from './stats.ts';

const columns = ['runtime', 'method', 'runs', 'median s', 'min s', 'max s', 'MiB/s', 'CPU s/GiB', '× rw speed', '× rw CPU', '× best', 'spread'] as const;

function sizeTable(document: BenchDocument, bytes: number): string {
  const rows = document.rows.filter((row) => row.bytes === bytes);
  const ratio = (row: BenchRow, kind: 'method' | 'runtime') =>
    document.ratios.find((one) => one.kind === kind && one.bytes === bytes && one.runtime === row.runtime && one.method === row.method);
  const body = rows.map((row) => [
    row.runtime,
    row.method,
    String(row.runs),
    formatNumber(row.medianSeconds),
    formatNumber(row.minSeconds),
    formatNumber(row.maxSeconds),
    formatNumber(row.mibPerSecond),
    formatNumber(row.cpuSecondsPerGiB),
    formatRatio(ratio(row, 'method')?.speed),
    formatRatio(ratio(row, 'method')?.cpu),
    formatRatio(ratio(row, 'runtime')?.speed),
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
    `Untraced; one warm-up, then the timed runs; every transfer verified by SHA-256 outside its clock. MiB/s = size / median time;`,
    `CPU = the server's user+sys per GiB (median); × rw = against the same runtime's read-write, × best = the runtime's fastest`,
    `method against the fastest of all, both at the same size in this run; spread = max/min time, over ${noisySpread} is noisy.`,
  ];
  for (const bytes of settings.sizes) lines.push('', sizeTable(document, bytes));
  if (document.failures.length) {
    lines.push('', 'Not reported — a transfer failed or did not verify:');
    for (const failure of document.failures) lines.push(`  ${formatBytes(failure.bytes)} ${failure.runtime} ${failure.method}: ${failure.reason}`);
  }
  for (const row of document.unavailable) lines.push(`  ${row.runtime} ${row.method}: not available — ${row.reason}`);
  const overhead = document.straceOverhead;
  lines.push('', 'Why timings are never taken under strace — the same transfer untraced and traced (median of 3 after a warm-up):');
  if (!overhead.measured) {
    lines.push(`  not measured: ${overhead.reason}. To measure it: ${overhead.fix}.`);
  } else {
    lines.push(table(['runtime', 'method', 'size', 'untraced s', 'traced s', 'slowdown'], overhead.rows.map((row) => [
      row.runtime, row.method, formatBytes(row.bytes), formatNumber(row.untracedSeconds), formatNumber(row.tracedSeconds), `${formatNumber(row.slowdown)}×`,
    ])));
    for (const failure of overhead.failures) lines.push(`  ${failure.runtime} ${failure.method}: FAILED — ${failure.reason}`);
  }
  lines.push('', `Sizes sweep ${formatDuration(document.seconds.sweep)}, strace overhead ${formatDuration(document.seconds.straceOverhead)}, total ${formatDuration(document.seconds.total)}.`);
  return lines.join('\n');
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
