// The one small state file (rustlings' .rustlings-state.txt): only what cannot be derived from the
// answer sheets and .workbook/results/ — hints shown, answers revealed, drill boxes. A missing file
// is an empty one; a corrupt one is set aside and rebuilt, never a crash. Writes are atomic.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { progressPath as defaultProgressPath } from '../paths.ts';

/** One drill question's Leitner card: missed questions drop to box 1 and come back next session. */
export interface Card {
  box: number;
  /** The drill session from which the question is due again. */
  due: number;
  seen: number;
  lastScore: number;
}

export interface Progress {
  version: 1;
  /** "04/q3" -> how many of the key's hints the reader has been shown. */
  hints: Record<string, number>;
  /** "04/q3" -> when the key's answer was revealed. */
  revealed: Record<string, string>;
  drill: { sessions: number; cards: Record<string, Card> };
}

export function emptyProgress(): Progress {
  return { version: 1, hints: {}, revealed: {}, drill: { sessions: 0, cards: {} } };
}

export const questionKey = (chapterId: string, questionId: string) => `${chapterId}/${questionId}`;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function isCard(value: unknown): value is Card {
  return isObject(value) && isCount(value.box) && value.box >= 1 && isCount(value.due) && isCount(value.seen)
    && typeof value.lastScore === 'number' && value.lastScore >= 0 && value.lastScore <= 1;
}

/** Keeps every entry that has the right shape and drops the rest, so one bad field costs only itself. */
function sanitize(parsed: Record<string, unknown>): Progress {
  const progress = emptyProgress();
  const pick = <T>(section: unknown, valid: (value: unknown) => value is T): Record<string, T> =>
    isObject(section) ? Object.fromEntries(Object.entries(section).filter(([, value]) => valid(value))) as Record<string, T> : {};
  progress.hints = pick(parsed.hints, isCount);
  progress.revealed = pick(parsed.revealed, (value): value is string => typeof value === 'string');
  const drill = isObject(parsed.drill) ? parsed.drill : {};
  progress.drill = { sessions: isCount(drill.sessions) ? drill.sessions : 0, cards: pick(drill.cards, isCard) };
  return progress;
}

export function loadProgress(path = defaultProgressPath): Progress {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return emptyProgress();
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isObject(parsed)) throw new Error('not a JSON object');
    return sanitize(parsed);
  } catch (error) {
    // The sheets and results still carry everything that matters; only hints, reveals and drill
    // boxes are lost. The old file is kept beside the new one for anyone who wants to look.
    const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(path, aside);
    const fresh = emptyProgress();
    saveProgress(fresh, path);
    process.stderr.write(`note: ${path} was unreadable (${(error as Error).message}); it was rebuilt from your sheets and results, and the old file kept as ${aside}\n`);
    return fresh;
  }
}

/** Write to a temporary file and rename it over the old one: a crash never leaves half a file. */
export function saveProgress(progress: Progress, path = defaultProgressPath): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(progress, null, 2) + '\n');
  renameSync(temporary, path);
}

/** Read, change and write back in one step, so two verbs running at once lose as little as possible. */
export function updateProgress(change: (progress: Progress) => void, path = defaultProgressPath): Progress {
  const progress = loadProgress(path);
  change(progress);
  saveProgress(progress, path);
  return progress;
}
