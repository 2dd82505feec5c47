// The reader's own numbers on a chapter's page: the newest saved result of its lab as a table and
// a chart, labelled with the machine, the runtime versions and the date. Results are validated when
// loaded (scripts/lab/results.ts), so every figure here is a number; every text is escaped.
import type { Lab } from '../catalogue.ts';
import type { LabResult } from '../lab/results.ts';
import { columnsFor, columnTitles, reportNotes, reportRows, type Column, type Figures, type ReportRow } from '../lab/rows.ts';
import { formatBytes } from '../sizes.ts';
import { chartSvg, type Panel } from './chart.ts';
import { escapeHtml } from './html.ts';
import type { Page } from './markdown.ts';

/** loadResults() lists newest first, so the first result seen for a lab is its newest. */
export function newestPerLab(results: LabResult[]): Map<string, LabResult> {
  const newest = new Map<string, LabResult>();
  for (const result of results) if (!newest.has(result.lab)) newest.set(result.lab, result);
  return newest;
}

const fixed = (digits: number) => (value: number) => value.toFixed(digits);

/** The book's table: the terminal report's rows (scripts/lab/rows.ts), fewer columns. */
const tableColumns: Column[] = ['runtime', 'method', 'size', 'syscalls', 'fileToUser', 'sink', 'inKernel', 'copiesPerByte', 'cpuCopiesPerByte', 'modeSwitches', 'mibPerSecond', 'cpuPerGiB', 'contextSwitches'];

function resultsTable(result: LabResult, rows: ReportRow[]): string {
  const titles = columnTitles(result);
  const shown = columnsFor(rows, tableColumns);
  return `<div class="table-scroll"><table class="results">\n<thead><tr>${shown.map((column) => `<th>${escapeHtml(titles[column])}</th>`).join('')}</tr></thead>\n<tbody>\n`
    + rows.map((row) => `<tr>${shown.map((column) => `<td>${escapeHtml(row.cells[column])}</td>`).join('')}</tr>`).join('\n')
    + '\n</tbody></table></div>\n';
}

function chart(labId: string, rows: ReportRow[]): string {
  const bars = (pick: (figures: Figures) => number | undefined) => rows.map((row) => ({ label: `${row.run.runtime} ${row.label}`, runtime: row.run.runtime, value: pick(row.figures) }));
  const panels: Panel[] = [
    { title: 'copies per byte (user/kernel boundary)', format: fixed(2), bars: bars((figures) => figures.copiesPerByte), atLeast: 2 },
    { title: 'syscalls on the file and the socket (calls)', format: (value) => String(Math.round(value)), bars: bars((figures) => figures.syscallCalls) },
    { title: 'throughput (MiB/s, higher is faster)', format: fixed(0), bars: bars((figures) => figures.mibPerSecond) },
    { title: 'server CPU per GiB sent (s, lower is cheaper)', format: fixed(3), bars: bars((figures) => figures.cpuSecondsPerGiB) },
  ];
  return chartSvg(`Lab ${labId}: copies per byte, syscalls, MiB/s and CPU per GiB by runtime and method`, panels);
}

export function measuredOn(result: LabResult): string {
  const when = `${new Date(result.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const { machine } = result;
  const versions = Object.entries(result.runtimes).map(([name, version]) => `${name} ${version}`).join(', ');
  return `${when} on ${machine.cpu}, ${machine.cores} cores, ${machine.platform} ${machine.kernel}${versions ? `; ${versions}` : ''}`;
}

/** The "Your results" section of a lab's chapter: the numbers, or the command that produces them. */
export function resultsSection(page: Page, lab: Lab, result: LabResult | undefined): string {
  const title = page.heading(2, 'Your results');
  if (!result) {
    return `${title}<p class="no-results">No results on this machine yet. Run the lab, then build the book again:</p>\n`
      + `<pre class="command"><code>npm run lab -- ${escapeHtml(lab.id)}</code></pre>\n`;
  }
  const rows = reportRows(result);
  const size = result.runs[0]?.bytes;
  const notes = reportNotes(result);
  return `${title}<p class="measured">Lab ${escapeHtml(result.lab)}, measured ${escapeHtml(measuredOn(result))}`
    + `${size ? `; file ${escapeHtml(formatBytes(size))}` : ''}. Counts from one strace-traced transfer, time and CPU the median of the untraced ones.</p>\n`
    + (rows.length ? resultsTable(result, rows) : '<p>No method could be measured in this run.</p>\n')
    + (notes.rows.length ? `<ul class="not-measured">${notes.rows.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>\n` : '')
    + (notes.tracing.length ? `<p class="note">${escapeHtml(notes.tracing.join(' '))}</p>\n` : '')
    + (rows.length ? `<figure class="chart-figure">${chart(lab.id, rows)}<figcaption>Your lab ${escapeHtml(lab.id)}, ${escapeHtml(measuredOn(result))}</figcaption></figure>\n` : '')
    + `<p>Run it again with <code>npm run lab -- ${escapeHtml(lab.id)}</code>; the book shows the newest result.</p>\n`;
}
