// Stage 3: results -> the terminal table. Counts come from the traced pass, time and CPU from the
// untraced one; ratios compare each method with the same runtime's read-write in the same run.
import type { Direction } from './ledger.ts';
import type { LabResult, Run } from './results.ts';
import { formatBytes } from './sizes.ts';
import type { Protocol } from '../runtime-adapters/types.ts';

/** Where the lab's bytes go decides which user-to-kernel direction the table shows. */
const sinks: Record<Protocol, { direction: Direction; title: string }> = {
  tcp: { direction: 'userToSocket', title: 'user→socket' },
  http: { direction: 'userToSocket', title: 'user→socket' },
  pipe: { direction: 'userToPipe', title: 'user→pipe' },
  file: { direction: 'userToFile', title: 'user→file' },
  log: { direction: 'userToSocket', title: 'user→socket' },
};

function columns(result: LabResult): string[] {
  const sink = sinks[result.runs[0]?.protocol ?? 'tcp'].title;
  return ['runtime', 'method', 'verified', 'syscalls (calls)', 'file→user', sink, 'kernel-moved',
    'copies/byte', 'mode sw', 'ctx sw', 'faults', 'user s', 'sys s', 'MiB/s', '× rw speed', '× rw CPU'];
}

function syscallSummary(run: Run): string {
  if (!run.traced) return 'untraced';
  const entries = Object.entries(run.syscalls).sort((a, b) => b[1].calls - a[1].calls);
  return entries.map(([name, entry]) => `${name} ${entry.calls}`).join(', ') || 'none';
}

function ratio(value: number, baseline: number | undefined): string {
  return baseline ? `${(value / baseline).toFixed(2)}` : '—';
}

/** Lab 04 runs read-write once per buffer size: those rows carry their size in the method cell. */
export function methodLabel(run: Run, result: LabResult): string {
  const sweep = new Set(result.runs.filter((other) => other.runtime === run.runtime && other.method === run.method).map((other) => other.chunk)).size > 1;
  const label = sweep && run.chunk ? `${run.method} ${formatBytes(run.chunk)}` : run.method;
  return run.destination ? `${label} → ${run.destination.replace('file system', 'fs')}` : label;
}

export function rows(result: LabResult): string[][] {
  return result.runs.map((run) => {
    const baseline = result.runs.find((other) => other.runtime === run.runtime && other.method === 'read-write');
    const cpu = run.cpu.user + run.cpu.sys;
    const sink = sinks[run.protocol].direction;
    return [
      `${run.runtime} ${run.runtimeVersion}`,
      methodLabel(run, result),
      run.verified ? 'sha256 ✓' : '✗',
      syscallSummary(run),
      run.copies ? formatBytes(run.copies.fileToUser) : '?',
      run.copies ? formatBytes(run.copies[sink]) : '?',
      run.copies ? formatBytes(run.copies.kernelMoved) : '?',
      run.copiesPerByte === null ? '?' : run.copiesPerByte.toFixed(2),
      run.modeSwitches === null ? '?' : String(run.modeSwitches),
      String(Math.round(run.contextSwitches)),
      String(Math.round(run.minorPageFaults)),
      run.cpu.user.toFixed(3),
      run.cpu.sys.toFixed(3),
      run.mibPerSecond.toFixed(0),
      ratio(run.mibPerSecond, baseline?.mibPerSecond),
      ratio(cpu, baseline && baseline.cpu.user + baseline.cpu.sys),
    ];
  });
}

export function table(header: readonly string[], body: string[][]): string {
  const widths = header.map((title, i) => Math.max([...title].length, ...body.map((row) => [...row[i]].length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell + ' '.repeat(widths[i] - [...cell].length)).join('  ').trimEnd();
  return [line(header), widths.map((width) => '─'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

export function renderResult(result: LabResult): string {
  const size = result.runs[0]?.bytes;
  const versions = Object.entries(result.runtimes).map(([name, version]) => `${name} ${version}`).join(', ');
  const timed = result.runs[0]?.timedTransfers;
  const sizes = [...new Set(result.runs.filter((run) => run.method === 'read-write' && run.chunk).map((run) => run.chunk!))];
  const sweep = sizes.length > 1 ? sizes.map(formatBytes).join(', ') : '';
  const lines = [
    `Lab ${result.lab} — ${result.title}`,
    `${result.machine.cpu}, ${result.machine.cores} cores, ${result.machine.platform} ${result.machine.kernel}; ${versions}`,
    size ? `file ${formatBytes(size)}, read-write buffer ${sweep ? sweep : formatBytes(result.chunk)}; counts from one strace-traced transfer, time and CPU the median of ${timed} untraced transfers after a warm-up` : '',
    `× rw = ratio to the same runtime's ${sweep ? 'smallest-buffer ' : ''}read-write; mode sw = 2 per traced syscall (user↔kernel), ctx sw = the server's real context switches; faults = minor page faults`,
    '',
    result.runs.length ? table(columns(result), rows(result)) : 'No method could be measured.',
  ];
  for (const row of result.notMeasured) {
    lines.push(`  ${row.runtime} ${row.method}: ${row.status === 'unavailable' ? 'not available' : 'FAILED'} — ${row.reason}`);
  }
  const served = result.runs.filter((run) => run.consumers);
  if (served.length) {
    const storage = served.map((run) => `${run.runtime} ${run.method} ${run.storageReadBytes === null || run.storageReadBytes === undefined ? 'unknown' : formatBytes(run.storageReadBytes)}`);
    lines.push('', `Each transfer: ${served[0].consumers} consumers read the whole log at once (bytes, copies/byte and MiB/s count all of them).`,
      `Read from storage while serving (page cache misses): ${storage.join('; ')}.`);
    for (const run of served.filter((candidate) => candidate.produce)) {
      const { batches, batchBytes, seconds } = run.produce!;
      lines.push(`Produced by ${run.runtime} ${run.method}: ${batches} batches of ${formatBytes(batchBytes)} in ${seconds.toFixed(2)} s (${(run.bytes / 2 ** 20 / seconds).toFixed(0)} MiB/s).`);
    }
  }
  if (!result.tracing.available) {
    lines.push('', `Not traced: ${result.tracing.reason}. The rows are timed but carry no syscall counts (?).`, `To get them: ${result.tracing.fix}.`);
  }
  return lines.filter((line, i) => line !== '' || i > 2).join('\n');
}
