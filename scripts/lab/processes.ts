// Every child process the workbook starts goes through here (zx underneath): each one gets its
// own process group, a timeout, and a place in the `live` set, so Ctrl-C, a timeout or a crash
// in the runner never leaves a server, client or strace behind.
import { $, type ProcessPromise } from 'zx';
import type { Command } from '../../runtime-adapters/types.ts';

export interface Child {
  /** The process id of what was started (a shell, strace or the runtime itself). */
  readonly pid: number;
  /** The next line the child prints on stdout; rejects on exit, or after `timeoutMs`. */
  nextLine(timeoutMs: number): Promise<string>;
  send(line: string): void;
  /** Resolves when the child has exited, with its exit code and what it said on stderr. */
  exited: Promise<{ code: number | null; stderr: string }>;
  stop(): Promise<void>;
}

const live = new Set<ProcessPromise>();

/**
 * The environment of every child. zx runs each command through `bash -c`, and Debian's bash (built
 * with SSH_SOURCE_BASHRC) reads ~/.bashrc when its stdin is a socket — Node's stdio pipes are
 * socketpairs — and SHLVL is below 1: a CI runner's or a service's environment. A ~/.bashrc that
 * runs `pyenv init` then costs each server start 0.3 s, or a minute when a killed rehash left its
 * lock behind. SHLVL at 1 or more keeps bash at shell level 2 and out of every start-up file, as
 * does dropping BASH_ENV, which bash -c would source.
 */
export function childEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.BASH_ENV;
  if (!(Number(env.SHLVL) >= 1)) env.SHLVL = '1';
  return env;
}

/** `linesFrom: 'stderr'` is for a lab whose stdout carries the data itself (lab 06). */
export function start(command: Command, { timeoutMs, cwd, linesFrom = 'stdout' }: { timeoutMs: number; cwd?: string; linesFrom?: 'stdout' | 'stderr' }): Child {
  const env = childEnv(command.env);
  const child = $({ quiet: true, nothrow: true, detached: true, cwd, env, stdio: ['pipe', 'pipe', 'pipe'] })`${command.file} ${command.args}`;
  live.add(child);
  const timer = setTimeout(() => killGroup(child), timeoutMs);
  const lines: string[] = [];
  const waiting: Array<() => void> = [];
  let partial = '';
  let ended = false;
  const talk = linesFrom === 'stderr' ? child.stderr : child.stdout;
  talk.setEncoding('utf8');
  talk.on('data', (text: string) => {
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter((line) => line.trim() !== ''));
    waiting.splice(0).forEach((wake) => wake());
  });
  const exited = (async () => {
    const output = await child;
    clearTimeout(timer);
    live.delete(child);
    ended = true;
    waiting.splice(0).forEach((wake) => wake());
    return { code: output.exitCode, stderr: output.stderr.trim() };
  })();
  return {
    // zx spawns on the next tick: the pid is read when asked for, after the child has started.
    get pid() { return child.pid ?? 0; },
    async nextLine(lineTimeoutMs) {
      const deadline = Date.now() + lineTimeoutMs;
      while (lines.length === 0) {
        if (ended) throw new Error(`exited before answering${(await exited).stderr ? ': ' + lastLines((await exited).stderr) : ''}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no answer within ${Math.round(lineTimeoutMs / 1000)} s`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiting.push(() => { clearTimeout(timer); resolve(); });
        });
      }
      return lines.shift() ?? '';
    },
    send(line) {
      if (!ended) child.stdin.write(line + '\n');
    },
    exited,
    async stop() {
      if (!ended) killGroup(child);
      await exited;
    },
  };
}

function lastLines(text: string): string {
  return text.split('\n').slice(-3).join(' | ');
}

/**
 * SIGKILL to the child's process group (a started child leads one), so a shell, strace and the
 * runtime under it go together; a captured command, which leads none, is killed alone. Not zx's
 * kill(): it lists descendants with `ps`, which slim container images lack, and then zx throws
 * from a callback and crashes the runner.
 */
function killGroup(child: ProcessPromise): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    try { process.kill(child.pid!, 'SIGKILL'); } catch { /* already gone */ }
  }
}

/** Kill every child still running; used on Ctrl-C, SIGTERM and before exiting with an error. */
export async function stopAll(): Promise<void> {
  for (const child of live) killGroup(child);
}

/** Runs a short command to completion: its exit code (null when killed by the timeout), stdout and stderr. */
export async function capture(file: string, args: string[], timeoutMs = 10_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = $({ quiet: true, nothrow: true, env: childEnv() })`${file} ${args}`;
  const timer = setTimeout(() => killGroup(child), timeoutMs);
  const output = await child;
  clearTimeout(timer);
  return { code: output.exitCode, stdout: output.stdout, stderr: output.stderr };
}
