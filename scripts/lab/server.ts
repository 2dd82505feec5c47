// One lab server and its client, driven one transfer at a time. The server is the lab's entry in
// one runtime (the adapter's command, which a tracer may wrap); the client is the one fixed Node
// process. Every transfer is verified (byte count and SHA-256) before it is returned, and the
// server's resource usage is read between transfers, so no transfer's numbers include another's.
import { labsDir } from '../paths.ts';
import type { ClientReply, Received } from './client-protocol.ts';
import type { ClientService } from './client-service.ts';
import type { LabFds } from './ledger.ts';
import { start, type Child } from './processes.ts';
import { transports, type Prepared, type TransferPlan } from './transports.ts';
import { ffiLaunch } from '../../labs/09-modern-kernel/launch.ts';
import { parseServerMessage, type ProbeFinding, type ServerMessage, type TransferReport, type Usage } from '../../labs/protocol.ts';
import type { Command } from '../../runtime-adapters/types.ts';

const startTimeoutMs = 30_000;

export interface ServerPlan extends TransferPlan {
  /** The client that reads every transfer: the session's lab client, or the bench's own. */
  client: ClientService;
  /** The server's entry as this runtime starts it: the lab's server.ts, or a bundle of it (Node). */
  entry?: string;
}

/** The server command of a lab, in the plan's runtime; a lab that calls libc (09) is told which one. */
export function serverCommand(plan: Pick<ServerPlan, 'lab' | 'adapter' | 'entry'>, args: string[], paths: { readPaths: string[]; writePaths?: string[] }): Command {
  const entry = plan.entry ?? labEntry(plan.lab);
  const libc = plan.lab.ffi ? ffiLaunch() : { args: [], ffi: [] };
  return plan.adapter.command(entry, [...args, ...libc.args], { ...paths, ffi: libc.ffi });
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
  /**
   * Runs the next transfer (the i-th since start), verified, and reads the server's usage after
   * it; `around` is told just before the transfer starts and as soon as its bytes are in (the
   * bench counts syscalls between the two).
   */
  transfer(around?: { before?(): Promise<void>; after?(): Promise<void> }): Promise<Transfer>;
  /** A file lab's copy shares its extents with the source (a reflink); null where it cannot. */
  sharedExtents(): Promise<boolean | null>;
  /** After the last planned transfer: waits for the server to exit; before it, stops the server. Always stops every child. */
  close(): Promise<void>;
}

function transferTimeoutMs(bytes: number): number {
  // Generous: 20 s plus 1 s per 16 MiB, so a slow laptop under strace still finishes.
  return 20_000 + Math.ceil(bytes / 2 ** 24) * 1000;
}

function verify(i: number, received: Received, plan: TransferPlan): void {
  if (received.bytes !== plan.data.bytes) throw new Error(`transfer ${i} delivered ${received.bytes} bytes, expected ${plan.data.bytes}`);
  if (received.compared) {
    const against = plan.data.comparedWith ?? plan.data.path;
    if (received.compared.against !== against) throw new Error(`transfer ${i} was compared with ${received.compared.against}, not with ${against}`);
    if (received.compared.firstDifference !== null) throw new Error(`transfer ${i} differs from the file from byte ${received.compared.firstDifference} on: the bytes were corrupted`);
  } else if (received.sha256 !== plan.data.sha256) {
    throw new Error(`transfer ${i} arrived with the wrong SHA-256 (${received.sha256}): the bytes were corrupted`);
  }
}

/**
 * Starts the server for `count` transfers and waits until it listens. `slow` stretches every time
 * limit (a traced server stops at every syscall); `wrap` changes the server command (strace).
 * Also returns the produce record of a log lab's first transfer.
 */
