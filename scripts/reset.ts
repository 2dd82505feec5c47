// `workbook reset NN…`: a blank answer sheet again, after saving the reader's one as a backup
// (scripts/check/blank.ts writes it from the key); a backup never overwrites an earlier one.
import { flagHelp, flagSpec, parseFlags, sharedFlags, UsageError } from './args.ts';
import { describeReset, forgetChapters, resetSheet } from './check/blank.ts';
import { selectChapters } from './check/chapter.ts';
import { loadKey } from './check/sheets.ts';
import type { ChapterKey } from './check/types.ts';
import { backupsDir } from './paths.ts';
import { updateProgress } from './progress/store.ts';

const resetFlags = flagSpec({
  answers: sharedFlags.answers,
  backups: { kind: 'string', value: 'DIR', help: 'save the old sheets in DIR (default .workbook/backups)', default: backupsDir },
  progress: sharedFlags.progress,
  help: sharedFlags.help,
});

const resetHelp = `Usage: npm run reset -- NN [NN…]   (or: all)

Puts a blank answer sheet back for each chapter, after saving yours as a backup in
.workbook/backups/ (never over an earlier backup), and forgets the hints and reveals of those
chapters. Lab results are kept: they describe your machine, not your answers.

Flags:
${flagHelp(resetFlags)}`;

export async function resetCommand(argv: string[]): Promise<number> {
  const { positional, flags } = parseFlags(argv, resetFlags);
  if (flags.help) { console.log(resetHelp); return 0; }
  if (!positional.length) throw new UsageError('which chapter? npm run reset -- NN (or all)');
  const chapters = selectChapters(positional.includes('all') ? [] : positional);
  const { answers: answersDir, backups, progress: progressPath } = flags;
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
    console.log(describeReset(resetSheet(chapter, key, answersDir, backups)));
    done.push(chapter.id);
  }
  let forgotten = 0;
  updateProgress((progress) => { forgotten = forgetChapters(progress, done); }, progressPath);
  if (forgotten) console.log(`Forgot ${forgotten} hint and reveal record${forgotten === 1 ? '' : 's'} of chapter${done.length === 1 ? '' : 's'} ${done.join(', ')}.`);
  if (done.length) console.log(`\nNext: npm run check -- ${done[0]}`);
  return failed ? 1 : 0;
}
