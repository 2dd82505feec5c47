// Runs one lab method in one runtime and measures it: an untraced pass for time and CPU (one
// warm-up, then `timedRuns` transfers), and a traced pass for the syscall ledger. Every transfer is
// verified (byte count and SHA-256) before its numbers are used; a mismatch fails the row.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usageSince, type Usage } from '../labs/harness.ts';
import type { Lab } from './catalogue.ts';
import { copiesPerByte, createLedger, modeSwitches } from './ledger.ts';
import { readTrace } from './parse.ts';
import { capture, start, type Child } from './processes.ts';
import type { Run } from './results.ts';
import { traced, type Tracing } from './trace.ts';
import type { Command, MethodName, RuntimeAdapter } from '../runtime-adapters/types.ts';

export interface DataFile { path: string; bytes: number; sha256: string }

export interface MethodPlan {
  lab: Lab;
  adapter: RuntimeAdapter;
  runtimeVersion: string;
  method: MethodName;
  data: DataFile;
  chunk: number;
  /** Where a file or pipe lab writes its copy (the session's work dir, or another file system). */
  outDir: string;
  timedRuns: number;
  tracing: Tracing;
  /** Told what the runner is doing, for a progress line. */
  progress(step: string): void;
  /** The client entry; the fixed lab client unless a caller (the bench) brings its own. */
  client?: string;
  /** Awaited before each transfer after the first, outside every clock (the bench drops the page cache here). */
  beforeTransfer?(index: number): Promise<void>;
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

/** Hashes a finished copy the way the client hashes what it receives: outside the copy's clock. */
async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) { bytes += (chunk as Buffer).length; hash.update(chunk as Buffer); }
  return { bytes, sha256: hash.digest('hex') };
}

function verify(i: number, received: { bytes?: number; sha256?: string }, data: DataFile): void {
  if (received.bytes !== data.bytes) throw new Error(`transfer ${i} delivered ${received.bytes} bytes, expected ${data.bytes}`);
  if (received.sha256 !== data.sha256) throw new Error(`transfer ${i} arrived with the wrong SHA-256 (${received.sha256}): the bytes were corrupted`);
}

/** Where a lab writes its copy: a file (lab 05), or a named pipe that is the server's stdout (lab 06). */
export function outputPath(plan: MethodPlan): string | null {
  if (plan.lab.protocol === 'file') return join(plan.outDir, `copy-${plan.adapter.name}-${plan.method}.bin`);
  if (plan.lab.protocol === 'pipe') return join(plan.outDir, `pipe-${plan.adapter.name}-${plan.method}`);
  return null;
}

