// Lab results as plain JSON (the schema is in README.md): saved under .workbook/results/, read back
// by the self-check (predictions), `npm start` and the book. A result file may be older than this
// code or edited by hand, so every one is validated when loaded: a bad one is named with what is
// wrong with it and skipped, never a crash or a NaN further on.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultsDir } from '../paths.ts';
import { directions, type Direction } from './ledger.ts';
import type { Machine } from './machine.ts';
import type { ProbeFinding, ZeroCopyReport } from '../../labs/protocol.ts';
import { methodNames, runtimeNames, type MethodName, type Protocol, type RuntimeName } from '../../runtime-adapters/types.ts';

export type Counts = Record<Direction, number>;

interface RunBase {
  runtime: RuntimeName;
  runtimeVersion: string;
  method: MethodName;
  protocol: Protocol;
  api: string;
  bytes: number;
  /** The read-write buffer size this run used (lab 04 sweeps it; older results lack it). */
  chunk?: number;
  /** A file lab's destination: the file system the copy was written to, e.g. "same file system (ext4)". */
  destination?: string;
  /** Lab 07: consumers per transfer (bytes, copies/byte and MiB/s count all of them) and how the log was produced. */
  consumers?: number;
  produce?: { batches: number; batchBytes: number; seconds: number };
  sha256: string;
  verified: true;
  cpu: { user: number; sys: number };
  contextSwitches: number;
  minorPageFaults: number;
  /** Median bytes read from storage per transfer (0: all from the page cache); null where unknown. */
  storageReadBytes?: number | null;
  /** Median over the timed transfers. */
  wallSeconds: number;
  mibPerSecond: number;
  /** Timed transfers the medians come from (after one warm-up). */
  timedTransfers: number;
  /** A zero-copy send's completions (lab 09): how many sends the kernel said it copied. */
  zerocopy?: ZeroCopyReport;
  /** io_uring's submissions and the bytes their completions reported: strace sees only io_uring_enter. */
  uring?: { submissions: number; bytes: number };
  /** A file copy that shares its extents with the source (btrfs, XFS with reflink, bcachefs): no byte was copied. */
  reflink?: boolean;
}

/** A run with its traced transfer: the ledger's counts are there. */
export interface TracedRun extends RunBase {
  traced: true;
  /** The I/O syscalls on the lab's file, socket, pipe or copy. */
  syscalls: Record<string, { calls: number; bytes: number }>;
  copies: Counts;
  calls: Counts;
  /** CPU copies across the user/kernel boundary per byte delivered. */
  copiesPerByte: number;
  /** Every CPU copy per byte delivered: the boundary's and the kernel's own (kernelCopied). */
  cpuCopiesPerByte: number;
  /** Every syscall the server made during the transfer, all threads (futex, epoll and friends too). */
  allSyscalls: number;
  /** The same calls by name, summing to allSyscalls (results saved before it was counted lack it). */
  allSyscallsByName?: Record<string, number>;
  /** 2 × allSyscalls: each syscall enters the kernel and leaves it. */
  modeSwitches: number;
}

/** A run timed without a trace: unknown is not zero, so every count is null. */
export interface UntracedRun extends RunBase {
  traced: false;
  syscalls: Record<string, never>;
  copies: null;
  calls: null;
  copiesPerByte: null;
  cpuCopiesPerByte: null;
  allSyscalls: null;
  allSyscallsByName: null;
  modeSwitches: null;
}

export type Run = TracedRun | UntracedRun;

/** A row the lab could not measure, with the reason: never silently skipped. */
export interface NotMeasured {
  runtime: RuntimeName;
  method: MethodName;
  status: 'unavailable' | 'failed';
  reason: string;
}

/** What a probe found, and in which runtime it ran. */
export type Probe = ProbeFinding & { runtime: RuntimeName };

