// Grading a free-text answer: a concept is named when any of its synonyms occurs in the answer.
// Chinese has no spaces between words, so matching is by substring, after the answer and the
// synonyms are brought to one form (NFKC folds full-width letters and digits to half-width).
import type { Concept, DrillQuestion, Lang } from './types.ts';

export interface Grade {
  /** Weighted share of the concepts named, 0 to 1. */
  score: number;
  hit: string[];
  missed: string[];
}

/** Lower case, half-width, whitespace collapsed: what a RegExp synonym is tested against. */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Also without spaces, hyphens and underscores: "zero-copy", "zero copy", "零 拷贝" all compare equal. */
function compact(text: string): string {
  return normalise(text).replace(/[\s\-_‐‑–—]+/g, '');
}

function names(concept: Concept, answer: string): boolean {
  const spaced = normalise(answer);
  const tight = compact(answer);
  return concept.synonyms.some((synonym) => typeof synonym === 'string' ? tight.includes(compact(synonym)) : spaced.search(synonym) >= 0);
}

export function grade(question: DrillQuestion, answer: string, lang: Lang): Grade {
  const total = question.concepts.reduce((sum, concept) => sum + concept.weight, 0);
  const hit: string[] = [];
  const missed: string[] = [];
  let earned = 0;
  for (const concept of question.concepts) {
    if (names(concept, answer)) {
      earned += concept.weight;
      hit.push(concept.label[lang]);
    } else {
      missed.push(concept.label[lang]);
    }
  }
  return { score: total ? Math.round((earned / total) * 100) / 100 : 0, hit, missed };
}
