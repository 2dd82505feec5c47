// `workbook check [NN] [--answers DIR]`: judge the reader's answer sheets, question by question.
import { flagHelp, parseFlags, UsageError, type FlagSpec } from './args.ts';
import { chapters, findChapter, type Chapter } from './catalogue.ts';
import { defaultAnswersDir, loadKey, loadSheet, sheetPath } from './check/sheets.ts';
import { judge, type Verdict } from './check/verdicts.ts';
import { defaultResultsDir, loadResults, type LabResult } from './results.ts';

export const checkFlags: FlagSpec = {
  answers: { kind: 'string', value: 'DIR', help: 'check the sheets in DIR instead of answers/' },
  results: { kind: 'string', value: 'DIR', help: 'judge predictions against results in DIR (default .workbook/results)' },
  help: { kind: 'boolean', help: 'show this help' },
};

export const checkHelp = `Usage: npm run check [-- NN] [flags]

Checks your answer sheets (answers/NN-slug.ts): each question is correct, wrong (with a hint), not
yet answered, or — for a prediction — waiting for you to run the lab it predicts.

Flags:
${flagHelp(checkFlags)}`;

export interface ChapterCheck {
  chapter: Chapter;
  sheet: string;
  /** Set when the sheet could not be loaded (syntax error, missing file). */
  error?: string;
  verdicts: Verdict[];
}

export async function checkChapter(chapter: Chapter, answersDir: string, results: LabResult[]): Promise<ChapterCheck> {
  const sheet = sheetPath(answersDir, chapter);
  const [key, loaded] = [await loadKey(chapter), await loadSheet(answersDir, chapter)];
  if ('error' in loaded) return { chapter, sheet, error: loaded.error, verdicts: [] };
  const verdicts = Object.entries(key).map(([id, question]) => judge(id, question, loaded.answers[id], results));
  return { chapter, sheet, verdicts };
}

const marks: Record<Verdict['status'], string> = { correct: '✓', wrong: '✗', unanswered: '·', unmeasured: '?' };
const words: Record<Verdict['status'], string> = { correct: 'correct', wrong: 'wrong', unanswered: 'not yet answered', unmeasured: 'waiting for your measurement' };

export function renderCheck(check: ChapterCheck): string {
  const lines = [`Chapter ${check.chapter.id} — ${check.chapter.title}  (${check.sheet})`];
  if (check.error) return [...lines, `  ✗ the sheet could not be read: ${check.error}`].join('\n');
  for (const verdict of check.verdicts) {
    const detail = verdict.status === 'correct' ? verdict.explanation : verdict.message;
    lines.push(`  ${marks[verdict.status]} ${verdict.id}  ${words[verdict.status]}${detail ? ` — ${detail}` : ''}`);
  }
  const correct = check.verdicts.filter((verdict) => verdict.status === 'correct').length;
  lines.push(`  ${correct} of ${check.verdicts.length} correct`);
  return lines.join('\n');
}

export async function checkCommand(argv: string[]): Promise<number> {
  const { positional, flags } = parseFlags(argv, checkFlags);
  if (flags.help) { console.log(checkHelp); return 0; }
  const selected = positional.length ? positional.map((id) => {
    const chapter = findChapter(id);
    if (!chapter) throw new UsageError(`unknown chapter "${id}"; chapters are ${chapters.map((known) => known.id).join(', ')}`);
    return chapter;
  }) : chapters;
  const answersDir = typeof flags.answers === 'string' ? flags.answers : defaultAnswersDir;
  const { results, unreadable } = loadResults(typeof flags.results === 'string' ? flags.results : defaultResultsDir);
  for (const path of unreadable) console.error(`note: ${path} is not a readable lab result; it was skipped`);
  let failed = false;
  for (const chapter of selected) {
    const check = await checkChapter(chapter, answersDir, results);
    failed ||= Boolean(check.error) || check.verdicts.some((verdict) => verdict.status === 'wrong');
    console.log(renderCheck(check) + '\n');
  }
  return failed ? 1 : 0;
}
