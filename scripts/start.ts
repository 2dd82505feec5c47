// `npm start`: the headline labs (the catalogue marks them: the traditional path against sendfile)
// on every runtime, one side-by-side table, a two-line reading of what it shows, then the reader's
// progress and the exact next command.
import { flagHelp, flagSpec, parseFlags, UsageError } from './args.ts';
import { headlineLabs } from './catalogue.ts';
import { chunkFrom, sizeFrom } from './lab/options.ts';
import { columnsFor, columnTitles, reportNotes, reportRows, textTable, type Column } from './lab/rows.ts';
import { saveResult, type LabResult, type TracedRun } from './lab/results.ts';
import { runLab, type LabOptions } from './lab/run.ts';
import { assertFits, createWorkDir, prepareSession, type LabSession } from './lab/session.ts';
import { progressReport } from './progress/report.ts';
import { tmpdir } from 'node:os';
import { formatBytes } from './sizes.ts';
import { runtimeNames } from '../runtime-adapters/types.ts';

const startFlags = flagSpec({
  size: { kind: 'string', value: '16MiB', help: 'size of the file to send (default 16MiB; a sweep row or a slow method may send less, and the report says so)', default: '16MiB' },
  'no-trace': { kind: 'boolean', help: 'skip the strace pass' },
  help: { kind: 'boolean', help: 'show this help' },
});

const headline = headlineLabs.map((lab) => lab.id).join(' and ');

const startHelp = `Usage: npm start [-- flags]

Runs labs ${headline} on Node, Bun and Deno, prints them side by side with a short reading, then
your progress through the chapters and the next command to run.

Flags:
${flagHelp(startFlags)}`;

const columns: Column[] = ['runtime', 'method', 'size', 'syscalls', 'fileToUser', 'sink', 'inKernel', 'copiesPerByte', 'cpu', 'cpuVsReadWrite', 'contextSwitches', 'mibPerSecond'];

function sideBySide(results: LabResult[]): string {
  const first = results[0];
  if (!first) return '';
  const titles = columnTitles(first);
  const rows = results.map((result) => ({ lab: result.lab, rows: reportRows(result) }));
  const shown = columnsFor(rows.flatMap((one) => one.rows), columns);
  const body = rows.flatMap((one) => one.rows.map((row) => [one.lab, ...shown.map((column) => row.cells[column])]));
  return textTable(['lab', ...shown.map((column) => titles[column])], body);
}

/** Two lines read off the measurements themselves; nothing here is a number from the docs. */
export function reading(results: LabResult[]): string[] {
  const runs = results.flatMap((result) => result.runs);
  const readWrite = runs.filter((run): run is TracedRun => run.method === 'read-write' && run.traced);
  const sendfile = runs.find((run): run is TracedRun => run.method === 'sendfile' && run.traced);
  const lines: string[] = [];
  if (readWrite.length) {
    const low = Math.min(...readWrite.map((run) => run.copiesPerByte));
    const high = Math.max(...readWrite.map((run) => run.copiesPerByte));
    const range = low.toFixed(2) === high.toFixed(2) ? low.toFixed(2) : `${low.toFixed(2)}–${high.toFixed(2)}`;
    lines.push(`read+write: the CPU copied every byte across the user/kernel boundary ${range} times (file→user, then user→socket) on ${[...new Set(readWrite.map((run) => run.runtime))].join(', ')}.`);
  }
  if (sendfile) {
    // The report's own ratio (scripts/lab/rows.ts): CPU per byte moved, against the same lab's read-write.
    const versus = results.flatMap((result) => reportRows(result)).find((row) => row.run === sendfile)?.figures.cpuVsReadWrite;
    const cpuRatio = versus === undefined ? '' : `, using ${versus.toFixed(2)}× the server CPU per byte of its own HTTP read-write`;
    lines.push(`sendfile (${sendfile.runtime}): the kernel moved ${formatBytes(sendfile.copies.kernelMoved)} in ${sendfile.calls.kernelMoved} calls and ${sendfile.copiesPerByte.toFixed(2)} copies per byte crossed into user space${cpuRatio}.`);
  }
  if (!lines.length) lines.push('No traced rows: see the note above on how to enable strace for the copy counts.');
  return lines;
}

export async function startCommand(argv: string[], cleanups: Array<() => void>): Promise<number> {
  const { positional, flags } = parseFlags(argv, startFlags);
  if (flags.help) { console.log(startHelp); return 0; }
  if (positional.length) throw new UsageError(`npm start takes no lab id (got ${positional.join(' ')}); use npm run lab -- <id>`);
  const bytes = sizeFrom(flags.size, 'size');
  assertFits(tmpdir(), bytes);
  const options: LabOptions = {
    runtimes: [...runtimeNames], explicitRuntimes: false, bytes, chunk: chunkFrom('64KiB', bytes), explicitChunk: false, timedRuns: 3, trace: !flags['no-trace'],
  };
  const work = createWorkDir();
  cleanups.push(work.cleanup);
  const results: LabResult[] = [];
  const took: string[] = [];
  const began = performance.now();
  let session: LabSession | undefined;
  try {
    session = await prepareSession({ ...options, largestFile: bytes }, work.dir, (line) => process.stderr.write(`  … ${line}\n`));
    for (const lab of headlineLabs) {
      const started = performance.now();
      const result = await runLab(lab, options, session);
      saveResult(result);
      results.push(result);
      took.push(`lab ${lab.id} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await session?.close();
    work.cleanup();
  }
  const [first] = results;
  if (!first) return 1;
  console.log(`\nLabs ${headline} on ${first.machine.cpu}, ${first.machine.cores} cores, ${first.machine.platform} ${first.machine.kernel}; `
    + `${Object.entries(first.runtimes).map(([name, version]) => `${name} ${version}`).join(', ')}; file ${formatBytes(options.bytes)}`);
  console.log(`counts: one strace-traced transfer; CPU and MiB/s: median of ${options.timedRuns} untraced transfers after a warm-up\n`);
  console.log(sideBySide(results));
  for (const result of results) for (const note of reportNotes(result).rows) console.log(`  ${result.lab} ${note}`);
  const tracing = reportNotes(first).tracing;
  if (tracing.length) console.log(`\n${tracing.join(' ')}`);
  console.log('\n' + reading(results).join('\n') + '\n');
  console.log(`How long it took: ${took.join(', ')}; ${((performance.now() - began) / 1000).toFixed(1)} s with the runtimes' start-up checks.\n`);
  console.log(await progressReport());
  return results.some((result) => result.notMeasured.some((row) => row.status === 'failed')) ? 1 : 0;
}
