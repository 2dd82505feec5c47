// `workbook bench`: what the copies cost. Times every runtime × method × size of one lab untraced,
// verifies every transfer, pairs the ratios inside the run, measures what strace would have added,
// and writes the JSON and an SVG chart under .workbook/bench/. `--parser` times the trace parser.
import { adapters, methodNames, type MethodName } from '../runtime-adapters/index.ts';
import { isInstalled } from '../runtime-adapters/bin.ts';
import { didYouMean, flagHelp, flagSpec, parseFlags, UsageError, wholeNumber } from './args.ts';
import { labs, selectLabs } from './catalogue.ts';
import { describeMachine, fileSystemOf } from './lab/machine.ts';
import { chunkFrom, methodFrom, runtimesFrom, sizeFrom } from './lab/options.ts';
import { assertFits, createWorkDir, prepareSession, versionsOf, type LabSession } from './lab/session.ts';
import { ibmSizes } from './bench/ibm.ts';
import { formatBytes } from './sizes.ts';
import { saveBench, type BenchDocument, type ParserDocument } from './bench/document.ts';
import { benchDir } from './paths.ts';
import { measureStraceOverhead, overheadCap, overheadWeight } from './bench/overhead.ts';
import { measureLabTimes, renderLabTimes } from './bench/lab-times.ts';
import { benchParser, targetLinesPerSecond } from './bench/parser-bench.ts';
import { progressBar } from './bench/progress.ts';
import { renderBench, renderParserBench } from './bench/render.ts';
import { pairRatios } from './bench/stats.ts';
import { benchClientEntry, runSweep, sweepWeight, usesBenchClient } from './bench/sweep.ts';
import { probeSyscallCounter } from './bench/syscall-count.ts';
import { clientService, type ClientService } from './lab/client-service.ts';

const defaultSizes = '4KiB,64KiB,1MiB,16MiB,256MiB,1GiB';
/** At the defaults the sweep must fit in 2 minutes on 2 cores: files of 1 GiB and more get 3 runs. */
const bigFile = 2 ** 30;
const runsForBigFiles = 3;

const benchFlags = flagSpec({
  lab: { kind: 'string', value: 'NN', help: `the lab whose servers are timed (default 02); one of ${labs.map((lab) => lab.id).join(', ')}`, default: '02' },
  runtime: { kind: 'string', value: 'node,bun,deno', help: 'runtimes, comma-separated (default: all three)' },
  method: { kind: 'string', value: 'm', help: 'one transfer method (default: every method the lab has)' },
  sizes: { kind: 'string', value: 'list', help: `file sizes, comma-separated, each at least 4KiB (default ${defaultSizes}); or ibm: the sizes of IBM's transferTo article, 7 MB to 1 GB, shown beside its figures`, default: defaultSizes },
  runs: { kind: 'string', value: 'N', help: `timed transfers per row after one warm-up (default 5; ${runsForBigFiles} for files of ${formatBytes(bigFile)} or more)` },
  chunk: { kind: 'string', value: '64KiB', help: 'buffer size of the read-write method (default 64KiB)', default: '64KiB' },
  cold: { kind: 'boolean', help: 'drop the data file from the page cache before each timed transfer (says so when it cannot)' },
  out: { kind: 'string', value: 'DIR', help: 'where the JSON and SVG go (default .workbook/bench/)' },
  tamper: { kind: 'string', value: 'm', help: 'prove the verification: change one byte of the file after the client loaded it, before method m serves it' },
  json: { kind: 'boolean', help: 'print the result document as JSON instead of the tables' },
  'no-ceiling': { kind: 'boolean', help: "leave out the ceiling row (the kernel's own sendfile through FFI, lab 09)" },
  parser: { kind: 'boolean', help: 'instead: time the strace parser on a generated trace (lines/s, peak memory growth)' },
  'lab-times': { kind: 'boolean', help: 'instead: time npm start, every npm run lab -- NN and lab all as a reader types them, against the classroom targets' },
  rounds: { kind: 'string', value: 'N', help: 'with --lab-times: runs of each command (default 3), medians reported' },
  lines: { kind: 'string', value: 'N', help: 'with --parser: lines in the generated trace (default 1000000)' },
  help: { kind: 'boolean', help: 'show this help' },
});