export interface LabResult {
  lab: string;
  title: string;
  createdAt: string;
  machine: Machine;
  runtimes: Partial<Record<RuntimeName, string>>;
  /** attach: the traced transfer was the same server's, strace attached to it; else a server started under strace. */
  tracing: { available: boolean; attach?: boolean; reason?: string; fix?: string };
  chunk: number;
  runs: Run[];
  notMeasured: NotMeasured[];
  /** Whether the loopback route every socket lab uses does scatter-gather (read from the interface), for socket labs. */
  route?: Probe;
  /** Facilities the lab tried rather than measured (lab 09: kTLS). */
  probes?: Probe[];
}

export function saveResult(result: LabResult, dir = resultsDir): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `lab-${result.lab}-${result.createdAt.replace(/[:.]/g, '-')}.json`);
  // Write then rename, so an interrupted run never leaves a half-written result behind.
  writeFileSync(path + '.partial', JSON.stringify(result, null, 2) + '\n');
  renameSync(path + '.partial', path);
  return path;
}

// A small checker: each function returns null when the value fits, else what is wrong, by path.
type Check = (value: unknown, at: string) => string | null;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const number: Check = (value, at) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? null : `${at} is not a number ≥ 0`);
const text: Check = (value, at) => (typeof value === 'string' ? null : `${at} is not a string`);
const boolean: Check = (value, at) => (typeof value === 'boolean' ? null : `${at} is not true or false`);
const oneOf = (known: readonly string[]): Check => (value, at) => (typeof value === 'string' && known.includes(value) ? null : `${at} is ${JSON.stringify(value)}, not one of ${known.join(', ')}`);
const optional = (check: Check): Check => (value, at) => (value === undefined ? null : check(value, at));
const nullable = (check: Check): Check => (value, at) => (value === null ? null : check(value, at));
const fields = (shape: Record<string, Check>): Check => (value, at) => {
  if (!isObject(value)) return `${at} is not an object`;
  for (const [name, check] of Object.entries(shape)) {
    const problem = check(value[name], `${at}.${name}`);
    if (problem) return problem;
  }
  return null;
};
const recordOf = (check: Check): Check => (value, at) => {
  if (!isObject(value)) return `${at} is not an object`;
  for (const [name, entry] of Object.entries(value)) {
    const problem = check(entry, `${at}.${name}`);
    if (problem) return problem;
  }
  return null;
};
const listOf = (check: Check): Check => (value, at) => {
  if (!Array.isArray(value)) return `${at} is not a list`;
  for (const [index, entry] of value.entries()) {
    const problem = check(entry, `${at}[${index}]`);
    if (problem) return problem;
  }
  return null;
};

const counts = fields(Object.fromEntries(directions.map((direction) => [direction, number])));

const runBase: Record<string, Check> = {
  runtime: oneOf(runtimeNames), runtimeVersion: text, method: oneOf(methodNames), protocol: text, api: text,
  bytes: (value, at) => (Number.isSafeInteger(value) && (value as number) > 0 ? null : `${at} is not a byte count`),
  chunk: optional(number), destination: optional(text), consumers: optional(number),
  produce: optional(fields({ batches: number, batchBytes: number, seconds: number })),
  sha256: (value, at) => (typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? null : `${at} is not a SHA-256`),
  verified: (value, at) => (value === true ? null : `${at} is not true: an unverified transfer is never a result`),
  cpu: fields({ user: number, sys: number }), contextSwitches: number, minorPageFaults: number,
  storageReadBytes: optional(nullable(number)), wallSeconds: number, mibPerSecond: number, timedTransfers: number,
  zerocopy: optional(fields({ sends: number, notifications: number, copiedSends: number, copied: boolean })),
  uring: optional(fields({ submissions: number, bytes: number })), reflink: optional(boolean),
};

