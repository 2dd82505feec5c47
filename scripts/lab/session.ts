// What every measuring verb sets up once: a temporary work dir, the data files (random bytes, hashed
// as they are written), the free-space check, the runtime versions and whether strace can watch.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../args.ts';
import { formatBytes } from '../sizes.ts';
import { findLab, type Lab } from '../catalogue.ts';
import { clientService, labClient, type ClientService } from './client-service.ts';
import { runtimeVersion } from './machine.ts';
import type { Probe } from './results.ts';
import { labEntry, runProbe } from './server.ts';
import { probeTracing, type Tracing } from './trace.ts';
import { adapters, type RuntimeName } from '../../runtime-adapters/index.ts';

export interface DataFile {
  path: string;
  bytes: number;
  sha256: string;
  /** The file the bench's client compares the transfers with, when the server is given another (the bench's --tamper copy). */
  comparedWith?: string;
}

/** A temporary directory for the data files and copies, removed by `cleanup` (also on Ctrl-C). */
export function createWorkDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Refuses a size that would fill the disk, before anything is written or announced. */
export function assertFits(dir: string, bytes: number, flag = '--size'): void {
  const free = statfsSync(dir);
  if (bytes > free.bavail * free.bsize * 0.9) {
    throw new UsageError(`${flag} ${formatBytes(bytes)} does not fit: ${dir} has ${formatBytes(free.bavail * free.bsize)} free`);
  }
}

/** Random bytes (so no layer can compress or dedupe them), hashed while written. */
export function createDataFile(dir: string, bytes: number): DataFile {
  const path = join(dir, `data-${bytes}.bin`);
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < bytes;) {
      const block = randomBytes(Math.min(2 ** 20, bytes - written));
      writeSync(fd, block);
      hash.update(block);
      written += block.length;
    }
  } finally {
    closeSync(fd);
  }
  return { path, bytes, sha256: hash.digest('hex') };
}

export interface LabSession {
  tracing: Tracing;
  versions: Partial<Record<RuntimeName, string | Error>>;
  workDir: string;
  /** The data file of each size, made on first use and kept for the session. */
  dataFile(bytes: number): DataFile;
  /** Whether loopback does scatter-gather, read once per session from the interface; null where no runtime could ask. */
  route(): Promise<Probe | null>;
  /** The one lab client of the session, started on its first transfer. */
  client: ClientService;
  /** A lab's server entry as a runtime starts it: bundled once per session where that starts it faster (Node). */
  entry(lab: Lab, runtime: RuntimeName): Promise<string>;
  progress(line: string): void;
  /** Stops the client: the verb that prepared the session calls it when done. */
  close(): Promise<void>;
}

export interface SessionOptions {
  runtimes: RuntimeName[];
  /** The reader named the runtimes: one that is missing or broken is an error, not a row. */
  explicitRuntimes: boolean;
  trace: boolean;
  /** The largest file the session will write, checked against the free space before anything runs. */
  largestFile: number;
}

export async function prepareSession(options: SessionOptions, workDir: string, progress: (line: string) => void): Promise<LabSession> {
  assertFits(workDir, options.largestFile);
  const tracing: Tracing = options.trace
    ? await probeTracing()
    : { available: false, reason: 'tracing was turned off with --no-trace', fix: 'run again without --no-trace' };
  const versions: LabSession['versions'] = {};
  for (const name of options.runtimes) versions[name] = await runtimeVersion(name);
  if (options.explicitRuntimes) {
    const broken = options.runtimes.map((name) => versions[name]).filter((version): version is Error => version instanceof Error);
    if (broken.length) throw new Error(broken.map((error) => error.message).join('\n'));
  }
  const files = new Map<number, DataFile>();
  let route: Promise<Probe | null> | undefined;
  const client = clientService(adapters.node.bundle ? adapters.node.bundle(labClient, mkdtempSync(join(workDir, 'client-'))).catch(() => labClient) : labClient);
  const entries = new Map<string, Promise<string>>();
  return {
    tracing, versions, workDir, progress, client,
    close: () => client.stop(),
    entry(lab, runtime) {
      const key = `${lab.slug} ${runtime}`;
      let entry = entries.get(key);
      if (!entry) {
        const adapter = adapters[runtime];
        const source = labEntry(lab);
        // A bundle that cannot be made is no reason to fail the row: the runtime runs the TypeScript.
        entry = adapter.bundle ? adapter.bundle(source, mkdtempSync(join(workDir, `${runtime}-${lab.slug}-`))).catch(() => source) : Promise.resolve(source);
        entries.set(key, entry);
      }
      return entry;
    },
    route: () => (route ??= probeRoute(versions)),
    dataFile(bytes) {
      const made = files.get(bytes);
      if (made) return made;
      progress(`creating a ${formatBytes(bytes)} data file`);
      const file = createDataFile(workDir, bytes);
      files.set(bytes, file);
      return file;
    },
  };
}

/**
 * The route probe runs in lab 09's FFI server (the ethtool ioctl ETHTOOL_GSG on lo), in whichever
 * working runtime starts fastest; a runtime that cannot call libc leaves the route unknown.
 */
async function probeRoute(versions: LabSession['versions']): Promise<Probe | null> {
  const lab = findLab('09');
  const runtime = (['bun', 'deno', 'node'] as const).find((name) => typeof versions[name] === 'string');
  if (!lab || !runtime) return null;
  const found = await runProbe({ lab, adapter: adapters[runtime] }, 'route-probe').catch(() => null);
  return found && !('unavailable' in found) ? { ...found, runtime } : null;
}

/** The versions a result names: the runtime's own, or "unavailable" for one that did not start. */
export function versionsOf(session: Pick<LabSession, 'versions'>): Partial<Record<RuntimeName, string>> {
  return Object.fromEntries(Object.entries(session.versions).map(([name, version]) => [name, version instanceof Error ? 'unavailable' : version]));
}
