// The bench as a picture for a slide or the book: throughput and server CPU per GiB against file
// size, both axes logarithmic (4 KiB to 1 GiB spans five decades of speed). One line per runtime
// and method, colour the runtime and dash the method (scripts/chart-palette.ts), named in a legend;
// the ceiling rows (the kernel's own sendfile through FFI) are one thick grey line per panel,
// named inside it. A bar through each point spans min..max. Plain SVG text, no library, so
// the book can show it and a browser opens it from file://.
import { methodNames, runtimeNames } from '../../runtime-adapters/types.ts';
import { ceilingColour, methodDashes, runtimeColour } from '../chart-palette.ts';
import { formatBytes } from '../sizes.ts';
import { formatNumber } from './format.ts';
import { noisySpread, type BenchRow } from './stats.ts';

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
  /** Which way is better: the ceiling leads that way, so its name goes in a strip on that side. */
  better: 'higher' | 'lower';
}

/** One line of the chart: a runtime's method, or the ceiling as one runtime called it. */
interface Series {
  name: string;
  rows: BenchRow[];
  colour: string;
  dash: string;
  ceiling: boolean;
}

const [panelWidth, panelHeight, left, top, gap] = [400, 280, 70, 90, 90];
/** Width of one character of the 11px tick text, near enough to keep labels from overlapping. */
const charWidth = 6.2;
const legendRow = 20;
const ceilingStrip = 20;

/** The ceiling is a wide pale band behind the runtimes' lines; each runtime's line, its dash. */
function strokeOf(line: Series): string {
  return line.ceiling ? 'stroke-width="5" stroke-opacity="0.35"' : `stroke-width="2" stroke-dasharray="${line.dash}"`;
}

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
  // A zero (no CPU measured) has no place on a log axis: it sits on the axis's floor.
  const at = (value: number) => {
    const share = (Math.log(value > 0 && Number.isFinite(value) ? Math.min(Math.max(value, low), high) : low) - Math.log(low)) / span;
    return (flip ? 1 - share : share) * length;
  };
  const shown = ticks.filter((tick) => tick >= low && tick <= high);
  return { at, ticks: shown.length > 8 ? shown.filter((tick) => tick.toExponential().startsWith('1')) : shown };
}

/** Runtime series in the adapters' order (node, bun, deno; read-write first), then the ceiling. */
function seriesOf(rows: BenchRow[]): Series[] {
  const keys = [(row: BenchRow) => Number(row.ceiling ?? false), (row: BenchRow) => runtimeNames.indexOf(row.runtime),
    (row: BenchRow) => methodNames.indexOf(row.method), (row: BenchRow) => row.bytes];
  const sorted = [...rows].sort((a, b) => keys.reduce((order, key) => order || key(a) - key(b), 0));
  const dashes = methodDashes(rows.filter((row) => !row.ceiling).map((row) => row.method));
  const series = new Map<string, Series>();
  for (const row of sorted) {
    const name = row.ceiling ? `ceiling: kernel sendfile via FFI (${row.runtime})` : `${row.runtime} ${row.method}`;
    const known = series.get(name);
    if (known) known.rows.push(row);
    else series.set(name, row.ceiling
      ? { name, rows: [row], colour: ceilingColour, dash: '', ceiling: true }
      : { name, rows: [row], colour: runtimeColour(row.runtime), dash: dashes.get(row.method) ?? '', ceiling: false });
  }
  return [...series.values()];
}

/** The size labels under a panel, dropped to a second line where one would overlap its neighbour. */
function sizeLabels(sizes: number[], x: (bytes: number) => number): string[] {
  const ends = [-Infinity, -Infinity];
  return sizes.map((bytes) => {
    const text = formatBytes(bytes);
    const half = (text.length * charWidth) / 2;
    const line = x(bytes) - half > ends[0]! + 4 ? 0 : 1;
    ends[line] = x(bytes) + half;
    return `<text x="${x(bytes)}" y="${top + panelHeight + 16 + line * 13}" class="tick" text-anchor="middle">${escape(text)}</text>`;
  });
}

