// A chapter's sheet put back to blank: written from the key (its prompts, choices and answer
// types), so it needs neither git nor a pristine copy; the reader's sheet is backed up first under
// a name no earlier backup has. Shared by `reset` and `workshop reset`.
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Chapter } from '../catalogue.ts';
import { shownPath } from '../paths.ts';
import type { Progress } from '../progress/store.ts';
import { sheetPath } from './sheets.ts';
import type { ChapterKey, Question } from './types.ts';
import { measureCommand } from './verdicts.ts';

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
  if (reset.was === 'missing') return `${shownPath(reset.sheet)} was missing; the blank sheet is back.`;
  if (reset.was === 'blank') return `${shownPath(reset.sheet)} is already blank; nothing to back up.`;
  return `${shownPath(reset.sheet)}: your sheet is saved as ${shownPath(reset.backup ?? '')}; the blank sheet is back.`;
}

/** Hints and reveals of these chapters are forgotten with their sheets; returns how many there were. */
export function forgetChapters(progress: Progress, chapterIds: string[]): number {
  let forgotten = 0;
  for (const section of [progress.hints, progress.revealed] as Array<Record<string, unknown>>) {
    for (const key of Object.keys(section)) {
      if (chapterIds.includes(key.split('/')[0] ?? '')) { delete section[key]; forgotten += 1; }
    }
  }
  return forgotten;
}
