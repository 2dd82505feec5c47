// Where a chapter's links and images point, decided once for rendering (rewrite the href) and for
// checking (the target must exist). The site has to work from file:// and from any static server,
// so a target is either another page of the book, an anchor, a file copied into the site, or an
// external URL that the reader's click (never the page itself) may follow.
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';

export type Target =
  | { kind: 'external'; href: string }
  | { kind: 'page'; slug: string; fragment: string }
  | { kind: 'file'; source: string; sitePath: string }
  | { kind: 'broken'; reason: string };

export interface LinkContext {
  /** The chapter file the link is written in. */
  file: string;
  chaptersDir: string;
  /** Files outside chapters/ are copied relative to this root (the repository). */
  root: string;
  /** Slugs of the book's pages: a link to chapters/<slug>.md becomes <slug>.html. */
  pages: ReadonlySet<string>;
  currentSlug: string;
}

/** Files the site carries for links and images live under files/, mirroring the repository. */
const filesDir = 'files';

export function resolveTarget(href: string, context: LinkContext, kind: 'link' | 'image'): Target {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) {
    // An image from the network would be a request the page makes by itself: the book is offline.
    if (kind === 'image') return { kind: 'broken', reason: `image ${href} is not local; save it next to the chapter so the book works offline` };
    return { kind: 'external', href };
  }
  const [pathPart = '', fragment = ''] = href.split('#', 2);
  let path: string;
  try {
    path = decodeURIComponent(pathPart);
  } catch {
    return { kind: 'broken', reason: `${kind} ${href} is not a valid URL (a stray %?)` };
  }
  if (path === '') return { kind: 'page', slug: context.currentSlug, fragment };
  const source = resolve(dirname(context.file), path);
  if (kind === 'link' && dirname(source) === resolve(context.chaptersDir) && source.endsWith('.md')) {
    const slug = source.slice(resolve(context.chaptersDir).length + 1, -'.md'.length);
    if (context.pages.has(slug)) return { kind: 'page', slug, fragment };
    return { kind: 'broken', reason: `link to ${path}: no chapter "${slug}" in the catalogue (scripts/catalogue.ts)` };
  }
  const fromRoot = relative(context.root, source);
  if (fromRoot.startsWith('..') || fromRoot === '') return { kind: 'broken', reason: `${kind} ${path} points outside the repository` };
  if (!existsSync(source) || !statSync(source).isFile()) {
    return { kind: 'broken', reason: kind === 'image' ? `missing image ${path}` : `broken link ${path}: no such file` };
  }
  return { kind: 'file', source, sitePath: [filesDir, ...fromRoot.split(sep)].join('/') };
}

/** The href as the page writes it (every page sits at the site's root). */
export function siteHref(target: Target, currentSlug: string): string {
  switch (target.kind) {
    case 'external': return target.href;
    case 'page':
      if (target.slug === currentSlug && target.fragment) return `#${target.fragment}`;
      return `${target.slug}.html${target.fragment ? `#${target.fragment}` : ''}`;
    case 'file': return target.sitePath.split('/').map(encodeURIComponent).join('/');
    case 'broken': return '#';
  }
}
