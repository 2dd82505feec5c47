// The bench's chart, on made-up rows: a line per runtime and method, a point per row, noisy rows
// open, text escaped.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderChart } from '../scripts/bench/chart.ts';
import { summarize } from '../scripts/bench/stats.ts';

test('the chart draws one line per runtime and method in each panel, one point per row', () => {
  const rows = [2 ** 12, 2 ** 20, 2 ** 28].flatMap((bytes) => [
    summarize('bun', 'read-write', bytes, [{ seconds: bytes / 1e9, cpuSeconds: bytes / 1e9 }]),
    summarize('bun', 'sendfile', bytes, [{ seconds: bytes / 2e9, cpuSeconds: bytes / 1e10 }, { seconds: bytes / 1e9, cpuSeconds: bytes / 1e10 }]),
  ]);
  const svg = renderChart({ title: 'T & <co>', subtitle: ['machine', 'settings'], rows });
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  assert.is(svg.match(/<path /g)?.length, 4, '2 series × 2 panels');
  assert.is(svg.match(/<circle /g)?.length, 12, '6 rows × 2 panels');
  assert.is(svg.match(/<circle [^>]*fill="#fff"/g)?.length, 6, 'the sendfile rows (spread 2) are open dots in both panels');
  assert.match(svg, /T &amp; &lt;co&gt;/, 'text is escaped');
  assert.not.match(svg, /NaN|Infinity/);
});

test.run();
