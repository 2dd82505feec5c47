// The book's front page: what the workbook is, how a chapter is meant to be used, and the table of
// contents with each chapter's sections and whether this machine has measured its lab yet.
import type { LabResult } from '../lab/results.ts';
import type { RenderedChapter } from './chapter.ts';
import { escapeHtml } from './html.ts';
import { measuredOn } from './lab-results.ts';
import { newPage } from './markdown.ts';
import { renderPage, type NavEntry } from './page.ts';

function status(chapter: RenderedChapter, results: Map<string, LabResult>): string {
  const lab = chapter.chapter.lab;
  if (!lab) return 'taught from sources, no lab';
  const result = results.get(lab.id);
  return result ? `your results: ${escapeHtml(measuredOn(result))}` : `no results yet: <code>npm run lab -- ${escapeHtml(lab.id)}</code>`;
}

export function renderIndex(chapters: RenderedChapter[], results: Map<string, LabResult>, withKey: boolean): string {
  const page = newPage();
  const entries = chapters.map((chapter) => {
    const sections = chapter.page.headings.filter((entry) => entry.depth === 2)
      .map((entry) => `<li><a href="${escapeHtml(chapter.chapter.slug)}.html#${escapeHtml(entry.id)}">${escapeHtml(entry.text)}</a></li>`);
    return `<li><a href="${escapeHtml(chapter.chapter.slug)}.html"><strong>${escapeHtml(chapter.entry.label)}</strong></a>`
      + `<br><span class="status">${status(chapter, results)}</span><ul>${sections.join('')}</ul></li>`;
  });
  const body = page.heading(1, 'zero-copy workbook')
    + '<p>Where the bytes of a file travel on their way to a socket, and who copies them — measured on your own machine. '
    + 'A small server in Node.js, Bun and Deno sends a file over loopback, a fixed client verifies every byte, and strace counts '
    + 'every syscall and every byte that crosses between user space and the kernel.</p>\n'
    + page.heading(2, 'How to use it')
    + '<ol><li>Read a chapter.</li>'
    + '<li>Run its lab, <code>npm run lab -- NN</code>, then <code>npm run book</code> again: the chapter shows your numbers.</li>'
    + '<li>Answer its questions in <code>answers/NN-slug.ts</code> and run <code>npm run check -- NN</code>.</li></ol>\n'
    + page.heading(2, 'Contents')
    + `<ol class="contents">\n${entries.join('\n')}\n</ol>\n`;
  const nav: NavEntry[] = chapters.map((chapter) => chapter.entry);
  return renderPage({ title: 'Contents', slug: 'index', body, page, nav, next: nav[0], hasDiagrams: false, withKey });
}
