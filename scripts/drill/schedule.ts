// Spaced repetition with Leitner boxes, counted in drill sessions rather than days: a reader drills
// when they drill. A missed question drops to box 1 and is due the very next session; each pass
// moves it up a box and doubles the wait, up to 16 sessions in box 5.
import type { Card, Progress } from '../progress/store.ts';
import { bank } from './bank.ts';
import type { DrillQuestion } from './types.ts';

/** At or above this score a question counts as passed and moves up a box. */
export const passScore = 0.7;
const sessionsUntilDue = [0, 1, 2, 4, 8, 16];
const topBox = sessionsUntilDue.length - 1;

type Drill = Progress['drill'];

type Rank = [number, number];

function rank(question: DrillQuestion, drill: Drill): Rank {
  const card = drill.cards[question.id];
  const session = drill.sessions + 1;
  if (!card) return [1, 0];
  if (card.due <= session) return card.box === 1 ? [0, card.due] : [2, card.box * 1000 + card.due];
  return [3, card.due * 1000 + card.box];
}

const byRank = (a: Rank, b: Rank) => a[0] - b[0] || a[1] - b[1];

/** The order to ask questions in the next session: missed and due first, then new ones, then the
 *  other due ones from the lowest box, then the rest by how soon they fall due. Stable, so ties keep
 *  the bank's order. */
export function schedule(questions: DrillQuestion[], drill: Drill): DrillQuestion[] {
  return questions.map((question) => ({ question, rank: rank(question, drill) }))
    .sort((a, b) => byRank(a.rank, b.rank))
    .map((entry) => entry.question);
}

/** A small seeded generator (mulberry32), so `--mock --seed N` asks the same interview again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** A mock interview covers ground: at most one question per chapter, drawn at random from all the
 *  chapters, with the questions a reader missed still coming first. */
export function mockInterview(questions: DrillQuestion[], drill: Drill, count: number, seed: number): DrillQuestion[] {
  const next = random(seed);
  const shuffled = questions.map((question) => ({ question, rank: rank(question, drill), draw: next() }))
    .sort((a, b) => byRank(a.rank, b.rank) || a.draw - b.draw)
    .map((entry) => entry.question);
  const picked: DrillQuestion[] = [];
  for (const question of shuffled) {
    if (picked.length < count && !picked.some((other) => other.chapter === question.chapter)) picked.push(question);
  }
  for (const question of shuffled) if (picked.length < count && !picked.includes(question)) picked.push(question);
  return picked;
}

export function record(drill: Drill, id: string, score: number, session: number): Card {
  const card = drill.cards[id];
  const box = score >= passScore ? Math.min((card?.box ?? 1) + 1, topBox) : 1;
  drill.sessions = Math.max(drill.sessions, session);
  const next = { box, due: session + (sessionsUntilDue[box] ?? 0), seen: (card?.seen ?? 0) + 1, lastScore: score };
  drill.cards[id] = next;
  return next;
}

/** How far the reader is with the drill, for the progress view and the next step. */
export interface DrillSummary {
  total: number;
  practised: number;
  due: number;
}

export function drillSummary(progress: Progress): DrillSummary {
  const { cards, sessions } = progress.drill;
  const practised = bank.flatMap((question) => cards[question.id] ?? []);
  return { total: bank.length, practised: practised.length, due: practised.filter((card) => card.due <= sessions + 1).length };
}
