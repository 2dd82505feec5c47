// The shape of the drill bank: interview questions, the concepts a strong answer names, and a model
// "30-second answer", each in English and Chinese. Plain data, so the grader and tests share it.

export type Lang = 'en' | 'zh';
export const langs: readonly Lang[] = ['en', 'zh'];

export type Bilingual = Record<Lang, string>;

export interface Concept {
  /** How the concept is named in the hit and missed lists. */
  label: Bilingual;
  /** The core of the answer weighs 2, supporting points 1. */
  weight: number;
  /** Any one of these in the answer names the concept, whichever language the answer is in.
   *  Text matches ignoring case, full/half width, spaces, hyphens and underscores; a RegExp is
   *  tested against the answer in lower case with its whitespace collapsed. */
  synonyms: Array<string | RegExp>;
}

export interface DrillQuestion {
  /** "07-copies-saved": the chapter id, then a short name. */
  id: string;
  chapter: string;
  question: Bilingual;
  concepts: Concept[];
  /** The model answer, about thirty seconds spoken. */
  model: Bilingual;
}

export function concept(en: string, zh: string, synonyms: Array<string | RegExp>, weight = 1): Concept {
  return { label: { en, zh }, weight, synonyms };
}
