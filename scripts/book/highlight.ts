// Code highlighting with shiki. Creating a highlighter loads grammars and themes and is the
// expensive part (shiki's docs: create it once, reuse it), so the process holds exactly one and
// every page and every rebuild in --serve reuses it.
import { createHighlighter, type Highlighter } from 'shiki';

/** The chapters' languages; shiki adds the aliases (ts, sh, shell, …). */
const languages = ['typescript', 'bash', 'c', 'json'];
const plain = new Set(['', 'text', 'txt', 'plaintext', 'plain']);
const themes = { light: 'github-light', dark: 'github-dark' } as const;

let highlighter: Promise<Highlighter> | undefined;

export function loadHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: Object.values(themes), langs: languages });
  return highlighter;
}

export function isHighlighted(highlighter: Highlighter, lang: string): boolean {
  return plain.has(lang) || highlighter.getLoadedLanguages().includes(lang);
}

export function knownLanguages(): string {
  return ['text', ...languages].join(', ');
}

/** Both themes in one pass: the light colours inline, the dark ones as --shiki-dark variables. */
export function highlight(highlighter: Highlighter, code: string, lang: string): string {
  return highlighter.codeToHtml(code, { lang: isHighlighted(highlighter, lang) && !plain.has(lang) ? lang : 'text', themes });
}
