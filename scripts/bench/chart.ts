// The bench as a picture for a slide or the book: throughput and server CPU per GiB against file
// size, both axes logarithmic (4 KiB to 1 GiB spans five decades of speed). One line per runtime
// and method: colour is the runtime, dash the method; a bar through each point spans min..max.
// Plain SVG text, no library, so the book can inline it and a browser opens it from file://.
import { formatBytes } from '../sizes.ts';
import { formatNumber } from './format.ts';
import type { BenchRow } from './stats.ts';

export interface ChartInput {
  title: string;
  /** Two lines under the title: what it ran on, and how it was measured. */
  subtitle: [string, string];
  rows: BenchRow[];
}

interface Panel {
  heading: string;
  value(row: BenchRow): number;
  range(row: BenchRow): [number, number];
}

const runtimeColours: Record<string, string> = { node: '#3c873a', bun: '#c2410c', deno: '#1d4ed8' };
const methodDashes: Record<string, string> = { 'read-write': '', stream: '7 4', sendfile: '2 3', 'mmap-write': '10 3 2 3', 'copy-file': '4 4' };
const [panelWidth, panelHeight, left, top, gap] = [400, 280, 70, 90, 90];

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A log scale over the values, widened to whole 1-2-5 steps so ticks land on round numbers. */
function logScale(values: number[], length: number, flip: boolean): { at(value: number): number; ticks: number[] } {
  const positive = values.filter((value) => value > 0 && Number.isFinite(value));
  let [low, high] = positive.length ? [Math.min(...positive), Math.max(...positive)] : [1, 10];
  if (high / low < 4) { low /= 2; high *= 2; }
  const steps = [1, 2, 5];
  const ticks: number[] = [];
  for (let decade = Math.floor(Math.log10(low)); decade <= Math.ceil(Math.log10(high)); decade++) {
    for (const step of steps) ticks.push(step * 10 ** decade);
  }
  low = Math.max(...ticks.filter((tick) => tick <= low));
  high = Math.min(...ticks.filter((tick) => tick >= high));
  const span = Math.log(high) - Math.log(low);
  const at = (value: number) => {
    const share = (Math.log(value) - Math.log(low)) / span;
    return (flip ? 1 - share : share) * length;
  };
  const shown = ticks.filter((tick) => tick >= low && tick <= high);
  return { at, ticks: shown.length > 8 ? shown.filter((tick) => tick.toExponential().startsWith('1')) : shown };
}

