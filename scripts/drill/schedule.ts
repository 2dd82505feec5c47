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

/** The order to ask questions in the next session: missed and due first, then new ones, then the
 *  other due ones from the lowest box, then the rest by how soon they fall due. Stable, so ties keep
 *  the bank's order. */
export function schedule(questions: DrillQuestion[], drill: Drill): DrillQuestion[] {
  const session = drill.sessions + 1;
  const rank = (question: DrillQuestion): [number, number] => {
    const card = drill.cards[question.id];
    if (!card) return [1, 0];
    if (card.due <= session) return card.box === 1 ? [0, card.due] : [2, card.box * 1000 + card.due];
    return [3, card.due * 1000 + card.box];
  };
  return questions.map((question) => ({ question, rank: rank(question) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1])
    .map((entry) => entry.question);
}

/** A mock interview covers ground: at most one question per chapter, in schedule order. */
export function spreadOverChapters(ordered: DrillQuestion[], count: number): DrillQuestion[] {
  const picked: DrillQuestion[] = [];
  for (const question of ordered) {
    if (picked.length < count && !picked.some((other) => other.chapter === question.chapter)) picked.push(question);
  }
  for (const question of ordered) if (picked.length < count && !picked.includes(question)) picked.push(question);
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
