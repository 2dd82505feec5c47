// The interactive drill: one question at a time on the terminal, or on lines piped in. It never
// hangs: end of input (Ctrl-D, or the end of a pipe) and Ctrl-C end the drill, and the caller
// prints the scorecard of what was answered so far. In a mock interview a deadline ends it too.
import { createInterface } from 'node:readline';
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
  /** Called after each graded answer, before the next question is asked. */
  onAnswer(answered: Answered): void;
}

const timeUp = Symbol('time is up');

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
      if (terminal) { input.setPrompt('> '); input.prompt(); }
      const asked = Date.now();
      const line = await nextLine(lines, deadline);
      if (line === timeUp) { console.log(`\n${ui(lang).timeUp}`); break; }
      if (line === null || line.trim() === ':q') break;
      // Piped answers are not echoed by a terminal; print them so the transcript reads as a dialogue.
      if (!terminal) console.log(`> ${line}`);
      const answered: Answered = { question, answer: line.trim(), grade: grade(question, line, lang), seconds: Math.round((Date.now() - asked) / 1000) };
      options.onAnswer(answered);
      console.log(renderFeedback(answered, lang));
    }
  } finally {
    input.close();
  }
  return { usedMs: Date.now() - started };
}
