// `npm start`: the headline — labs 01 and 02 on every runtime, one side-by-side table, a two-line
// reading of what it shows, then the reader's progress and the exact next command.
import { flagHelp, parseFlags, UsageError, type FlagSpec } from './args.ts';
import { headlineLabs } from './catalogue.ts';
import { createWorkDir, parseLabOptions, prepareSession, runLab } from './lab.ts';
import { table } from './report.ts';
import { progressReport } from './progress.ts';
import { saveResult, type LabResult, type Run } from './results.ts';
import { formatBytes } from './sizes.ts';

export const startFlags: FlagSpec = {
  size: { kind: 'string', value: '64MiB', help: 'size of the file to send (default 64MiB)' },
  'no-trace': { kind: 'boolean', help: 'skip the strace pass' },
  help: { kind: 'boolean', help: 'show this help' },
};

export const startHelp = `Usage: npm start [-- flags]

Runs labs 01 and 02 on Node, Bun and Deno, prints them side by side with a short reading, then
your progress through the chapters and the next command to run.

Flags:
${flagHelp(startFlags)}`;

function sideBySide(results: LabResult[]): string {
  const header = ['lab', 'runtime', 'method', 'syscalls (calls)', 'file→user', 'user→socket', 'kernel-moved', 'copies/byte', 'CPU s', 'CPU × rw', 'ctx sw', 'MiB/s'];
  const cpu = (run: Run) => run.cpu.user + run.cpu.sys;
  const baselineCpu = (result: LabResult, run: Run) => {
    const baseline = result.runs.find((other) => other.runtime === run.runtime && other.method === 'read-write');
    return baseline && cpu(baseline) > 0 ? (cpu(run) / cpu(baseline)).toFixed(2) : '—';
  };
  const body = results.flatMap((result) => result.runs.map((run) => [
    result.lab, `${run.runtime} ${run.runtimeVersion}`, run.method,
    run.traced ? Object.entries(run.syscalls).sort((a, b) => b[1].calls - a[1].calls).map(([name, entry]) => `${name} ${entry.calls}`).join(', ') : 'untraced',
    run.copies ? formatBytes(run.copies.fileToUser) : '?', run.copies ? formatBytes(run.copies.userToSocket) : '?',
    run.copies ? formatBytes(run.copies.kernelMoved) : '?', run.copiesPerByte === null ? '?' : run.copiesPerByte.toFixed(2),
    cpu(run).toFixed(3), baselineCpu(result, run), String(Math.round(run.contextSwitches)), run.mibPerSecond.toFixed(0),
  ]));
  return table(header, body);
}

/** Two lines read off the measurements themselves; nothing here is a number from the docs. */
export function reading(results: LabResult[]): string[] {
  const runs = results.flatMap((result) => result.runs);
  const readWrite = runs.filter((run) => run.method === 'read-write' && run.copiesPerByte !== null);
  const sendfile = runs.find((run) => run.method === 'sendfile' && run.copiesPerByte !== null);
  const lines: string[] = [];
  if (readWrite.length) {
    const low = Math.min(...readWrite.map((run) => run.copiesPerByte!));
    const high = Math.max(...readWrite.map((run) => run.copiesPerByte!));
    const range = low.toFixed(2) === high.toFixed(2) ? low.toFixed(2) : `${low.toFixed(2)}–${high.toFixed(2)}`;
    lines.push(`read+write: the CPU copied every byte across the user/kernel boundary ${range} times (file→user, then user→socket) on ${[...new Set(readWrite.map((run) => run.runtime))].join(', ')}.`);
  }
  if (sendfile) {
    const baseline = runs.find((run: Run) => run.runtime === sendfile.runtime && run.method === 'read-write' && run.protocol === sendfile.protocol);
    const cpu = (run: Run) => run.cpu.user + run.cpu.sys;
    const cpuRatio = baseline && cpu(baseline) > 0 ? `, using ${(cpu(sendfile) / cpu(baseline)).toFixed(2)}× the server CPU of its own HTTP read-write` : '';
    lines.push(`sendfile (${sendfile.runtime}): the kernel moved ${formatBytes(sendfile.copies!.kernelMoved)} in ${sendfile.calls!.kernelMoved} calls and ${sendfile.copiesPerByte!.toFixed(2)} copies per byte crossed into user space${cpuRatio}.`);
  }
  if (!lines.length) lines.push('No traced rows: see the note above on how to enable strace for the copy counts.');
  return lines;
}

export async function startCommand(argv: string[], cleanups: Array<() => void>): Promise<number> {
  const { positional, flags } = parseFlags(argv, startFlags);
  if (flags.help) { console.log(startHelp); return 0; }
  if (positional.length) throw new UsageError(`npm start takes no lab id (got ${positional.join(' ')}); use npm run lab -- <id>`);
  const options = parseLabOptions(flags);
  const work = createWorkDir();
  cleanups.push(work.cleanup);
  const results: LabResult[] = [];
  try {
    const session = await prepareSession(options, work.dir, (line) => process.stderr.write(`  … ${line}\n`));
    for (const lab of headlineLabs) {
      const result = await runLab(lab, options, session);
      saveResult(result);
      results.push(result);
    }
  } finally {
    work.cleanup();
  }
  const [first] = results;
  console.log(`\nLabs 01 and 02 on ${first.machine.cpu}, ${first.machine.cores} cores, ${first.machine.platform} ${first.machine.kernel}; `
    + `${Object.entries(first.runtimes).map(([name, version]) => `${name} ${version}`).join(', ')}; file ${formatBytes(options.bytes)}`);
  console.log(`counts: one strace-traced transfer; CPU and MiB/s: median of ${options.timedRuns} untraced transfers after a warm-up\n`);
  console.log(sideBySide(results));
  for (const row of results.flatMap((result) => result.notMeasured.map((item) => ({ lab: result.lab, ...item })))) {
    console.log(`  ${row.lab} ${row.runtime} ${row.method}: ${row.status === 'unavailable' ? 'not available' : 'FAILED'} — ${row.reason}`);
  }
  if (!first.tracing.available) console.log(`\nNot traced: ${first.tracing.reason}. To get the copy counts: ${first.tracing.fix}.`);
  console.log('\n' + reading(results).join('\n') + '\n');
  console.log(await progressReport());
  return results.some((result) => result.notMeasured.some((row) => row.status === 'failed')) ? 1 : 0;
}
