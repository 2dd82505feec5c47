// The interactive drill: one question at a time on the terminal, or on lines piped in. An answer
// may span lines, as a pasted paragraph does: it ends at an empty line, or at the end of the input.
// An empty first line skips the question. It never hangs: end of input (Ctrl-D, or the end of a
// pipe), Ctrl-C and `:q` end the drill, after grading the answer in progress, and the caller prints
// the scorecard. In a mock interview the deadline ends it too.
import { createInterface, type Interface } from 'node:readline';
import { grade } from './grade.ts';
import { renderFeedback, renderQuestion, ui, type Answered } from './render.ts';
import type { DrillQuestion, Lang } from './types.ts';

export interface SessionOptions {
  questions: DrillQuestion[];
  lang: Lang;
  /** A mock interview's time limit for the whole session. */
  limitMs?: number;
  /** What the question's header says besides its chapter (a review, the time budget). */
  detail(question: DrillQuestion, startedAt: number): string;
  /** Called after each answer, graded or skipped, before the next question is asked. */
  onAnswer(answered: Answered): void;
}

const timeUp = Symbol('time is up');
const quit = ':q';

async function nextLine(lines: AsyncIterator<string>, deadline: number | null): Promise<string | null | typeof timeUp> {
  const line = lines.next().then((result) => result.done ? null : result.value);
  if (deadline === null) return line;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<typeof timeUp>((resolve) => { timer = setTimeout(() => resolve(timeUp), Math.max(0, deadline - Date.now())); });
  try {
    return await Promise.race([line, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** How reading one answer ended: an empty line sent it; the input, `:q` or the clock ended the drill. */
type Ending = 'sent' | 'end' | 'time';

/** Reads the lines of one answer. */
async function readAnswer(lines: AsyncIterator<string>, deadline: number | null, input: Interface, terminal: boolean): Promise<{ text: string; ending: Ending }> {
  const typed: string[] = [];
  for (;;) {
    if (terminal) { input.setPrompt(typed.length ? '  ' : '> '); input.prompt(); }
    const line = await nextLine(lines, deadline);
    if (line === timeUp) return { text: typed.join('\n'), ending: 'time' };
    if (line === null || line.trim() === quit) return { text: typed.join('\n'), ending: 'end' };
    if (line.trim() === '') return { text: typed.join('\n'), ending: 'sent' };
    // Piped answers are not echoed by a terminal; print them so the transcript reads as a dialogue.
    if (!terminal) console.log(`${typed.length ? ' ' : '>'} ${line}`);
    typed.push(line);
  }
}

/** Asks until the questions, the input or the time run out; returns how long it took. */
export async function interactiveSession(options: SessionOptions): Promise<{ usedMs: number }> {
  const { questions, lang } = options;
  const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const input = createInterface({ input: process.stdin, output: process.stdout, terminal });
  // On a terminal readline takes Ctrl-C as a key; without this listener it would only pause.
  input.on('SIGINT', () => input.close());
  const lines = input[Symbol.asyncIterator]();
  const started = Date.now();
  const deadline = options.limitMs === undefined ? null : started + options.limitMs;
  try {
    for (const [index, question] of questions.entries()) {
      console.log(renderQuestion(question, index, questions.length, lang, options.detail(question, started)));
      const asked = Date.now();
      const { text, ending } = await readAnswer(lines, deadline, input, terminal);
      if (ending === 'time') console.log(`\n${ui(lang).timeUp}`);
      const answer = text.trim();
      // The end of the input or `:q` right at a question ends the drill without skipping the question.
      if (answer || ending === 'sent') {
        const answered: Answered = {
          question, answer, grade: grade(question, answer, lang), seconds: Math.round((Date.now() - asked) / 1000), skipped: !answer,
        };
        options.onAnswer(answered);
        console.log(renderFeedback(answered, lang));
      }
      if (ending !== 'sent') break;
    }
  } finally {
    input.close();
  }
  return { usedMs: Date.now() - started };
}
