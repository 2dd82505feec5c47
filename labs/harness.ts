// What every lab server shares, whichever runtime runs it: its arguments, the lines it prints for
// the runner (labs/protocol.ts types them), and its resource usage. Only node: built-ins, so the
// same file loads in Node, Bun and Deno.
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import type { ServerMessage, TransferReport, Usage } from './protocol.ts';

export type { Usage } from './protocol.ts';

export interface ServerOptions {
  method: string;
  file: string;
  /** Buffer size for read-write, in bytes. */
  chunk: number;
  /** The server exits after this many transfers. */
  transfers: number;
  /** Where a file lab writes the copy (lab 05); "-" means stdout, which is a pipe (lab 06). */
  out: string;
  /** A directory with cert.pem and key.pem, for the HTTPS method of lab 08. */
  tls: string;
}

function storageReadBytes(): number | null {
  try {
    return Number(/read_bytes:\s*(\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN);
  } catch {
    return null;
  }
}

export function parseServerArgs(argv: string[]): ServerOptions {
  const options: ServerOptions = { method: '', file: '', chunk: 65536, transfers: 1, out: '', tls: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value = ''] = [argv[i], argv[i + 1]];
    if (flag === '--method') options.method = value;
    else if (flag === '--file') options.file = value;
    else if (flag === '--chunk') options.chunk = Number(value);
    else if (flag === '--transfers') options.transfers = Number(value);
    else if (flag === '--out') options.out = value;
    else if (flag === '--tls') options.tls = value;
    else fail(`unknown server argument ${flag}`);
  }
  // When stdout carries the data (a pipe lab), the runner listens on stderr instead.
  if (options.out === '-') talk = process.stderr;
  if (!options.method || !options.file) fail('--method and --file are required');
  return options;
}

function usageNow(): Usage {
  const u = process.resourceUsage();
  return {
    userSeconds: u.userCPUTime / 1e6,
    sysSeconds: u.systemCPUTime / 1e6,
    voluntaryContextSwitches: u.voluntaryContextSwitches,
    involuntaryContextSwitches: u.involuntaryContextSwitches,
    minorPageFaults: u.minorPageFault,
    storageReadBytes: storageReadBytes(),
  };
}

/** Usage between two snapshots (resource usage is cumulative for the process). */
export function usageSince(start: Usage, now: Usage): Usage {
  return {
    userSeconds: now.userSeconds - start.userSeconds,
    sysSeconds: now.sysSeconds - start.sysSeconds,
    voluntaryContextSwitches: now.voluntaryContextSwitches - start.voluntaryContextSwitches,
    involuntaryContextSwitches: now.involuntaryContextSwitches - start.involuntaryContextSwitches,
    minorPageFaults: now.minorPageFaults - start.minorPageFaults,
    storageReadBytes: now.storageReadBytes === null || start.storageReadBytes === null ? null : now.storageReadBytes - start.storageReadBytes,
  };
}

// Chosen on first use: touching process.stdout in Bun makes fd 1 non-blocking, and then
// Bun.write(Bun.stdout, Bun.file) into a full pipe fails with EAGAIN instead of waiting (lab 06).
let talk: NodeJS.WritableStream | null = null;

function emit(line: ServerMessage): void {
  (talk ??= process.stdout).write(JSON.stringify(line) + '\n');
}

export function fail(reason: string): never {
  emit({ failed: reason });
  process.exit(1);
}

/** Instead of "ready": this kernel or runtime lacks what the method needs; the runner reports the reason. */
export function unavailable(reason: string): never {
  emit({ unavailable: reason });
  process.exit(0);
}

/**
 * Announce the port, then answer the runner. After each transfer the runner, which knows from the
 * client when the last byte arrived, writes "usage" on stdin; the server answers with its resource
 * usage since "ready", so start-up (module loading, JIT) is never charged to a transfer and a
 * server needs no way of its own to tell when a runtime like Bun has finished sending a response.
 * A lab without a socket (file to file, file to pipe) passes `copy`: each "go" line runs it once
 * and reports how long it took. A socket lab that accepts its connections itself (lab 09, through
 * FFI) passes `copy` too: each "go" serves one connection, and what it returns (what the server
 * counted that strace cannot see) goes to the runner with "done". After `transfers` usage
 * answers the server exits.
 */
export function serving(port: number | null, options: ServerOptions, copy?: () => Promise<TransferReport | void>): void {
  const start = usageNow();
  let served = 0;
  let copies = 0;
  let pending = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (text: string) => {
    pending += text;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line === 'go' && copy) {
        const done = ++copies;
        const started = performance.now();
        copy().then((report) => emit({ done, seconds: (performance.now() - started) / 1000, ...(report ? { report } : {}) }),
          (error: unknown) => emit({ failed: `copy ${done}: ${error instanceof Error ? error.message : String(error)}` }));
        continue;
      }
      served += 1;
      emit({ served, usage: usageSince(start, usageNow()) });
      if (served >= options.transfers) process.exit(0);
    }
  });
  emit(port === null ? { ready: true } : copy ? { ready: true, port, pacing: 'go' } : { ready: true, port });
}

/**
 * One transfer failed, most often because its client went away mid-file. The server keeps
 * serving the others; the runner learns of the failure from its own client, and sees this line
 * on stderr if the server later dies.
 */
export function transferFailed(error: unknown): void {
  process.stderr.write(`transfer failed: ${error instanceof Error ? error.message : String(error)}\n`);
}

export const loopback = '127.0.0.1';
