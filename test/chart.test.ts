// The bench's chart as a reader has to tell its lines apart: a colour per runtime, the same in both
// panels; a dash per method; a legend naming every line; the ceiling a line of its own in each
// panel, never taken for a runtime's. Checked on made-up rows and on a real bench document.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderChart } from '../scripts/bench/chart.ts';
import { summarize, type BenchRow } from '../scripts/bench/stats.ts';
import { labs } from '../scripts/catalogue.ts';
import { methodDashes, runtimeColours } from '../scripts/chart-palette.ts';
import { fixturesDir } from './fixtures.ts';

/** The lines of one kind as drawn: each one's name (its tooltip), stroke and dash. */
function lines(svg: string, kind: 'series' | 'ceiling'): { name: string; stroke: string; dash: string }[] {
  return [...svg.matchAll(new RegExp(`<path class="${kind}" [^>]*stroke="([^"]+)"[^>]*?(?:stroke-dasharray="([^"]*)")?><title>([^<]+)</title>`, 'g'))]
    .map(([, stroke = '', dash = '', name = '']) => ({ name, stroke, dash }));
}

function legendEntries(svg: string): { name: string; stroke: string; dash: string }[] {
  const legend = svg.match(/<g class="legend">([\s\S]*?)<\/g>/)?.[1] ?? '';
  return [...legend.matchAll(/<line class="swatch" [^>]*stroke="([^"]+)"[^>]*?(?:stroke-dasharray="([^"]*)")?\/><text [^>]*>([^<]+)<\/text>/g)]
    .map(([, stroke = '', dash = '', name = '']) => ({ name, stroke, dash }));
}

const sizes = [2 ** 12, 2 ** 20, 2 ** 28];
/** Bun's read-write and sendfile at three sizes; sendfile's two runs differ twofold, so it is noisy. */
const bunRows = sizes.flatMap((bytes) => [
  summarize('bun', 'read-write', bytes, [{ seconds: bytes / 1e9, cpuSeconds: bytes / 1e9 }]),
  summarize('bun', 'sendfile', bytes, [{ seconds: bytes / 2e9, cpuSeconds: bytes / 1e10 }, { seconds: bytes / 1e9, cpuSeconds: bytes / 1e10 }]),
]);
const nodeRows = sizes.flatMap((bytes) => [
  summarize('node', 'read-write', bytes, [{ seconds: bytes / 8e8, cpuSeconds: bytes / 8e8 }]),
  summarize('node', 'stream', bytes, [{ seconds: bytes / 9e8, cpuSeconds: bytes / 9e8 }]),
]);
const ceilingRows: BenchRow[] = sizes.map((bytes) => ({ ...summarize('bun', 'sendfile-ffi', bytes, [{ seconds: bytes / 4e9, cpuSeconds: bytes / 2e10 }]), ceiling: true }));

test('the chart draws one line per runtime and method in each panel, one point per row', () => {
  const svg = renderChart({ title: 'T & <co>', subtitle: ['machine', 'settings'], rows: bunRows });
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  assert.is(svg.match(/<path /g)?.length, 4, '2 series × 2 panels');
  assert.is(svg.match(/<circle /g)?.length, 12, '6 rows × 2 panels');
  assert.is(svg.match(/<circle [^>]*fill="#fff"/g)?.length, 6, 'the sendfile rows (spread 2) are open dots in both panels');
  assert.match(svg, /T &amp; &lt;co&gt;/, 'text is escaped');
  assert.not.match(svg, /NaN|Infinity/);
});

test('colour tells the runtimes apart and is the same in both panels; dash tells the methods apart', () => {
  const drawn = lines(renderChart({ title: 'T', subtitle: ['m', 's'], rows: [...bunRows, ...nodeRows] }), 'series');
  assert.is(drawn.length, 8, '4 series × 2 panels');
  const byName = new Map<string, Set<string>>();
  for (const line of drawn) byName.set(line.name, (byName.get(line.name) ?? new Set()).add(`${line.stroke} ${line.dash}`));
  for (const [name, looks] of byName) assert.is(looks.size, 1, `${name} looks the same in both panels`);
  const stroke = (name: string) => drawn.find((line) => line.name === name)?.stroke;
  const dash = (name: string) => drawn.find((line) => line.name === name)?.dash;
  assert.is(stroke('bun read-write'), runtimeColours.bun);
  assert.is(stroke('node stream'), runtimeColours.node);
  assert.is.not(stroke('bun read-write'), stroke('node read-write'));
  assert.is(stroke('bun read-write'), stroke('bun sendfile'), "one runtime's methods share its colour");
  assert.is(dash('bun read-write'), dash('node read-write'), "one method's runtimes share its dash");
  assert.is(new Set(['bun read-write', 'bun sendfile', 'node stream'].map(dash)).size, 3, 'read-write, sendfile and stream each have a dash');
  assert.is(dash('bun read-write'), '', 'read-write is solid');
});

