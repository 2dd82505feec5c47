// A reader presses Ctrl-C halfway (or a container is stopped with SIGTERM). The
// runner's servers, clients and strace are gone within 2 s, its temporary data file with them,
// the results already complete are kept, and the lab that was cut short leaves no result at all.
// Real processes, real signals; the runner writes its results to a directory of the test's own.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { descendants, eventually, isRunning } from './fixtures/lab-servers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Seen { comm: string; started: string }

/** The kernel's start time tells a process from a later one that reuses its pid. */
function identity(pid: number): Seen | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), started: fields[19] ?? '' };
  } catch {
    return null;
  }
}

function stillThere(pid: number, seen: Seen): boolean {
  return isRunning(pid) && identity(pid)?.started === seen.started;
}

/** Processes anywhere on the machine working on the runner's files: a child started during the shutdown would be one. */
function usersOf(workDir: string | undefined): number[] {
  if (!workDir) return [];
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number).filter((pid) => {
    try {
      return isRunning(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(workDir);
    } catch {
      return false;
    }
  });
}

interface Interrupted {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Every descendant of the runner alive at the signal, by pid. */
  atSignal: Map<number, Seen>;
  /** Milliseconds from the signal until the last of them was gone (Infinity: one was still there after 5 s). */
  reapedMs: number;
  workDir: string | undefined;
}

/**
 * Runs `workbook lab …`, watches its process tree through /proc, and sends `signal` to the runner
 * alone (its children are in process groups of their own) once `ready` says the moment has come.
 */
async function interrupt(args: string[], signal: NodeJS.Signals, resultsDir: string,
  ready: (stderr: string, tree: Map<number, Seen>) => boolean): Promise<Interrupted> {
  const runner = spawn(process.execPath, ['--import', 'tsx', 'scripts/workbook.ts', 'lab', ...args],
    { cwd: root, env: { ...process.env, WORKBOOK_RESULTS: resultsDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let [stdout, stderr] = ['', ''];
  runner.stdout.on('data', (text) => { stdout += text; });
  runner.stderr.on('data', (text) => { stderr += text; });
  const exited = new Promise<number | null>((resolve) => runner.on('close', (code) => resolve(code)));
  const guard = setTimeout(() => runner.kill('SIGKILL'), 150_000);
  let workDir: string | undefined;
  const tree = () => {
    const now = new Map<number, Seen>();
    for (const pid of descendants(runner.pid!)) {
      const seen = identity(pid);
      if (seen) now.set(pid, seen);
      workDir ??= /(\/\S*\/zero-copy-workbook-[^/\s\0]+)\/data-/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '))?.[1];
    }
    return now;
  };
  try {
    let atSignal = new Map<number, Seen>();
    const due = await eventually(() => { atSignal = tree(); return ready(stderr, atSignal); }, 120_000, 50);
    assert.ok(due, `the moment to interrupt never came; stderr: ${stderr.slice(-500)}`);
    const signalled = Date.now();
    runner.kill(signal);
    const reaped = await eventually(() => [...atSignal].every(([pid, seen]) => !stillThere(pid, seen))
      && tree().size === 0 && usersOf(workDir).length === 0, 5_000, 20);
    const reapedMs = reaped ? Date.now() - signalled : Infinity;
    return { exitCode: await exited, stdout, stderr, atSignal, reapedMs, workDir };
  } finally {
    clearTimeout(guard);
    runner.kill('SIGKILL');
  }
}

function describe(tree: Map<number, Seen>): string {
  return [...tree].map(([pid, seen]) => `${seen.comm}(${pid})`).join(' ');
}

test('Ctrl-C in lab 02, after lab 01 was saved: all children gone within 2 s, temp files removed, lab 01 kept, no lab 02', async () => {
  const results = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-test-results-'));
  try {
    // Interrupted while strace traces lab 02's server, so a tracer, a server and a client are all alive.
    const run = await interrupt(['all', '--runtime', 'node', '--size', '8MiB'], 'SIGINT', results,
      (stderr, tree) => /lab 02 · node read-write: tracing/.test(stderr)
        && [...tree.values()].some((seen) => seen.comm === 'strace') && [...tree.values()].filter((seen) => seen.comm === 'node').length >= 2);
    assert.is(run.exitCode, 130, run.stderr);
    assert.ok(run.reapedMs <= 2_000, `children still running ${run.reapedMs} ms after SIGINT: ${describe(run.atSignal)}`);
    assert.ok(run.atSignal.size >= 3, `expected strace, a server and a client at the signal, saw ${describe(run.atSignal)}`);
    assert.ok(run.workDir, 'the runner\'s work dir was seen in a server\'s arguments');
    assert.not.ok(existsSync(run.workDir!), `${run.workDir} was left behind`);
    assert.match(run.stderr, /Stopped by SIGINT/);
    assert.not.match(run.stderr, /\n\s+at /, 'no stack trace');
    const saved = readdirSync(results);
    assert.equal(saved.map((name) => name.replace(/-\d{4}-.*/, '')), ['lab-01'], `saved: ${saved.join(', ')}`);
    const lab01 = JSON.parse(readFileSync(join(results, saved[0] ?? ''), 'utf8'));
    assert.is(lab01.lab, '01');
    assert.equal(lab01.runs.map((row: { method: string; verified: boolean }) => `${row.method} ${row.verified}`), ['read-write true', 'stream true']);
  } finally {
    rmSync(results, { recursive: true, force: true });
  }
});

test('SIGTERM during the first lab: children gone within 2 s, temp files removed, nothing saved', async () => {
  const results = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-test-results-'));
  try {
    // Interrupted mid-timing, while a server and the client move the file.
    const run = await interrupt(['01', '--runtime', 'node', '--size', '8MiB', '--no-trace'], 'SIGTERM', results,
      (stderr, tree) => /lab 01 · node read-write: timing/.test(stderr) && tree.size >= 2);
    assert.is(run.exitCode, 143, run.stderr);
    assert.ok(run.reapedMs <= 2_000, `children still running ${run.reapedMs} ms after SIGTERM: ${describe(run.atSignal)}`);
    assert.ok(run.workDir && !existsSync(run.workDir), `${run.workDir} was left behind`);
    assert.match(run.stderr, /Stopped by SIGTERM/);
    assert.equal(readdirSync(results), [], 'a cut-short lab saves nothing, not even a .partial file');
  } finally {
    rmSync(results, { recursive: true, force: true });
  }
});

test.run();
