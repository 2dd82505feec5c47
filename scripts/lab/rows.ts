// The one place a Run becomes report rows: every figure a report shows, as a number (for charts)
// and as text (for tables), and the notes every report adds under its table (rows not measured,
// not traced, consumers). The terminal report, `npm start` and the book each pick their columns.
// Counts come from the traced pass, time and CPU from the untraced one; ratios compare each method
// with the same runtime's read-write of the same lab run, per byte moved: a sweep row or a slow
// method may send a smaller file (lab 04's 4 KiB row 1 MiB, lab 08's gzip 2 MiB and transform 4 MiB), and lab 07 moves
// the file once per consumer, so CPU is compared per GiB and speed in MiB/s, never per transfer.
import { formatBytes } from '../sizes.ts';
import { transports } from './transports.ts';
import type { LabResult, Run } from './results.ts';

export type Column = 'runtime' | 'method' | 'verified' | 'size' | 'syscalls' | 'fileToUser' | 'sink' | 'inKernel' | 'copiesPerByte' | 'cpuCopiesPerByte'
  | 'modeSwitches' | 'topCalls' | 'contextSwitches' | 'faults' | 'user' | 'sys' | 'cpu' | 'cpuPerGiB' | 'mibPerSecond' | 'speedVsReadWrite' | 'cpuVsReadWrite';

/** The figures of one run; undefined where the run has none (untraced: unknown is not zero). */
export interface Figures {
  syscallCalls: number | undefined;
  fileToUser: number | undefined;
  sink: number | undefined;
  kernelByReference: number | undefined;
  kernelCopied: number | undefined;
  copiesPerByte: number | undefined;
  cpuCopiesPerByte: number | undefined;
  modeSwitches: number | undefined;
  /** Every syscall of the transfer by name (undefined: untraced, or saved before names were counted). */
  allSyscallsByName: Record<string, number> | undefined;
  cpuSeconds: number;
  cpuSecondsPerGiB: number;
  mibPerSecond: number;
  speedVsReadWrite: number | undefined;
  cpuVsReadWrite: number | undefined;
}

export interface ReportRow {
  run: Run;
  label: string;
  figures: Figures;
  cells: Record<Column, string>;
}

const gib = 1024 ** 3;

/** The column titles; the sink column is named by where the lab's bytes go. */
export function columnTitles(result: LabResult): Record<Column, string> {
  const protocol = result.runs[0]?.protocol ?? 'tcp';
  return {
    runtime: 'runtime', method: 'method', verified: 'verified', size: 'file', syscalls: 'syscalls (calls)', fileToUser: 'file→user',
    sink: transports[protocol].sink.title, inKernel: 'in kernel', copiesPerByte: 'copies/byte', cpuCopiesPerByte: 'CPU copies/byte', modeSwitches: 'mode sw', topCalls: 'all syscalls, top 4',
    contextSwitches: 'ctx sw', faults: 'faults', user: 'user s', sys: 'sys s', cpu: 'CPU s', cpuPerGiB: 'CPU s/GiB',
    mibPerSecond: 'MiB/s', speedVsReadWrite: '× rw speed', cpuVsReadWrite: '× rw CPU',
  };
}

/** Lab 04 runs read-write once per buffer size and lab 05 once per file system: the label says which. */
function methodLabel(run: Run, result: LabResult): string {
  const sweep = new Set(result.runs.filter((other) => other.runtime === run.runtime && other.method === run.method).map((other) => other.chunk)).size > 1;
  const label = sweep && run.chunk ? `${run.method} ${formatBytes(run.chunk)}` : run.method;
  return run.destination ? `${label} → ${run.destination.replace('file system', 'fs')}` : label;
}

const cpuOf = (run: Run) => run.cpu.user + run.cpu.sys;
/** Server CPU seconds per GiB the run moved: its file once per consumer. */
const cpuPerGiB = (run: Run) => cpuOf(run) / ((run.bytes * (run.consumers ?? 1)) / gib);
const ratio = (value: number, baseline: number | undefined) => (baseline ? value / baseline : undefined);
const show = (value: number | undefined, format: (value: number) => string) => (value === undefined ? '?' : format(value));
const fixed = (digits: number) => (value: number) => value.toFixed(digits);

/** What the kernel moved itself: "16 MiB by ref" (page references handed on), "16 MiB copied" (its own CPU copy). */
function inKernel(figures: Figures): string {
  if (figures.kernelByReference === undefined || figures.kernelCopied === undefined) return '?';
  const parts = [figures.kernelByReference ? `${formatBytes(figures.kernelByReference)} by ref` : '', figures.kernelCopied ? `${formatBytes(figures.kernelCopied)} copied` : ''];
  return parts.filter(Boolean).join(' + ') || '0';
}

