// `workbook workshop reset`: a clean room for a class — every sheet blank (the answered ones backed
// up first), no lab results or traces, no progress — after the instructor confirms it.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { flagHelp, flagSpec, parseFlags, sharedFlags, UsageError } from './args.ts';
import { chapters } from './catalogue.ts';
import { blankSheet, describeReset, resetSheet } from './check/blank.ts';
import { loadKey, sheetPath } from './check/sheets.ts';
import type { ChapterKey } from './check/types.ts';
import { backupsDir, shownPath as shown, tracesDir } from './paths.ts';

const workshopFlags = flagSpec({
  yes: { kind: 'boolean', help: 'do it without asking (for scripts and CI)' },
  answers: sharedFlags.answers,
  results: sharedFlags.results,
  traces: { kind: 'string', value: 'DIR', help: 'strace output in DIR (default .workbook/traces)', default: tracesDir },
  progress: sharedFlags.progress,
  backups: { kind: 'string', value: 'DIR', help: 'save answered sheets in DIR (default .workbook/backups)', default: backupsDir },
  help: sharedFlags.help,
});

const workshopHelp = `Usage: npm run workshop -- reset [--yes]

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
  const { answers: answersDir, results: resultsDir, traces: tracesDir, progress: progressPath, backups: backupsDir } = flags;

  const keys = new Map<string, ChapterKey>();
  const keyless: string[] = [];
  for (const chapter of chapters) {
    try {
      keys.set(chapter.id, await loadKey(chapter));
    } catch (error) {
      keyless.push(`chapter ${chapter.id} has no key to write a blank sheet from (${(error as Error).message.split('\n')[0]}); its sheet is left as it is`);
    }
  }
  const blankable = chapters.flatMap((chapter) => {
    const key = keys.get(chapter.id);
    return key ? [{ chapter, key }] : [];
  });
  const answered = blankable.filter(({ chapter, key }) => {
    const sheet = sheetPath(answersDir, chapter);
    return existsSync(sheet) && readFileSync(sheet, 'utf8') !== blankSheet(chapter, key);
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
  for (const { chapter, key } of blankable) console.log(describeReset(resetSheet(chapter, key, answersDir, backupsDir)));
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
