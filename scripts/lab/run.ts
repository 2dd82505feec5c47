// Runs one lab method in one runtime and measures it: an untraced pass for time and CPU (one
// warm-up, then `timedRuns` transfers), and a traced pass for the syscall ledger. Every transfer is
// verified (byte count and SHA-256) before its numbers are used; a mismatch fails the row. Then
// every runtime × method of a lab, into one LabResult.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tracesDir } from '../paths.ts';
import { formatBytes } from '../sizes.ts';
import type { Lab } from '../catalogue.ts';
import { copiesPerByte, createLedger, modeSwitches } from './ledger.ts';
import { describeMachine, fileSystemOf } from './machine.ts';
import { readTrace } from './parse.ts';
import type { LabResult, NotMeasured, Run } from './results.ts';
import { openServer, UnavailableError, type ServerPlan, type Transfer } from './server.ts';
import { versionsOf, type LabSession } from './session.ts';
import { traced, type Tracing } from './trace.ts';
import { usageSince, type Usage } from '../../labs/harness.ts';
import { adapters, type MethodName, type RuntimeName } from '../../runtime-adapters/index.ts';

/** What the reader asked a lab run to do; each measuring verb builds it from its own flags. */
export interface LabOptions {
  runtimes: RuntimeName[];
  explicitRuntimes: boolean;
  method?: MethodName;
  bytes: number;
  chunk: number;
  /** --chunk was given: a lab that sweeps buffer sizes uses only this one. */
  explicitChunk: boolean;
  timedRuns: number;
  trace: boolean;
}

