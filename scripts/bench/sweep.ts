// The timing loop: for each size, runtime and method, one warm-up and N timed transfers, untraced,
// through the lab core's transfers() — the lab's own servers and runner, with the bench's client on
// socket labs. Every transfer is verified by the runner before its numbers are kept (bytes, and
// the bench client's byte-for-byte compare with the file, or SHA-256 where it hashed); a cell with a failed transfer is not a row but a failure with its reason.
import { closeSync, copyFileSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { adapters, type MethodName, type RuntimeName } from '../../runtime-adapters/index.ts';
import { findLab, type Lab } from '../catalogue.ts';
import type { ClientService } from '../lab/client-service.ts';
import { perTransferUsage, type MethodPlan } from '../lab/run.ts';
import { openServer, UnavailableError, type Transfer } from '../lab/server.ts';
import { createDataFile, type DataFile } from '../lab/session.ts';
import { formatBytes } from '../sizes.ts';
import { dropFromPageCache } from './cache.ts';
import type { Progress } from './progress.ts';
import { summarize, type BenchRow } from './stats.ts';
import { countSyscalls, type SyscallCount, type SyscallCounter } from './syscall-count.ts';

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
  /** perf, counting syscalls in the timed transfers, or why not. */
  counter: SyscallCounter;
  /** Add the ceiling row to each size: the kernel's own sendfile through FFI (lab 09). */
  ceiling: boolean;
}