export async function openServer(plan: ServerPlan, count: number, options: { wrap?: (command: Command) => Command; slow?: number } = {}): Promise<LabServer & { produced(): { batches: number; seconds: number } | undefined }> {
  const transport = transports[plan.lab.protocol];
  const prepared: Prepared = await transport.prepare(plan);
  let command = serverCommand(plan, ['--method', plan.method, '--file', plan.data.path, '--chunk', String(plan.chunk), '--transfers', String(count), ...prepared.serverArgs],
    { readPaths: prepared.readPaths, writePaths: prepared.writePaths });
  if (prepared.wrap) command = prepared.wrap(command);
  if (options.wrap) command = options.wrap(command);
  const perTransfer = transferTimeoutMs(plan.data.bytes) * (options.slow ?? 1);
  const totalMs = startTimeoutMs + perTransfer * prepared.clientTimeScale * count;
  const { client } = plan;
  const name = plan.adapter.name;
  let server: Child | null = null;
  const stopAll = async () => {
    await server?.stop();
    if (prepared.openPipe) await client.request({ closePipe: true }, 10_000).catch(() => undefined);
  };

  try {
    // The shell's open of a named pipe waits for a reader, so a pipe lab's client opens it first.
    if (prepared.openPipe) await expectOk(await client.request({ openPipe: prepared.openPipe }, 10_000));
    const started = start(command, { timeoutMs: totalMs, linesFrom: transport.linesFrom });
    server = started;
    const fromServer = async (timeoutMs: number): Promise<ServerMessage> => {
      for (;;) {
        const line = await started.nextLine(timeoutMs).catch((error: Error) => { throw new Error(`${name} server ${error.message}`); });
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
    if (prepared.fetch && !prepared.openPipe && port === null) throw new Error(`${name} server did not report a port`);
    let done = 0;
    let produced: { batches: number; seconds: number } | undefined;

    const expect = async <K extends string>(key: K, timeoutMs: number): Promise<Extract<ServerMessage, Record<K, unknown>>> => {
      const message = await fromServer(timeoutMs);
      if (!(key in message)) throw new Error(`${name} server answered ${JSON.stringify(message).slice(0, 120)} where "${key}" was due`);
      return message as Extract<ServerMessage, Record<K, unknown>>;
    };

    return {
      port,
      get pid() { return started.pid; },
      delivered: prepared.delivered,
      fds: () => prepared.fds(port),
      produced: () => produced,
      sharedExtents: async () => (prepared.sharedExtents ? prepared.sharedExtents() : null),
      async transfer(around = {}) {
        const i = ++done;
        if (i > count) throw new Error(`only ${count} transfers were planned for this server`);
        await around.before?.();
        if (goPaced) started.send('go');
        let seconds = NaN;
        let report: TransferReport | undefined;
        if (prepared.fetch) {
          const received = await client.request({ fetch: prepared.fetch(port) }, perTransfer * prepared.clientTimeScale);
          if ('error' in received) throw new Error(`transfer ${i} failed in the client: ${received.error}`);
          if (!('bytes' in received)) throw new Error(`the client answered ${JSON.stringify(received)} to a fetch`);
          if (received.produced) produced = received.produced;
          verify(i, received, plan);
          seconds = received.seconds;
        }
        if (goPaced) {
          const finished = await expect('done', perTransfer);
          report = finished.report;
          if (!prepared.fetch) {
            if (!prepared.readCopy) throw new Error('a lab without a client must say how its copy is read');
            verify(i, await prepared.readCopy(), plan);
            // A file lab is timed by its server, from "go" to its last write returning; a socket
            // or pipe lab by the client that received the bytes.
            seconds = finished.seconds;
          } else if (transport.goPaced) {
            seconds = finished.seconds;
          }
        }
        await around.after?.();
        started.send('usage');
        const answer = await expect('served', 10_000 * (options.slow ?? 1));
        return { seconds, usage: answer.usage, ...(report ? { report } : {}) };
      },
      async close() {
        try {
          if (done === count) {
            let timer: NodeJS.Timeout | undefined;
            const exit = await Promise.race([started.exited, new Promise<null>((resolve) => { timer = setTimeout(resolve, 10_000, null); })]);
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

export function labEntry(lab: TransferPlan['lab']): string {
  return `${labsDir}${lab.slug}/server.ts`;
}

/** The server said the kernel or runtime lacks what the method needs: a row "not available", not a failure. */
export class UnavailableError extends Error {}

/** Runs a lab's probe (lab 09's kTLS): a server that tries a facility, prints what it found and exits. */
export async function runProbe(plan: Pick<ServerPlan, 'lab' | 'adapter' | 'entry'>, probe: string): Promise<ProbeFinding | { unavailable: string }> {
  const server = start(serverCommand(plan, ['--method', probe], { readPaths: [labsDir] }), { timeoutMs: startTimeoutMs });
  try {
    const message = parseServerMessage(await server.nextLine(startTimeoutMs));
    if ('probe' in message) return message.probe;
    if ('unavailable' in message) return message;
    throw new Error(`the ${probe} of ${plan.adapter.name} answered ${'invalid' in message ? message.invalid : JSON.stringify(message)}`);
  } finally {
    await server.stop();
  }
}

function expectOk(reply: ClientReply): void {
  if ('error' in reply) throw new Error(`the client: ${reply.error}`);
}
