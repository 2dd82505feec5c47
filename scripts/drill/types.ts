// The shape of the drill bank: interview questions, the claims a strong answer makes, the myths a
// common answer states, and a model "30-second answer", each in English and Chinese. Plain data, so
// the grader and the tests share it; claims.ts compiles the patterns once.

export type Lang = 'en' | 'zh';
export const langs: readonly Lang[] = ['en', 'zh'];

export type Bilingual = Record<Lang, string>;

/** One part of a pattern: alternatives separated by "|", in either language ("cop~ | 拷贝 | 复制").
 *  A word ending in "~" also matches its inflections (copy~: copies, copied, copying). A count
 *  matches a number beside one of its nouns ("two copies", "copied twice", "拷两次"); a different
 *  number there contradicts the claim, unless an `except` term is in the clause ("DMA", "in total"). */
export type Part = string | { count: number; of: string; except?: string };

/** Every part must occur in one sentence, near the last part, whose clause decides the polarity:
 *  `says` forms hold when that clause is affirmative, `denies` forms when it is negated or reversed
 *  ("does not copy into user space", "avoids the copy", "数据不进入用户态"), and either contradicts
 *  the claim in the opposite clause. A form of one part is a mention: it holds unless a negation
 *  stands right beside it, and a one-part `denies` form never contradicts. A form is skipped when an
 *  `unless` term is in a clause it matched in: the sentence is about something else. */
export interface Form {
  parts: Part[];
  negated: boolean;
  /** An `against` form states the wrong relation: affirmed, it contradicts the claim. */
  against?: boolean;
  /** A one-way form only asserts: its opposite is ordinary speech, not a contradiction. */
  oneWay?: boolean;
  unless?: string;
}

export interface Claim {
  /** How the claim is named in the named, missed and contradicted lists. */
  label: Bilingual;
  /** The core of the answer weighs 2 (3 for the one point a question is about), supporting points 1. */
  weight: number;
  forms: Form[];
}

/** A wrong claim a common answer makes. Stating it costs points; the correction says what the
 *  measurement or the source shows instead. Denying it ("it is not four context switches") is fine. */
export interface Myth {
  label: Bilingual;
  correction: Bilingual;
  forms: Form[];
}

export interface DrillQuestion {
  /** "07-copies-saved": the chapter id, then a short name. */
  id: string;
  chapter: string;
  question: Bilingual;
  claims: Claim[];
  myths: Myth[];
  /** The model answer, about thirty seconds spoken. */
  model: Bilingual;
}

export const says = (...parts: Part[]): Form => ({ parts, negated: false });
export const denies = (...parts: Part[]): Form => ({ parts, negated: true });
/** The wrong relation with the right words ("the page cache is in the process"): affirmed, it
 *  contradicts the claim; negated, it says nothing. */
export const against = (...parts: Part[]): Form => ({ parts, negated: false, against: true });
/** The same form, asserting only: "those are not context switches" asserts "they are mode switches",
 *  but "a context switch is …" does not contradict it. */
export const only = (form: Form): Form => ({ ...form, oneWay: true });
/** The same form, skipped in a clause that names one of these (a rival subject, another path). */
export const unless = (form: Form, rivals: string): Form => ({ ...form, unless: rivals });
export const count = (value: number, of: string, except?: string): Part => ({ count: value, of, except });

export function claim(en: string, zh: string, weight: number, ...forms: Form[]): Claim {
  return { label: { en, zh }, weight, forms };
}

export function myth(label: Bilingual, correction: Bilingual, ...forms: Form[]): Myth {
  return { label, correction, forms };
}
