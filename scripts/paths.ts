// The one place that names where the workbook keeps what it generates: `.workbook/` (results,
// traces, bench, backups, progress, scratch copies) and `dist/` (the book), both gitignored, and
// the folders of the reader's material. Environment variables let a test, or a second reader on the
// same checkout, keep their own results and progress.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

export const repositoryRoot = root('');
export const workbookDir = root('.workbook/');
export const resultsDir = process.env.WORKBOOK_RESULTS || root('.workbook/results/');
export const tracesDir = root('.workbook/traces/');
export const benchDir = root('.workbook/bench/');
export const backupsDir = root('.workbook/backups/');
export const progressPath = process.env.WORKBOOK_PROGRESS || root('.workbook/progress.json');
export const distDir = root('dist/');
export const answersDir = root('answers/');
export const keyDir = root('answers/key/');
export const chaptersDir = root('chapters/');
export const labsDir = root('labs/');

/** A path relative to the working directory when it is inside it: shorter to read and to copy. */
export function shownPath(path: string): string {
  const near = relative(process.cwd(), path);
  return near && !near.startsWith('..') ? near : path;
}
