// The bench's progress on stderr, so stdout stays the table or the JSON. On a terminal: one bar,
// redrawn in place, weighted by bytes so the 1 GiB rows move it as much as they take; elsewhere
// (CI, a pipe): one line per step.
import { formatDuration } from './format.ts';

export interface Progress {
  /** What runs now: a new line where there is no bar. */
  step(label: string): void;
  /** A finer step (one timed run): shown on the bar only, so a CI log stays short. */
  detail(label: string): void;
  /** Work done, in the same units as the total. */
  advance(weight: number): void;
  done(): void;
}

export function progressBar(total: number, out: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let finished = 0;
  let label = '';
  const draw = () => {
    const share = Math.min(1, finished / total);
    const filled = Math.round(share * 24);
    const bar = `[${'█'.repeat(filled)}${'░'.repeat(24 - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${formatDuration((Date.now() - started) / 1000)}`;
    out.write(`\r\x1b[K${bar}  ${label}`.slice(0, (out.columns || 120) + 5));
  };
  return {
    step(next) {
      label = next;
      if (out.isTTY) draw();
      else out.write(`  … ${next}\n`);
    },
    detail(next) {
      label = next;
      if (out.isTTY) draw();
    },
    advance(weight) {
      finished += weight;
      if (out.isTTY) draw();
    },
    done() {
      if (out.isTTY) out.write('\r\x1b[K');
    },
  };
}