/** How one size's transfers were verified. */
export interface VerificationSetting {
  bytes: number;
  how: 'compared' | 'sha256';
  note: string;
  /** How the bench's client read the socket: blocking recv through an FFI, or Node's epoll socket (and why). */
  receiving?: string;
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
  verification: VerificationSetting[];
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
const plainMethods: readonly MethodName[] = ['read-write', 'stream', 'sendfile', 'mmap-write', 'sendfile-ffi', 'splice-ffi', 'msg-zerocopy', 'io-uring-send-zc'];

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
async function withOneByteChanged<T>(data: DataFile, work: (served: DataFile) => Promise<T>, inACopy: boolean): Promise<T> {
  // A client that maps the file itself would see a change made in place: then the server is
  // given a changed copy, and the client keeps comparing with the original.
  const served = inACopy ? { ...data, path: data.path.replace(/\.bin$/, '-tampered.bin'), comparedWith: data.path } : data;
  if (inACopy) copyFileSync(data.path, served.path);
  const flip = () => {
    const fd = openSync(served.path, 'r+');
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
    return await work(served);
  } finally {
    if (inACopy) rmSync(served.path, { force: true });
    else flip();
  }
}

/** The SHA-256 of a file, read in 16 MiB pieces. */
export function sha256Of(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const piece = Buffer.alloc(1 << 24);
    for (let read = readSync(fd, piece, 0, piece.length, null); read > 0; read = readSync(fd, piece, 0, piece.length, null)) hash.update(piece.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * A client that compared with the file's own pages compared with whatever the file held: after a
 * size's rows the file must still be the one that was written, or none of those rows stands.
 */
export function unchangedOrFailed(data: DataFile, rows: BenchRow[], failures: Failure[]): BenchRow[] {
  if (sha256Of(data.path) === data.sha256) return rows;
  const reason = 'the data file changed while this size ran (its SHA-256 is no longer the one it was written with), so its transfers were compared with a changed file';
  for (const row of rows) if (row.bytes === data.bytes) failures.push({ runtime: row.runtime, method: row.method, bytes: row.bytes, reason });
  return rows.filter((row) => row.bytes !== data.bytes);
}

/** The ceiling of a size: the kernel's own sendfile through FFI (lab 09), read by the bench's client. */
const ceilingLab = findLab('09');
export const ceilingMethod: MethodName = 'sendfile-ffi';

/** The runtime that calls the ceiling's sendfile: FFI makes the runtime's own cost almost nothing, Bun starts fastest. */
export function ceilingRuntime(plan: Pick<SweepPlan, 'runtimes' | 'versions'>): RuntimeName | undefined {
  return (['bun', 'deno', 'node'] as const).find((runtime) => plan.runtimes.includes(runtime) && typeof plan.versions[runtime] === 'string');
}

interface Cell { lab: Lab; runtime: RuntimeName; version: string; method: MethodName; ceiling: boolean }

/**
 * One runtime × method × size: a server, one warm-up, `runs` timed transfers, each verified, with
 * perf counting the server's syscalls around each timed transfer where it can.
 */
async function timeCell(plan: SweepPlan, cell: Cell, data: DataFile, runs: number, dropCache: () => Promise<void>, label: string): Promise<BenchRow> {
  const methodPlan = benchPlan({ ...plan, lab: cell.lab }, cell.runtime, cell.version, cell.method, data, { timedRuns: runs });
  const server = await openServer(methodPlan, 1 + runs);
  let count: SyscallCount | null = null;
  const counted: { perTransfer: number | null; reason?: string } = { perTransfer: null, reason: plan.counter.available ? undefined : plan.counter.reason };
  try {
    if (plan.counter.available) {
      count = await countSyscalls(plan.counter, server.pid, plan.workDir).catch((error: Error) => {
        counted.reason = `perf could not attach: ${error.message}`;
        return null;
      });
    }
    const timed: Transfer[] = [await server.transfer()];
    for (let index = 1; index <= runs; index++) {
      plan.progress.advance(transferWeight(data.bytes));
      plan.progress.detail(`${label} · run ${index}/${runs}`);
      await dropCache();
      timed.push(await server.transfer(count ? {
        before: () => count!.resume(),
        after: () => count!.pause(),
      } : {}));
    }
    await server.close();
    if (count) {
      const total = await count.finish();
      if (typeof total === 'number') counted.perTransfer = total / runs;
      else counted.reason = total.reason;
    }
    const usage = perTransferUsage(timed);
    return {
      ...summarize(cell.runtime, cell.method, data.bytes, timed.slice(1).map((one, i) => ({ seconds: one.seconds, cpuSeconds: (usage[i]?.userSeconds ?? NaN) + (usage[i]?.sysSeconds ?? NaN) }))),
      syscallsPerTransfer: counted.perTransfer,
      ...(counted.reason && counted.perTransfer === null ? { syscallCountMissing: counted.reason } : {}),
      ...(cell.ceiling ? { ceiling: true } : {}),
    };
  } finally {
    await count?.finish();
    await server.close().catch(() => undefined);
  }
}

export async function runSweep(plan: SweepPlan): Promise<Sweep> {
  const rows: BenchRow[] = [];
  const failures: Failure[] = [];
  const unavailable: Unavailable[] = [];
  const verification: VerificationSetting[] = [];
  const cache: CacheSetting = plan.cold
    ? { requested: 'cold', dropped: true, note: '' }
    : { requested: 'warm', note: 'warm (the data file was just written, and each warm-up transfer reads it again)' };

  for (const runtime of plan.runtimes) {
    for (const method of plan.methods) {
      const support = adapters[runtime].methods[method];
      if (!support.available) unavailable.push({ runtime, method, reason: support.reason });
    }
  }
  const ceiling = ceilingRuntime(plan);
  const cells: Cell[] = plan.runtimes.flatMap((runtime) => plan.methods.filter((method) => adapters[runtime].methods[method].available).map((method) => {
    const version = plan.versions[runtime];
    return { lab: plan.lab, runtime, version: typeof version === 'string' ? version : '', method, ceiling: false };
  }));
  if (plan.ceiling && ceiling && ceilingLab) cells.push({ lab: ceilingLab, runtime: ceiling, version: String(plan.versions[ceiling]), method: ceilingMethod, ceiling: true });

  for (const bytes of plan.sizes) {
    const runs = plan.runsFor(bytes);
    plan.progress.step(`creating a ${formatBytes(bytes)} data file`);
    const data = createDataFile(plan.workDir, bytes);
    /** Whether the bench's client compares with the file's own pages (mapped) rather than its copy of them. */
    let mapped = false;
    if (plan.cold && cache.dropped) {
      const probe = await dropFromPageCache(data.path, bytes);
      Object.assign(cache, {
        dropped: probe.dropped,
        note: probe.dropped ? `cold before each timed transfer (${probe.note})` : `WARM, it could not be dropped: ${probe.note}`,
      });
    }
    // The bench's client compares every transfer with the file itself; loaded before any tamper.
    if (cells.some((cell) => usesBenchClient(cell.lab, cell.method))) {
      // Shared (the page cache's pages, mapped) unless --cold must drop those pages before each transfer.
      const loaded = await plan.clients.bench.request({ expect: data.path, shared: !plan.cold }, 120_000).catch((error: Error) => ({ error: error.message }));
      mapped = 'expecting' in loaded && loaded.mapped === true;
      verification.push('error' in loaded || !('expecting' in loaded)
        ? { bytes, how: 'sha256', note: `SHA-256 on the client's second thread: ${'error' in loaded ? loaded.error : 'the client did not say how it checks'}` }
        : loaded.expecting === 'sha256'
          ? { bytes, how: 'sha256', note: `SHA-256: ${loaded.note ?? 'the client did not say why'}`, receiving: loaded.receiving }
          : { bytes, how: 'compared', note: loaded.note ?? 'byte for byte against the file, held in the client\'s memory', receiving: loaded.receiving });
    }
    const dropCache = async () => { if (plan.cold && cache.dropped) await dropFromPageCache(data.path, bytes); };
    try {
      for (const cell of cells) {
        const { runtime, method } = cell;
        const version = plan.versions[runtime];
        if (typeof version !== 'string') {
          failures.push({ runtime, method, bytes, reason: version?.message ?? 'runtime not checked' });
          continue;
        }
        const label = `${formatBytes(bytes)} · ${runtime} ${method}${cell.ceiling ? ' (ceiling)' : ''}`;
        plan.progress.step(`${label} · 1 warm-up + ${runs} timed runs`);
        plan.progress.advance(cellWeight + transferWeight(bytes));
        const measure = (served: DataFile) => timeCell(plan, cell, served, runs, dropCache, label);
        try {
          rows.push(await (plan.tamper === method && !cell.ceiling ? withOneByteChanged(data, measure, mapped) : measure(data)));
        } catch (error) {
          const reason = (error as Error).message;
          if (error instanceof UnavailableError) unavailable.push({ runtime, method, reason });
          else failures.push({ runtime, method, bytes, reason });
        }
      }
      if (mapped) {
        plan.progress.detail(`${formatBytes(bytes)} · checking the data file is unchanged`);
        const kept = unchangedOrFailed(data, rows, failures);
        rows.splice(0, rows.length, ...kept);
      }
    } finally {
      rmSync(data.path, { force: true });
    }
  }
  return { rows, failures, unavailable, cache, verification };
}
