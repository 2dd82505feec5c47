// The bench's arithmetic on plain numbers: one row's summary of its timed transfers, the noise
// flag, and the ratios, each paired inside one bench run (never across runs or machines).
import type { MethodName, RuntimeName } from '../../runtime-adapters/types.ts';
import { median } from '../lab/run.ts';

/** max/min of a row's wall times above this, and its median is not worth a slide. */
export const noisySpread = 1.25;

export interface Sample {
  seconds: number;
  /** Server CPU (user + sys) spent on this transfer. */
  cpuSeconds: number;
}

export interface BenchRow {
  runtime: RuntimeName;
  method: MethodName;
  bytes: number;
  /** Timed transfers, after one warm-up; every one verified by SHA-256. */
  runs: number;
  medianSeconds: number;
  minSeconds: number;
  maxSeconds: number;
  /** bytes / medianSeconds; the range is bytes / maxSeconds .. bytes / minSeconds. */
  mibPerSecond: number;
  minMiBPerSecond: number;
  maxMiBPerSecond: number;
  cpuSecondsPerGiB: number;
  minCpuSecondsPerGiB: number;
  maxCpuSecondsPerGiB: number;
  /** maxSeconds / minSeconds. */
  spread: number;
  noisy: boolean;
  /** Syscalls the server made per timed transfer, counted by perf; null where perf could not count. */
  syscallsPerTransfer: number | null;
  /** Why syscallsPerTransfer is null. */
  syscallCountMissing?: string;
  /** The ceiling: the kernel's own sendfile called through FFI (lab 09), not a runtime's method. */
  ceiling?: boolean;
}

export interface Ratio {
  /**
   * `method`: against the same runtime's read-write; `runtime`: its best method against the best
   * runtime method; `ceiling`: against the kernel's own sendfile through FFI at the same size.
   */
  kind: 'method' | 'runtime' | 'ceiling';
  bytes: number;
  runtime: RuntimeName;
  method: MethodName;
  against: { runtime: RuntimeName; method: MethodName };
  /** Throughput ratio: above 1 is faster than `against`. */
  speed: number;
  /** Server CPU per GiB ratio: below 1 is cheaper than `against`. */
  cpu: number;
  /** Either side of the pair is noisy. */
  noisy: boolean;
}

/** A row from its samples; the syscall count, when perf gives one, is the sweep's to fill in. */
export function summarize(runtime: RuntimeName, method: MethodName, bytes: number, samples: Sample[]): BenchRow {
  const seconds = samples.map((sample) => sample.seconds);
  const perGiB = samples.map((sample) => sample.cpuSeconds / (bytes / 2 ** 30));
  const [minSeconds, maxSeconds] = [Math.min(...seconds), Math.max(...seconds)];
  const mib = bytes / 2 ** 20;
  const medianSeconds = median(seconds);
  return {
    runtime, method, bytes, runs: samples.length,
    medianSeconds, minSeconds, maxSeconds,
    mibPerSecond: mib / medianSeconds, minMiBPerSecond: mib / maxSeconds, maxMiBPerSecond: mib / minSeconds,
    cpuSecondsPerGiB: median(perGiB), minCpuSecondsPerGiB: Math.min(...perGiB), maxCpuSecondsPerGiB: Math.max(...perGiB),
    spread: maxSeconds / minSeconds,
    noisy: maxSeconds / minSeconds > noisySpread,
    syscallsPerTransfer: null,
  };
}

function pair(kind: Ratio['kind'], row: BenchRow, base: BenchRow): Ratio {
  return {
    kind, bytes: row.bytes, runtime: row.runtime, method: row.method,
    against: { runtime: base.runtime, method: base.method },
    speed: row.mibPerSecond / base.mibPerSecond,
    cpu: row.cpuSecondsPerGiB / base.cpuSecondsPerGiB,
    noisy: row.noisy || base.noisy,
  };
}

const fastest = (rows: BenchRow[]) => rows.reduce((best, row) => (row.mibPerSecond > best.mibPerSecond ? row : best));

/**
 * Pairs rows of one bench run at the same size: each method with its runtime's read-write, each
 * runtime's fastest method with the fastest runtime row, and every runtime row with the ceiling.
 * A row whose partner failed verification (and so is not a row) gets no ratio rather than one
 * against another run.
 */
export function pairRatios(rows: BenchRow[]): Ratio[] {
  const ratios: Ratio[] = [];
  for (const bytes of [...new Set(rows.map((row) => row.bytes))]) {
    const atSize = rows.filter((row) => row.bytes === bytes && !row.ceiling);
    const ceiling = rows.find((row) => row.bytes === bytes && row.ceiling);
    if (atSize.length === 0) continue;
    for (const row of atSize) {
      if (ceiling) ratios.push(pair('ceiling', row, ceiling));
      const baseline = atSize.find((other) => other.runtime === row.runtime && other.method === 'read-write');
      if (baseline && baseline !== row) ratios.push(pair('method', row, baseline));
    }
    const best = fastest(atSize);
    for (const runtime of [...new Set(atSize.map((row) => row.runtime))]) {
      ratios.push(pair('runtime', fastest(atSize.filter((row) => row.runtime === runtime)), best));
    }
  }
  return ratios;
}
