// Lab results as plain JSON (the schema is in README.md and issue #2): saved under
// .workbook/results/, read back by the self-check (predictions) and later by the book.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Direction } from './ledger.ts';
import type { Machine } from './machine.ts';
import type { MethodName, Protocol, RuntimeName } from '../runtime-adapters/types.ts';

/** WORKBOOK_RESULTS lets a test keep its results apart, as WORKBOOK_PROGRESS does for progress. */
export const defaultResultsDir = process.env.WORKBOOK_RESULTS || fileURLToPath(new URL('../.workbook/results/', import.meta.url));

/** One verified transfer, measured: counts from the traced pass, time and CPU from the untraced one. */
export interface Run {
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
  traced: boolean;
  syscalls: Record<string, { calls: number; bytes: number }>;
  /** Null when the run was not traced: unknown is not zero. */
  copies: Record<Direction, number> | null;
  calls: Record<Direction, number> | null;
  copiesPerByte: number | null;
  modeSwitches: number | null;
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
}

/** A row the lab could not measure, with the reason: never silently skipped. */
export interface NotMeasured {
  runtime: RuntimeName;
  method: MethodName;
  status: 'unavailable' | 'failed';
  reason: string;
}

export interface LabResult {
  lab: string;
  title: string;
  createdAt: string;
  machine: Machine;
  runtimes: Partial<Record<RuntimeName, string>>;
  tracing: { available: boolean; reason?: string; fix?: string };
  chunk: number;
  runs: Run[];
  notMeasured: NotMeasured[];
}

export function saveResult(result: LabResult, dir = defaultResultsDir): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `lab-${result.lab}-${result.createdAt.replace(/[:.]/g, '-')}.json`);
  // Write then rename, so an interrupted run never leaves a half-written result behind.
  writeFileSync(path + '.partial', JSON.stringify(result, null, 2) + '\n');
  renameSync(path + '.partial', path);
  return path;
}

/** Every saved result, newest first; files that are not valid results are skipped and named. */
export function loadResults(dir = defaultResultsDir): { results: LabResult[]; unreadable: string[] } {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith('lab-') && name.endsWith('.json'));
  } catch {
    return { results: [], unreadable: [] };
  }
  const results: LabResult[] = [];
  const unreadable: string[] = [];
  for (const name of names) {
    try {
      const parsed = JSON.parse(readFileSync(join(dir, name), 'utf8')) as LabResult;
      if (typeof parsed.lab !== 'string' || !Array.isArray(parsed.runs)) throw new Error('not a lab result');
      results.push(parsed);
    } catch {
      unreadable.push(join(dir, name));
    }
  }
  results.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { results, unreadable };
}