/** The commonest of every syscall in the window ("futex 423, read 216, …"): where the mode switches come from. */
function topCalls(run: Run): string {
  if (!run.traced) return 'untraced';
  if (!run.allSyscallsByName) return '?';
  const entries = Object.entries(run.allSyscallsByName).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.slice(0, 4).map(([name, calls]) => `${name} ${calls}`).join(', ') || 'none';
}

function syscallSummary(run: Run): string {
  if (!run.traced) return 'untraced';
  const entries = Object.entries(run.syscalls).sort((a, b) => b[1].calls - a[1].calls);
  return entries.map(([name, entry]) => `${name} ${entry.calls}`).join(', ') || 'none';
}

export function reportRows(result: LabResult): ReportRow[] {
  return result.runs.map((run) => {
    // The baseline: the same runtime's read-write in this run (the smallest buffer when swept).
    const baseline = result.runs.find((other) => other.runtime === run.runtime && other.method === 'read-write');
    const sink = transports[run.protocol].sink.direction;
    const figures: Figures = {
      syscallCalls: run.traced ? Object.values(run.syscalls).reduce((sum, entry) => sum + entry.calls, 0) : undefined,
      fileToUser: run.copies?.fileToUser,
      sink: run.copies?.[sink],
      kernelByReference: run.copies?.kernelByReference,
      kernelCopied: run.copies?.kernelCopied,
      copiesPerByte: run.copiesPerByte ?? undefined,
      cpuCopiesPerByte: run.cpuCopiesPerByte ?? undefined,
      modeSwitches: run.modeSwitches ?? undefined,
      allSyscallsByName: run.allSyscallsByName ?? undefined,
      cpuSeconds: cpuOf(run),
      cpuSecondsPerGiB: cpuPerGiB(run),
      mibPerSecond: run.mibPerSecond,
      speedVsReadWrite: baseline && baseline !== run ? ratio(run.mibPerSecond, baseline.mibPerSecond) : undefined,
      cpuVsReadWrite: baseline && baseline !== run ? ratio(cpuPerGiB(run), cpuPerGiB(baseline)) : undefined,
    };
    const label = methodLabel(run, result);
    return {
      run, label, figures,
      cells: {
        runtime: `${run.runtime} ${run.runtimeVersion}`, method: label, verified: run.verified ? 'sha256 ✓' : '✗', size: formatBytes(run.bytes),
        syscalls: syscallSummary(run), fileToUser: show(figures.fileToUser, formatBytes), sink: show(figures.sink, formatBytes),
        inKernel: inKernel(figures), copiesPerByte: show(figures.copiesPerByte, fixed(2)), cpuCopiesPerByte: show(figures.cpuCopiesPerByte, fixed(2)),
        modeSwitches: show(figures.modeSwitches, String), topCalls: topCalls(run), contextSwitches: String(Math.round(run.contextSwitches)),
        faults: String(Math.round(run.minorPageFaults)), user: run.cpu.user.toFixed(3), sys: run.cpu.sys.toFixed(3),
        cpu: figures.cpuSeconds.toFixed(3), cpuPerGiB: figures.cpuSecondsPerGiB.toFixed(3), mibPerSecond: run.mibPerSecond.toFixed(0),
        speedVsReadWrite: figures.speedVsReadWrite === undefined ? '—' : figures.speedVsReadWrite.toFixed(2),
        cpuVsReadWrite: figures.cpuVsReadWrite === undefined ? '—' : figures.cpuVsReadWrite.toFixed(2),
      },
    };
  });
}

/** The lines every report prints under its table: what was not measured and what was served; then
 *  why the counts are missing when the run was not traced (the same for every lab of a session). */
