// `npm run book`: chapters/ -> a static site. Everything is rendered and checked in memory first;
// only a build without problems is written, into a fresh folder that then replaces the old one, so
// a broken chapter never leaves a half-written book behind (and --serve keeps the last good one).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../args.ts';
import { chapters as catalogue, type Chapter } from '../catalogue.ts';
import { loadKey } from '../check/sheets.ts';
import type { ChapterKey } from '../check/types.ts';
import { defaultResultsDir, loadResults, type LabResult } from '../results.ts';
import { benchChapterId, benchSection, defaultBenchDir, newestBenchChart, type BenchChart } from './bench.ts';
import { loadHighlighter } from './highlight.ts';
import { newestPerLab, resultsSection } from './lab-results.ts';
import { lexChapter, newPage, renderTokens, type Page, type Problem } from './markdown.ts';
import { checkDiagram, mermaidScript } from './mermaid.ts';
import { renderIndex } from './contents.ts';
import { renderPage, type NavEntry } from './page.ts';
import { questionsSection } from './questions.ts';

export const defaultChaptersDir = fileURLToPath(new URL('../../chapters/', import.meta.url));
const assetsDir = fileURLToPath(new URL('./assets/', import.meta.url));
/** Written into every build, so a rebuild only ever replaces a folder that holds a book. */
const marker = '.zero-copy-book';

export interface BookOptions {
  outDir: string;
  chaptersDir?: string;
  resultsDir?: string;
  benchDir?: string;
  /** The chapters to build, in order (default: the catalogue's). */
  chapters?: Chapter[];
  /** The instructor edition: each question's answer and explanation. */
  withKey?: boolean;
}

export interface BookBuild {
  /** Empty when the build was written; otherwise nothing was written. */
  problems: Problem[];
  notes: string[];
  pages: string[];
  /** The result charted on each built chapter, by lab id. */
  results: Map<string, LabResult>;
  bench: BenchChart | undefined;
  milliseconds: number;
}

export interface RenderedChapter {
  chapter: Chapter;
  entry: NavEntry;
  page: Page;
  html: string;
  hasDiagrams: boolean;
}

/** A file of the site: text to write, or a file to copy. */
type SiteFile = { path: string; text: string } | { path: string; source: string };

export function assertReplaceable(outDir: string): void {
  if (existsSync(outDir) && readdirSync(outDir).length && !existsSync(join(outDir, marker))) {
    throw new UsageError(`${outDir} is not empty and holds no book from an earlier build; choose another --out`);
  }
}

async function keyOf(chapter: Chapter): Promise<ChapterKey | Error> {
  try {
    return await loadKey(chapter);
  } catch (error) {
    return new Error(`answers/key/${chapter.slug}.ts could not be loaded: ${(error as Error).message.split('\n')[0]}`);
  }
}