function panel(spec: Panel, series: Series[], sizes: number[], x0: number): string {
  const [smallest = 1, largest = smallest] = [sizes[0], sizes.at(-1)];
  const x = (bytes: number) => x0 + (sizes.length === 1 ? panelWidth / 2 : (Math.log(bytes / smallest) / Math.log(largest / smallest)) * panelWidth);
  // A strip on the side the ceiling leads keeps its name clear of every point.
  const strip = series.some((line) => line.ceiling) ? ceilingStrip : 0;
  const scale = logScale(series.flatMap((line) => line.rows.flatMap((row) => [spec.value(row), ...spec.range(row)])), panelHeight - strip, true);
  const y = { ticks: scale.ticks, at: (value: number) => (spec.better === 'higher' ? strip : 0) + scale.at(value) };
  const parts: string[] = [`<text x="${x0}" y="${top - 12}" class="heading">${escape(spec.heading)}</text>`,
    `<rect x="${x0}" y="${top}" width="${panelWidth}" height="${panelHeight}" class="frame"/>`];
  for (const tick of y.ticks) {
    const ty = top + y.at(tick);
    parts.push(`<line x1="${x0}" x2="${x0 + panelWidth}" y1="${ty}" y2="${ty}" class="grid"/>`,
      `<text x="${x0 - 6}" y="${ty + 4}" class="tick" text-anchor="end">${Number(tick.toPrecision(1))}</text>`);
  }
  for (const bytes of sizes) parts.push(`<line x1="${x(bytes)}" x2="${x(bytes)}" y1="${top}" y2="${top + panelHeight}" class="grid"/>`);
  parts.push(...sizeLabels(sizes, x));
  // The ceiling goes down first, so the runtimes' lines stay on top where they cross it.
  for (const line of [...series.filter((one) => one.ceiling), ...series.filter((one) => !one.ceiling)]) {
    const point = (row: BenchRow) => [x(row.bytes).toFixed(1), (top + y.at(spec.value(row))).toFixed(1)] as const;
    const path = line.rows.map((row, i) => `${i ? 'L' : 'M'}${point(row).join(',')}`).join(' ');
    parts.push(`<path class="${line.ceiling ? 'ceiling' : 'series'}" d="${path}" fill="none" stroke="${line.colour}" ${strokeOf(line)}><title>${escape(line.name)}</title></path>`);
    for (const row of line.rows) {
      const [low, high] = spec.range(row);
      const [px, py] = point(row);
      parts.push(`<line x1="${px}" x2="${px}" y1="${(top + y.at(low)).toFixed(1)}" y2="${(top + y.at(high)).toFixed(1)}" stroke="${line.colour}" stroke-width="1"/>`,
        `<circle cx="${px}" cy="${py}" r="3" fill="${row.noisy ? '#fff' : line.colour}" stroke="${line.colour}">` +
        `<title>${escape(`${line.name} ${formatBytes(row.bytes)}: ${formatNumber(spec.value(row))}${row.noisy ? ' (noisy)' : ''}`)}</title></circle>`);
    }
    if (line.ceiling) {
      const ly = spec.better === 'higher' ? top + 14 : top + panelHeight - 6;
      const right = x0 + panelWidth - 8;
      parts.push(`<text x="${right - 30}" y="${ly}" class="tick" text-anchor="end">${escape(line.name)}</text>`,
        `<line x1="${right - 22}" x2="${right}" y1="${ly - 4}" y2="${ly - 4}" stroke="${line.colour}" ${strokeOf(line)}/>`);
    }
  }
  return parts.join('\n');
}

/** One swatch and name per line: a row per runtime, a column per method, the ceiling below them. */
function legend(series: Series[], legendTop: number): { parts: string[]; height: number } {
  const lines = series.filter((line) => !line.ceiling);
  const runtimes = [...new Set(lines.map((line) => line.rows[0]!.runtime))];
  const methods = [...new Set(lines.map((line) => line.rows[0]!.method))].sort((a, b) => methodNames.indexOf(a) - methodNames.indexOf(b));
  const column = Math.min(220, (2 * panelWidth + gap) / Math.max(1, methods.length));
  const entry = (line: Series, lx: number, ly: number) =>
    `<line class="swatch" x1="${lx}" x2="${lx + 40}" y1="${ly}" y2="${ly}" stroke="${line.colour}" ${strokeOf(line)}/>` +
    `<text x="${lx + 48}" y="${ly + 4}" class="tick">${escape(line.name)}</text>`;
  const parts = lines.map((line) => {
    const [row] = line.rows;
    return entry(line, left + methods.indexOf(row!.method) * column, legendTop + runtimes.indexOf(row!.runtime) * legendRow);
  });
  series.filter((line) => line.ceiling).forEach((line, i) => parts.push(entry(line, left, legendTop + (runtimes.length + i) * legendRow)));
  return { parts, height: (series.length - lines.length + runtimes.length) * legendRow };
}

export function renderChart(input: ChartInput): string {
  const sizes = [...new Set(input.rows.map((row) => row.bytes))].sort((a, b) => a - b);
  const series = seriesOf(input.rows);
  const width = left + 2 * panelWidth + gap + 30;
  const legendTop = top + panelHeight + 56;
  const key = legend(series, legendTop);
  const height = legendTop + key.height + 24;
  const body = input.rows.length === 0 ? [`<text x="${left}" y="${top + 20}" class="tick">No row was measured.</text>`] : [
    panel({ heading: 'Throughput, MiB/s (higher is better)', value: (row) => row.mibPerSecond, range: (row) => [row.minMiBPerSecond, row.maxMiBPerSecond], better: 'higher' }, series, sizes, left),
    panel({ heading: 'Server CPU seconds per GiB (lower is better)', value: (row) => row.cpuSecondsPerGiB, range: (row) => [row.minCpuSecondsPerGiB, row.maxCpuSecondsPerGiB], better: 'lower' },
      series, sizes, left + panelWidth + gap),
    `<g class="legend">\n${key.parts.join('\n')}\n</g>`,
    `<text x="${left}" y="${height - 10}" class="tick">File size (log scale). Bars: min to max of the timed runs; an open dot is a noisy row (max/min over ${noisySpread}).</text>`,
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
