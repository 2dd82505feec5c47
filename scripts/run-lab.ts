// Runs one lab method in one runtime and measures it: an untraced pass for time and CPU (one
// warm-up, then `timedRuns` transfers), and a traced pass for the syscall ledger. Every transfer is
// verified (byte count and SHA-256) before its numbers are used; a mismatch fails the row.
import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usageSince, type Usage } from '../labs/harness.ts';
import type { Lab } from './catalogue.ts';
import { copiesPerByte, createLedger, modeSwitches } from './ledger.ts';
import { readTrace } from './parse.ts';
import { start, type Child } from './processes.ts';
import type { Run } from './results.ts';
import { traced, type Tracing } from './trace.ts';
import type { MethodName, RuntimeAdapter } from '../runtime-adapters/types.ts';

export interface DataFile { path: string; bytes: number; sha256: string }

export interface MethodPlan {
  lab: Lab;
  adapter: RuntimeAdapter;
  runtimeVersion: string;
  method: MethodName;
  data: DataFile;
  chunk: number;
  timedRuns: number;
  tracing: Tracing;
  /** Told what the runner is doing, for a progress line. */
  progress(step: string): void;
}

interface Transfer { seconds: number; usage: Usage }

/** Kept after the run, so a reader can open the raw trace behind every count. */
export const tracesDir = fileURLToPath(new URL('../.workbook/traces/', import.meta.url));
const labsDir = fileURLToPath(new URL('../labs/', import.meta.url));
const clientEntry = fileURLToPath(new URL('./client.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');
const startTimeoutMs = 30_000;

function transferTimeoutMs(bytes: number): number {
  // Generous: 20 s plus 1 s per 16 MiB, so a slow laptop under strace still finishes.
  return 20_000 + Math.ceil(bytes / 2 ** 24) * 1000;
}

function parseLine<T>(line: string, who: string): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`${who} printed something unexpected: ${line.slice(0, 200)}`);
  }
}

/** Starts the server and client, runs `count` verified transfers, and reads usage after each. */
async function transfers(plan: MethodPlan, count: number, traceFile: string | null): Promise<{ port: number; transfers: Transfer[] }> {
  const { adapter, data, lab } = plan;
  const entry = join(labsDir, lab.slug, 'server.ts');
  let command = adapter.command(entry, ['--method', plan.method, '--file', data.path, '--chunk', String(plan.chunk), '--transfers', String(count)],
    { readPaths: [labsDir, data.path] });
  if (traceFile && plan.tracing.available) command = traced(command, traceFile, plan.tracing.strace);
  const perTransfer = transferTimeoutMs(data.bytes) * (traceFile ? 5 : 1);
  const totalMs = startTimeoutMs + perTransfer * count;
  const children: Child[] = [];
  try {
    const server = start(command, { timeoutMs: totalMs });
    children.push(server);
    const ready = parseLine<{ ready?: boolean; port?: number; failed?: string }>(
      await server.nextLine(startTimeoutMs).catch((error) => { throw new Error(`${adapter.name} server ${error.message}`); }), 'server');
    if (!ready.ready || !ready.port) throw new Error(ready.failed ?? 'server did not report a port');
    const client = start({ file: process.execPath, args: ['--import', tsxLoader, clientEntry, '--port', String(ready.port), '--protocol', lab.protocol, '--count', String(count)] }, { timeoutMs: totalMs });
    children.push(client);
    const results: Transfer[] = [];
    for (let i = 1; i <= count; i++) {
      if (i > 1) client.send('next');
      const received = parseLine<{ bytes?: number; sha256?: string; seconds?: number; error?: string }>(
        await client.nextLine(perTransfer).catch((error) => { throw new Error(`client ${error.message}`); }), 'client');
      if (received.error) throw new Error(`transfer ${i} failed in the client: ${received.error}`);
      if (received.bytes !== data.bytes) throw new Error(`transfer ${i} delivered ${received.bytes} bytes, expected ${data.bytes}`);
      if (received.sha256 !== data.sha256) throw new Error(`transfer ${i} arrived with the wrong SHA-256 (${received.sha256}): the bytes were corrupted`);
      server.send('usage');
      const answer = parseLine<{ usage?: Usage; failed?: string }>(
        await server.nextLine(10_000).catch((error) => { throw new Error(`${adapter.name} server ${error.message}`); }), 'server');
      if (!answer.usage) throw new Error(`${adapter.name} server: ${answer.failed ?? 'no usage reported'}`);
      results.push({ seconds: received.seconds ?? NaN, usage: answer.usage });
    }
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([server.exited, new Promise<null>((resolve) => { timer = setTimeout(resolve, 10_000, null); })]);
    clearTimeout(timer);
    if (exit === null) throw new Error(`${adapter.name} server did not exit after its last transfer`);
    return { port: ready.port, transfers: results };
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Usage is cumulative since "ready": each transfer's share is the difference from the one before. */
function perTransferUsage(timed: Transfer[]): Usage[] {
  return timed.slice(1).map((transfer, i) => usageSince(timed[i].usage, transfer.usage));
}

export async function runMethod(plan: MethodPlan): Promise<Run> {
  const { adapter, method, data, lab } = plan;
  const support = adapter.methods[method];
  if (!support.available) throw new Error(support.reason);

  plan.progress(`timing ${1 + plan.timedRuns} transfers (1 warm-up)`);
  // The warm-up transfer's usage is the baseline the first timed transfer is measured from.
  const timed = (await transfers(plan, 1 + plan.timedRuns, null)).transfers;
  const usage = perTransferUsage(timed);
  const seconds = median(timed.slice(1).map((transfer) => transfer.seconds));

  let ledger = null;
  if (plan.tracing.available) {
    plan.progress('tracing 1 transfer with strace');
    mkdirSync(tracesDir, { recursive: true });
    const traceFile = join(tracesDir, `lab-${lab.id}-${adapter.name}-${method}.strace`);
    const { port } = await transfers(plan, 1, traceFile);
    const counting = createLedger({ files: [realpathSync(data.path)], port });
    for await (const event of readTrace(traceFile)) counting.add(event);
    ledger = counting.ledger;
  }

  return {
    runtime: adapter.name,
    runtimeVersion: plan.runtimeVersion,
    method,
    protocol: lab.protocol,
    api: support.api[lab.protocol] ?? '',
    bytes: data.bytes,
    sha256: data.sha256,
    verified: true,
    traced: ledger !== null,
    syscalls: ledger?.syscalls ?? {},
    copies: ledger?.copies ?? null,
    calls: ledger?.calls ?? null,
    copiesPerByte: ledger ? copiesPerByte(ledger, data.bytes) : null,
    modeSwitches: ledger ? modeSwitches(ledger) : null,
    cpu: { user: median(usage.map((u) => u.userSeconds)), sys: median(usage.map((u) => u.sysSeconds)) },
    contextSwitches: median(usage.map((u) => u.voluntaryContextSwitches + u.involuntaryContextSwitches)),
    minorPageFaults: median(usage.map((u) => u.minorPageFaults)),
    wallSeconds: seconds,
    mibPerSecond: data.bytes / 2 ** 20 / seconds,
    timedTransfers: plan.timedRuns,
  };
}
