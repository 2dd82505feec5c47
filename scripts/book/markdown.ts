// Chapter Markdown -> HTML with marked: lex once, look at every token with its line number (links,
// images, diagrams, code languages), then render with shiki for code and an anchor on every heading.
import { Marked, Renderer, walkTokens, type Token, type Tokens } from 'marked';
import type { Highlighter } from 'shiki';
import { anchorMaker, escapeHtml, heading } from './html.ts';
import { highlight, isHighlighted, knownLanguages } from './highlight.ts';
import { resolveTarget, siteHref, type LinkContext, type Target } from './links.ts';

/** A problem in a chapter that fails the build, at its file and line. */
export interface Problem { file: string; line: number; message: string }

export interface LexedChapter {
  /** The chapter up to its "Questions" section, and what follows that section. */
  before: Token[];
  after: Token[];
  /** href as written in the chapter, and where it leads. */
  links: Array<{ line: number; href: string; target: Target }>;
  diagrams: Array<{ line: number; text: string }>;
  problems: Problem[];
  /** Not failures: a code language the book does not highlight renders as plain text. */
  notes: string[];
}

/** Headings and anchors of one page, shared by the chapter's Markdown and the generated sections. */
export interface Page {
  headings: Array<{ depth: number; id: string; text: string }>;
  anchors: Set<string>;
  heading(depth: number, text: string, innerHtml?: string): string;
}

export function newPage(): Page {
  const makeAnchor = anchorMaker();
  const page: Page = {
    headings: [],
    anchors: new Set(),
    heading(depth, text, innerHtml = escapeHtml(text)) {
      const id = makeAnchor(text);
      page.headings.push({ depth, id, text });
      page.anchors.add(id);
      return heading(depth, id, innerHtml);
    },
  };
  return page;
}

const frontMatter = /^---\n[\s\S]*?\n---\n/;

function linesIn(text: string): number {
  let count = 0;
  for (const character of text) if (character === '\n') count++;
  return count;
}

export function lexChapter(source: string, context: LinkContext, highlighter: Highlighter): LexedChapter {
  const text = source.replace(/\r\n?/g, '\n');
  const header = frontMatter.exec(text)?.[0] ?? '';
  const body = text.slice(header.length);
  const tokens = new Marked({ gfm: true }).lexer(body);
  const lexed: LexedChapter = { before: [], after: [], links: [], diagrams: [], problems: [], notes: [] };
  const problem = (line: number, message: string) => lexed.problems.push({ file: context.file, line, message });

  let cursor = 0;
  let section: 'before' | 'questions' | 'after' = 'before';
  for (const token of tokens) {
    const found = body.indexOf(token.raw, cursor);
    const start = found >= 0 ? found : cursor;
    cursor = start + token.raw.length;
    const line = linesIn(header) + linesIn(body.slice(0, start)) + 1;

    if (token.type === 'heading' && token.depth <= 2) {
      // The chapter's own question list is replaced by the one generated from the key.
      if (section === 'questions') section = 'after';
      if (token.depth === 2 && /^questions$/i.test(token.text.trim()) && section === 'before') section = 'questions';
    }
    if (section === 'questions') continue;
    lexed[section].push(token);

    if (token.type === 'code' && token.codeBlockStyle !== 'indented') {
      const lang = ((token.lang ?? '').trim().split(/\s+/)[0] ?? '').toLowerCase();
      if (lang === 'mermaid') lexed.diagrams.push({ line: line + 1, text: token.text });
      else if (!isHighlighted(highlighter, lang)) {
        lexed.notes.push(`${context.file}:${line}: code language "${lang}" is shown as plain text (the book highlights ${knownLanguages()})`);
      }
    }
    let inner = 0;
    walkTokens([token], (child) => {
      if (child.type !== 'link' && child.type !== 'image') return;
      const link = child as Tokens.Link | Tokens.Image;
      const at = token.raw.indexOf(link.raw, inner);
      if (at >= 0) inner = at + link.raw.length;
      const childLine = line + (at >= 0 ? linesIn(token.raw.slice(0, at)) : 0);
      const href = link.href;
      const target = resolveTarget(href, context, link.type);
      if (target.kind === 'broken') problem(childLine, target.reason);
      link.href = siteHref(target, context.currentSlug);
      lexed.links.push({ line: childLine, href, target });
    });
  }
  return lexed;
}

/** Renders tokens into a page: shiki for code, mermaid source kept for the browser, anchored headings. */
export function renderTokens(tokens: Token[], page: Page, highlighter: Highlighter): string {
  const base = new Renderer();
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      heading(this: Renderer, token: Tokens.Heading) {
        const text = this.parser.parseInline(token.tokens, this.parser.textRenderer);
        return page.heading(token.depth, text, this.parser.parseInline(token.tokens));
      },
      code(token: Tokens.Code) {
        const lang = ((token.lang ?? '').trim().split(/\s+/)[0] ?? '').toLowerCase();
        if (lang === 'mermaid') return `<pre class="mermaid">${escapeHtml(token.text)}</pre>\n`;
        return highlight(highlighter, token.text, lang) + '\n';
      },
      // Wide tables (the results have ten columns) scroll sideways on a phone instead of the page.
      table(this: Renderer, token: Tokens.Table) {
        return `<div class="table-scroll">${base.table.call(this, token)}</div>\n`;
      },
    },
  });
  return marked.parser(tokens);
}