export function reportNotes(result: LabResult): { rows: string[]; tracing: string[] } {
  const notes = result.notMeasured.map((row) => `${row.runtime} ${row.method}: ${row.status === 'unavailable' ? 'not available' : 'FAILED'} — ${row.reason}`);
  for (const run of result.runs) {
    if (run.zerocopy && run.uring) {
      notes.push(`${run.runtime} ${run.method}: strace sees only io_uring_enter, so this row's bytes are the completions' own (${run.uring.submissions} SEND_ZC submissions, ${formatBytes(run.uring.bytes)}); `
        + `the notifications said IORING_NOTIF_USAGE_ZC_COPIED for ${run.zerocopy.copiedSends} of ${run.zerocopy.sends}, so ${run.zerocopy.copied ? 'they count as copied (user→socket)' : 'those count as copied, the rest by reference'}.`);
    } else if (run.zerocopy) {
      notes.push(`${run.runtime} ${run.method}: the kernel reported ${run.zerocopy.copiedSends} of ${run.zerocopy.sends} MSG_ZEROCOPY sends copied (SO_EE_CODE_ZEROCOPY_COPIED, in ${run.zerocopy.notifications} error-queue notifications), `
        + `so ${run.zerocopy.copied ? 'every byte counts as a copy (user→socket)' : 'those count as copies, the rest by reference'}.`);
    }
    if (run.reflink) notes.push(`${run.runtime} ${run.method}${run.destination ? ` → ${run.destination}` : ''}: the copy shares its extents with the source (a reflink), so no byte was copied.`);
  }
  if (result.runs.some((run) => run.zerocopy) && result.route) {
    notes.push('A zero-copy send looped to a local socket is copied when it reaches the receiving socket (the kernel\'s msg_zerocopy.rst: "looped to a local socket will incur a deferred copy"): on loopback it can only ever degrade to mmap + write.');
  }
  if (result.route && result.runs.some((run) => run.copies?.kernelByReference)) {
    notes.push(`Route: ${result.route.detail} (read by ${result.route.runtime}); that is why sendfile and splice to the socket count "by ref". On a NIC without it the kernel copies once, and the same bytes would count "copied".`);
  }
  for (const probe of result.probes ?? []) notes.push(`${probe.facility === 'ktls' ? 'kTLS' : probe.facility}: ${probe.available ? 'available' : 'not available'} — ${probe.detail}.`);
  const served = result.runs.filter((run) => run.consumers);
  if (served.length) {
    const storage = served.map((run) => `${run.runtime} ${run.method} ${run.storageReadBytes === null || run.storageReadBytes === undefined ? 'unknown' : formatBytes(run.storageReadBytes)}`);
    notes.push(`Each transfer: ${served[0]?.consumers} consumers read the whole log at once (bytes, copies/byte and MiB/s count all of them).`,
      `Read from storage while serving (page cache misses): ${storage.join('; ')}.`);
    for (const run of served) {
      if (!run.produce) continue;
      const { batches, batchBytes, seconds } = run.produce;
      notes.push(`Produced by ${run.runtime} ${run.method}: ${batches} batches of ${formatBytes(batchBytes)} in ${seconds.toFixed(2)} s (${(run.bytes / 2 ** 20 / seconds).toFixed(0)} MiB/s).`);
    }
  }
  const tracing = result.tracing.available ? [] : [`Not traced: ${result.tracing.reason ?? 'strace was not available'}. The rows are timed but carry no syscall counts (?).`,
    `To get them: ${result.tracing.fix ?? 'install strace'}.`];
  return { rows: notes, tracing };
}

/** Cells in aligned columns, with a rule under the header; widths count characters, not bytes. */
export function textTable(header: readonly string[], body: string[][]): string {
  const widths = header.map((title, i) => Math.max([...title].length, ...body.map((row) => [...(row[i] ?? '')].length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)).join('  ').trimEnd();
  return [line(header), widths.map((width) => '─'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

/**
 * The columns worth showing for these rows: "CPU copies/byte" only where the kernel's own copies
 * make it differ from "copies/byte", the file size only where rows sent different sizes, the top
 * calls only where a row has them (an untraced run, or one saved before they were counted, has none).
 */
export function columnsFor(rows: ReportRow[], columns: readonly Column[]): Column[] {
  const differs = rows.some((row) => row.figures.cpuCopiesPerByte !== undefined && Math.abs((row.figures.cpuCopiesPerByte ?? 0) - (row.figures.copiesPerByte ?? 0)) > 0.005);
  const sizes = new Set(rows.map((row) => row.run.bytes)).size > 1;
  const named = rows.some((row) => row.figures.allSyscallsByName);
  return columns.filter((column) => (column !== 'cpuCopiesPerByte' || differs) && (column !== 'size' || sizes) && (column !== 'topCalls' || named));
}

/** A table of the chosen columns of a result's rows (those worth showing: columnsFor). */
export function renderRows(result: LabResult, columns: readonly Column[], rows = reportRows(result)): string {
  const titles = columnTitles(result);
  const shown = columnsFor(rows, columns);
  return textTable(shown.map((column) => titles[column]), rows.map((row) => shown.map((column) => row.cells[column])));
}
