// Stage 1 of the trace pipeline: raw strace lines -> syscall events (plain data).
// Input is what `strace -f -yy -s0 -qq -o F` writes: "PID  name(args) = result", where a call
// that another thread interrupted is split into "name(args <unfinished ...>" and, later,
// "<... name resumed>rest) = result" from the same PID. The parser joins those halves and streams,
// so a trace of millions of lines never has to fit in memory. Every syscall line becomes an event
// (the ledger counts them all for the mode switches), with its fd arguments named by -yy, the fd
// it returned (accept, openat), and the MSG_* flags of a send or receive.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export type FdKind = 'file' | 'tcp' | 'pipe' | 'unix' | 'other';

export interface FdRef {
  fd: number;
  kind: FdKind;
  /** For a file: its path. For TCP: "local->peer" or the listening address. */
  target: string;
  /** For TCP: the local port, which tells the lab's connection from any other. */
  localPort?: number;
}

export interface SyscallEvent {
  pid: number;
  name: string;
  /** Every fd argument, in the order they appear in the call. */
  fds: FdRef[];
  /** The return value; null when the call never returned (the process was killed, or detached). */
  result: number | null;
  /** The fd the call returned, as -yy names it: accept4's connection, openat's file. */
  returned?: FdRef;
  /** The MSG_* flags of a send or receive (MSG_ZEROCOPY, MSG_ERRQUEUE …); empty for other calls. */
  flags: string[];
}

const linePattern = /^(\d+)\s+(.*)$/;
const callPattern = /^([a-z_0-9]+)\((.*)\)\s+=\s+(-?\d+|0x[0-9a-f]+|\?)(<(?:[^<>[\]]|\[[^\]]*\]|<[^<>]*>)*>)?/;
const resumedPattern = /^<\.\.\. ([a-z_0-9]+) resumed>(.*)$/;
// An fd as -yy prints it: 7</tmp/data.bin>, 6<TCP:[127.0.0.1:80->127.0.0.1:5000]>, 1</dev/null<char 1:3>>.
const fdPattern = /(\d+)<((?:[^<>[\]]|\[[^\]]*\]|<[^<>]*>)*)>/g;
const flagPattern = /\bMSG_[A-Z_]+\b/g;

export function describeFd(fd: number, text: string): FdRef {
  const tcp = /^TCP(?:v6)?:\[(.*)\]$/.exec(text);
  if (tcp) {
    const target = tcp[1] ?? '';
    const local = target.split('->')[0] ?? '';
    return { fd, kind: 'tcp', target, localPort: Number(local.slice(local.lastIndexOf(':') + 1)) };
  }
  if (text.startsWith('pipe:[')) return { fd, kind: 'pipe', target: text };
  if (text.startsWith('UNIX')) return { fd, kind: 'unix', target: text };
  if (text.startsWith('/')) return { fd, kind: text.includes('<char ') ? 'other' : 'file', target: text.replace(/ \(deleted\)$/, '') };
  return { fd, kind: 'other', target: text };
}

function toEvent(pid: number, call: string): SyscallEvent | null {
  const match = callPattern.exec(call);
  if (!match) return null;
  const [, name = '', args = '', result, decoration] = match;
  const fds = [...args.matchAll(fdPattern)].map((m) => describeFd(Number(m[1]), m[2] ?? ''));
  const value = result === '?' ? null : Number(result);
  const event: SyscallEvent = { pid, name, fds, result: value, flags: name.startsWith('send') || name.startsWith('recv') ? args.match(flagPattern) ?? [] : [] };
  if (decoration && value !== null && value >= 0) event.returned = describeFd(value, decoration.slice(1, -1));
  return event;
}

/** A line-at-a-time parser; keeps only the unfinished halves, one per thread at most. */
export function createParser(): (line: string) => SyscallEvent | null {
  const unfinished = new Map<number, string>();
  return (line) => {
    const match = linePattern.exec(line);
    if (!match) return null;
    const pid = Number(match[1]);
    const body = match[2] ?? '';
    if (body.endsWith('<unfinished ...>')) {
      unfinished.set(pid, body.slice(0, -'<unfinished ...>'.length).trimEnd());
      return null;
    }
    const resumed = resumedPattern.exec(body);
    if (resumed) {
      const head = unfinished.get(pid);
      unfinished.delete(pid);
      if (head === undefined) return null;
      const rest = resumed[2] ?? '';
      // "read(7</f>," + ""..., 65536) = 65536 -> one call; the head keeps its trailing comma.
      return toEvent(pid, head + (head.endsWith('(') || rest.startsWith(')') ? '' : ' ') + rest);
    }
    return toEvent(pid, body);
  };
}

/** Streams a trace file into events; the caller folds them (see ledger.ts). */
export async function* readTrace(path: string): AsyncGenerator<SyscallEvent> {
  const parse = createParser();
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    const event = parse(line);
    if (event) yield event;
  }
}
