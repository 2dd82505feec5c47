// Mermaid diagrams: checked at build time with mermaid's own parser, drawn in the reader's browser
// by the copy of mermaid the site carries (from the npm package, never a CDN).
import { fileURLToPath } from 'node:url';

export const mermaidScript = fileURLToPath(import.meta.resolve('mermaid/dist/mermaid.min.js'));

export interface DiagramError {
  /** 1-based line within the diagram's text. */
  line: number;
  message: string;
}

type Mermaid = typeof import('mermaid').default;
let parser: Promise<Mermaid> | undefined;

// mermaid.parse() runs the real grammar without a DOM, but some diagram databases sanitise labels
// with DOMPurify on the way, and DOMPurify without a window is an empty object ("addHook is not a
// function"). Sanitising changes label text, never whether the diagram parses, so for this
// parse-only use its hooks are no-ops and sanitize returns the text unchanged. mermaid imports the
// same DOMPurify instance; nothing in the build renders the parsed text.
async function loadParser(): Promise<Mermaid> {
  const { default: purify } = await import('dompurify');
  if (!purify.isSupported) {
    Object.assign(purify, { addHook() {}, removeHook() {}, removeHooks() {}, removeAllHooks() {}, sanitize: (text: unknown) => text });
  }
  return (await import('mermaid')).default;
}

/** Undefined when the diagram parses; mermaid is loaded on the first diagram only (about a second). */
export async function checkDiagram(text: string): Promise<DiagramError | undefined> {
  parser ??= loadParser();
  const mermaid = await parser;
  try {
    await mermaid.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // jison grammars say "Parse error on line 3:" then a caret picture, langium ones "…on line 2, column 8: …".
    const line = Number(/on line (\d+)/.exec(message)?.[1] ?? 1);
    const lines = message.split('\n').map((part) => part.trim()).filter(Boolean);
    const reason = lines.length > 1 ? `${(lines[0] ?? '').replace(/:$/, '')}: ${lines.at(-1)}` : lines[0] ?? 'does not parse';
    // The caller reports the chapter's line; mermaid's own line number would only confuse.
    return { line, message: reason.replace(/\s*on line \d+(, column \d+)?/, '') };
  }
}
