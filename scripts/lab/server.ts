// One lab server and its client, driven one transfer at a time. The server is the lab's entry in
// one runtime (the adapter's command, which a tracer may wrap); the client is the one fixed Node
// process. Every transfer is verified (byte count and SHA-256) before it is returned, and the
// server's resource usage is read between transfers, so no transfer's numbers include another's.
import { fileURLToPath } from 'node:url';
import { labsDir } from '../paths.ts';
import type { LabFds } from './ledger.ts';
import { start, type Child } from './processes.ts';
import { transports, type Prepared, type TransferPlan } from './transports.ts';
import { parseServerMessage, type ServerMessage, type TransferReport, type Usage } from '../../labs/protocol.ts';
import { nodeExecutable } from '../../runtime-adapters/bin.ts';
import type { Command } from '../../runtime-adapters/types.ts';

const clientEntry = fileURLToPath(new URL('./client.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');
const startTimeoutMs = 30_000;

export interface ServerPlan extends TransferPlan {
  /** The client entry; the fixed lab client unless a caller (the bench) brings its own. */
  client?: string;
  /** The runtime's flag for FFI (lab 09 calls libc from the lab server). */
  ffi?: boolean;
}

/** One verified transfer, as the runner saw it. */
export interface Transfer {
  seconds: number;
  /** The server's resource usage since it said ready (cumulative). */
  usage: Usage;
  /** What the server counted itself, where strace cannot see (lab 09). */
  report?: TransferReport;
}

export interface LabServer {
  port: number | null;
  /** The process the adapter's command started (under a wrapper, the wrapper's). */
  pid: number;
  /** The fds the ledger counts for this server's transfers. */
  fds(): LabFds;
  /** Bytes that reach readers in one transfer. */
  delivered: number;
  /** Runs the next transfer (the i-th since start), verified. */
  transfer(): Promise<Transfer>;
  /** After the last planned transfer: waits for the server to exit. Always stops every child. */
  close(): Promise<void>;
}

/** What the client prints per transfer: {"transfer":i,"bytes":n,"sha256":hex,"seconds":s}. */
interface ClientLine { bytes?: number; sha256?: string; seconds?: number; error?: string; produced?: { batches: number; seconds: number } }

function transferTimeoutMs(bytes: number): number {
  // Generous: 20 s plus 1 s per 16 MiB, so a slow laptop under strace still finishes.
  return 20_000 + Math.ceil(bytes / 2 ** 24) * 1000;
}

function verify(i: number, received: { bytes?: number; sha256?: string }, plan: TransferPlan): void {
  if (received.bytes !== plan.data.bytes) throw new Error(`transfer ${i} delivered ${received.bytes} bytes, expected ${plan.data.bytes}`);
  if (received.sha256 !== plan.data.sha256) throw new Error(`transfer ${i} arrived with the wrong SHA-256 (${received.sha256}): the bytes were corrupted`);
}

function parseClientLine(line: string): ClientLine {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === 'object' && value !== null) return value as ClientLine;
  } catch { /* reported below */ }
  throw new Error(`the client printed something unexpected: ${line.slice(0, 200)}`);
}

/**
 * Starts the server for `count` transfers, waits until it listens, and starts the client. `slow`
 * stretches every time limit (a traced server stops at every syscall). `wrap` changes the server
 * command (strace). Also returns the produce record of a log lab's first transfer.
 */
