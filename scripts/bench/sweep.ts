// The timing loop: for each size, runtime and method, one warm-up and N timed transfers, untraced,
// through the lab core's transfers() — the lab's own servers and runner, with the bench's client on
// socket labs. Every transfer is verified by the runner (bytes and SHA-256) before its numbers are
// kept; a cell with a failed transfer is not a row but a failure with its reason.
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { adapters, type MethodName, type RuntimeName } from '../../runtime-adapters/index.ts';
import type { Lab } from '../catalogue.ts';
import type { ClientService } from '../lab/client-service.ts';
import { perTransferUsage, transfers, type MethodPlan } from '../lab/run.ts';
import { createDataFile, type DataFile } from '../lab/session.ts';
import { formatBytes } from '../sizes.ts';
import { dropFromPageCache } from './cache.ts';
import type { Progress } from './progress.ts';
import { summarize, type BenchRow } from './stats.ts';

/** The bench's client (client.ts here), started once per bench like the lab's. */
export const benchClientEntry = fileURLToPath(new URL('./client.ts', import.meta.url));

export interface SweepPlan {
  lab: Lab;
  runtimes: RuntimeName[];
  versions: Partial<Record<RuntimeName, string | Error>>;
  methods: MethodName[];
  sizes: number[];
  runsFor(bytes: number): number;
  chunk: number;
  cold: boolean;
  /** Test the verification: serve this method a data file changed after it was hashed. */
  tamper?: MethodName;
  workDir: string;
  progress: Progress;
  /** The lab's client, and the bench's own for the methods it can time (usesBenchClient). */
  clients: { lab: ClientService; bench: ClientService };
}

export interface Failure { runtime: RuntimeName; method: MethodName; bytes: number; reason: string }
export interface Unavailable { runtime: RuntimeName; method: MethodName; reason: string }

export interface CacheSetting {
  requested: 'warm' | 'cold';
  /** For --cold: whether the data file's pages really left the page cache, and how (or why not). */
  dropped?: boolean;
  note: string;
}

export interface Sweep {
  rows: BenchRow[];
  failures: Failure[];
  unavailable: Unavailable[];
  cache: CacheSetting;
}

/** Progress in bytes moved, plus a fixed cost per transfer and per server start, which rule small files. */
const transferWeight = (bytes: number) => bytes + 4 * 2 ** 20;
const cellWeight = 32 * 2 ** 20;

export function sweepWeight(plan: Pick<SweepPlan, 'sizes' | 'runsFor' | 'runtimes' | 'methods'>): number {
  const cells = plan.runtimes.flatMap((runtime) => plan.methods.filter((method) => adapters[runtime].methods[method].available)).length;
  return plan.sizes.reduce((sum, bytes) => sum + cells * (cellWeight + (1 + plan.runsFor(bytes)) * transferWeight(bytes)), 0);
}

/**
 * Methods whose response is the file itself, byte for byte: the bench's client can time them. A
 * lab whose client undoes a transform, speaks TLS, reads a pipe or fans out to consumers (06-08)
 * keeps the lab's own client, which hashes inside its clock: those rows are slower than the truth.
 */
const plainMethods: readonly MethodName[] = ['read-write', 'stream', 'sendfile', 'mmap-write'];

export function usesBenchClient(lab: Lab, method: MethodName): boolean {
  return (lab.protocol === 'tcp' || lab.protocol === 'http') && !lab.consumers && plainMethods.includes(method);
}

/** How the bench runs one method through the lab core's transfers(): untraced unless a tracer wraps the server. */
export function benchPlan(plan: Pick<SweepPlan, 'lab' | 'chunk' | 'workDir' | 'clients'>, runtime: RuntimeName, version: string, method: MethodName,
  data: DataFile, extra: Partial<MethodPlan> = {}): MethodPlan {
  return {
    lab: plan.lab, adapter: adapters[runtime], runtimeVersion: version, method, data, chunk: plan.chunk, outDir: plan.workDir, timedRuns: 1,
    tracing: { available: false, reason: 'the bench times without strace', fix: '' }, progress: () => {},
    client: usesBenchClient(plan.lab, method) ? plan.clients.bench : plan.clients.lab,
    ...extra,
  };
}

