// `workbook lab <id|all>`: run labs on the chosen runtimes, print the report, save the result.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statfsSync, statSync, symlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adapters, methodNames, runtimeNames, type MethodName, type RuntimeName } from '../runtime-adapters/index.ts';
import { didYouMean, flagHelp, parseFlags, UsageError, type FlagSpec } from './args.ts';
import { findChapter, findLab, labs, type Lab } from './catalogue.ts';
import { describeMachine, fileSystemOf, runtimeVersion } from './machine.ts';
import { renderResult } from './report.ts';
import { saveResult, type LabResult, type NotMeasured, type Run } from './results.ts';
import { runMethod, type DataFile } from './run-lab.ts';
import { formatBytes, parseSize } from './sizes.ts';
import { probeTracing, type Tracing } from './trace.ts';

export const labFlags: FlagSpec = {
  runtime: { kind: 'string', value: 'node,bun,deno', help: 'runtimes to run, comma-separated (default: all three)' },
  method: { kind: 'string', value: 'm', help: `one transfer method: ${methodNames.join(', ')} (default: all the lab has)` },
  size: { kind: 'string', value: '64MiB', help: 'size of the file to send (default 64MiB)' },
  chunk: { kind: 'string', value: '64KiB', help: 'buffer size of the read-write method (default 64KiB; lab 04 sweeps 4KiB-1MiB unless given)' },
  runs: { kind: 'string', value: 'N', help: 'timed transfers per method, after one warm-up (default 5)' },
  'no-trace': { kind: 'boolean', help: 'skip the strace pass: time only, no syscall counts' },
  json: { kind: 'boolean', help: 'print the result as one JSON document (an array for all) instead of the table' },
  help: { kind: 'boolean', help: 'show this help' },
};

export const labHelp = `Usage: npm run lab -- <id|all> [flags]

Runs a lab: a server in each runtime sends a file — over loopback TCP or HTTP, into a pipe, to
another file, or as a log broker to 4 consumers — and every copy is checked by byte count and
SHA-256 (by one fixed client, or by the runner for a file copy). One transfer is traced with
strace to count syscalls and the bytes that cross the user/kernel boundary; time and CPU come
from untraced transfers.

Labs:
${labs.map((lab) => `  ${lab.id}  ${lab.title} (${lab.methods.join(', ')})`).join('\n')}

Flags:
${flagHelp(labFlags)}

Examples:
  npm run lab -- 01
  npm run lab -- 02 --runtime bun --json
  npm run lab -- all --size 16MiB --no-trace`;

export interface LabOptions {
  runtimes: RuntimeName[];
  explicitRuntimes: boolean;
  method?: MethodName;
  bytes: number;
  chunk: number;
  /** --chunk was given: a lab that sweeps buffer sizes uses only this one. */
  explicitChunk: boolean;
  timedRuns: number;
  trace: boolean;
}

