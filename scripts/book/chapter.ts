// One chapter of the book rendered in memory: its Markdown lexed and highlighted, its diagrams
// checked, the reader's lab results and the newest bench chart placed, its questions from the key.
// Nothing is written here: build.ts writes only a build without problems.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Highlighter } from 'shiki';
import type { Chapter } from '../catalogue.ts';
import { loadKey } from '../check/sheets.ts';
import type { ChapterKey } from '../check/types.ts';
import type { LabResult } from '../lab/results.ts';
import { benchChapterId, benchSection, type BenchChart, type IbmRun } from './bench.ts';
import { resultsSection } from './lab-results.ts';
import { lexChapter, newPage, renderTokens, type Page, type Problem } from './markdown.ts';
import { checkDiagram } from './mermaid.ts';
import type { NavEntry } from './page.ts';
import { questionsSection } from './questions.ts';

export interface RenderedChapter {
  chapter: Chapter;
  entry: NavEntry;
  page: Page;
  html: string;
  hasDiagrams: boolean;
}

/** A file of the site: text to write, or a file to copy. */
export type SiteFile = { path: string; text: string } | { path: string; source: string };

/** A link to a heading of another chapter, checked once every chapter has been rendered. */
export interface PageLink { file: string; line: number; href: string; slug: string; fragment: string }

export interface ChapterContext {
  chaptersDir: string;
  /** The slugs of every chapter in the build, so a link to one is a page link. */
  pages: Set<string>;
  highlighter: Highlighter;
  results: Map<string, LabResult>;
  bench: BenchChart | undefined;
  /** The newest bench run at IBM's sizes, for chapter 02's comparison. */
  ibm: IbmRun | undefined;
  withKey: boolean;
}

async function keyOf(chapter: Chapter): Promise<ChapterKey | Error> {
  try {
    return await loadKey(chapter);
  } catch (error) {
    return new Error(`answers/key/${chapter.slug}.ts could not be loaded: ${(error as Error).message.split('\n')[0]}`);
  }
}

export async function renderChapter(chapter: Chapter, entry: NavEntry, context: ChapterContext): Promise<{
  rendered: RenderedChapter; problems: Problem[]; notes: string[]; links: PageLink[]; files: SiteFile[];
}> {
  const { chaptersDir, highlighter, bench } = context;
  const file = join(chaptersDir, `${chapter.slug}.md`);
  const lexed = lexChapter(readFileSync(file, 'utf8'), { file, chaptersDir, root: dirname(chaptersDir.replace(/\/$/, '')), pages: context.pages, currentSlug: chapter.slug }, highlighter);
  const problems = [...lexed.problems];
  const links: PageLink[] = [];
  const files: SiteFile[] = [];
  for (const diagram of lexed.diagrams) {
    const error = await checkDiagram(diagram.text);
    // A grammar that hits the end of the text reports the line after it: point at the last one.
    const line = diagram.line + Math.min(error?.line ?? 1, diagram.text.split('\n').length) - 1;
    if (error) problems.push({ file, line, message: `mermaid diagram does not parse: ${error.message}` });
  }
  for (const { line, href, target } of lexed.links) {
    if (target.kind === 'page' && target.fragment) links.push({ file, line, href, slug: target.slug, fragment: target.fragment });
    if (target.kind === 'file') files.push({ path: target.sitePath, source: target.source });
  }

  const page = newPage();
  const sections = [renderTokens(lexed.before, page, highlighter)];
  if (chapter.lab) sections.push(resultsSection(page, chapter.lab, context.results.get(chapter.lab.id)));
  if (chapter.id === benchChapterId) {
    if (bench) files.push({ path: `assets/${bench.name}`, source: bench.source });
    sections.push(benchSection(page, bench, bench ? `assets/${bench.name}` : '', context.ibm));
  }
  const key = await keyOf(chapter);
  if (key instanceof Error) problems.push({ file, line: 1, message: key.message });
  else sections.push(questionsSection(page, chapter, key, context.withKey));
  sections.push(renderTokens(lexed.after, page, highlighter));
  return {
    rendered: { chapter, entry, page, html: sections.join(''), hasDiagrams: lexed.diagrams.length > 0 },
    problems, notes: lexed.notes, links, files,
  };
}
