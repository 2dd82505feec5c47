// Runs one lab method in one runtime and measures it: an untraced pass for time and CPU (one
// warm-up, then `timedRuns` transfers), and a traced pass for the syscall ledger. Every transfer is
// verified (byte count and SHA-256) before its numbers are used; a mismatch fails the row. Then
// every runtime × method of a lab, into one LabResult.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tracesDir } from '../paths.ts';
import { formatBytes } from '../sizes.ts';
import type { Lab } from '../catalogue.ts';
import { asReflink, copiesPerByte, cpuCopiesPerByte, createLedger, modeSwitches, type LabFds, type Ledger } from './ledger.ts';
import { describeMachine, fileSystemOf } from './machine.ts';
import { readTrace } from './parse.ts';
import type { LabResult, NotMeasured, Probe, Run } from './results.ts';
import { openServer, runProbe, UnavailableError, type ServerPlan, type Transfer } from './server.ts';
import { versionsOf, type LabSession } from './session.ts';
import { attach, traced, type Tracing } from './trace.ts';
import { usageSince, type Usage } from '../../labs/harness.ts';
import type { TransferReport } from '../../labs/protocol.ts';
import { adapters, type MethodName, type RuntimeName } from '../../runtime-adapters/index.ts';

/** What the reader asked a lab run to do; each measuring verb builds it from its own flags. */
export interface LabOptions {
  runtimes: RuntimeName[];
  explicitRuntimes: boolean;
  method?: MethodName;
  bytes: number;
  /** --size was given: every row of a sweep sends a file of this size, not one scaled to its buffer. */
  explicitSize?: boolean;
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

/** The trace of one transfer, read into the ledger; the server's report settles what strace cannot see. */
export async function countTrace(traceFile: string, fds: LabFds, report: TransferReport | undefined, sharedExtents: boolean): Promise<Ledger> {
  const counting = createLedger(fds);
  for await (const event of readTrace(traceFile)) counting.add(event);
  const ledger = counting.settle(report);
  if (ledger.allSyscalls === 0) throw new Error(`the trace ${traceFile} shows no call on the lab's file or socket: strace watched some other process`);
  return sharedExtents ? asReflink(ledger) : ledger;
}

async function runMethod(plan: MethodPlan): Promise<Run> {
  const { adapter, method, data, lab, tracing } = plan;
  const support = adapter.methods[method];
  if (!support.available) throw new UnavailableError(support.reason);
  // One server serves the warm-up, the timed transfers and, where strace may attach to it, the
  // traced one: start-up (tsx's loader, Deno's permissions, module reads) is paid once and never traced.
  const attached = tracing.available && tracing.attach;
  // With strace attached the server is planned one transfer more than it serves, so it does not
  // exit on its own: a tracee that exits while strace detaches leaves both waiting on each other.
  const server = await openServer(plan, 1 + plan.timedRuns + (attached ? 2 : 0));
  const timed: Transfer[] = [];
  let tracedTransfer: { traceFile: string; transfer: Transfer; fds: LabFds; sharedExtents: boolean } | null = null;
  const sweep = lab.chunks && method === 'read-write' ? `-${plan.chunk}` : plan.outDir !== dirname(data.path) ? '-other-fs' : '';
  const traceFile = join(tracesDir, `lab-${lab.id}-${adapter.name}-${method}${sweep}.strace`);
  let produced: ReturnType<typeof server.produced>;
  try {
    plan.progress(`timing ${1 + plan.timedRuns} transfers (1 warm-up)`);
    for (let i = 1; i <= 1 + plan.timedRuns; i++) {
      if (i > 1) await plan.beforeTransfer?.(i);
      timed.push(await server.transfer());
    }
    produced = server.produced();
    if (tracing.available && tracing.attach) {
      plan.progress('tracing 1 transfer with strace (attached to the same server)');
      mkdirSync(tracesDir, { recursive: true });
      const tracer = await attach(tracing.strace, server.pid, traceFile);
      let transfer: Transfer;
      try {
        // Detached after the usage answer, not when the client has the last byte: the server's
        // last syscalls (sendfile returning, the close) may still be running then, and the server
        // answers only once its event loop is free of the transfer.
        transfer = await server.transfer();
      } finally {
        await tracer.detach();
      }
      tracedTransfer = { traceFile, transfer, fds: server.fds(), sharedExtents: (await server.sharedExtents()) === true };
    }
    await server.close();
  } catch (error) {
    await server.close().catch(() => undefined);
    throw error;
  }
  if (tracing.available && !tracing.attach) {
    // Attaching is not allowed here: a server of its own, started under strace, for the one transfer.
    plan.progress('tracing 1 transfer with strace (a server started under it)');
    mkdirSync(tracesDir, { recursive: true });
    const launched = await openServer(plan, 1, { wrap: (command) => traced(command, traceFile, tracing.strace), slow: 5 });
    try {
      const transfer = await launched.transfer();
      tracedTransfer = { traceFile, transfer, fds: launched.fds(), sharedExtents: (await launched.sharedExtents()) === true };
      await launched.close();
    } catch (error) {
      await launched.close().catch(() => undefined);
      throw error;
    }
  }

  const consumers = lab.consumers ?? 1;
  const usage = perTransferUsage(timed);
  const seconds = median(timed.slice(1).map((transfer) => transfer.seconds));
  const report = (tracedTransfer?.transfer ?? timed.at(-1))?.report;
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
    ...(lab.consumers ? { consumers, ...(produced ? { produce: { ...produced, batchBytes: plan.chunk } } : {}) } : {}),
    // The per-notification ranges settle the ledger; the result keeps the kernel's totals.
    ...(report?.zerocopy ? { zerocopy: { sends: report.zerocopy.sends, notifications: report.zerocopy.notifications, copiedSends: report.zerocopy.copiedSends, copied: report.zerocopy.copied } } : {}),
    ...(report?.uring ? { uring: report.uring } : {}),
  };
  if (!tracedTransfer) {
    return { ...base, traced: false, syscalls: {}, copies: null, calls: null, copiesPerByte: null, cpuCopiesPerByte: null, allSyscalls: null, allSyscallsByName: null, modeSwitches: null };
  }
  const ledger = await countTrace(tracedTransfer.traceFile, tracedTransfer.fds, tracedTransfer.transfer.report, tracedTransfer.sharedExtents);
  // Beside the raw trace, what it takes to read it again: the lab's fds and the server's own report.
  const sidecar: TraceRecord = { lab: lab.id, runtime: adapter.name, runtimeVersion: plan.runtimeVersion, method, bytes: data.bytes, chunk: plan.chunk,
    fds: tracedTransfer.fds, ...(tracedTransfer.transfer.report ? { report: tracedTransfer.transfer.report } : {}), reflink: tracedTransfer.sharedExtents };
  writeFileSync(tracedTransfer.traceFile.replace(/\.strace$/, '.json'), JSON.stringify(sidecar, null, 2) + '\n');
  // Lab 07 serves every byte once per consumer: per byte delivered, not per byte of the file.
  const delivered = data.bytes * consumers;
  return {
    ...base,
    ...(lab.protocol === 'file' && tracedTransfer.sharedExtents ? { reflink: true } : {}),
    traced: true,
    syscalls: ledger.syscalls,
    copies: ledger.copies,
    calls: ledger.calls,
    copiesPerByte: copiesPerByte(ledger, delivered),
    cpuCopiesPerByte: cpuCopiesPerByte(ledger, delivered),
    allSyscalls: ledger.allSyscalls,
    allSyscallsByName: ledger.allSyscallsByName,
    modeSwitches: modeSwitches(ledger),
  };
}

