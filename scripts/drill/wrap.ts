// Wrapping drill text to the terminal: a CJK character takes two columns, English breaks between
// words, Chinese between characters, and closing punctuation never starts a line.

/** East Asian wide and full-width characters: CJK ideographs and punctuation, kana, Hangul, full-width forms. */
const wideRange = '\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6';
const wide = new RegExp(`[${wideRange}]`, 'u');
const closers = '，。、；：？！）」』》〉”’';
/** Punctuation that belongs to the end of the line before it. */
const closing = new RegExp(`^[${closers},.;:?!)\\]%]`, 'u');
const unit = new RegExp(`\\s+|[${wideRange}][${closers}]*|[^\\s${wideRange}]+`, 'gu');

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += wide.test(char) ? 2 : 1;
  return width;
}

/** The text in units that are never split: an English word with its punctuation, one Chinese
 *  character with any closing punctuation after it, or a run of spaces. */
function units(text: string): string[] {
  const found = text.match(unit) ?? [];
  // An opening bracket or quote stays with what follows it.
  const merged: string[] = [];
  for (const piece of found) {
    const previous = merged.at(-1);
    if (previous !== undefined && (closing.test(piece) || /[（「『《〈“‘(]$/u.test(previous))) merged[merged.length - 1] += piece;
    else merged.push(piece);
  }
  return merged;
}

/** The width to wrap at: the terminal's, when there is one, else a comfortable 96 columns. */
export function terminalWidth(): number {
  const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
  return Math.max(40, Math.min(columns ? columns - 1 : 96, 120));
}

/** Each paragraph of `text` wrapped to `width` columns, every line starting with `indent`. */
export function wrap(text: string, indent = '', width = terminalWidth()): string {
  const room = Math.max(20, width - displayWidth(indent));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const piece of units(paragraph)) {
      const space = /^\s+$/.test(piece);
      if (space && !line) continue;
      if (line && !space && displayWidth(line + piece) > room) {
        lines.push(line.trimEnd());
        line = piece;
      } else line += space ? ' ' : piece;
    }
    lines.push(line.trimEnd());
  }
  return lines.map((line) => indent + line).join('\n');
}
