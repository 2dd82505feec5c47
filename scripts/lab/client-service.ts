// The lab client as a service: one Node process for a session, started on first use, sent one
// request at a time (client-protocol.ts). A request that times out or finds the client dead stops
// it, so the next request starts a fresh one instead of reading a stale answer.
import { fileURLToPath } from 'node:url';
import { start, type Child } from './processes.ts';
import type { ClientCommand, ClientReply } from './client-protocol.ts';
import { nodeExecutable } from '../../runtime-adapters/bin.ts';

export const labClient = fileURLToPath(new URL('./client.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');
/** The client lives as long as the session that started it; this only bounds a forgotten one. */
const lifetimeMs = 6 * 60 * 60_000;

export interface ClientService {
  request(command: ClientCommand, timeoutMs: number): Promise<ClientReply>;
  stop(): Promise<void>;
}

/**
 * `entry` is the client's TypeScript, or a promise of a bundle of it (which Node starts in a third
 * of the time tsx's loader takes; runtime-adapters/node.ts says why). `bun`: run it on that Bun
 * instead of Node (the bench's client, whose blocking FFI receive is fastest there).
 */
export function clientService(entry: string | Promise<string> = labClient, options: { bun?: string; env?: Record<string, string> } = {}): ClientService {
  let child: Child | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const stop = async () => {
    const running = child;
    child = null;
    await running?.stop();
  };
  const ask = async (command: ClientCommand, timeoutMs: number): Promise<ClientReply> => {
    if (!child) {
      const script = await entry;
      // Bun runs the TypeScript itself; Node needs tsx's loader for it.
      const command = options.bun
        ? { file: options.bun, args: [script], env: options.env }
        : { file: nodeExecutable, args: [...(script.endsWith('.ts') ? ['--import', tsxLoader] : []), script], env: options.env };
      child = start(command, { timeoutMs: lifetimeMs });
    }
    const current = child;
    current.send(JSON.stringify(command));
    let line: string;
    try {
      line = await current.nextLine(timeoutMs);
    } catch (error) {
      await stop();
      throw new Error(`client ${(error as Error).message}`);
    }
    try {
      return JSON.parse(line) as ClientReply;
    } catch {
      await stop();
      throw new Error(`the client printed something unexpected: ${line.slice(0, 200)}`);
    }
  };
  return {
    request(command, timeoutMs) {
      const answer = queue.then(() => ask(command, timeoutMs));
      queue = answer.catch(() => undefined);
      return answer;
    },
    stop,
  };
}