const tracedFields = fields({
  ...runBase, syscalls: recordOf(fields({ calls: number, bytes: number })), copies: counts, calls: counts,
  copiesPerByte: number, cpuCopiesPerByte: number, allSyscalls: number, allSyscallsByName: optional(recordOf(number)), modeSwitches: number,
});
/** The names split the same calls: a by-name table that does not add up to the count is not the ledger's. */
const tracedRun: Check = (value, at) => {
  const problem = tracedFields(value, at);
  if (problem || !isObject(value) || !isObject(value.allSyscallsByName)) return problem;
  const sum = Object.values(value.allSyscallsByName as Record<string, number>).reduce((total, count) => total + count, 0);
  return sum === value.allSyscalls ? null : `${at}.allSyscallsByName adds up to ${sum}, not allSyscalls ${String(value.allSyscalls)}`;
};
const notCounted: Check = (value, at) => (value === null ? null : `${at} is not null on an untraced run`);
const untracedRun = fields({ ...runBase, copies: notCounted, calls: notCounted, allSyscallsByName: notCounted });

const probe = fields({ facility: oneOf(['ktls', 'scatter-gather']), available: boolean, detail: text, runtime: oneOf(runtimeNames) });

const labResult = fields({
  lab: text, title: text,
  createdAt: (value, at) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : `${at} is not a date`),
  machine: fields({ cpu: text, cores: number, kernel: text, platform: text }),
  runtimes: recordOf(text),
  tracing: fields({ available: boolean, attach: optional(boolean), reason: optional(text), fix: optional(text) }),
  chunk: number,
  runs: listOf((value, at) => (isObject(value) && value.traced === true ? tracedRun(value, at) : untracedRun(value, at))),
  notMeasured: listOf(fields({ runtime: oneOf(runtimeNames), method: oneOf(methodNames), status: oneOf(['unavailable', 'failed']), reason: text })),
  route: optional(probe), probes: optional(listOf(probe)),
});

/**
 * Brings a result written by an earlier version of the ledger up to this one, where the meaning
 * is not in doubt: `userToPipe` came with lab 06, before which no lab wrote to a pipe, so an older
 * run's count of it is 0; an untraced run counts nothing, so its syscall tables are empty or null.
 * An older traced run keeps no `allSyscallsByName`: those names are unknown, not zero.
 */
function upgrade(value: unknown): unknown {
  if (!isObject(value) || !Array.isArray(value.runs)) return value;
  for (const run of value.runs) {
    if (!isObject(run)) continue;
    for (const section of [run.copies, run.calls]) if (isObject(section) && section.userToPipe === undefined) section.userToPipe = 0;
    if (run.traced === false) { run.syscalls ??= {}; run.allSyscallsByName ??= null; }
  }
  return value;
}

/** A parsed result file, checked: the result, or what is wrong with it (a path into the JSON). */
export function validateResult(value: unknown): { result: LabResult } | { problem: string } {
  const problem = labResult(upgrade(value), 'result');
  return problem ? { problem } : { result: value as LabResult };
}

/** Every saved result, newest first; files that are not valid results are skipped, each with why. */
export function loadResults(dir = resultsDir): { results: LabResult[]; unreadable: Array<{ path: string; problem: string }> } {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith('lab-') && name.endsWith('.json'));
  } catch {
    return { results: [], unreadable: [] };
  }
  const results: LabResult[] = [];
  const unreadable: Array<{ path: string; problem: string }> = [];
  for (const name of names) {
    const path = join(dir, name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      unreadable.push({ path, problem: `not JSON (${(error as Error).message})` });
      continue;
    }
    const checked = validateResult(parsed);
    if ('problem' in checked) unreadable.push({ path, problem: checked.problem });
    else results.push(checked.result);
  }
  results.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { results, unreadable };
}

/** The note a verb prints for a result file it had to skip. */
export function describeUnreadable(entry: { path: string; problem: string }): string {
  return `${entry.path} is not a lab result this version can read (${entry.problem}); it was skipped — run that lab again to replace it`;
}
