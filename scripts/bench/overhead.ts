// Why the bench never times under strace, measured, and a check on the syscall counts it reports.
// For each method one server serves a warm-up, three untraced transfers (perf counting the
// server's syscalls in each, where it can) and then three traced ones, strace attached to the same
// server for each exactly as a lab traces it. strace stops the traced process twice per syscall,
// so the slowdown grows with the number of calls: read-write pays per 64 KiB chunk, sendfile
// almost nothing. The traces are read by the lab's own ledger, so every syscall of each traced
// transfer is counted the way `npm run lab` counts it, and perf counts the same traced transfers
// at the same time: two tools, one kernel counter and one tracer, on the same syscalls, that
// should agree. perf's count of the untraced transfers stands beside them, because a traced
// server is a slower one and makes more of the calls that wait (futex, epoll): the bench's
// syscall column is counted untraced, like its times.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { adapters, type MethodName, type RuntimeName } from '../../runtime-adapters/index.ts';
import { countTrace, median } from '../lab/run.ts';
import { openServer, type LabServer, type Transfer } from '../lab/server.ts';
import { createDataFile, type DataFile } from '../lab/session.ts';
import { formatBytes } from '../sizes.ts';
import { attach, traced, type Tracing } from '../lab/trace.ts';
import type { Progress } from './progress.ts';
import { benchPlan, usesBenchClient, type Failure, type SweepPlan } from './sweep.ts';
import { countSyscalls, type SyscallCounter } from './syscall-count.ts';

export interface OverheadRow {
  runtime: RuntimeName;
  method: MethodName;
  bytes: number;
  /** Medians of three transfers each, after a warm-up. */
  untracedSeconds: number;
  tracedSeconds: number;
  /** tracedSeconds / untracedSeconds. */
  slowdown: number;
  /** Every syscall of one transfer, two ways: perf in the untraced ones, the lab's ledger on the traced ones. */
  syscalls: SyscallCrossCheck;
}

export interface SyscallCrossCheck {
  /** perf's count per untraced transfer (mean of three), as the sweep counts; null with the reason when perf could not count. */
  perf: number | null;
  perfMissing?: string;
  /** perf's count per traced transfer (mean of the same three strace saw); null with the reason when it could not. */
  perfTraced: number | null;
  perfTracedMissing?: string;
  /** The ledger's allSyscalls per traced transfer (median of three); null with the reason when it could not. */
  strace: number | null;
  straceMissing?: string;
  /** perfTraced / strace - 1, when both counted: the two tools on the same transfers. */
  difference: number | null;
  /** |difference| within the agreement this method's count should reach. */
  agrees: boolean | null;
  /** The agreement asked of this method: counts in the thousands (read-write) 5%, a few dozen calls ±10 calls. */
  tolerance: string;
}

export type StraceOverhead =
  | { measured: true; bytes: number; rows: OverheadRow[]; failures: Failure[] }
  | { measured: false; reason: string; fix: string };

/** strace slows a big read-write transfer many times over: 16 MiB shows the effect in seconds. */
export const overheadCap = 16 * 2 ** 20;
const timedRuns = 3;

/** Its share of the progress bar, in the sweep's units (bytes moved, roughly): tracing is slow. */
export const overheadWeight = (bytes: number) => 64 * 2 ** 20 + 80 * bytes;

/**
 * Whether two counts of the same transfer agree. A few dozen syscalls (sendfile's) differ by the
 * handful of event-loop calls around the first and last byte that one window catches and the
 * other does not, so small counts are held to ±10 calls; large ones (read-write's thousands) to 5%.
 */
export function agreement(perf: number, strace: number): { difference: number; agrees: boolean; tolerance: string } {
  const difference = strace === 0 ? (perf === 0 ? 0 : Infinity) : perf / strace - 1;
  if (strace < 200) return { difference, agrees: Math.abs(perf - strace) <= 10, tolerance: '±10 calls' };
  return { difference, agrees: Math.abs(difference) <= 0.05, tolerance: '±5%' };
}

interface Measured {
  untraced: number[]; traced: number[];
  perf: number | null; perfMissing?: string;
  perfTraced: number | null; perfTracedMissing?: string;
  strace: number | null; straceMissing?: string;
}

/**
 * `timedRuns` transfers with perf counting each (its counter on only around the transfer), each
 * run through `one`; the seconds of each, and perf's syscalls per transfer or why there are none.
 */
async function countedRuns(server: LabServer, counter: SyscallCounter, workDir: string,
  one: (around: { before?: () => Promise<void>; after?: () => Promise<void> }) => Promise<number>): Promise<{ seconds: number[]; count: number | null; missing?: string }> {
  const count = counter.available
    ? await countSyscalls(counter, server.pid, workDir).catch((error: Error) => ({ failed: `perf could not attach: ${error.message}` }))
    : { failed: counter.reason };
  if ('failed' in count) {
    const seconds: number[] = [];
    for (let i = 0; i < timedRuns; i++) seconds.push(await one({}));
    return { seconds, count: null, missing: count.failed };
  }
  const seconds: number[] = [];
  let total: Awaited<ReturnType<typeof count.finish>>;
  try {
    for (let i = 0; i < timedRuns; i++) seconds.push(await one({ before: () => count.resume(), after: () => count.pause() }));
  } finally {
    total = await count.finish();
  }
  return typeof total === 'number' ? { seconds, count: total / timedRuns } : { seconds, count: null, missing: total.reason };
}

