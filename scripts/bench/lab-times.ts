// `bench --lab-times`: how long the classroom commands take on this tree, as a reader types them
// (npm start, npm run lab -- NN, npm run lab -- all), each run `--rounds` times one after the
// other, never side by side (on 2 cores that would corrupt every timing). It reports medians
// against the classroom targets; it asserts nothing (benchmarks report, tests check). A command
// that fails is named with its exit code, not timed.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { labs } from '../catalogue.ts';
import { repositoryRoot } from '../paths.ts';
import { textTable } from '../lab/rows.ts';
import { median } from '../lab/run.ts';

export interface LabTime { command: string; targetSeconds: number; seconds: number[]; failed: string | null }

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The targets a room of laptops can wait for while an instructor talks. */
export function classroomCommands(): Array<{ command: string; args: string[]; targetSeconds: number }> {
  return [
    { command: 'npm start', args: ['start'], targetSeconds: 15 },
    ...labs.map((lab) => ({ command: `npm run lab -- ${lab.id}`, args: ['run', 'lab', '--', lab.id], targetSeconds: 10 })),
    { command: 'npm run lab -- all', args: ['run', 'lab', '--', 'all'], targetSeconds: 60 },
  ];
}

function timed(args: string[], timeoutMs: number): Promise<{ seconds: number; code: number | null }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(npm, ['--silent', ...args], { cwd: repositoryRoot, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGINT'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ seconds: (performance.now() - started) / 1000, code });
    });
  });
}

export async function measureLabTimes(rounds: number, progress: (line: string) => void): Promise<LabTime[]> {
  const times: LabTime[] = [];
  for (const { command, args, targetSeconds } of classroomCommands()) {
    const entry: LabTime = { command, targetSeconds, seconds: [], failed: null };
    for (let round = 1; round <= rounds && !entry.failed; round++) {
      progress(`${command} (${round}/${rounds})`);
      const { seconds, code } = await timed(args, 20 * targetSeconds * 1000);
      if (code === 0) entry.seconds.push(seconds);
      else entry.failed = `exit code ${code}`;
    }
    times.push(entry);
  }
  return times;
}

export function renderLabTimes(times: LabTime[]): string {
  const body = times.map((time) => {
    if (time.failed) return [time.command, '—', '—', '—', `${time.targetSeconds} s`, `failed: ${time.failed}`];
    const middle = median(time.seconds);
    return [time.command, `${middle.toFixed(1)} s`, `${Math.min(...time.seconds).toFixed(1)} s`, `${Math.max(...time.seconds).toFixed(1)} s`,
      `≤ ${time.targetSeconds} s`, middle <= time.targetSeconds ? 'met' : `over by ${(middle - time.targetSeconds).toFixed(1)} s`];
  });
  return textTable(['command', 'median', 'min', 'max', 'target', ''], body);
}