/** Flips one byte in the middle of the file, runs `work`, and puts the byte back. */
async function withOneByteChanged<T>(data: DataFile, work: () => Promise<T>): Promise<T> {
  const flip = () => {
    const fd = openSync(data.path, 'r+');
    try {
      const byte = Buffer.alloc(1);
      readSync(fd, byte, 0, 1, Math.floor(data.bytes / 2));
      byte.writeUInt8(byte.readUInt8(0) ^ 0xff, 0);
      writeSync(fd, byte, 0, 1, Math.floor(data.bytes / 2));
    } finally {
      closeSync(fd);
    }
  };
  flip();
  try {
    return await work();
  } finally {
    flip();
  }
}

export async function runSweep(plan: SweepPlan): Promise<Sweep> {
  const rows: BenchRow[] = [];
  const failures: Failure[] = [];
  const unavailable: Unavailable[] = [];
  const cache: CacheSetting = plan.cold
    ? { requested: 'cold', dropped: true, note: '' }
    : { requested: 'warm', note: 'warm (the data file was just written, and each warm-up transfer reads it again)' };

  for (const runtime of plan.runtimes) {
    for (const method of plan.methods) {
      const support = adapters[runtime].methods[method];
      if (!support.available) unavailable.push({ runtime, method, reason: support.reason });
    }
  }

  for (const bytes of plan.sizes) {
    const runs = plan.runsFor(bytes);
    plan.progress.step(`creating a ${formatBytes(bytes)} data file`);
    const data = createDataFile(plan.workDir, bytes);
    if (plan.cold && cache.dropped) {
      const probe = await dropFromPageCache(data.path, bytes);
      Object.assign(cache, {
        dropped: probe.dropped,
        note: probe.dropped ? `cold before each timed transfer (${probe.note})` : `WARM, it could not be dropped: ${probe.note}`,
      });
    }
    const dropCache = async () => { if (plan.cold && cache.dropped) await dropFromPageCache(data.path, bytes); };
    try {
      for (const runtime of plan.runtimes) {
        for (const method of plan.methods) {
          if (!adapters[runtime].methods[method].available) continue;
          const version = plan.versions[runtime];
          if (typeof version !== 'string') {
            failures.push({ runtime, method, bytes, reason: version?.message ?? 'runtime not checked' });
            continue;
          }
          const label = `${formatBytes(bytes)} · ${runtime} ${method}`;
          let transfer = 1;
          plan.progress.step(`${label} · 1 warm-up + ${runs} timed runs`);
          plan.progress.advance(cellWeight);
          const methodPlan = benchPlan(plan, runtime, version, method, data, {
            timedRuns: runs,
            async beforeTransfer(index) {
              plan.progress.advance(transferWeight(bytes));
              transfer = index;
              plan.progress.detail(`${label} · run ${index - 1}/${runs}`);
              await dropCache();
            },
          });
          const measure = () => transfers(methodPlan, 1 + runs);
          try {
            const timed = (await (plan.tamper === method ? withOneByteChanged(data, measure) : measure())).transfers;
            const usage = perTransferUsage(timed);
            rows.push(summarize(runtime, method, bytes, timed.slice(1).map((one, i) => ({ seconds: one.seconds, cpuSeconds: (usage[i]?.userSeconds ?? NaN) + (usage[i]?.sysSeconds ?? NaN) }))));
          } catch (error) {
            failures.push({ runtime, method, bytes, reason: (error as Error).message });
          }
          plan.progress.advance(transferWeight(bytes) * (1 + runs - transfer + 1));
        }
      }
    } finally {
      rmSync(data.path, { force: true });
    }
  }
  return { rows, failures, unavailable, cache };
}
