// The reader's own numbers on a chapter's page: the newest saved result of its lab as a table and
// a chart, labelled with the machine, the runtime versions and the date. Results files are written
// by other processes and may be edited by hand, so every value is checked for its type and escaped.
import type { Lab } from '../catalogue.ts';
import type { LabResult, Run } from '../results.ts';
import { formatBytes } from '../sizes.ts';
import { chartSvg, type Panel } from './chart.ts';
import { escapeHtml } from './html.ts';
import type { Page } from './markdown.ts';

const gib = 1024 ** 3;

/** loadResults() lists newest first, so the first result seen for a lab is its newest. */
export function newestPerLab(results: LabResult[]): Map<string, LabResult> {
  const newest = new Map<string, LabResult>();
  for (const result of results) if (!newest.has(result.lab)) newest.set(result.lab, result);
  return newest;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The figures the table and the chart show, from one run; undefined where the run has no number. */
export interface RunFigures {
  runtime: string;
  label: string;
  syscalls: string;
  syscallCalls: number | undefined;
  fileToUser: number | undefined;
  userToSocket: number | undefined;
  kernelMoved: number | undefined;
  copiesPerByte: number | undefined;
  mibPerSecond: number | undefined;
  cpuSecondsPerGiB: number | undefined;
  contextSwitches: number | undefined;
}

export function runFigures(run: Run): RunFigures {
  const copies = run.copies && typeof run.copies === 'object' ? run.copies : undefined;
  const entries = run.traced && run.syscalls && typeof run.syscalls === 'object' ? Object.entries(run.syscalls) : [];
  const bytes = finite(run.bytes);
  const cpu = run.cpu && typeof run.cpu === 'object' ? (finite(run.cpu.user) ?? NaN) + (finite(run.cpu.sys) ?? NaN) : NaN;
  return {
    runtime: String(run.runtime),
    label: `${run.runtime} ${run.method}`,
    syscalls: run.traced ? entries.sort((a, b) => (finite(b[1]?.calls) ?? 0) - (finite(a[1]?.calls) ?? 0))
      .map(([name, entry]) => `${name} ${finite(entry?.calls) ?? '?'}`).join(', ') || 'none' : 'untraced',
    syscallCalls: run.traced ? entries.reduce((sum, [, entry]) => sum + (finite(entry?.calls) ?? NaN), 0) : undefined,
    fileToUser: finite(copies?.fileToUser),
    userToSocket: finite(copies?.userToSocket),
    kernelMoved: finite(copies?.kernelMoved),
    copiesPerByte: finite(run.copiesPerByte),
    mibPerSecond: finite(run.mibPerSecond),
    cpuSecondsPerGiB: bytes ? finite(cpu / (bytes / gib)) : undefined,
    contextSwitches: finite(run.contextSwitches),
  };
}

const show = (value: number | undefined, format: (value: number) => string) => (value === undefined ? '?' : format(value));
const bytesText = (value: number) => formatBytes(value);
const fixed = (digits: number) => (value: number) => value.toFixed(digits);

function resultsTable(figures: RunFigures[], runs: Run[]): string {
  const header = ['runtime', 'method', 'syscalls (calls)', 'file→user', 'user→socket', 'kernel-moved', 'copies/byte', 'MiB/s', 'CPU s/GiB', 'ctx sw'];
  const body = figures.map((row, index) => [
    `${runs[index].runtime} ${runs[index].runtimeVersion}`, runs[index].method, row.syscalls,
    show(row.fileToUser, bytesText), show(row.userToSocket, bytesText), show(row.kernelMoved, bytesText),
    show(row.copiesPerByte, fixed(2)), show(row.mibPerSecond, fixed(0)), show(row.cpuSecondsPerGiB, fixed(3)),
    show(row.contextSwitches, (value) => String(Math.round(value))),
  ]);
  return `<div class="table-scroll"><table class="results">\n<thead><tr>${header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead>\n<tbody>\n`
    + body.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n')
    + '\n</tbody></table></div>\n';
}

function chart(labId: string, figures: RunFigures[]): string {
  const bars = (pick: (row: RunFigures) => number | undefined) => figures.map((row) => ({ label: row.label, runtime: row.runtime, value: pick(row) }));
  const panels: Panel[] = [
    { title: 'copies per byte (user/kernel boundary)', format: fixed(2), bars: bars((row) => row.copiesPerByte), atLeast: 2 },
    { title: 'syscalls on the file and the socket (calls)', format: (value) => String(Math.round(value)), bars: bars((row) => row.syscallCalls) },
    { title: 'throughput (MiB/s, higher is faster)', format: fixed(0), bars: bars((row) => row.mibPerSecond) },
    { title: 'server CPU per GiB sent (s, lower is cheaper)', format: fixed(3), bars: bars((row) => row.cpuSecondsPerGiB) },
  ];
  return chartSvg(`Lab ${labId}: copies per byte, syscalls, MiB/s and CPU per GiB by runtime and method`, panels);
}

export function measuredOn(result: LabResult): string {
  const date = new Date(result.createdAt);
  const when = Number.isNaN(date.getTime()) ? String(result.createdAt) : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const machine = result.machine && typeof result.machine === 'object' ? result.machine : undefined;
  const versions = result.runtimes && typeof result.runtimes === 'object'
    ? Object.entries(result.runtimes).map(([name, version]) => `${name} ${version}`).join(', ') : '';
  return `${when} on ${machine ? `${machine.cpu}, ${machine.cores} cores, ${machine.platform} ${machine.kernel}` : 'an unnamed machine'}${versions ? `; ${versions}` : ''}`;
}

/** The "Your results" section of a lab's chapter: the numbers, or the command that produces them. */
export function resultsSection(page: Page, lab: Lab, result: LabResult | undefined): string {
  const title = page.heading(2, 'Your results');
  if (!result) {
    return `${title}<p class="no-results">No results on this machine yet. Run the lab, then build the book again:</p>\n`
      + `<pre class="command"><code>npm run lab -- ${escapeHtml(lab.id)}</code></pre>\n`;
  }
  const runs = Array.isArray(result.runs) ? result.runs.filter((run) => run && typeof run === 'object') : [];
  const figures = runs.map(runFigures);
  const size = finite(runs[0]?.bytes);
  const notes = (Array.isArray(result.notMeasured) ? result.notMeasured : []).map((row) =>
    `<li>${escapeHtml(`${row.runtime} ${row.method}`)}: ${row.status === 'unavailable' ? 'not available' : 'failed'} — ${escapeHtml(row.reason)}</li>`);
  const tracing = result.tracing && !result.tracing.available
    ? `<p class="note">Not traced: ${escapeHtml(result.tracing.reason ?? 'strace was not available')}; the counts show "?". ${escapeHtml(result.tracing.fix ?? '')}</p>\n` : '';
  return `${title}<p class="measured">Lab ${escapeHtml(result.lab)}, measured ${escapeHtml(measuredOn(result))}`
    + `${size ? `; file ${escapeHtml(formatBytes(size))}` : ''}. Counts from one strace-traced transfer, time and CPU the median of the untraced ones.</p>\n`
    + (runs.length ? resultsTable(figures, runs) : '<p>No method could be measured in this run.</p>\n')
    + (notes.length ? `<ul class="not-measured">${notes.join('')}</ul>\n` : '')
    + tracing
    + (runs.length ? `<figure class="chart-figure">${chart(lab.id, figures)}<figcaption>Your lab ${escapeHtml(lab.id)}, ${escapeHtml(measuredOn(result))}</figcaption></figure>\n` : '')
    + `<p>Run it again with <code>npm run lab -- ${escapeHtml(lab.id)}</code>; the book shows the newest result.</p>\n`;
}
