// `npm run bench` leaves .workbook/bench/bench-<iso>.svg; the newest one is shown on the page of the
// chapter that promises it, as an <img> (an SVG loaded as an image runs no script and fetches nothing).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareWithIbm, ibmArticle, ibmFigures, type IbmComparison } from '../bench/ibm.ts';
import type { BenchRow } from '../bench/stats.ts';
import { escapeHtml } from './html.ts';
import type { Page } from './markdown.ts';

/** Chapter 02 ends with "npm run bench measures throughput and CPU per GiB across sizes". */
export const benchChapterId = '02';

export interface BenchChart { source: string; name: string; date: string }

/** The ISO date in the name sorts newest-last; saveResult-style names replace ':' and '.' with '-'. */
export function newestBenchChart(dir: string): BenchChart | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /^bench-.+\.svg$/.test(name)).sort();
  } catch {
    return undefined;
  }
  const name = names.at(-1);
  if (!name) return undefined;
  return { source: join(dir, name), name, date: dateOf(name) };
}

/** When a bench file was written, from its name (bench-<ISO time>.json or .svg). */
function dateOf(name: string): string {
  const stamp = /^bench-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})/.exec(name);
  return stamp ? `${stamp[1]} ${stamp[2]}:${stamp[3]} UTC` : name;
}

export function benchSection(page: Page, chart: BenchChart | undefined, sitePath: string, ibm: IbmRun | undefined): string {
  const figure = chart
    ? `<figure class="bench"><img src="${escapeHtml(sitePath)}" alt="npm run bench: throughput and CPU per GiB by runtime, method and file size">`
      + `<figcaption>Your <code>npm run bench</code> of ${escapeHtml(chart.date)} (${escapeHtml(chart.name)}). Run it again to refresh.</figcaption></figure>\n`
    : '<p>Run <code>npm run bench</code> and build the book again: your chart of throughput and CPU per GiB by size appears here.</p>\n';
  return page.heading(2, 'Benchmark') + figure + page.heading(3, "Beside IBM's transferTo figures") + ibmSection(ibm);
}

/** The newest bench run that measured IBM's sizes (`--sizes ibm`), compared with the article. */
export interface IbmRun { name: string; date: string; comparisons: IbmComparison[] }

/** Reads bench JSON newest first; a file that does not parse or has no rows at IBM's sizes is passed over. */
export function newestIbmRun(dir: string): IbmRun | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /^bench-.+\.json$/.test(name)).sort().reverse();
  } catch {
    return undefined;
  }
  for (const name of names) {
    let rows: unknown;
    try {
      rows = (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { rows?: unknown }).rows;
    } catch {
      continue;
    }
    if (!Array.isArray(rows)) continue;
    const valid = rows.filter((row): row is BenchRow => typeof row === 'object' && row !== null
      && typeof row.runtime === 'string' && typeof row.method === 'string' && Number.isFinite(row.bytes)
      && Number.isFinite(row.medianSeconds) && Number.isFinite(row.cpuSecondsPerGiB) && typeof row.noisy === 'boolean');
    const comparisons = compareWithIbm(valid);
    if (comparisons.length) return { name, date: dateOf(name), comparisons };
  }
  return undefined;
}

const ms = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en') : value.toPrecision(3));

function ibmSection(run: IbmRun | undefined): string {
  const source = `<a href="${escapeHtml(ibmArticle.url)}">${escapeHtml(ibmArticle.title)}</a>`;
  const head = '<thead><tr><th>size</th><th>IBM copy loop ms</th><th>IBM transferTo ms</th><th>IBM time ×</th>'
    + (run ? '<th>runtime</th><th>your read-write ms</th><th>your sendfile ms</th><th>your time ×</th><th>your server CPU ×</th>' : '') + '</tr></thead>';
  const rows = ibmFigures.flatMap((figure) => {
    const ibmCells = `<td>${escapeHtml(figure.label)}</td><td>${figure.normalMs.toLocaleString('en')}</td><td>${figure.transferToMs.toLocaleString('en')}</td><td>${(figure.transferToMs / figure.normalMs).toFixed(2)}×</td>`;
    const measured = run?.comparisons.find((comparison) => comparison.figure.bytes === figure.bytes)?.measured ?? [];
    if (!run) return [`<tr>${ibmCells}</tr>`];
    if (measured.length === 0) return [`<tr>${ibmCells}<td colspan="5">not measured in this run</td></tr>`];
    return measured.map((one, i) => `<tr>${i === 0 ? ibmCells : '<td></td><td></td><td></td><td></td>'}<td>${escapeHtml(one.runtime)}</td>`
      + `<td>${ms(one.readWriteMs)}</td><td>${ms(one.sendfileMs)}</td><td>${one.timeRatio.toFixed(2)}×${one.noisy ? ' (noisy)' : ''}</td><td>${one.cpuRatio.toFixed(2)}×</td></tr>`);
  });
  const caption = run
    ? `<p>IBM's table from ${source} (Java's <code>transferTo</code> against a copy loop, Linux 2.6), beside your <code>npm run bench -- --sizes ibm</code> of ${escapeHtml(run.date)} (${escapeHtml(run.name)}): each runtime's <code>sendfile</code> against its <code>read-write</code>, medians of the timed runs. × is the zero-copy method's time, or server CPU, over the copy loop's.</p>\n`
    : `<p>IBM's table from ${source} (Java's <code>transferTo</code> against a copy loop, Linux 2.6). Run <code>npm run bench -- --sizes ibm</code> and build the book again to see your machine's ratios at the same sizes beside these.</p>\n`;
  return caption + `<div class="table-scroll"><table class="results ibm">\n${head}\n<tbody>\n${rows.join('\n')}\n</tbody></table></div>\n`;
}
