// One chapter's sheet, checked against its key: the core that `check`, `hint`, `reset`, `npm
// start`'s progress and the book share. A sheet that does not load, or a key that does not, is a
// check with a problem, never a crash; the other chapters are still checked.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../args.ts';
import { chapters, findChapter, type Chapter } from '../catalogue.ts';
import type { LabResult } from '../lab/results.ts';
import { workbookDir } from '../paths.ts';
import { loadKey, loadSheet, sheetPath } from './sheets.ts';
import type { ChapterKey } from './types.ts';
import { judge, type Verdict } from './verdicts.ts';

interface CheckBase { chapter: Chapter; sheet: string }

/** The sheet loaded and every question judged. */
export interface Checked extends CheckBase { key: ChapterKey; verdicts: Verdict[]; problem?: undefined; error?: undefined }
/** The sheet could not be loaded (missing, or it does not compile): its questions are known, not judged. */
export interface SheetProblem extends CheckBase { key: ChapterKey; verdicts: []; problem: 'sheet'; error: string }
/** The chapter's key could not be loaded (a chapter still being written). */
export interface KeyProblem extends CheckBase { key?: undefined; verdicts: []; problem: 'key'; error: string }

export type ChapterCheck = Checked | SheetProblem | KeyProblem;

export async function checkChapter(chapter: Chapter, answersDir: string, results: LabResult[]): Promise<ChapterCheck> {
  const sheet = sheetPath(answersDir, chapter);
  let key: ChapterKey;
  try {
    key = await loadKey(chapter);
  } catch (error) {
    return { chapter, sheet, verdicts: [], problem: 'key', error: `its key answers/key/${chapter.slug}.ts could not be loaded: ${(error as Error).message.split('\n')[0]}` };
  }
  const loaded = await loadSheet(answersDir, chapter);
  if ('error' in loaded) return { chapter, sheet, key, verdicts: [], problem: 'sheet', error: loaded.error };
  const verdicts = Object.entries(key).map(([id, question]) => judge(id, question, loaded.answers[id], results));
  return { chapter, sheet, key, verdicts };
}

/** Inside this package, so a copied sheet loads as an ES module exactly like answers/ does. */
const copiesDir = workbookDir;

/** A sheet imported again after a save: a copy under a new path, because ES modules are cached by URL. */
export async function checkAgain(chapter: Chapter, answersDir: string, results: LabResult[]): Promise<ChapterCheck> {
  const real = sheetPath(answersDir, chapter);
  mkdirSync(copiesDir, { recursive: true });
  const copyDir = mkdtempSync(join(copiesDir, 'watch-'));
  try {
    if (existsSync(real)) copyFileSync(real, sheetPath(copyDir, chapter));
    const check = await checkChapter(chapter, copyDir, results);
    return check.problem ? { ...check, sheet: real, error: check.error.replaceAll(sheetPath(copyDir, chapter), real) } : { ...check, sheet: real };
  } finally {
    rmSync(copyDir, { recursive: true, force: true });
  }
}

/** The chapters a verb was asked for, or all of them; an unknown id is bad usage. */
export function selectChapters(ids: string[]): Chapter[] {
  return ids.length ? ids.map((id) => {
    const chapter = findChapter(id);
    if (!chapter) throw new UsageError(`unknown chapter "${id}"; chapters are ${chapters.map((known) => known.id).join(', ')}`);
    return chapter;
  }) : chapters;
}
