// The bench's result as plain JSON (the shape `--json` prints), and where it is kept: next to its
// chart under .workbook/bench/, named by time, so the book picks up the newest SVG.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Machine } from '../lab/machine.ts';
import { benchDir } from '../paths.ts';
import { renderChart } from './chart.ts';
import type { StraceOverhead } from './overhead.ts';
import type { ParserBench } from './parser-bench.ts';
import type { Ratio, BenchRow } from './stats.ts';
import type { CacheSetting, Failure, Unavailable, VerificationSetting } from './sweep.ts';


export interface BenchMachine extends Machine {
  runtimes: Record<string, string>;
  /** The file system the data files were written to, and its directory. */
  fileSystem: string;
  dataDir: string;
}

export interface BenchDocument {
  kind: 'bench';
  lab: string;
  title: string;
  createdAt: string;
  machine: BenchMachine;
  settings: {
    sizes: number[];
    /** Set by --sizes ibm: the sizes of IBM's transferTo article, compared with its figures. */
    preset?: 'ibm';
    /** Timed runs per size, after one warm-up each. */
    runs: Record<string, number>;
    chunk: number;
    cache: CacheSetting;
    client: string;
    /** How each size's transfers were checked: compared byte for byte with the file, or SHA-256. */
    verification: VerificationSetting[];
    /** What counted syscalls in the timed transfers, or why nothing could. */
    syscallCounter: { tool: string; event: string } | { tool: string; reason: string };
    /** Set by --tamper: the method whose data file was changed after hashing, to prove verification. */
    tampered?: string;
  };
  rows: BenchRow[];
  ratios: Ratio[];
  /** Cells with a failed or unverified transfer: never rows. */
  failures: Failure[];
  unavailable: Unavailable[];
  straceOverhead: StraceOverhead;
  seconds: { sweep: number; straceOverhead: number; total: number };
}

export interface ParserDocument extends ParserBench {
  kind: 'parser-bench';
  createdAt: string;
  machine: Machine;
  targetLinesPerSecond: number;
}

function writeAtomically(path: string, text: string): void {
  writeFileSync(path + '.partial', text);
  renameSync(path + '.partial', path);
}

export function saveBench(document: BenchDocument, dir = benchDir): { json: string; svg: string } {
  mkdirSync(dir, { recursive: true });
  const stem = join(dir, `bench-${document.createdAt.replace(/[:.]/g, '-')}`);
  const cache = document.settings.cache.requested === 'cold' && document.settings.cache.dropped ? 'cold page cache' : 'warm page cache';
  const versions = Object.entries(document.machine.runtimes).map(([name, version]) => `${name} ${version}`).join(', ');
  writeAtomically(`${stem}.json`, JSON.stringify(document, null, 2) + '\n');
  writeAtomically(`${stem}.svg`, renderChart({
    title: `Lab ${document.lab}, ${document.title}: what each method costs`,
    subtitle: [`${document.machine.cpu}, ${document.machine.cores} cores, ${document.machine.platform} ${document.machine.kernel}; ${versions}`,
      `${cache}, data on ${document.machine.fileSystem}; median of ${[...new Set(Object.values(document.settings.runs))].join('/')} timed runs after a warm-up, ` +
      `untraced, every transfer verified by SHA-256; ${document.createdAt.slice(0, 10)}`],
    rows: document.rows,
  }));
  return { json: `${stem}.json`, svg: `${stem}.svg` };
}