export async function buildBook(options: BookOptions): Promise<BookBuild> {
  const started = performance.now();
  const chaptersDir = options.chaptersDir ?? defaultChaptersDir;
  const highlighter = await loadHighlighter();
  const loaded = loadResults(options.resultsDir ?? defaultResultsDir);
  const results = newestPerLab(loaded.results);
  const bench = newestBenchChart(options.benchDir ?? defaultBenchDir);
  const problems: Problem[] = [];
  const notes = loaded.unreadable.map((path) => `${path} is not a readable lab result; it was skipped`);
  const files: SiteFile[] = [];
  // A chapter the catalogue lists before its file is written is left out, with a note; the
  // catalogue test is what insists that every entry has its chapter.
  const listed = options.chapters ?? catalogue;
  const written = listed.filter((chapter) => existsSync(join(chaptersDir, `${chapter.slug}.md`)));
  for (const chapter of listed) {
    if (!written.includes(chapter)) notes.push(`chapter ${chapter.id} is left out: ${join(chaptersDir, `${chapter.slug}.md`)} does not exist yet`);
  }
  const nav: NavEntry[] = written.map((chapter) => ({ slug: chapter.slug, label: `${chapter.id} · ${chapter.title}` }));
  const pages = new Set(written.map((chapter) => chapter.slug));
  const links: Array<{ file: string; line: number; href: string; slug: string; fragment: string }> = [];
  const rendered: RenderedChapter[] = [];

  for (const [index, chapter] of written.entries()) {
    const file = join(chaptersDir, `${chapter.slug}.md`);
    const lexed = lexChapter(readFileSync(file, 'utf8'), { file, chaptersDir, root: dirname(chaptersDir.replace(/\/$/, '')), pages, currentSlug: chapter.slug }, highlighter);
    problems.push(...lexed.problems);
    notes.push(...lexed.notes);
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
    if (chapter.lab) sections.push(resultsSection(page, chapter.lab, results.get(chapter.lab.id)));
    if (chapter.id === benchChapterId && bench) {
      files.push({ path: `assets/${bench.name}`, source: bench.source });
      sections.push(benchSection(page, bench, `assets/${bench.name}`));
    }
    const key = await keyOf(chapter);
    if (key instanceof Error) problems.push({ file, line: 1, message: key.message });
    else sections.push(questionsSection(page, chapter, key, options.withKey ?? false));
    sections.push(renderTokens(lexed.after, page, highlighter));
    rendered.push({ chapter, entry: nav[index], page, html: sections.join(''), hasDiagrams: lexed.diagrams.length > 0 });
  }

  for (const link of links) {
    const target = rendered.find((candidate) => candidate.chapter.slug === link.slug);
    if (target && !target.page.anchors.has(link.fragment)) {
      problems.push({ file: link.file, line: link.line, message: `broken link ${link.href}: no heading "${link.fragment}" in chapter ${target.chapter.id}` });
    }
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const milliseconds = () => Math.round(performance.now() - started);
  const charted = new Map([...results].filter(([lab]) => rendered.some((chapter) => chapter.chapter.lab?.id === lab)));
  if (problems.length) return { problems, notes, pages: [], results: charted, bench, milliseconds: milliseconds() };

  const withKey = options.withKey ?? false;
  const index = renderIndex(rendered, results, withKey);
  files.push({ path: 'index.html', text: index });
  rendered.forEach((chapter, position) => files.push({
    path: `${chapter.chapter.slug}.html`,
    text: renderPage({
      title: chapter.entry.label, slug: chapter.chapter.slug, body: chapter.html, page: chapter.page, nav, withKey,
      previous: position === 0 ? { slug: 'index', label: 'Contents' } : rendered[position - 1].entry,
      next: rendered[position + 1]?.entry, hasDiagrams: chapter.hasDiagrams,
    }),
  }));
  files.push({ path: 'assets/book.css', source: join(assetsDir, 'book.css') });
  if (rendered.some((chapter) => chapter.hasDiagrams)) {
    files.push({ path: 'assets/mermaid.min.js', source: mermaidScript }, { path: 'assets/mermaid-init.js', source: join(assetsDir, 'mermaid-init.js') });
  }
  writeSite(options.outDir, files);
  const pagesWritten = files.filter((entry) => entry.path.endsWith('.html')).map((entry) => join(options.outDir, entry.path));
  return { problems, notes, pages: pagesWritten, results: charted, bench, milliseconds: milliseconds() };
}

function writeSite(outDir: string, files: SiteFile[]): void {
  assertReplaceable(outDir);
  const fresh = `${outDir.replace(/\/$/, '')}.partial`;
  rmSync(fresh, { recursive: true, force: true });
  for (const file of files) {
    const path = join(fresh, file.path);
    mkdirSync(dirname(path), { recursive: true });
    if ('text' in file) writeFileSync(path, file.text);
    else copyFileSync(file.source, path);
  }
  writeFileSync(join(fresh, marker), 'Built by npm run book; the next build replaces this folder.\n');
  rmSync(outDir, { recursive: true, force: true });
  renameSync(fresh, outDir);
}