export interface MethodPlan extends ServerPlan {
  runtimeVersion: string;
  timedRuns: number;
  tracing: Tracing;
  /** Told what the runner is doing, for a progress line. */
  progress(step: string): void;
  /** Awaited before each transfer after the first, outside every clock (the bench drops the page cache here). */
  beforeTransfer?(index: number): Promise<void>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (index: number) => sorted[index] ?? NaN;
  return sorted.length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

/** Usage is cumulative since "ready": each transfer's share is the difference from the one before. */
export function perTransferUsage(timed: Transfer[]): Usage[] {
  return timed.slice(1).map((transfer, i) => usageSince((timed[i] as Transfer).usage, transfer.usage));
}

/** Opens a server for `count` transfers, runs them all and closes it, whatever happens. */
export async function transfers(plan: ServerPlan & Pick<MethodPlan, 'beforeTransfer'>, count: number, options: Parameters<typeof openServer>[2] = {}): Promise<{ transfers: Transfer[]; port: number | null; fds: ReturnType<Awaited<ReturnType<typeof openServer>>['fds']>; produced?: { batches: number; seconds: number } }> {
  const server = await openServer(plan, count, options);
  let closed = false;
  try {
    const done: Transfer[] = [];
    for (let i = 1; i <= count; i++) {
      if (i > 1) await plan.beforeTransfer?.(i);
      done.push(await server.transfer());
    }
    const fds = server.fds();
    const produced = server.produced();
    closed = true;
    await server.close();
    return { transfers: done, port: server.port, fds, ...(produced ? { produced } : {}) };
  } finally {
    if (!closed) await server.close();
  }
}

async function runMethod(plan: MethodPlan): Promise<Run> {
  const { adapter, method, data, lab } = plan;
  const support = adapter.methods[method];
  if (!support.available) throw new UnavailableError(support.reason);

  plan.progress(`timing ${1 + plan.timedRuns} transfers (1 warm-up)`);
  // The warm-up transfer's usage is the baseline the first timed transfer is measured from.
  const timedPass = await transfers(plan, 1 + plan.timedRuns);
  const timed = timedPass.transfers;
  const consumers = lab.consumers ?? 1;
  const usage = perTransferUsage(timed);
  const seconds = median(timed.slice(1).map((transfer) => transfer.seconds));

  const base = {
    runtime: adapter.name,
    runtimeVersion: plan.runtimeVersion,
    method,
    protocol: lab.protocol,
    api: support.api[lab.protocol] ?? '',
    bytes: data.bytes,
    chunk: plan.chunk,
    sha256: data.sha256,
    verified: true as const,
    cpu: { user: median(usage.map((u) => u.userSeconds)), sys: median(usage.map((u) => u.sysSeconds)) },
    contextSwitches: median(usage.map((u) => u.voluntaryContextSwitches + u.involuntaryContextSwitches)),
    minorPageFaults: median(usage.map((u) => u.minorPageFaults)),
    storageReadBytes: usage.some((u) => u.storageReadBytes === null) ? null : median(usage.map((u) => u.storageReadBytes ?? 0)),
    wallSeconds: seconds,
    mibPerSecond: (data.bytes * consumers) / 2 ** 20 / seconds,
    timedTransfers: plan.timedRuns,
    ...(lab.consumers ? { consumers, ...(timedPass.produced ? { produce: { ...timedPass.produced, batchBytes: plan.chunk } } : {}) } : {}),
  };

  if (!plan.tracing.available) {
    return { ...base, traced: false, syscalls: {}, copies: null, calls: null, copiesPerByte: null, modeSwitches: null };
  }
  const { strace } = plan.tracing;
  plan.progress('tracing 1 transfer with strace');
  mkdirSync(tracesDir, { recursive: true });
  const sweep = lab.chunks && method === 'read-write' ? `-${plan.chunk}` : plan.outDir !== dirname(data.path) ? '-other-fs' : '';
  const traceFile = join(tracesDir, `lab-${lab.id}-${adapter.name}-${method}${sweep}.strace`);
  const tracedPass = await transfers(plan, 1, { wrap: (command) => traced(command, traceFile, strace), slow: 5 });
  const counting = createLedger(tracedPass.fds);
  for await (const event of readTrace(traceFile)) counting.add(event);
  const { ledger } = counting;
  return {
    ...base,
    traced: true,
    syscalls: ledger.syscalls,
    copies: ledger.copies,
    calls: ledger.calls,
    // Lab 07 serves every byte once per consumer: per byte delivered, not per byte of the file.
    copiesPerByte: copiesPerByte(ledger, data.bytes * consumers),
    modeSwitches: modeSwitches(ledger),
  };
}

interface Destination { label?: string; dir: string; cleanup?(): void }

/**
 * Where a file lab writes its copies: beside the data file, and for copy-file in lab 05 also on a
 * second file system — tmpfs at /dev/shm, when it is one — where copy_file_range must fail with
 * EXDEV (since Linux 5.19, man copy_file_range(2)) and each runtime's fallback shows in the trace.
 */
function destinations(lab: Lab, method: MethodName, workDir: string): Destination[] | string {
  const here = { label: lab.otherFileSystem ? `same file system (${fileSystemOf(workDir)})` : undefined, dir: workDir };
  if (!lab.otherFileSystem || method !== 'copy-file') return [here];
  const shm = '/dev/shm';
  if (!existsSync(shm) || statSync(shm).dev === statSync(workDir).dev) return [here];
  try {
    const dir = mkdtempSync(join(shm, 'zero-copy-workbook-'));
    // Deno demands --allow-all for any path under /dev, even with --allow-write for the file; a
    // link from the work dir keeps its permissions narrow (the trace shows the real path).
    const link = join(workDir, 'other-file-system');
    rmSync(link, { force: true });
    symlinkSync(dir, link);
    return [here, { label: `other file system (${fileSystemOf(dir)})`, dir: link, cleanup: () => rmSync(dir, { recursive: true, force: true }) }];
  } catch (error) {
    return `cannot write to ${shm} (${(error as Error).message}), so the copy onto a second file system was skipped`;
  }
}

export async function runLab(lab: Lab, options: LabOptions, session: LabSession): Promise<LabResult> {
  const runs: Run[] = [];
  const notMeasured: NotMeasured[] = [];
  const methods = options.method ? [options.method] : lab.methods;
  const data = session.dataFile(options.bytes);
  for (const runtime of options.runtimes) {
    const version = session.versions[runtime];
    for (const method of methods) {
      const support = adapters[runtime].methods[method];
      if (!lab.methods.includes(method)) {
        notMeasured.push({ runtime, method, status: 'unavailable', reason: `lab ${lab.id} has no ${method} method (it has ${lab.methods.join(', ')})` });
        continue;
      }
      if (!support.available) {
        notMeasured.push({ runtime, method, status: 'unavailable', reason: support.reason });
        continue;
      }
      if (typeof version !== 'string') {
        notMeasured.push({ runtime, method, status: 'failed', reason: version?.message ?? 'runtime not checked' });
        continue;
      }
      // A lab that sweeps the buffer runs read-write once per size, unless --chunk picked one.
      const chunks = method === 'read-write' && lab.chunks && !options.explicitChunk ? lab.chunks : [options.chunk];
      const targets = destinations(lab, method, session.workDir);
      if (typeof targets === 'string') notMeasured.push({ runtime, method, status: 'unavailable', reason: targets });
      for (const target of typeof targets === 'string' ? [{ dir: session.workDir } as Destination] : targets) {
        for (const chunk of chunks) {
          const label = [method, chunks.length > 1 ? formatBytes(chunk) : '', target.label ? `→ ${target.label}` : ''].filter(Boolean).join(' ');
          try {
            const run = await runMethod({
              lab, adapter: adapters[runtime], runtimeVersion: version, method, data, chunk, outDir: target.dir, ffi: lab.ffi,
              timedRuns: options.timedRuns, tracing: session.tracing,
              progress: (step) => session.progress(`lab ${lab.id} · ${runtime} ${label}: ${step}`),
            });
            runs.push(target.label ? { ...run, destination: target.label } : run);
          } catch (error) {
            const unavailable = error instanceof UnavailableError;
            notMeasured.push({ runtime, method, status: unavailable ? 'unavailable' : 'failed', reason: unavailable ? (error as Error).message : `${label}: ${(error as Error).message}` });
          } finally {
            target.cleanup?.();
          }
        }
      }
    }
  }
  const tracing = session.tracing.available ? { available: true } : { available: false, reason: session.tracing.reason, fix: session.tracing.fix };
  return {
    lab: lab.id, title: lab.title, createdAt: new Date().toISOString(), machine: describeMachine(),
    runtimes: versionsOf(session), tracing, chunk: options.chunk, runs, notMeasured,
  };
}
