// The page template: one layout for the index and every chapter, with the table of contents, the
// page's own sections and previous/next links. Scripts and styles are files inside the site, so a
// page opened from file:// makes no request outside it.
import { escapeHtml } from './html.ts';
import type { Page } from './markdown.ts';

export interface NavEntry { slug: string; label: string }

export interface PageFrame {
  title: string;
  slug: string;
  body: string;
  page: Page;
  nav: NavEntry[];
  previous?: NavEntry;
  next?: NavEntry;
  hasDiagrams: boolean;
  withKey: boolean;
}

const bookTitle = 'zero-copy workbook';

function pager(previous: NavEntry | undefined, next: NavEntry | undefined): string {
  const link = (entry: NavEntry | undefined, rel: 'prev' | 'next') => entry
    ? `<a rel="${rel}" href="${escapeHtml(entry.slug)}.html">${rel === 'prev' ? '← ' : ''}${escapeHtml(entry.label)}${rel === 'next' ? ' →' : ''}</a>`
    : '<span></span>';
  return `<nav class="pager" aria-label="Previous and next">${link(previous, 'prev')}${link(next, 'next')}</nav>`;
}

function sidebar(frame: PageFrame): string {
  const chapters = frame.nav.map((entry) => `<li${entry.slug === frame.slug ? ' aria-current="page"' : ''}><a href="${escapeHtml(entry.slug)}.html">${escapeHtml(entry.label)}</a></li>`);
  const sections = frame.page.headings.filter((entry) => entry.depth === 2)
    .map((entry) => `<li><a href="#${escapeHtml(entry.id)}">${escapeHtml(entry.text)}</a></li>`);
  return `<nav class="sidebar" aria-label="Contents">`
    + `<p class="nav-title">Contents</p><ol class="chapters">${chapters.join('')}</ol>`
    + (sections.length ? `<p class="nav-title">On this page</p><ul class="sections">${sections.join('')}</ul>` : '')
    + '</nav>';
}

export function renderPage(frame: PageFrame): string {
  const scripts = frame.hasDiagrams
    ? '<script src="assets/mermaid.min.js" defer></script>\n<script src="assets/mermaid-init.js" defer></script>\n' : '';
  const edition = frame.withKey ? '<span class="edition">Instructor edition: contains the answers</span>' : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(frame.title)} — ${bookTitle}</title>
<link rel="stylesheet" href="assets/book.css">
${scripts}</head>
<body>
<header class="site"><a href="index.html">${bookTitle}</a>${edition}</header>
<div class="layout">
<main>
${pager(frame.previous, frame.next)}
<article>
${frame.body}
</article>
${pager(frame.previous, frame.next)}
</main>
${sidebar(frame)}
</div>
</body>
</html>
`;
}
