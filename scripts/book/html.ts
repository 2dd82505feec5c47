// HTML text helpers shared by the book's renderers. Everything that comes from a results file or a
// bench file goes through escapeHtml: those files are written by other processes, so untrusted.

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

/** Escaped text with `backticks` as <code>: the key's prompts and explanations are written that way. */
export function inlineText(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** A heading's anchor, GitHub style ("02 · The path: sendfile()" -> "02--the-path-sendfile"). */
function slugify(text: string): string {
  return text.toLowerCase().trim().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-') || 'section';
}

/** Anchors stay unique within a page: the second "Results" becomes "results-1". */
export function anchorMaker(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const base = slugify(text);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count ? `${base}-${count}` : base;
  };
}

export function heading(depth: number, id: string, innerHtml: string): string {
  return `<h${depth} id="${escapeHtml(id)}"><a class="anchor" href="#${escapeHtml(id)}" aria-label="Link to this section">#</a>${innerHtml}</h${depth}>\n`;
}
