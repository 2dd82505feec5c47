// `workbook lab <id|all>`: run labs on the chosen runtimes, print the report, save the result.
import { flagHelp, flagSpec, parseFlags, UsageError, wholeNumber } from './args.ts';
import { findChapter, labs, selectLabs } from './catalogue.ts';
import { chunkFrom, methodFrom, runtimesFrom, sizeFrom } from './lab/options.ts';
import { renderRows, reportNotes, textTable, type Column } from './lab/rows.ts';
import { saveResult, type LabResult } from './lab/results.ts';
import { runLab, type LabOptions } from './lab/run.ts';
import { assertFits, createWorkDir, prepareSession, type LabSession } from './lab/session.ts';
import { tmpdir } from 'node:os';
import { formatBytes } from './sizes.ts';
import { methodNames } from '../runtime-adapters/types.ts';

const labFlags = flagSpec({
  runtime: { kind: 'string', value: 'node,bun,deno', help: 'runtimes to run, comma-separated (default: all three)' },
  method: { kind: 'string', value: 'm', help: `one transfer method: ${methodNames.join(', ')} (default: all the lab has)` },
  size: { kind: 'string', value: '16MiB', help: 'size of the file to send (default 16MiB; a sweep row or a slow method may send less, and the report says so)', default: '16MiB' },
  chunk: { kind: 'string', value: '64KiB', help: 'buffer size of the read-write method (default 64KiB; lab 04 sweeps 4KiB-1MiB unless given)', default: '64KiB' },
  runs: { kind: 'string', value: 'N', help: 'timed transfers per method, after one warm-up (default 3; npm run bench times carefully)', default: '3' },
  'no-trace': { kind: 'boolean', help: 'skip the strace pass: time only, no syscall counts' },
  json: { kind: 'boolean', help: 'print the result as one JSON document (an array for all) instead of the table' },
  help: { kind: 'boolean', help: 'show this help' },
});

const labHelp = `Usage: npm run lab -- <id|all> [flags]

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

/** The columns of the terminal report. */
const columns: Column[] = ['runtime', 'method', 'size', 'verified', 'syscalls', 'fileToUser', 'sink', 'inKernel', 'copiesPerByte', 'cpuCopiesPerByte',
  'modeSwitches', 'topCalls', 'contextSwitches', 'faults', 'user', 'sys', 'mibPerSecond', 'speedVsReadWrite', 'cpuVsReadWrite'];

function renderResult(result: LabResult): string {
  const sizes = [...new Set(result.runs.map((run) => run.bytes))].sort((a, b) => a - b);
  const files = sizes.length > 1 ? `files of ${sizes.map(formatBytes).join(', ')} (a sweep row or a slow method sends less: same physics, less waiting; the file column says which)` : sizes[0] ? `file ${formatBytes(sizes[0])}` : '';
  const versions = Object.entries(result.runtimes).map(([name, version]) => `${name} ${version}`).join(', ');
  const timed = result.runs[0]?.timedTransfers;
  const chunks = [...new Set(result.runs.filter((run) => run.method === 'read-write' && run.chunk).map((run) => run.chunk ?? 0))];
  const sweep = chunks.length > 1 ? chunks.map(formatBytes).join(', ') : '';
  const traced = result.tracing.available ? (result.tracing.attach ? 'one transfer traced by strace attached to the same server' : 'one transfer traced by a server started under strace') : 'no trace';
  const lines = [
    `Lab ${result.lab} — ${result.title}`,
    `${result.machine.cpu}, ${result.machine.cores} cores, ${result.machine.platform} ${result.machine.kernel}; ${versions}`,
    ...(files ? [`${files}, read-write buffer ${sweep || formatBytes(result.chunk)}; counts from ${traced}, time and CPU the median of ${timed} untraced transfers after a warm-up`] : []),
    `× rw = MiB/s and CPU per byte moved against the same runtime's ${sweep ? 'smallest-buffer ' : ''}read-write; in kernel: bytes the kernel handed on as page references (by ref) or copied itself; CPU copies/byte adds the kernel's own copies where there are any`,
    `mode sw = 2 per syscall the server made during the transfer, every thread (user↔kernel), the commonest of them by name beside it; ctx sw = the server's real context switches; faults = minor page faults`,
    '',
    result.runs.length ? renderRows(result, columns) : 'No method could be measured.',
  ];
  const notes = reportNotes(result);
  return [...lines, ...notes.rows.map((note) => `  ${note}`), ...(notes.tracing.length ? ['', ...notes.tracing] : [])].join('\n');
}

export async function labCommand(argv: string[], cleanups: Array<() => void>): Promise<number> {
  const { positional, flags, given } = parseFlags(argv, labFlags);
  if (flags.help) { console.log(labHelp); return 0; }
  if (positional.length > 1) throw new UsageError(`one lab at a time (an id, or all), got ${positional.join(' ')}`);
  const selected = selectLabs(positional[0]);
  const bytes = sizeFrom(flags.size, 'size');
  // The work dir goes under the temp dir: a file that cannot fit there is the first thing to say.
  assertFits(tmpdir(), bytes);
  const options: LabOptions = {
    runtimes: runtimesFrom(flags.runtime), explicitRuntimes: given.has('runtime'), method: methodFrom(flags.method),
    bytes, explicitSize: given.has('size'), chunk: chunkFrom(flags.chunk, bytes), explicitChunk: given.has('chunk'),
    timedRuns: wholeNumber(flags.runs, 3, 'runs', 1, 50), trace: !flags['no-trace'],
  };
  const method = options.method;
  const first = selected[0];
  if (method && first && !selected.some((lab) => lab.methods.includes(method))) {
    throw new UsageError(`lab ${first.id} has no ${method} method; it has ${first.methods.join(', ')}`);
  }
  const work = createWorkDir();
  cleanups.push(work.cleanup);
  let session: LabSession | undefined;
  try {
    session = await prepareSession({ ...options, largestFile: bytes }, work.dir, (line) => process.stderr.write(`  … ${line}\n`));
    const results: LabResult[] = [];
    const took: string[][] = [];
    for (const lab of selected) {
      const started = performance.now();
      const result = await runLab(lab, options, session);
      const saved = saveResult(result);
      results.push(result);
      took.push([lab.id, lab.title, `${((performance.now() - started) / 1000).toFixed(1)} s`]);
      if (!flags.json) console.log(`\n${renderResult(result)}\n\nSaved ${saved}\n`);
    }
    if (selected.length > 1) process.stderr.write(`\nHow long each lab took:\n${textTable(['lab', 'title', 'time'], took)}\n\n`);
    if (!flags.json) {
      const chapter = selected.length === 1 && first ? findChapter(first.id) : undefined;
      console.log(chapter ? `Next: read chapters/${chapter.slug}.md, answer answers/${chapter.slug}.ts, then: npm run check -- ${chapter.id}` : 'Next: npm start shows your progress and the next step');
    }
    // One JSON document: the lab's result, or an array of them for `all`.
    if (flags.json) console.log(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    return results.some((result) => result.notMeasured.some((row) => row.status === 'failed')) ? 1 : 0;
  } finally {
    await session?.close();
    work.cleanup();
  }
}