const benchHelp = `Usage: npm run bench [-- --lab 02] [--runtime …] [--sizes ${defaultSizes}|ibm] [--runs 5] [--cold] [--no-ceiling] [--json]
       npm run bench -- --parser [--lines 1000000]
       npm run bench -- --lab-times [--rounds 3]

Measures what the copies cost, carefully enough for a slide. For each runtime × method × size the
lab's own server sends the file over loopback to one client, untraced: one warm-up, then the timed
runs. Reported: the median, min and max wall time, throughput (MiB/s), the server's CPU (user+sys)
per GiB, and every syscall the server made per timed transfer, counted by perf
(raw_syscalls:sys_enter, its counter on only around each transfer) where perf may count; without
perf the column is empty and the document says why. Every transfer is verified byte for byte: the
client (on Bun, a blocking recv through FFI) compares each read with the file, mapped read-only
from the page cache (warm runs; the file's SHA-256 checked again after each size) or loaded into
its memory (--cold), or hashes it with SHA-256 when the file exceeds half the free memory; a row with
a failed transfer is not reported, its reason is. Ratios pair rows of this run only: each method
against its runtime's read-write, each runtime's best against the best, and every row against the
ceiling (the kernel's own sendfile through FFI, lab 09's sendfile-ffi). A spread (max/min time)
over 1.25 is marked noisy. Then, per method, three transfers untraced and three under strace on one
server, perf counting both, show why no timing is ever taken under strace and whether perf and the
lab's strace ledger agree on the same transfers.

At the defaults (the sizes above, 5 runs each, 3 at 1 GiB, lab 02 on all three runtimes) budget two
minutes on a 2-core machine; --sizes ibm (7 MB to 1 GB) took about two minutes with --runs 3.
The page cache is warm unless --cold, which uses posix_fadvise through dd (no root needed) and
checks with fincore; on tmpfs, or without those tools, it says the cache could not be dropped.

Flags:
${flagHelp(benchFlags)}

Writes .workbook/bench/bench-<time>.json and .svg (the chart the book shows).
Exit codes: 0 every row verified, 1 a row failed, 2 bad usage.

Examples:
  npm run bench
  npm run bench -- --sizes 256MiB
  npm run bench -- --sizes ibm --runs 3
  npm run bench -- --runtime bun --sizes 1MiB,64MiB --runs 9 --cold
  npm run --silent bench -- --sizes 16MiB --json > bench.json
  npm run bench -- --parser`;

/** Below a page, a transfer is all set-up: its time says nothing about copies. */
export const smallestSize = 4096;

/** `--sizes ibm` or a comma-separated list of sizes, each at least a page. */
export function parseSizes(text: string): { sizes: number[]; preset?: 'ibm' } {
  if (text.trim().toLowerCase() === 'ibm') return { sizes: [...ibmSizes], preset: 'ibm' };
  const sizes = text.split(',').map((item) => item.trim()).filter(Boolean).map((item) => sizeFrom(item, 'sizes'));
  if (sizes.length === 0) throw new UsageError('--sizes needs at least one size, e.g. --sizes 1MiB,256MiB, or the preset --sizes ibm');
  const tiny = sizes.find((bytes) => bytes < smallestSize);
  if (tiny !== undefined) throw new UsageError(`--sizes: ${formatBytes(tiny)} is below ${formatBytes(smallestSize)}, a page: a transfer that small is all connection set-up, so its time says nothing about copies`);
  return { sizes: [...new Set(sizes)].sort((a, b) => a - b) };
}

async function parserCommand(lineFlag: string | undefined, json: boolean, cleanups: Array<() => void>): Promise<number> {
  const lines = wholeNumber(lineFlag, 1_000_000, 'lines', 1, 50_000_000);
  const work = createWorkDir();
  cleanups.push(work.cleanup);
  try {
    process.stderr.write(`  … writing a ${lines.toLocaleString('en')}-line trace from the fixtures, then parsing it\n`);
    const result = await benchParser(work.dir, lines);
    const document: ParserDocument = { kind: 'parser-bench', createdAt: new Date().toISOString(), machine: describeMachine(), targetLinesPerSecond, ...result };
    console.log(json ? JSON.stringify(document, null, 2) : renderParserBench(document));
    return 0;
  } finally {
    work.cleanup();
  }
}