test("every lab's methods wear different dashes, and read-write, stream and sendfile always the same ones", () => {
  for (const lab of labs) {
    const dashes = methodDashes(lab.methods);
    assert.is(new Set(dashes.values()).size, lab.methods.length, `lab ${lab.id}: ${[...dashes].join(', ')}`);
    assert.is(dashes.get('read-write'), '', `lab ${lab.id}: read-write is solid`);
  }
  const lab02 = methodDashes(['read-write', 'stream', 'sendfile']);
  assert.equal(methodDashes(['sendfile', 'tls']).get('sendfile'), lab02.get('sendfile'), 'sendfile is dotted with or without read-write');
});

test('the legend names every line with its colour and dash, once', () => {
  const svg = renderChart({ title: 'T', subtitle: ['m', 's'], rows: [...bunRows, ...nodeRows, ...ceilingRows] });
  const legend = legendEntries(svg);
  const series = lines(svg, 'series');
  assert.equal(legend.map((entry) => entry.name).sort(),
    ['bun read-write', 'bun sendfile', 'ceiling: kernel sendfile via FFI (bun)', 'node read-write', 'node stream']);
  for (const line of series) {
    const entry = legend.find((one) => one.name === line.name);
    assert.equal(entry && { stroke: entry.stroke, dash: entry.dash }, { stroke: line.stroke, dash: line.dash }, `the legend's ${line.name}`);
  }
});

test('the ceiling is one line of its own in each panel, named there, and no runtime series', () => {
  const svg = renderChart({ title: 'T', subtitle: ['m', 's'], rows: [...bunRows, ...ceilingRows] });
  assert.is(lines(svg, 'series').length, 4, 'still 2 runtime series × 2 panels');
  const ceilings = lines(svg, 'ceiling');
  assert.is(ceilings.length, 2, 'one ceiling per panel');
  assert.ok(ceilings.every((line) => line.name === 'ceiling: kernel sendfile via FFI (bun)'));
  assert.not.ok(Object.values(runtimeColours).includes(ceilings[0]!.stroke), 'the ceiling wears no runtime colour');
  assert.is(svg.match(/<text [^>]*>ceiling: kernel sendfile via FFI \(bun\)<\/text>/g)?.length, 3, 'named in both panels and in the legend');
  assert.is(svg.match(/<circle /g)?.length, 18, '9 rows × 2 panels: the ceiling has its points too');
  assert.not.match(renderChart({ title: 'T', subtitle: ['m', 's'], rows: bunRows }), /class="ceiling"|ceiling:/, 'no ceiling row, no ceiling');
});

test("a real bench document (three runtimes, IBM's sizes): every line apart, the ceiling once per panel, every number finite", () => {
  const document = JSON.parse(readFileSync(join(fixturesDir, 'bench/bench-ibm-sizes.json'), 'utf8')) as { rows: BenchRow[] };
  const svg = renderChart({ title: 'Lab 02', subtitle: ['m', 's'], rows: document.rows });
  const series = lines(svg, 'series');
  const runtimeRows = document.rows.filter((row) => !row.ceiling);
  const pairs = new Set(runtimeRows.map((row) => `${row.runtime} ${row.method}`));
  const methods = new Set(runtimeRows.map((row) => row.method));
  assert.ok(new Set(runtimeRows.map((row) => row.runtime)).size > 1, 'the fixture has more than one runtime');
  assert.is(series.length, 2 * pairs.size, 'each runtime and method in both panels');
  assert.is(new Set(series.map((line) => line.dash)).size, methods.size, 'a dash per method');
  assert.is(lines(svg, 'ceiling').length, 2);
  assert.is(legendEntries(svg).length, pairs.size + 1, 'the runtime × method lines and the ceiling');
  assert.is(svg.match(/<circle /g)?.length, 2 * document.rows.length);
  assert.not.match(svg, /NaN|Infinity/);
});

test('a zero has no place on a log axis: it is drawn on the floor, not as NaN', () => {
  const [first, ...rest] = bunRows;
  const svg = renderChart({ title: 'T', subtitle: ['m', 's'], rows: [{ ...first!, cpuSecondsPerGiB: 0, minCpuSecondsPerGiB: 0 }, ...rest] });
  assert.not.match(svg, /NaN|Infinity/);
});

test.run();