async function untracedRuns(server: LabServer, counter: SyscallCounter, workDir: string): Promise<Pick<Measured, 'untraced' | 'perf' | 'perfMissing'>> {
  const runs = await countedRuns(server, counter, workDir, async (around) => (await server.transfer(around)).seconds);
  return { untraced: runs.seconds, perf: runs.count, ...(runs.missing ? { perfMissing: runs.missing } : {}) };
}

async function measureCell(methodPlan: ReturnType<typeof benchPlan>, tracing: Extract<Tracing, { available: true }>, counter: SyscallCounter,
  workDir: string, runtime: RuntimeName, method: MethodName): Promise<Measured> {
  const traceFile = (i: number) => join(workDir, `overhead-${runtime}-${method}-${i}.strace`);
  if (!tracing.attach) {
    // strace may not attach here: a second server, started under strace, for the traced side; its
    // trace covers the server's whole life, so its per-transfer count is not the lab's.
    const plain = await openServer(methodPlan, 1 + timedRuns);
    let measured: Pick<Measured, 'untraced' | 'perf' | 'perfMissing'>;
    try {
      await plain.transfer();
      measured = await untracedRuns(plain, counter, workDir);
      await plain.close();
    } finally {
      await plain.close().catch(() => undefined);
    }
    const launched = await openServer(methodPlan, 1 + timedRuns, { wrap: (command) => traced(command, traceFile(0), tracing.strace), slow: 5 });
    try {
      const all: Transfer[] = [];
      for (let i = 0; i <= timedRuns; i++) all.push(await launched.transfer());
      await launched.close();
      return { ...measured, traced: all.slice(1).map((one) => one.seconds), perfTraced: null, perfTracedMissing: 'strace traced the whole server', strace: null, straceMissing: 'strace may not attach to a running server here, so no single transfer was traced alone' };
    } finally {
      await launched.close().catch(() => undefined);
      rmSync(traceFile(0), { force: true });
    }
  }
  // One more transfer planned than served, as the lab does: the server must not exit while strace detaches.
  const server = await openServer(methodPlan, 1 + 2 * timedRuns + 1);
  try {
    await server.transfer();
    const measured = await untracedRuns(server, counter, workDir);
    const counts: number[] = [];
    let i = 0;
    // strace attached first, perf's counter on only inside the transfer: both see the same syscalls.
    const traced = await countedRuns(server, counter, workDir, async (around) => {
      i += 1;
      const tracer = await attach(tracing.strace, server.pid, traceFile(i));
      let transfer: Transfer;
      try {
        transfer = await server.transfer(around);
      } finally {
        await tracer.detach();
      }
      counts.push((await countTrace(traceFile(i), server.fds(), transfer.report, false)).allSyscalls);
      rmSync(traceFile(i), { force: true });
      return transfer.seconds;
    });
    await server.close();
    return { ...measured, traced: traced.seconds, perfTraced: traced.count, ...(traced.missing ? { perfTracedMissing: traced.missing } : {}), strace: median(counts) };
  } finally {
    await server.close().catch(() => undefined);
    for (let i = 1; i <= timedRuns; i++) rmSync(traceFile(i), { force: true });
  }
}

export async function measureStraceOverhead(plan: Pick<SweepPlan, 'lab' | 'chunk' | 'workDir' | 'runtimes' | 'methods' | 'versions' | 'clients' | 'counter'>,
  bytes: number, tracing: Tracing, progress: Progress): Promise<StraceOverhead> {
  if (!tracing.available) return { measured: false, reason: tracing.reason, fix: tracing.fix };
  const rows: OverheadRow[] = [];
  const failures: Failure[] = [];
  const data: DataFile = createDataFile(plan.workDir, bytes);
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
        progress.step(`strace overhead and syscall counts · ${formatBytes(bytes)} · ${runtime} ${method}`);
        try {
          const measured = await measureCell(benchPlan(plan, runtime, version, method, data), tracing, plan.counter, plan.workDir, runtime, method);
          const [untracedSeconds, tracedSeconds] = [median(measured.untraced), median(measured.traced)];
          const both = measured.perfTraced !== null && measured.strace !== null ? agreement(measured.perfTraced, measured.strace) : null;
          rows.push({
            runtime, method, bytes, untracedSeconds, tracedSeconds, slowdown: tracedSeconds / untracedSeconds,
            syscalls: {
              perf: measured.perf, ...(measured.perfMissing ? { perfMissing: measured.perfMissing } : {}),
              perfTraced: measured.perfTraced, ...(measured.perfTracedMissing ? { perfTracedMissing: measured.perfTracedMissing } : {}),
              strace: measured.strace, ...(measured.straceMissing ? { straceMissing: measured.straceMissing } : {}),
              difference: both?.difference ?? null, agrees: both?.agrees ?? null,
              tolerance: both?.tolerance ?? (measured.strace !== null && measured.strace < 200 ? '±10 calls' : '±5%'),
            },
          });
        } catch (error) {
          failures.push({ runtime, method, bytes, reason: (error as Error).message });
        }
        progress.advance(overheadWeight(bytes));
      }
    }
  } finally {
    rmSync(data.path, { force: true });
  }
  return { measured: true, bytes, rows, failures };
}