export async function benchCommand(argv: string[], cleanups: Array<() => void>): Promise<number> {
  const { positional, flags } = parseFlags(argv, benchFlags);
  if (flags.help) { console.log(benchHelp); return 0; }
  if (positional.length) throw new UsageError(`the bench takes flags only (the lab is --lab NN), got ${positional.join(' ')}`);
  if (flags.parser) return parserCommand(flags.lines, flags.json, cleanups);
  if (flags.lines !== undefined) throw new UsageError('--lines goes with --parser');
  if (flags['lab-times']) {
    const rounds = wholeNumber(flags.rounds, 3, 'rounds', 1, 20);
    const times = await measureLabTimes(rounds, (line) => process.stderr.write(`  … ${line}\n`));
    console.log(flags.json ? JSON.stringify({ kind: 'lab-times', createdAt: new Date().toISOString(), machine: describeMachine(), rounds, times }, null, 2)
      : `\n${renderLabTimes(times)}\n\nMedians of ${rounds} run${rounds === 1 ? '' : 's'} each, one command at a time, on ${describeMachine().cpu}.`);
    return times.some((time) => time.failed) ? 1 : 0;
  }
  if (flags.rounds !== undefined) throw new UsageError('--rounds goes with --lab-times');

  if (flags.lab === 'all') throw new UsageError('the bench times one lab at a time: --lab NN');
  const [lab] = selectLabs(flags.lab);
  if (!lab) throw new UsageError('the bench needs a lab: --lab NN');
  const runtimes = runtimesFrom(flags.runtime);
  const method = methodFrom(flags.method);
  const methods: MethodName[] = method ? [method] : lab.methods;
  if (method && !lab.methods.includes(method)) throw new UsageError(`lab ${lab.id} has no ${method} method; it has ${lab.methods.join(', ')}`);
  const { sizes, preset } = parseSizes(flags.sizes);
  const largest = sizes.at(-1) ?? 0;
  // Only the strace overhead runs are traced, at most overheadCap: the chunk is refused only where that would take too long.
  const chunk = chunkFrom(flags.chunk, Math.min(largest, overheadCap));
  const explicitRuns = flags.runs === undefined ? null : wholeNumber(flags.runs, 5, 'runs', 1, 50);
  const runsFor = (bytes: number) => explicitRuns ?? (bytes >= bigFile ? runsForBigFiles : 5);
  let tamper: MethodName | undefined;
  if (flags.tamper !== undefined) {
    tamper = String(flags.tamper) as MethodName;
    if (!methods.includes(tamper)) throw new UsageError(`--tamper: "${tamper}" is not among the methods benched (${methods.join(', ')})${didYouMean(tamper, methodNames)}`);
  }

  const work = createWorkDir();
  cleanups.push(work.cleanup);
  // One data file at a time, the largest first to fail: before any runtime starts.
  assertFits(work.dir, largest, '--sizes');
  let session: LabSession | undefined;
  let benchClient: ClientService | undefined;
  try {
    const started = performance.now();
    session = await prepareSession({ runtimes, explicitRuntimes: flags.runtime !== undefined, trace: true, largestFile: largest }, work.dir, () => {});
    const { versions, tracing } = session;

    const overheadBytes = Math.min(largest, overheadCap);
    // The bench's client runs on Bun where Bun is installed: bun:ffi's blocking recv keeps pace with a C client (blocking-receive.ts).
    benchClient = clientService(benchClientEntry, isInstalled(adapters.bun.executable) ? { bun: adapters.bun.executable } : {});
    const clients = { lab: session.client, bench: benchClient };
    const counter = await probeSyscallCounter();
    const plan = { lab, runtimes, versions, methods, sizes, runsFor, chunk, cold: flags.cold, tamper, workDir: work.dir, clients, counter, ceiling: !flags['no-ceiling'] };
    const overheadCells = runtimes.flatMap((runtime) => methods.filter((one) => adapters[runtime].methods[one].available)).length;
    const progress = progressBar(sweepWeight(plan) + (tracing.available ? overheadCells * overheadWeight(overheadBytes) : 0));
    const sweep = await runSweep({ ...plan, progress });
    // The client says how it read the socket when it loads a file to compare with (client.ts).
    const benchReceiving = sweep.verification.find((one) => one.receiving)?.receiving
      ?? 'reads each transfer and checks every byte';
    const sweepSeconds = (performance.now() - started) / 1000;
    const straceOverhead = await measureStraceOverhead(plan, overheadBytes, tracing, progress);
    progress.done();
    const totalSeconds = (performance.now() - started) / 1000;

    const machine = describeMachine();
    const document: BenchDocument = {
      kind: 'bench',
      lab: lab.id,
      title: lab.title,
      createdAt: new Date().toISOString(),
      machine: {
        ...machine,
        runtimes: versionsOf(session) as Record<string, string>,
        fileSystem: fileSystemOf(work.dir),
        dataDir: work.dir,
      },
      settings: {
        sizes, ...(preset ? { preset } : {}), runs: Object.fromEntries(sizes.map((bytes) => [String(bytes), runsFor(bytes)])), chunk, cache: sweep.cache,
        client: methods.every((one) => usesBenchClient(lab, one))
          ? `scripts/bench/client.ts: ${benchReceiving}`
          : `the lab's own client (SHA-256 inside the clock) for ${methods.filter((one) => !usesBenchClient(lab, one)).join(', ')}; scripts/bench/client.ts (${benchReceiving}) for the rest`,
        verification: sweep.verification,
        syscallCounter: counter.available ? { tool: counter.tool, event: 'raw_syscalls:sys_enter' } : { tool: counter.tool, reason: counter.reason },
        ...(tamper ? { tampered: tamper } : {}),
      },
      rows: sweep.rows,
      ratios: pairRatios(sweep.rows),
      failures: sweep.failures,
      unavailable: sweep.unavailable,
      straceOverhead,
      seconds: { sweep: sweepSeconds, straceOverhead: totalSeconds - sweepSeconds, total: totalSeconds },
    };
    const saved = saveBench(document, flags.out ?? benchDir);
    if (flags.json) {
      console.log(JSON.stringify(document, null, 2));
      process.stderr.write(`Saved ${saved.json} and ${saved.svg}\n`);
    } else {
      console.log(`\n${renderBench(document)}\n\nSaved ${saved.json}\n  and ${saved.svg}\n`);
    }
    return document.failures.length || (straceOverhead.measured && straceOverhead.failures.length) ? 1 : 0;
  } finally {
    await session?.close();
    await benchClient?.stop();
    work.cleanup();
  }
}
