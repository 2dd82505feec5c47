// `workbook reset NN…`: a blank answer sheet again, after saving the reader's one as a backup. The
// blank sheet is written from the key (its prompts, choices and answer types), so it needs neither
// git nor a pristine copy; a backup never overwrites an earlier one.
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagHelp, parseFlags, UsageError, type FlagSpec } from './args.ts';
import type { Chapter } from './catalogue.ts';
import { selectChapters } from './check.ts';
import { defaultAnswersDir, loadKey, sheetPath } from './check/sheets.ts';
import type { ChapterKey, Question } from './check/types.ts';
import { measureCommand } from './check/verdicts.ts';
import { defaultProgressPath, updateProgress, type Progress } from './progress/store.ts';

export const defaultBackupsDir = fileURLToPath(new URL('../.workbook/backups/', import.meta.url));

export const resetFlags: FlagSpec = {
  answers: { kind: 'string', value: 'DIR', help: 'the sheets in DIR instead of answers/' },
  backups: { kind: 'string', value: 'DIR', help: 'save the old sheets in DIR (default .workbook/backups)' },
  progress: { kind: 'string', value: 'FILE', help: 'hints and reveals in FILE (default .workbook/progress.json, or $WORKBOOK_PROGRESS)' },
  help: { kind: 'boolean', help: 'show this help' },
};

export const resetHelp = `Usage: npm run reset -- NN [NN…]   (or: all)

Puts a blank answer sheet back for each chapter, after saving yours as a backup in
.workbook/backups/ (never over an earlier backup), and forgets the hints and reveals of those
chapters. Lab results are kept: they describe your machine, not your answers.

Flags:
${flagHelp(resetFlags)}`;

/** A path relative to the working directory when it is inside it: shorter to read and to copy. */
export function shown(path: string): string {
  const near = relative(process.cwd(), path);
  return near && !near.startsWith('..') ? near : path;
}

function comment(lines: string[]): string {
  const escaped = lines.map((line) => line.replaceAll('*/', '*\\/'));
  return `/** ${escaped.join('\n *  ')} */`;
}

function fieldType(question: Question): string {
  return question.kind === 'choice' ? `${Object.keys(question.choices).map((letter) => `'${letter}'`).join(' | ')} | null` : 'number | null';
}

/** The sheet as it is at checkout: the questions in comments, every answer null. */
export function blankSheet(chapter: Chapter, key: ChapterKey): string {
  const entries = Object.entries(key);
  const fields = entries.map(([id, question]) => {
    const prompt = question.kind === 'prediction' ? `Prediction. ${question.prompt}` : question.prompt;
    // One line a prompt, one a choice: editors wrap long comments, and nothing here has to.
    const lines = [`${id}. ${prompt}${question.kind === 'number' ? ' (a number)' : ''}`];
    if (question.kind === 'choice') lines.push(...Object.entries(question.choices).map(([letter, text]) => `${letter}) ${text}`));
    if (question.kind === 'prediction') lines.push(`Then measure it: ${measureCommand(question.measured)}`);
    return `${comment(lines)}\nexport const ${id}: Sheet['${id}'] = null;\n`;
  });
  return [
    `// Chapter ${chapter.id} — ${chapter.title}.`,
    `// Read chapters/${chapter.slug}.md, fill in each answer, then run: npm run check -- ${chapter.id}`,
    '// Leave null for a question you have not answered yet.',
    '',
    'export type Sheet = {',
    ...entries.map(([id, question]) => `  ${id}: ${fieldType(question)};`),
    '};',
    '',
    fields.join('\n'),
  ].join('\n');
}

/** Copies the sheet into the backups folder under a name no earlier backup has. */
function backUp(path: string, chapter: Chapter, backupsDir: string): string {
  mkdirSync(backupsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (let attempt = 1; ; attempt++) {
    const backup = join(backupsDir, `${chapter.slug}.${stamp}${attempt > 1 ? `-${attempt}` : ''}.ts`);
    try {
      copyFileSync(path, backup, constants.COPYFILE_EXCL);
      return backup;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

export interface SheetReset {
  sheet: string;
  /** Where the reader's sheet was saved; null when there was nothing to save. */
  backup: string | null;
  was: 'answered' | 'blank' | 'missing';
}

export function resetSheet(chapter: Chapter, key: ChapterKey, answersDir: string, backupsDir: string): SheetReset {
  const sheet = sheetPath(answersDir, chapter);
  const blank = blankSheet(chapter, key);
  const was = !existsSync(sheet) ? 'missing' : readFileSync(sheet, 'utf8') === blank ? 'blank' : 'answered';
  const backup = was === 'answered' ? backUp(sheet, chapter, backupsDir) : null;
  mkdirSync(dirname(sheet), { recursive: true });
  writeFileSync(`${sheet}.partial`, blank);
  renameSync(`${sheet}.partial`, sheet);
  return { sheet, backup, was };
}

export function describeReset(reset: SheetReset): string {
  if (reset.was === 'missing') return `${shown(reset.sheet)} was missing; the blank sheet is back.`;
  if (reset.was === 'blank') return `${shown(reset.sheet)} is already blank; nothing to back up.`;
  return `${shown(reset.sheet)}: your sheet is saved as ${shown(reset.backup!)}; the blank sheet is back.`;
}

/** Hints and reveals of these chapters are forgotten with their sheets; returns how many there were. */
export function forgetChapters(progress: Progress, chapterIds: string[]): number {
  let forgotten = 0;
  for (const section of [progress.hints, progress.revealed] as Array<Record<string, unknown>>) {
    for (const key of Object.keys(section)) {
      if (chapterIds.includes(key.split('/')[0])) { delete section[key]; forgotten += 1; }
    }
  }
  return forgotten;
}

export async function resetCommand(argv: string[]): Promise<number> {
  const { positional, flags } = parseFlags(argv, resetFlags);
  if (flags.help) { console.log(resetHelp); return 0; }
  if (!positional.length) throw new UsageError('which chapter? npm run reset -- NN (or all)');
  const chapters = selectChapters(positional.includes('all') ? [] : positional);
  const answersDir = typeof flags.answers === 'string' ? flags.answers : defaultAnswersDir;
  const backupsDir = typeof flags.backups === 'string' ? flags.backups : defaultBackupsDir;
  const progressPath = typeof flags.progress === 'string' ? flags.progress : defaultProgressPath;
  let failed = false;
  const done: string[] = [];
  for (const chapter of chapters) {
    let key: ChapterKey;
    try {
      key = await loadKey(chapter);
    } catch (error) {
      console.error(`error: chapter ${chapter.id} has no key to write a blank sheet from: ${(error as Error).message.split('\n')[0]}`);
      failed = true;
      continue;
    }
    console.log(describeReset(resetSheet(chapter, key, answersDir, backupsDir)));
    done.push(chapter.id);
  }
  let forgotten = 0;
  updateProgress((progress) => { forgotten = forgetChapters(progress, done); }, progressPath);
  if (forgotten) console.log(`Forgot ${forgotten} hint and reveal record${forgotten === 1 ? '' : 's'} of chapter${done.length === 1 ? '' : 's'} ${done.join(', ')}.`);
  if (done.length) console.log(`\nNext: npm run check -- ${done[0]}`);
  return failed ? 1 : 0;
}
