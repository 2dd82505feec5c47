// Loading answer sheets and keys. A sheet is a TypeScript module the reader edits; one that does
// not compile is reported with its file and line, and the other sheets are still checked.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Chapter } from '../catalogue.ts';
import { keyDir } from '../paths.ts';
import type { ChapterKey } from './types.ts';

export type LoadedSheet = { answers: Record<string, unknown> } | { error: string };

export function sheetPath(dir: string, chapter: Chapter): string {
  return join(dir, `${chapter.slug}.ts`);
}

export async function loadSheet(dir: string, chapter: Chapter): Promise<LoadedSheet> {
  const path = sheetPath(dir, chapter);
  if (!existsSync(path)) return { error: `${path} is missing (npm run reset -- ${chapter.id} writes a blank one)` };
  try {
    return { answers: (await import(pathToFileURL(path).href)) as Record<string, unknown> };
  } catch (error) {
    return { error: describeLoadError(path, error) };
  }
}

/** esbuild (under tsx) reports "file:line:column: ERROR: text"; keep that, drop the stack. */
function describeLoadError(path: string, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const located = /(\d+):(\d+): ERROR: (.*)/.exec(text);
  if (located) return `${path}:${located[1]}:${located[2]}: ${located[3]}`;
  return `${path}: ${text.split('\n')[0]}`;
}

export async function loadKey(chapter: Chapter): Promise<ChapterKey> {
  const module = (await import(pathToFileURL(sheetPath(keyDir, chapter)).href)) as { key: ChapterKey };
  return module.key;
}
