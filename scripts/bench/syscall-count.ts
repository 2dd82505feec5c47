// Every syscall a server makes, counted in the timed transfers themselves: perf's
// raw_syscalls:sys_enter tracepoint is a kernel counter, so counting costs the server almost
// nothing, where strace stops it twice per syscall (on the project's machine, a 4 KiB dd under
// strace -f ran 340 times slower, under perf stat on the syscall tracepoints 4 times). perf is
// attached to the running server with its counters off and switched on only around each
// transfer (perf stat --control, -D -1), so start-up and the runner's usage questions are not
// counted. Where perf is missing or not permitted (perf_event_paranoid, a container), the bench
// still runs and says why the column is empty.
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { capture, start, type Child } from '../lab/processes.ts';

export type SyscallCounter = { tool: 'perf'; available: true; perf: string } | { tool: 'perf'; available: false; reason: string };

const event = 'raw_syscalls:sys_enter';

/** The count perf stat -x, printed for the event: null when it says the event was not counted. */
export function parsePerfCount(output: string): number | null {
  for (const line of output.split('\n')) {
    const [count, , name] = line.split(',');
    if (name?.startsWith(event) && count !== undefined) {
      const value = Number(count);
      return Number.isFinite(value) ? value : null;
    }
  }
  return null;
}

export async function probeSyscallCounter(perf = process.env.WORKBOOK_PERF ?? 'perf'): Promise<SyscallCounter> {
  const probe = await capture(perf, ['stat', '-e', event, '-x', ',', '--', 'true']).catch(() => null);
  if (!probe || probe.code === 127 || /not found|ENOENT/i.test(probe.stderr)) {
    return { tool: 'perf', available: false, reason: 'perf is not installed (Debian: apt-get install linux-perf; Ubuntu: linux-tools-generic; Fedora: dnf install perf)' };
  }
  const count = parsePerfCount(probe.stderr);
  if (probe.code !== 0 || count === null || count === 0) {
    const said = probe.stderr.split('\n').find((line) => /permission|paranoid|not supported|No such|error/i.test(line))?.trim() ?? `exit ${probe.code}`;
    return { tool: 'perf', available: false, reason: `perf cannot count ${event} here (${said}): as root, or with kernel.perf_event_paranoid at 1 or below, it can` };
  }
  return { tool: 'perf', available: true, perf };
}

export interface SyscallCount {
  /** Counts the syscalls that follow, until pause(). Never throws: a perf that stops answering loses the count, not the row. */
  resume(): Promise<void>;
  pause(): Promise<void>;
  /** Stops perf: the syscalls counted while resumed, or why there is no count. */
  finish(): Promise<number | { reason: string }>;
}

/** Attaches perf to a running process (and the threads it starts), its counter off until resume(). */
export async function countSyscalls(counter: Extract<SyscallCounter, { available: true }>, pid: number, workDir: string): Promise<SyscallCount> {
  const dir = mkdtempSync(join(workDir, 'perf-'));
  const [control, acks, output] = [join(dir, 'control'), join(dir, 'ack'), join(dir, 'count')];
  for (const fifo of [control, acks]) {
    const made = await capture('mkfifo', [fifo]);
    if (made.code !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`mkfifo ${fifo}: ${made.stderr.trim()}`);
    }
  }
  const perf: Child = start({ file: counter.perf, args: ['stat', '-e', event, '-x', ',', '-o', output, '--control', `fifo:${control},${acks}`, '-D', '-1', '-p', String(pid)] }, { timeoutMs: 6 * 60 * 60_000 });
  // Both FIFOs opened read-write and non-blocking, so no open waits for perf to open its end, and
  // perf's acks are read on the event loop: a blocking read would hold a libuv pool thread for
  // good when perf dies before answering, and four of those stop every fs call in the process.
  const toPerf = openSync(control, constants.O_RDWR | constants.O_NONBLOCK);
  const fromPerf = new net.Socket({ fd: openSync(acks, constants.O_RDWR | constants.O_NONBLOCK), readable: true, writable: false });
  let answered: (() => void) | undefined;
  fromPerf.on('data', () => { const wake = answered; answered = undefined; wake?.(); });
  fromPerf.on('error', () => undefined);
  let lost: string | null = null;
  let gone = false;
  void perf.exited.then(() => { gone = true; });
  const tell = async (word: 'enable' | 'disable') => {
    if (lost) return;
    if (gone) {
      const exit = await perf.exited;
      lost = `perf stopped during the run (${firstLine(exit.stderr) || `exit ${exit.code}`})`;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = new Promise<void>((resolve) => { answered = resolve; });
      writeSync(toPerf, `${word}\n`);
      const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`perf did not answer "${word}" within 5 s`)), 5000); });
      const exited = perf.exited.then((exit) => { throw new Error(`perf stopped during the run (${firstLine(exit.stderr) || `exit ${exit.code}`})`); });
      await Promise.race([answer, late, exited]);
    } catch (error) {
      lost = (error as Error).message;
    } finally {
      answered = undefined;
      clearTimeout(timer);
    }
  };
  let finished: Promise<number | { reason: string }> | undefined;
  return {
    resume: () => tell('enable'),
    pause: () => tell('disable'),
    finish() {
      finished ??= (async () => {
        try { process.kill(perf.pid, 'SIGINT'); } catch { /* already gone */ }
        const exit = await perf.exited;
        closeSync(toPerf);
        fromPerf.destroy();
        const count = parsePerfCount(await readFile(output, 'utf8').catch(() => ''));
        rmSync(dir, { recursive: true, force: true });
        if (lost) return { reason: lost };
        return count === null ? { reason: `perf stopped without a count (${firstLine(exit.stderr) || `exit ${exit.code}`})` } : count;
      })();
      return finished;
    },
  };
}

function firstLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).find(Boolean) ?? '';
}
