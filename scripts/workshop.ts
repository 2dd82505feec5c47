// `workbook workshop reset`: a clean room for a class — every sheet blank (the answered ones backed
// up first), no lab results or traces, no progress — after the instructor confirms it.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { flagHelp, parseFlags, UsageError, type FlagSpec } from './args.ts';
import { chapters } from './catalogue.ts';
import { defaultAnswersDir, loadKey, sheetPath } from './check/sheets.ts';
import type { ChapterKey } from './check/types.ts';
import { defaultProgressPath } from './progress/store.ts';
import { blankSheet, defaultBackupsDir, describeReset, resetSheet, shown } from './reset.ts';
import { defaultResultsDir } from './results.ts';
import { tracesDir as defaultTracesDir } from './run-lab.ts';

export const workshopFlags: FlagSpec = {
  yes: { kind: 'boolean', help: 'do it without asking (for scripts and CI)' },
  answers: { kind: 'string', value: 'DIR', help: 'the sheets in DIR instead of answers/' },
  results: { kind: 'string', value: 'DIR', help: 'lab results in DIR (default .workbook/results)' },
  traces: { kind: 'string', value: 'DIR', help: 'strace output in DIR (default .workbook/traces)' },
  progress: { kind: 'string', value: 'FILE', help: 'the progress file (default .workbook/progress.json, or $WORKBOOK_PROGRESS)' },
  backups: { kind: 'string', value: 'DIR', help: 'save answered sheets in DIR (default .workbook/backups)' },
  help: { kind: 'boolean', help: 'show this help' },
};

export const workshopHelp = `Usage: npm run workshop -- reset [--yes]

For instructors: gives a clean room for a class on this checkout. Every answer sheet becomes blank
(sheets with answers are saved to .workbook/backups/ first), the lab results and traces in
.workbook/ are deleted, and the progress file (hints, reveals, drill boxes) is removed. It says
what it will do and asks first; --yes skips the question. The README's "For instructors" section
has a 2-hour and a half-day plan.

Flags:
${flagHelp(workshopFlags)}`;

/** The lab-* files a folder holds: results (lab-01-….json) and traces (lab-01-node-….strace). */
function labFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.startsWith('lab-')).map((name) => join(dir, name));
  } catch {
    return [];
  }
}

async function confirmed(): Promise<boolean> {
  process.stdout.write('Go ahead? [y/N] ');
  const input = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of input) return /^\s*y(es)?\s*$/i.test(line);
    return false;
  } finally {
    input.close();
  }
}

export async function workshopCommand(argv: string[]): Promise<number> {
  const { positional, flags } = parseFlags(argv, workshopFlags);
  if (flags.help) { console.log(workshopHelp); return 0; }
  if (positional[0] !== 'reset' || positional.length > 1) {
    throw new UsageError(positional.length ? `workshop knows one command, reset (got ${positional.join(' ')})` : 'npm run workshop -- reset [--yes]');
  }
  const answersDir = typeof flags.answers === 'string' ? flags.answers : defaultAnswersDir;
  const resultsDir = typeof flags.results === 'string' ? flags.results : defaultResultsDir;
  const tracesDir = typeof flags.traces === 'string' ? flags.traces : defaultTracesDir;
  const progressPath = typeof flags.progress === 'string' ? flags.progress : defaultProgressPath;
  const backupsDir = typeof flags.backups === 'string' ? flags.backups : defaultBackupsDir;

  const keys = new Map<string, ChapterKey>();
  const keyless: string[] = [];
  for (const chapter of chapters) {
    try {
      keys.set(chapter.id, await loadKey(chapter));
    } catch (error) {
      keyless.push(`chapter ${chapter.id} has no key to write a blank sheet from (${(error as Error).message.split('\n')[0]}); its sheet is left as it is`);
    }
  }
  const blankable = chapters.filter((chapter) => keys.has(chapter.id));
  const answered = blankable.filter((chapter) => {
    const sheet = sheetPath(answersDir, chapter);
    return existsSync(sheet) && readFileSync(sheet, 'utf8') !== blankSheet(chapter, keys.get(chapter.id)!);
  });
  const results = labFiles(resultsDir);
  const traces = labFiles(tracesDir);
  console.log('Workshop reset: a clean room for a class.');
  for (const warning of keyless) console.error(`warning: ${warning}`);
  console.log(`  - ${blankable.length} answer sheets in ${shown(answersDir)} become blank`
    + (answered.length ? ` (${answered.length} with answers are saved to ${shown(backupsDir)} first)` : ''));
  console.log(`  - ${results.length} lab results in ${shown(resultsDir)} and ${traces.length} traces in ${shown(tracesDir)} are deleted`);
  console.log(`  - ${shown(progressPath)} (hints, reveals, drill boxes) ${existsSync(progressPath) ? 'is deleted' : 'does not exist'}`);
  if (!flags.yes && !(await confirmed())) {
    console.log('\nNothing was changed. (Type y to confirm, or pass --yes.)');
    return 1;
  }
  console.log('');
  for (const chapter of blankable) console.log(describeReset(resetSheet(chapter, keys.get(chapter.id)!, answersDir, backupsDir)));
  for (const file of [...results, ...traces]) rmSync(file, { force: true });
  rmSync(progressPath, { force: true });
  console.log(`Deleted ${results.length} lab results, ${traces.length} traces and the progress file.`);
  if (keyless.length) {
    console.log('\nThe room is clean except for the sheets named above.');
    return 1;
  }
  console.log('\nThe room is clean. Next for the class: npm start');
  return 0;
}
