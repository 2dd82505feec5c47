// Whether strace can watch a lab here, and how. Tracing is optional: a lab without it still runs and
// times, and the reader is told exactly how to get the counts.
//
// Two ways to trace the one transfer a row counts, measured on the project's 2-core machine:
// - attach: `strace -f -p PID` to the server that has just served the warm-up and the timed
//   transfers, then detach. Start-up is neither traced nor parsed and one server process does
//   every transfer of a row (Node through tsx takes about half a second to start).
// - launch: a second server started under `strace -f`, where attaching is not allowed (Yama's
//   ptrace_scope 1, a common default, lets a process trace only its own descendants, and the
//   server is strace's sibling).
// Both trace every syscall, not only the I/O set: the mode switches count them all. That costs
// little here: ptrace stops the process at every syscall anyway, and strace's own -e filter only
// decides what it prints. `--seccomp-bpf` would keep the other syscalls from stopping it at all
// (it halved a 4 KiB read-write transfer under strace), but it works only for a process strace
// starts, and then the trace can no longer count the syscalls it filtered out.
import { readdirSync, readFileSync } from 'node:fs';
import { platform } from 'node:os';
import { capture, start, type Child } from './processes.ts';
import type { Command } from '../../runtime-adapters/types.ts';

export type Tracing =
  | { available: true; strace: string; attach: boolean; note?: string }
  | { available: false; reason: string; fix: string };

const traceOptions = ['-f', '-yy', '-s0', '-qq'];

export async function probeTracing(strace = process.env.WORKBOOK_STRACE ?? 'strace'): Promise<Tracing> {
  if (platform() !== 'linux') {
    return {
      available: false,
      reason: `tracing needs Linux's strace, and this is ${platform()}`,
      fix: 'run the labs in a Linux VM or container to see the syscall counts (on macOS, dtruss needs SIP disabled and is not supported here)',
    };
  }
  const probe = await capture(strace, ['-f', '-qq', '-o', '/dev/null', '--', 'true']).catch(() => null);
  if (!probe || probe.code === null || /not found|ENOENT/i.test(probe.stderr) || probe.code === 127) {
    return { available: false, reason: 'strace is not installed', fix: 'install it: sudo apt-get install strace (Debian/Ubuntu) or sudo dnf install strace' };
  }
  if (probe.code !== 0) {
    const said = probe.stderr.trim().split('\n')[0];
    return {
      available: false,
      reason: `strace cannot trace here (${said})`,
      fix: /not permitted|EPERM/i.test(probe.stderr)
        ? 'ptrace is denied: in Docker run with --cap-add=SYS_PTRACE; or, if Yama blocks it (ptrace_scope 2 or 3), sudo sysctl kernel.yama.ptrace_scope=1 lets a process trace its own children'
        : 'check that `strace -f true` works in this shell',
    };
  }
  const attach = await canAttach(strace);
  return attach
    ? { available: true, strace, attach: true }
    : { available: true, strace, attach: false, note: 'strace may not attach to a running server here (Yama ptrace_scope); each traced transfer starts a server of its own under strace' };
}

/** The thread ids of a process, and the tracer of each (0: none). */
function tracers(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map((tid) => Number(/TracerPid:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'))?.[1] ?? 0));
  } catch {
    return [];
  }
}

/** Attaches to a sleeping child: Yama, a container or a missing capability may forbid it. */
async function canAttach(strace: string): Promise<boolean> {
  const sleeper = start({ file: 'sleep', args: ['30'] }, { timeoutMs: 30_000 });
  try {
    const tracer = await attach(strace, sleeper.pid, '/dev/null', 3000).catch(() => null);
    if (!tracer) return false;
    await tracer.detach();
    return true;
  } finally {
    await sleeper.stop();
  }
}

export interface AttachedTracer {
  /** Stops tracing: strace detaches from every thread, writes the rest of the trace and exits. */
  detach(): Promise<void>;
}

/**
 * `strace -f -p PID`: attaches to every thread of a running process (and follows new ones), and
 * resolves once each thread has its tracer, so no syscall of the transfer that follows is missed.
 */
export async function attach(strace: string, pid: number, traceFile: string, timeoutMs = 10_000): Promise<AttachedTracer> {
  const tracer: Child = start({ file: strace, args: [...traceOptions, '-o', traceFile, '-p', String(pid)] }, { timeoutMs: 10 * 60_000 });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = tracers(pid);
    if (seen.length && seen.every((tracerPid) => tracerPid !== 0)) break;
    const exited = await Promise.race([tracer.exited, new Promise<null>((resolve) => setTimeout(resolve, 5, null))]);
    if (exited) throw new Error(`strace could not attach to ${pid}: ${exited.stderr.split('\n')[0] ?? `exit ${exited.code}`}`);
    if (Date.now() > deadline) {
      await tracer.stop();
      throw new Error(`strace did not attach to every thread of ${pid} within ${timeoutMs / 1000} s`);
    }
  }
  let detached: Promise<void> | undefined;
  return {
    detach() {
      // SIGINT makes strace detach cleanly and flush its output; SIGKILL would leave the threads stopped.
      detached ??= (async () => {
        try { process.kill(tracer.pid, 'SIGINT'); } catch { /* already gone */ }
        await tracer.exited;
      })();
      return detached;
    },
  };
}

/** The server started under strace: -f follows every thread (libuv's pool, Bun's and Deno's workers), -yy names each fd. */
export function traced(command: Command, traceFile: string, strace: string): Command {
  return { file: strace, args: [...traceOptions, '-o', traceFile, '--', command.file, ...command.args], env: command.env };
}