export async function openServer(plan: ServerPlan, count: number, options: { wrap?: (command: Command) => Command; slow?: number } = {}): Promise<LabServer & { produced(): { batches: number; seconds: number } | undefined }> {
  const transport = transports[plan.lab.protocol];
  const prepared: Prepared = await transport.prepare(plan);
  const entry = `${labsDir}${plan.lab.slug}/server.ts`;
  let command = plan.adapter.command(entry, ['--method', plan.method, '--file', plan.data.path, '--chunk', String(plan.chunk), '--transfers', String(count), ...prepared.serverArgs],
    { readPaths: prepared.readPaths, writePaths: prepared.writePaths, ffi: plan.ffi });
  if (prepared.wrap) command = prepared.wrap(command);
  if (options.wrap) command = options.wrap(command);
  const perTransfer = transferTimeoutMs(plan.data.bytes) * (options.slow ?? 1);
  const totalMs = startTimeoutMs + perTransfer * prepared.clientTimeScale * count;
  const children: Child[] = [];
  const startClient = (target: string[]) => {
    const client = start({ file: nodeExecutable, args: ['--import', tsxLoader, plan.client ?? clientEntry, ...target, '--protocol', plan.lab.protocol, '--count', String(count)] }, { timeoutMs: totalMs });
    children.push(client);
    return client;
  };
  const stopAll = () => Promise.all(children.map((child) => child.stop())).then(() => undefined);
  const name = plan.adapter.name;

  try {
    // The shell's open of a named pipe waits for a reader, so a pipe lab's client comes first.
    let client = prepared.clientFirst ? startClient(prepared.clientFirst) : null;
    const server = start(command, { timeoutMs: totalMs, linesFrom: transport.linesFrom });
    children.push(server);
    const fromServer = async (timeoutMs: number): Promise<ServerMessage> => {
      for (;;) {
        const line = await server.nextLine(timeoutMs).catch((error: Error) => { throw new Error(`${name} server ${error.message}`); });
        // On stderr (a pipe lab) the runtime's own warnings arrive between the server's JSON lines.
        if (transport.linesFrom === 'stderr' && !line.startsWith('{')) continue;
        const message = parseServerMessage(line);
        if ('invalid' in message) throw new Error(`${name} server: ${message.invalid}`);
        if ('failed' in message) throw new Error(`${name} server: ${message.failed}`);
        return message;
      }
    };
    const ready = await fromServer(startTimeoutMs * (options.slow ?? 1));
    if ('unavailable' in ready) throw new UnavailableError(ready.unavailable);
    if (!('ready' in ready)) throw new Error(`${name} server spoke before it said it was ready`);
    const port = ready.port ?? null;
    const goPaced = transport.goPaced || ready.pacing === 'go';
    if (prepared.clientArgs) {
      if (port === null) throw new Error(`${name} server did not report a port`);
      client ??= startClient(prepared.clientArgs(port));
    }
    let done = 0;
    let produced: { batches: number; seconds: number } | undefined;

    const expect = async <K extends string>(key: K, timeoutMs: number): Promise<Extract<ServerMessage, Record<K, unknown>>> => {
      const message = await fromServer(timeoutMs);
      if (!(key in message)) throw new Error(`${name} server answered ${JSON.stringify(message).slice(0, 120)} where "${key}" was due`);
      return message as Extract<ServerMessage, Record<K, unknown>>;
    };

    return {
      port,
      get pid() { return server.pid; },
      delivered: prepared.delivered,
      fds: () => prepared.fds(port),
      produced: () => produced,
      async transfer() {
        const i = ++done;
        if (i > count) throw new Error(`only ${count} transfers were planned for this server`);
        if (goPaced) server.send('go');
        if (i > 1) client?.send('next');
        let seconds = NaN;
        let report: TransferReport | undefined;
        if (client) {
          const line = await client.nextLine(perTransfer * prepared.clientTimeScale).catch((error: Error) => { throw new Error(`client ${error.message}`); });
          const received = parseClientLine(line);
          if (received.error) throw new Error(`transfer ${i} failed in the client: ${received.error}`);
          if (received.produced) produced = received.produced;
          verify(i, received, plan);
          seconds = received.seconds ?? NaN;
        }
        if (goPaced) {
          const finished = await expect('done', perTransfer);
          report = finished.report;
          if (!client) {
            if (!prepared.readCopy) throw new Error('a lab without a client must say how its copy is read');
            verify(i, await prepared.readCopy(), plan);
            // A file lab is timed by its server, from "go" to its last write returning; a socket
            // or pipe lab by the client that received the bytes.
            seconds = finished.seconds;
          } else if (transport.goPaced) {
            seconds = finished.seconds;
          }
        }
        server.send('usage');
        const answer = await expect('served', 10_000 * (options.slow ?? 1));
        return { seconds, usage: answer.usage, ...(report ? { report } : {}) };
      },
      async close() {
        try {
          if (done === count) {
            let timer: NodeJS.Timeout | undefined;
            const exit = await Promise.race([server.exited, new Promise<null>((resolve) => { timer = setTimeout(resolve, 10_000, null); })]);
            clearTimeout(timer);
            if (exit === null) throw new Error(`${name} server did not exit after its last transfer`);
          }
        } finally {
          await stopAll();
        }
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The server said the kernel or runtime lacks what the method needs: a row "not available", not a failure. */
export class UnavailableError extends Error {}
