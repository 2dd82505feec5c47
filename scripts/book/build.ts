// `npm run book`: chapters/ -> a static site. Everything is rendered and checked in memory first;
// only a build without problems is written, into a fresh folder that then replaces the old one, so
// a broken chapter never leaves a half-written book behind (and --serve keeps the last good one).
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../args.ts';
import { chapters as catalogue, type Chapter } from '../catalogue.ts';
import { describeUnreadable, loadResults, type LabResult } from '../lab/results.ts';
import { benchDir, chaptersDir as defaultChaptersDir, resultsDir } from '../paths.ts';
import { newestBenchChart, newestIbmRun, type BenchChart } from './bench.ts';
import { renderChapter, type PageLink, type RenderedChapter, type SiteFile } from './chapter.ts';
import { renderIndex } from './contents.ts';
import { loadHighlighter } from './highlight.ts';
import { newestPerLab } from './lab-results.ts';
import type { Problem } from './markdown.ts';
import { mermaidScript } from './mermaid.ts';
import { renderPage, type NavEntry } from './page.ts';

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

export function assertReplaceable(outDir: string): void {
  if (existsSync(outDir) && readdirSync(outDir).length && !existsSync(join(outDir, marker))) {
    throw new UsageError(`${outDir} is not empty and holds no book from an earlier build; choose another --out`);
  }
}

export async function buildBook(options: BookOptions): Promise<BookBuild> {
  const started = performance.now();
  const chaptersDir = options.chaptersDir ?? defaultChaptersDir;
  const highlighter = await loadHighlighter();
  const loaded = loadResults(options.resultsDir ?? resultsDir);
  const results = newestPerLab(loaded.results);
  const bench = newestBenchChart(options.benchDir ?? benchDir);
  const ibm = newestIbmRun(options.benchDir ?? benchDir);
  const problems: Problem[] = [];
  const notes = loaded.unreadable.map(describeUnreadable);
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
  const links: PageLink[] = [];
  const rendered: RenderedChapter[] = [];

  for (const [index, chapter] of written.entries()) {
    const entry = nav[index];
    if (!entry) continue;
    const out = await renderChapter(chapter, entry, { chaptersDir, pages, highlighter, results, bench, ibm, withKey: options.withKey ?? false });
    problems.push(...out.problems);
    notes.push(...out.notes);
    links.push(...out.links);
    files.push(...out.files);
    rendered.push(out.rendered);
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
      previous: rendered[position - 1]?.entry ?? { slug: 'index', label: 'Contents' },
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
