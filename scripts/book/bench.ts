// `npm run bench` leaves .workbook/bench/bench-<iso>.svg; the newest one is shown on the page of the
// chapter that promises it, as an <img> (an SVG loaded as an image runs no script and fetches nothing).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
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
  const stamp = /^bench-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})/.exec(name);
  return { source: join(dir, name), name, date: stamp ? `${stamp[1]} ${stamp[2]}:${stamp[3]} UTC` : name };
}

export function benchSection(page: Page, chart: BenchChart, sitePath: string): string {
  return page.heading(2, 'Benchmark')
    + `<figure class="bench"><img src="${escapeHtml(sitePath)}" alt="npm run bench: throughput and CPU per GiB by runtime, method and file size">`
    + `<figcaption>Your <code>npm run bench</code> of ${escapeHtml(chart.date)} (${escapeHtml(chart.name)}). Run it again to refresh.</figcaption></figure>\n`;
}