/** A log lab's broker directory: filled by the first pass's producer, then served by every pass. */
export function logDirectory(plan: MethodPlan): string | null {
  if (plan.lab.protocol !== 'log') return null;
  const dir = join(plan.outDir, `log-${plan.adapter.name}-${plan.method}-${plan.chunk}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Lab 08 changes the bytes on the way; the client undoes it before checking the SHA-256. */
const undo: Partial<Record<MethodName, string[]>> = { transform: ['--undo', 'xor'], gzip: ['--undo', 'gzip'] };

/**
 * A self-signed certificate for 127.0.0.1 (lab 08's HTTPS method), made once per session with the
 * openssl command line; the client trusts exactly this certificate.
 */
async function certificate(dir: string): Promise<string> {
  const tls = join(dir, 'tls');
  if (existsSync(join(tls, 'cert.pem'))) return tls;
  mkdirSync(tls, { recursive: true });
  const made = await capture('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(tls, 'key.pem'), '-out', join(tls, 'cert.pem')]).catch(() => null);
  if (!made || made.code !== 0) throw new Error(`the HTTPS method needs a certificate, made with the openssl command, which failed or is missing (${made?.stderr.trim().split('\n')[0] ?? 'not found'}): install openssl`);
  return tls;
}

/** Lab 07's consumers fetch at most this much per request: the default of a Kafka consumer's max.partition.fetch.bytes. */
const fetchBytes = 2 ** 20;

/**
 * A pipe lab's server writes the file to its own stdout, which the shell points at a named pipe
 * the client reads: so Bun can see a pipe on fd 1 (Bun.write(Bun.stdout, …)), as it would when a
 * reader runs `bun x.ts | consumer`. The server then talks to the runner on stderr.
 */
function stdoutInto(command: Command, fifo: string): Command {
  return { file: '/bin/sh', args: ['-c', 'exec "$@" > "$WORKBOOK_FIFO"', 'sh', command.file, ...command.args], env: { WORKBOOK_FIFO: fifo } };
}

/**
 * Starts the server (and, unless the lab copies file to file, the client), runs `count` verified
 * transfers, and reads the server's usage after each.
 */
export async function transfers(plan: MethodPlan, count: number, traceFile: string | null): Promise<{ port: number | null; out: string | null; logDir: string | null; produced?: Run['produce']; transfers: Transfer[] }> {
  const { adapter, data, lab } = plan;
  const entry = join(labsDir, lab.slug, 'server.ts');
  const out = outputPath(plan);
  const pipe = lab.protocol === 'pipe' && out;
  if (pipe && !existsSync(out)) await capture('mkfifo', [out]);
  const logDir = logDirectory(plan);
  const produce = logDir !== null && !existsSync(join(logDir, '00000000000000000000.log'));
  const writeTo = logDir ?? (out && !pipe ? out : null);
  const tls = plan.method === 'tls' ? await certificate(plan.outDir) : null;
  let command = adapter.command(entry, ['--method', plan.method, '--file', data.path, '--chunk', String(plan.chunk), '--transfers', String(count),
    ...(writeTo || pipe ? ['--out', pipe ? '-' : writeTo!] : []), ...(tls ? ['--tls', tls] : [])],
  { readPaths: [labsDir, data.path, ...(tls ? [tls] : [])], writePaths: writeTo ? [writeTo] : [] });
  if (pipe) command = stdoutInto(command, out);
  if (traceFile && plan.tracing.available) command = traced(command, traceFile, plan.tracing.strace);
  const perTransfer = transferTimeoutMs(data.bytes) * (traceFile ? 5 : 1);
  const totalMs = startTimeoutMs + perTransfer * count;
  const children: Child[] = [];
  const startClient = (target: string[]) => start({ file: process.execPath, args: ['--import', tsxLoader, plan.client ?? clientEntry, ...target, '--protocol', lab.protocol, '--count', String(count)] }, { timeoutMs: totalMs });
  // The shell's open of the named pipe waits for a reader, so a pipe lab's client comes first.
  const pipeClient = pipe ? startClient(['--path', out, '--bytes', String(data.bytes)]) : null;
  if (pipeClient) children.push(pipeClient);
  const server = start(command, { timeoutMs: totalMs, linesFrom: pipe ? 'stderr' : 'stdout' });
  children.push(server);
  const fromServer = async <T>(timeoutMs: number): Promise<T & { failed?: string }> => {
    for (;;) {
      const line = await server.nextLine(timeoutMs).catch((error) => { throw new Error(`${adapter.name} server ${error.message}`); });
      // On stderr (a pipe lab) the runtime's own warnings arrive between the server's JSON lines.
      if (!pipe || line.startsWith('{')) return parseLine<T & { failed?: string }>(line, 'server');
    }
  };
  try {
    const ready = await fromServer<{ ready?: boolean; port?: number }>(startTimeoutMs);
    if (!ready.ready || (!ready.port && !out)) throw new Error(ready.failed ?? 'server did not report a port');
    const consumers = logDir ? ['--consumers', String(lab.consumers ?? 1), '--fetch', String(fetchBytes),
      ...(produce ? ['--produce', '--path', data.path, '--batch', String(plan.chunk)] : [])] : [];
    const client = pipeClient ?? (ready.port ? startClient(['--port', String(ready.port), ...consumers, ...undo[plan.method] ?? [], ...(tls ? ['--tls', join(tls, 'cert.pem')] : [])]) : null);
    if (client && !pipeClient) children.push(client);
    const results: Transfer[] = [];
    let produced: Run['produce'];
    for (let i = 1; i <= count; i++) {
      if (i > 1) await plan.beforeTransfer?.(i);
      if (i > 1) client?.send('next');
      if (out) server.send('go');
      let seconds = NaN;
      if (client) {
        const received = parseLine<{ bytes?: number; sha256?: string; seconds?: number; error?: string; produced?: { batches: number; seconds: number } }>(
          await client.nextLine(perTransfer * (lab.consumers ?? 1) + (produce && i === 1 ? perTransfer : 0)).catch((error) => { throw new Error(`client ${error.message}`); }), 'client');
        if (received.error) throw new Error(`transfer ${i} failed in the client: ${received.error}`);
        if (received.produced) produced = { ...received.produced, batchBytes: plan.chunk };
        verify(i, received, data);
        seconds = received.seconds ?? NaN;
      }
      if (out) {
        // A file or pipe lab is timed by its server, from "go" to its last write returning.
        const done = await fromServer<{ done?: number; seconds?: number }>(perTransfer);
        if (!done.done) throw new Error(`${adapter.name} server: ${done.failed ?? 'the copy did not finish'}`);
        if (!client) verify(i, await hashFile(out), data);
        seconds = done.seconds ?? NaN;
      }
      server.send('usage');
      const answer = await fromServer<{ usage?: Usage }>(10_000);
      if (!answer.usage) throw new Error(`${adapter.name} server: ${answer.failed ?? 'no usage reported'}`);
      results.push({ seconds, usage: answer.usage });
    }
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([server.exited, new Promise<null>((resolve) => { timer = setTimeout(resolve, 10_000, null); })]);
    clearTimeout(timer);
    if (exit === null) throw new Error(`${adapter.name} server did not exit after its last transfer`);
    return { port: ready.port ?? null, out, logDir, produced, transfers: results };
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
export function perTransferUsage(timed: Transfer[]): Usage[] {
  return timed.slice(1).map((transfer, i) => usageSince(timed[i].usage, transfer.usage));
}

export async function runMethod(plan: MethodPlan): Promise<Run> {
  const { adapter, method, data, lab } = plan;
  const support = adapter.methods[method];
  if (!support.available) throw new Error(support.reason);

  plan.progress(`timing ${1 + plan.timedRuns} transfers (1 warm-up)`);
  // The warm-up transfer's usage is the baseline the first timed transfer is measured from.
  const timedPass = await transfers(plan, 1 + plan.timedRuns, null);
  const timed = timedPass.transfers;
  const consumers = lab.consumers ?? 1;
  const usage = perTransferUsage(timed);
  const seconds = median(timed.slice(1).map((transfer) => transfer.seconds));

  let ledger = null;
  if (plan.tracing.available) {
    plan.progress('tracing 1 transfer with strace');
    mkdirSync(tracesDir, { recursive: true });
    const sweep = lab.chunks && method === 'read-write' ? `-${plan.chunk}` : plan.outDir !== dirname(data.path) ? '-other-fs' : '';
    const traceFile = join(tracesDir, `lab-${lab.id}-${adapter.name}-${method}${sweep}.strace`);
    const { port, out, logDir } = await transfers(plan, 1, traceFile);
    const sink = out ? realpathSync(out) : null;
    // A broker serves its segment, not the data file it was produced from.
    const source = logDir ? realpathSync(join(logDir, '00000000000000000000.log')) : realpathSync(data.path);
    const counting = createLedger({
      files: [source, ...(sink && lab.protocol === 'file' ? [sink] : [])],
      pipes: sink && lab.protocol === 'pipe' ? [sink] : [],
      port: port ?? undefined,
    });
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
    chunk: plan.chunk,
    sha256: data.sha256,
    verified: true,
    traced: ledger !== null,
    syscalls: ledger?.syscalls ?? {},
    copies: ledger?.copies ?? null,
    calls: ledger?.calls ?? null,
    // Lab 07 serves every byte once per consumer: per byte delivered, not per byte of the file.
    copiesPerByte: ledger ? copiesPerByte(ledger, data.bytes * consumers) : null,
    modeSwitches: ledger ? modeSwitches(ledger) : null,
    cpu: { user: median(usage.map((u) => u.userSeconds)), sys: median(usage.map((u) => u.sysSeconds)) },
    contextSwitches: median(usage.map((u) => u.voluntaryContextSwitches + u.involuntaryContextSwitches)),
    minorPageFaults: median(usage.map((u) => u.minorPageFaults)),
    storageReadBytes: usage.some((u) => u.storageReadBytes === null) ? null : median(usage.map((u) => u.storageReadBytes!)),
    wallSeconds: seconds,
    mibPerSecond: (data.bytes * consumers) / 2 ** 20 / seconds,
    timedTransfers: plan.timedRuns,
    ...(lab.consumers ? { consumers, produce: timedPass.produced } : {}),
  };
}
