// The shape of a chapter's key: the single source of its questions. The blank answer sheet in
// answers/ and the question list at the end of the chapter mirror it; a test keeps them in step.

import type { Direction } from '../lab/ledger.ts';
import type { MethodName, RuntimeName } from '../../runtime-adapters/types.ts';

/**
 * A number from a run's ledger (scripts/lab/ledger.ts), e.g. "calls.fileToUser", or what the kernel
 * reported of a zero-copy send (lab 09), e.g. "zerocopy.copiedSends".
 */
export type Metric = `calls.${Direction}` | `copies.${Direction}` | 'copiesPerByte' | 'cpuCopiesPerByte' | 'allSyscalls'
  | 'zerocopy.sends' | 'zerocopy.copiedSends';

/** Which measured number a prediction is checked against. */
export interface MeasuredQuantity {
  /** The lab id, e.g. "01". */
  lab: string;
  runtime: RuntimeName;
  method: MethodName;
  /** The file size the question is about. */
  bytes: number;
  /** The read-write buffer size, when the question is about one (lab 04). */
  chunk?: number;
  metric: Metric;
}

interface QuestionBase {
  /** The question as the reader sees it (also the comment above the sheet's field). */
  prompt: string;
  /** Given, in order, after each wrong attempt. */
  hints: string[];
  /** Shown once the question is answered correctly or revealed. */
  explanation: string;
}

export interface ChoiceQuestion extends QuestionBase {
  kind: 'choice';
  choices: Record<string, string>;   // letter -> text
  answer: string;                    // a letter from choices
}

export interface NumberQuestion extends QuestionBase {
  kind: 'number';
  answer: number;
  /** Relative tolerance, 0.01 = within 1%. Exact when absent. */
  tolerance?: number;
}

/** Checked against the reader's own measurement, not against a number in the key. */
export interface PredictionQuestion extends QuestionBase {
  kind: 'prediction';
  measured: MeasuredQuantity;
  tolerance: number;
  /** The value the key sheet holds; correct on any machine that runs the lab as described. */
  answer: number;
}

export type Question = ChoiceQuestion | NumberQuestion | PredictionQuestion;

/** A chapter's key: question id (q1, q2, …) -> question. */
export type ChapterKey = Record<string, Question>;
