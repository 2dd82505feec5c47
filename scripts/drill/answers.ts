// A file of answers for `drill --answers FILE`. One answer a line, as always; an answer of several
// lines is written between lines of `---` instead: once a file has such a line, everything between
// two of them is one answer. An empty answer skips its question. A file that is not text is refused
// with one message, before anything is graded or saved.
import { readFileSync } from 'node:fs';
import { UsageError } from '../args.ts';
import { itemAt } from './indexing.ts';

/** Longer than any answer anyone writes, short enough to refuse a log file or a binary by mistake. */
const maxLineBytes = 100 * 1024;
const separator = /^\s*---\s*$/;

export function parseAnswers(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  if (!lines.some((line) => separator.test(line))) return lines.map((line) => line.trim());
  const answers: string[] = [''];
  for (const line of lines) {
    if (separator.test(line)) answers.push('');
    else answers[answers.length - 1] += (answers[answers.length - 1] ? '\n' : '') + line;
  }
  // A separator before the first answer or after the last one frames the answers; it is not an empty one.
  if (separator.test(itemAt(lines, 0, 'lines'))) answers.shift();
  if (separator.test(lines.at(-1)!)) answers.pop();
  return answers.map((answer) => answer.trim());
}

export function readAnswers(path: string): string[] {
  const name = path === '-' ? 'stdin' : path;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path === '-' ? 0 : path);
  } catch (error) {
    throw new UsageError(`cannot read the answers in ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${name} is not UTF-8 text; write the answers as plain text, one a line (or between lines of ---)`);
  }
  if (text.includes('\0')) throw new UsageError(`${name} looks like a binary file, not answers; write them as plain text, one a line`);
  const long = text.split('\n').findIndex((line) => Buffer.byteLength(line) > maxLineBytes);
  if (long >= 0) throw new UsageError(`${name}: line ${long + 1} is over ${maxLineBytes / 1024} KB; an answer is a few sentences`);
  return parseAnswers(text);
}