/** What a trace needs to be read again: written beside it as .workbook/traces/<name>.json. */
export interface TraceRecord {
  lab: string;
  runtime: RuntimeName;
  runtimeVersion: string;
  method: MethodName;
  bytes: number;
  chunk: number;
  fds: LabFds;
  report?: TransferReport;
  reflink: boolean;
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

/**
 * The file a row sends. Copies per byte, CPU per byte and "reads = size / buffer + 1" do not depend
 * on the size (a 4 KiB buffer copies every byte twice at 8 MiB as at 64 MiB), so unless --size was
 * given a swept row sends at most `sweepChunks` buffers' worth and a slow method at most its
 * `methodBytes`; the report names each row's size.
 */
function rowBytes(lab: Lab, method: MethodName, options: LabOptions, sweptChunk: number | null): number {
  if (options.explicitSize) return options.bytes;
  const caps = [options.bytes, lab.methodBytes?.[method] ?? Infinity, sweptChunk !== null && lab.sweepChunks ? sweptChunk * lab.sweepChunks : Infinity];
  return Math.min(...caps);
}

/** A lab's probes (lab 09: kTLS), once per run, in the first runtime that can answer. */
async function runProbes(lab: Lab, options: LabOptions, session: LabSession): Promise<Probe[]> {
  const found: Probe[] = [];
  for (const probe of lab.probes ?? []) {
    for (const runtime of options.runtimes) {
      if (typeof session.versions[runtime] !== 'string') continue;
      session.progress(`lab ${lab.id} · ${runtime}: ${probe}`);
      const finding = await runProbe({ lab, adapter: adapters[runtime], entry: await session.entry(lab, runtime) }, probe).catch(() => null);
      if (finding && !('unavailable' in finding)) {
        found.push({ ...finding, runtime });
        break;
      }
    }
  }
  return found;
}

export async function runLab(lab: Lab, options: LabOptions, session: LabSession): Promise<LabResult> {
  const runs: Run[] = [];
  const notMeasured: NotMeasured[] = [];
  const methods = options.method ? [options.method] : lab.methods;
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
          const data = session.dataFile(rowBytes(lab, method, options, chunks.length > 1 ? chunk : null));
          try {
            const run = await runMethod({
              lab, adapter: adapters[runtime], runtimeVersion: version, method, data, chunk, outDir: target.dir, client: session.client,
              entry: await session.entry(lab, runtime),
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
  const tracing = session.tracing.available ? { available: true, attach: session.tracing.attach } : { available: false, reason: session.tracing.reason, fix: session.tracing.fix };
  const route = lab.protocol === 'file' || lab.protocol === 'pipe' ? null : await session.route();
  const probes = await runProbes(lab, options, session);
  return {
    lab: lab.id, title: lab.title, createdAt: new Date().toISOString(), machine: describeMachine(),
    runtimes: versionsOf(session), tracing, chunk: options.chunk, runs, notMeasured,
    ...(route ? { route } : {}), ...(probes.length ? { probes } : {}),
  };
}
