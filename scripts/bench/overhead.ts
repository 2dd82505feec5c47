// Why the bench never times under strace, measured: the same transfer, untraced and then with the
// server under `strace -f` exactly as a lab traces it. strace stops the traced process twice per
// syscall, so the cost grows with the number of calls: read-write pays per 64 KiB chunk, sendfile
// almost nothing. Each side gets its own server with one warm-up, then the median of three.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { adapters, type Command, type MethodName, type RuntimeName } from '../../runtime-adapters/index.ts';
import { median, transfers } from '../lab/run.ts';
import { createDataFile } from '../lab/session.ts';
import { formatBytes } from '../sizes.ts';
import { traced, type Tracing } from '../lab/trace.ts';
import type { Progress } from './progress.ts';
import { benchPlan, usesBenchClient, type Failure, type SweepPlan } from './sweep.ts';

export interface OverheadRow {
  runtime: RuntimeName;
  method: MethodName;
  bytes: number;
  /** Medians of three transfers each, after a warm-up. */
  untracedSeconds: number;
  tracedSeconds: number;
  /** tracedSeconds / untracedSeconds. */
  slowdown: number;
}

export type StraceOverhead =
  | { measured: true; bytes: number; rows: OverheadRow[]; failures: Failure[] }
  | { measured: false; reason: string; fix: string };

/** strace slows a big read-write transfer many times over: 16 MiB shows the effect in seconds. */
export const overheadCap = 16 * 2 ** 20;
const timedRuns = 3;

/** Its share of the progress bar, in the sweep's units (bytes moved, roughly): tracing is slow. */
export const overheadWeight = (bytes: number) => 64 * 2 ** 20 + 80 * bytes;

export async function measureStraceOverhead(plan: Pick<SweepPlan, 'lab' | 'chunk' | 'workDir' | 'runtimes' | 'methods' | 'versions' | 'clients'>,
  bytes: number, tracing: Tracing, progress: Progress): Promise<StraceOverhead> {
  if (!tracing.available) return { measured: false, reason: tracing.reason, fix: tracing.fix };
  const rows: OverheadRow[] = [];
  const failures: Failure[] = [];
  const data = createDataFile(plan.workDir, bytes);
  const traceFile = join(plan.workDir, 'overhead.strace');
  try {
    // The bench's client compares what it receives with this file now, not the sweep's last one.
    if (plan.methods.some((method) => usesBenchClient(plan.lab, method))) {
      const loaded = await plan.clients.bench.request({ expect: data.path }, 120_000);
      if ('error' in loaded) throw new Error(loaded.error);
    }
    for (const runtime of plan.runtimes) {
      const version = plan.versions[runtime];
      for (const method of plan.methods) {
        if (!adapters[runtime].methods[method].available || typeof version !== 'string') continue;
        progress.step(`strace overhead · ${formatBytes(bytes)} · ${runtime} ${method}`);
        const methodPlan = benchPlan(plan, runtime, version, method, data, { tracing });
        try {
          const timed = async (wrap?: (command: Command) => Command) => median((await transfers(methodPlan, 1 + timedRuns, wrap ? { wrap, slow: 5 } : {})).transfers.slice(1).map((one) => one.seconds));
          const untraced = await timed();
          const tracedSeconds = await timed((command) => traced(command, traceFile, tracing.strace));
          rows.push({ runtime, method, bytes, untracedSeconds: untraced, tracedSeconds, slowdown: tracedSeconds / untraced });
        } catch (error) {
          failures.push({ runtime, method, bytes, reason: (error as Error).message });
        } finally {
          rmSync(traceFile, { force: true });
        }
        progress.advance(overheadWeight(bytes));
      }
    }
  } finally {
    rmSync(data.path, { force: true });
  }
  return { measured: true, bytes, rows, failures };
}
