// `bench --parser`: how fast the streaming strace parser reads a big trace, and that its memory
// stays flat. The trace is made of the real captured fixtures (test/fixtures/*.strace: Node, Bun
// and Deno threads, split <unfinished ...> calls) repeated to the wanted length in the OS temp
// dir, so it has what a lab's trace has. Lab traces reach millions of lines at 1 GiB.
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readTrace } from '../lab/parse.ts';

const fixturesDir = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));

/** A million lines in at most about 3.3 seconds: a 1 GiB lab trace is read in well under a minute. */
export const targetLinesPerSecond = 300_000;

export interface ParserBench {
  lines: number;
  traceBytes: number;
  events: number;
  seconds: number;
  linesPerSecond: number;
  /** Highest resident set size seen while parsing, minus the size before it started. */
  peakRssGrowthBytes: number;
  /** The same for the JavaScript heap: what the parser holds, garbage not yet collected included. */
  peakHeapGrowthBytes: number;
  /** Heap still in use after parsing and a full collection: what parsing kept. */
  retainedHeapBytes: number;
  fixtures: string[];
}

/**
 * A full garbage collection, so the heap is measured from a clean start and what parsing kept is
 * told from garbage not yet collected. Node exposes gc() only with --expose-gc; V8 takes the flag
 * at run time too, and a new context then has the function.
 */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function writeTrace(path: string, lines: number): string[] {
  const fixtures = readdirSync(fixturesDir).filter((name) => name.endsWith('.strace')).sort();
  const pool = fixtures.flatMap((name) => readFileSync(join(fixturesDir, name), 'utf8').split('\n').filter((line) => line !== ''));
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < lines;) {
      const block = pool.slice(0, Math.min(pool.length, lines - written));
      writeSync(fd, block.join('\n') + '\n');
      written += block.length;
    }
  } finally {
    closeSync(fd);
  }
  return fixtures;
}

export async function benchParser(dir: string, lines: number): Promise<ParserBench> {
  const path = join(dir, 'parser-bench.strace');
  const fixtures = writeTrace(path, lines);
  collectGarbage();
  const before = process.memoryUsage();
  const peak = { rss: before.rss, heapUsed: before.heapUsed };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
  };
  let events = 0;
  const started = performance.now();
  for await (const _event of readTrace(path)) {
    if (++events % 16_384 === 0) sample();
  }
  const seconds = (performance.now() - started) / 1000;
  sample();
  collectGarbage();
  return {
    lines, traceBytes: statSync(path).size, events, seconds, linesPerSecond: lines / seconds,
    peakRssGrowthBytes: peak.rss - before.rss, peakHeapGrowthBytes: peak.heapUsed - before.heapUsed,
    retainedHeapBytes: process.memoryUsage().heapUsed - before.heapUsed, fixtures,
  };
}