function panel(spec: Panel, rows: BenchRow[], sizes: number[], x0: number): string {
  const [smallest = 1, largest = smallest] = [sizes[0], sizes.at(-1)];
  const x = (bytes: number) => x0 + (sizes.length === 1 ? panelWidth / 2 : (Math.log(bytes / smallest) / Math.log(largest / smallest)) * panelWidth);
  const y = logScale(rows.flatMap((row) => [spec.value(row), ...spec.range(row)]), panelHeight, true);
  const parts: string[] = [`<text x="${x0}" y="${top - 12}" class="heading">${escape(spec.heading)}</text>`,
    `<rect x="${x0}" y="${top}" width="${panelWidth}" height="${panelHeight}" class="frame"/>`];
  for (const tick of y.ticks) {
    const ty = top + y.at(tick);
    parts.push(`<line x1="${x0}" x2="${x0 + panelWidth}" y1="${ty}" y2="${ty}" class="grid"/>`,
      `<text x="${x0 - 6}" y="${ty + 4}" class="tick" text-anchor="end">${Number(tick.toPrecision(1))}</text>`);
  }
  for (const bytes of sizes) {
    parts.push(`<line x1="${x(bytes)}" x2="${x(bytes)}" y1="${top}" y2="${top + panelHeight}" class="grid"/>`,
      `<text x="${x(bytes)}" y="${top + panelHeight + 16}" class="tick" text-anchor="middle">${escape(formatBytes(bytes))}</text>`);
  }
  const series = new Map<string, BenchRow[]>();
  for (const row of rows) series.set(`${row.runtime} ${row.method}`, [...(series.get(`${row.runtime} ${row.method}`) ?? []), row]);
  for (const points of series.values()) {
    const [first] = points;
    if (!first) continue;
    const { runtime, method } = first;
    const colour = runtimeColours[runtime] ?? '#555';
    const sorted = [...points].sort((a, b) => a.bytes - b.bytes);
    const path = sorted.map((row, i) => `${i ? 'L' : 'M'}${x(row.bytes).toFixed(1)},${(top + y.at(spec.value(row))).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2" stroke-dasharray="${methodDashes[method] ?? ''}"><title>${escape(`${runtime} ${method}`)}</title></path>`);
    for (const row of sorted) {
      const [low, high] = spec.range(row);
      const px = x(row.bytes).toFixed(1);
      parts.push(`<line x1="${px}" x2="${px}" y1="${(top + y.at(low)).toFixed(1)}" y2="${(top + y.at(high)).toFixed(1)}" stroke="${colour}" stroke-width="1"/>`,
        `<circle cx="${px}" cy="${(top + y.at(spec.value(row))).toFixed(1)}" r="3" fill="${row.noisy ? '#fff' : colour}" stroke="${colour}">` +
        `<title>${escape(`${runtime} ${method} ${formatBytes(row.bytes)}: ${formatNumber(spec.value(row))}${row.noisy ? ' (noisy)' : ''}`)}</title></circle>`);
    }
  }
  return parts.join('\n');
}

export function renderChart(input: ChartInput): string {
  const sizes = [...new Set(input.rows.map((row) => row.bytes))].sort((a, b) => a - b);
  const series = [...new Set(input.rows.map((row) => `${row.runtime} ${row.method}`))];
  const width = left + 2 * panelWidth + gap + 30;
  const legendTop = top + panelHeight + 44;
  const height = legendTop + Math.ceil(series.length / 4) * 20 + 30;
  const legend = series.map((name, i) => {
    const [runtime = '', method = ''] = name.split(' ');
    const [lx, ly] = [left + (i % 4) * 200, legendTop + Math.floor(i / 4) * 20];
    return `<line x1="${lx}" x2="${lx + 34}" y1="${ly}" y2="${ly}" stroke="${runtimeColours[runtime] ?? '#555'}" stroke-width="2" stroke-dasharray="${methodDashes[method] ?? ''}"/>` +
      `<text x="${lx + 42}" y="${ly + 4}" class="tick">${escape(name)}</text>`;
  });
  const body = input.rows.length === 0 ? [`<text x="${left}" y="${top + 20}" class="tick">No row was measured.</text>`] : [
    panel({ heading: 'Throughput, MiB/s (higher is better)', value: (row) => row.mibPerSecond, range: (row) => [row.minMiBPerSecond, row.maxMiBPerSecond] }, input.rows, sizes, left),
    panel({ heading: 'Server CPU seconds per GiB (lower is better)', value: (row) => row.cpuSecondsPerGiB, range: (row) => [row.minCpuSecondsPerGiB, row.maxCpuSecondsPerGiB] },
      input.rows, sizes, left + panelWidth + gap),
    ...legend,
    `<text x="${left}" y="${height - 10}" class="tick">File size (log scale). Bars: min to max of the timed runs; an open dot is a noisy row (max/min over 1.25).</text>`,
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    '<style>.heading{font-size:13px;font-weight:600}.tick{font-size:11px;fill:#333}.grid{stroke:#e5e5e5}.frame{fill:none;stroke:#999}</style>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${left}" y="24" font-size="16" font-weight="600">${escape(input.title)}</text>`,
    `<text x="${left}" y="42" class="tick">${escape(input.subtitle[0])}</text>`,
    `<text x="${left}" y="56" class="tick">${escape(input.subtitle[1])}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