function parseList<T extends string>(text: string, known: readonly T[], what: string): T[] {
  const items = text.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${what} needs at least one of ${known.join(', ')}`);
  for (const item of items) {
    if (!known.includes(item as T)) throw new UsageError(`unknown ${what} "${item}"${didYouMean(item, known)}; choose from ${known.join(', ')}`);
  }
  return items as T[];
}

function sizeFlag(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const bytes = parseSize(text);
  if (typeof bytes !== 'number') throw new UsageError(`--${name}: ${bytes.error}`);
  return bytes;
}

export function parseLabOptions(flags: Record<string, string | boolean>): LabOptions {
  const runtimes = flags.runtime ? parseList(String(flags.runtime), runtimeNames, 'runtime') : [...runtimeNames];
  const methods = flags.method ? parseList(String(flags.method), methodNames, 'method') : [];
  if (methods.length > 1) throw new UsageError('--method takes one method; leave it out to run every method the lab has');
  const method = methods[0];
  const bytes = sizeFlag(flags.size as string | undefined, 64 * 2 ** 20, 'size');
  const chunk = sizeFlag(flags.chunk as string | undefined, 64 * 1024, 'chunk');
  if (chunk > 64 * 2 ** 20) throw new UsageError('--chunk: at most 64MiB');
  const timedRuns = flags.runs === undefined ? 5 : Number(flags.runs);
  if (!Number.isInteger(timedRuns) || timedRuns < 1 || timedRuns > 50) throw new UsageError(`--runs must be a whole number from 1 to 50, got "${flags.runs}"`);
  return { runtimes, explicitRuntimes: Boolean(flags.runtime), method, bytes, chunk, explicitChunk: flags.chunk !== undefined, timedRuns, trace: !flags['no-trace'] };
}

export function selectLabs(id: string | undefined): Lab[] {
  if (!id) throw new UsageError('which lab? give an id (e.g. npm run lab -- 01) or all');
  if (id === 'all') return labs;
  const lab = findLab(id);
  if (!lab) throw new UsageError(`unknown lab "${id}"${didYouMean(id, labs.flatMap((known) => [known.id, known.slug]))}; labs are ${labs.map((known) => known.id).join(', ')} or all`);
  return [lab];
}

/** A temporary directory for the data file and traces, removed by `cleanup` (also on Ctrl-C). */
export function createWorkDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Random bytes (so no layer can compress or dedupe them), hashed while written. */
/** Refuses a size that would fill the disk, before anything is written or announced. */
function assertFits(dir: string, bytes: number): void {
  const free = statfsSync(dir);
  if (bytes > free.bavail * free.bsize * 0.9) {
    throw new UsageError(`--size ${formatBytes(bytes)} does not fit: ${dir} has ${formatBytes(free.bavail * free.bsize)} free`);
  }
}

export function createDataFile(dir: string, bytes: number): DataFile {
  assertFits(dir, bytes);
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
  data: DataFile;
  workDir: string;
  progress(line: string): void;
}

export async function prepareSession(options: LabOptions, workDir: string, progress: (line: string) => void): Promise<LabSession> {
  const tracing: Tracing = options.trace
    ? await probeTracing()
    : { available: false, reason: 'tracing was turned off with --no-trace', fix: 'run again without --no-trace' };
  const versions: LabSession['versions'] = {};
  for (const name of options.runtimes) versions[name] = await runtimeVersion(name);
  if (options.explicitRuntimes) {
    const broken = options.runtimes.filter((name) => versions[name] instanceof Error);
    if (broken.length) throw new Error(broken.map((name) => (versions[name] as Error).message).join('\n'));
  }
  assertFits(workDir, options.bytes);
  progress(`creating a ${formatBytes(options.bytes)} data file`);
  const data = createDataFile(workDir, options.bytes);
  return { tracing, versions, data, workDir, progress };
}

interface Destination { label?: string; dir: string; cleanup?(): void }

/**
 * Where a file lab writes its copies: beside the data file, and for copy-file in lab 05 also on a
 * second file system — tmpfs at /dev/shm, when it is one — where copy_file_range must fail with
 * EXDEV (since Linux 5.19, FACTS A3) and each runtime's fallback shows in the trace.
 */
function destinations(lab: Lab, method: MethodName, session: LabSession): Destination[] | string {
  const here = { label: lab.otherFileSystem ? `same file system (${fileSystemOf(session.workDir)})` : undefined, dir: session.workDir };
  if (!lab.otherFileSystem || method !== 'copy-file') return [here];
  const shm = '/dev/shm';
  if (!existsSync(shm) || statSync(shm).dev === statSync(session.workDir).dev) return [here];
  try {
    const dir = mkdtempSync(join(shm, 'zero-copy-workbook-'));
    // Deno demands --allow-all for any path under /dev, even with --allow-write for the file; a
    // link from the work dir keeps its permissions narrow (the trace shows the real path).
    const link = join(session.workDir, 'other-file-system');
    rmSync(link, { force: true });
    symlinkSync(dir, link);
    return [here, { label: `other file system (${fileSystemOf(dir)})`, dir: link, cleanup: () => rmSync(dir, { recursive: true, force: true }) }];
  } catch (error) {
    return `cannot write to ${shm} (${(error as Error).message}), so the copy onto a second file system was skipped`;
  }
}

export async function runLab(lab: Lab, options: LabOptions, session: LabSession): Promise<LabResult> {
  const runs: Run[] = [];
  const notMeasured: NotMeasured[] = [];
  const methods = options.method ? [options.method] : lab.methods;
  for (const runtime of options.runtimes) {
    const version = session.versions[runtime];
    for (const method of methods) {
      const support = adapters[runtime].methods[method];
      if (!lab.methods.includes(method)) {
        notMeasured.push({ runtime, method, status: 'unavailable', reason: `lab ${lab.id} has no ${method} method (it has ${lab.methods.join(', ')})` });
      } else if (!support.available) {
        notMeasured.push({ runtime, method, status: 'unavailable', reason: support.reason });
      } else if (version instanceof Error || version === undefined) {
        notMeasured.push({ runtime, method, status: 'failed', reason: version?.message ?? 'runtime not checked' });
      } else {
        // A lab that sweeps the buffer runs read-write once per size, unless --chunk picked one.
        const chunks = method === 'read-write' && lab.chunks && !options.explicitChunk ? lab.chunks : [options.chunk];
        const targets = destinations(lab, method, session);
        if (typeof targets === 'string') notMeasured.push({ runtime, method, status: 'unavailable', reason: targets });
        for (const target of typeof targets === 'string' ? [{ dir: session.workDir }] : targets) {
          for (const chunk of chunks) {
            const label = [method, chunks.length > 1 ? formatBytes(chunk) : '', target.label ? `→ ${target.label}` : ''].filter(Boolean).join(' ');
            try {
              const run = await runMethod({
                lab, adapter: adapters[runtime], runtimeVersion: version, method, data: session.data, chunk, outDir: target.dir,
                timedRuns: options.timedRuns, tracing: session.tracing,
                progress: (step) => session.progress(`lab ${lab.id} · ${runtime} ${label}: ${step}`),
              });
              runs.push(target.label ? { ...run, destination: target.label } : run);
            } catch (error) {
              notMeasured.push({ runtime, method, status: 'failed', reason: `${label}: ${(error as Error).message}` });
            } finally {
              target.cleanup?.();
            }
          }
        }
      }
    }
  }
  const tracing = session.tracing.available ? { available: true } : { available: false, reason: session.tracing.reason, fix: session.tracing.fix };
  const runtimes = Object.fromEntries(Object.entries(session.versions).map(([name, version]) => [name, version instanceof Error ? 'unavailable' : version]));
  return { lab: lab.id, title: lab.title, createdAt: new Date().toISOString(), machine: describeMachine(), runtimes, tracing, chunk: options.chunk, runs, notMeasured };
}

export async function labCommand(argv: string[], cleanups: Array<() => void>): Promise<number> {
  const { positional, flags } = parseFlags(argv, labFlags);
  if (flags.help) { console.log(labHelp); return 0; }
  if (positional.length > 1) throw new UsageError(`one lab at a time (or all), got ${positional.join(' ')}`);
  const selected = selectLabs(positional[0]);
  const options = parseLabOptions(flags);
  const method = options.method;
  if (method && !selected.some((lab) => lab.methods.includes(method))) {
    throw new UsageError(`lab ${selected[0].id} has no ${method} method; it has ${selected[0].methods.join(', ')}`);
  }
  const work = createWorkDir();
  cleanups.push(work.cleanup);
  try {
    const session = await prepareSession(options, work.dir, (line) => process.stderr.write(`  … ${line}\n`));
    const results: LabResult[] = [];
    for (const lab of selected) {
      const result = await runLab(lab, options, session);
      const saved = saveResult(result);
      results.push(result);
      if (!flags.json) console.log(`\n${renderResult(result)}\n\nSaved ${saved}\n`);
    }
    if (!flags.json) {
      const chapter = selected.length === 1 ? findChapter(selected[0].id) : undefined;
      console.log(chapter ? `Next: read chapters/${chapter.slug}.md, answer answers/${chapter.slug}.ts, then: npm run check -- ${chapter.id}` : 'Next: npm start shows your progress and the next step');
    }
    // One JSON document: the lab's result, or an array of them for `all`.
    if (flags.json) console.log(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    return results.some((result) => result.notMeasured.some((row) => row.status === 'failed')) ? 1 : 0;
  } finally {
    work.cleanup();
  }
}
