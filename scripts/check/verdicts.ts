// One answer, judged: against the key, or — for a prediction — against the reader's own
// measurement in .workbook/results/. Plain data in, plain data out, so the CLI, the progress view
// and the tests all share it.
import { directions, type Direction } from '../lab/ledger.ts';
import type { LabResult, Run } from '../lab/results.ts';
import type { MeasuredQuantity, Question } from './types.ts';

export type Status = 'correct' | 'wrong' | 'unanswered' | 'unmeasured';

export interface Verdict {
  id: string;
  status: Status;
  /** Why: the hint for a wrong answer, the command to run for an unmeasured prediction. */
  message?: string;
  /** A wrong answer of the right form carries the key's hints (message is the first), so the
   *  checker can give the one the reader has reached and `npm run hint` the next. */
  hints?: string[];
  /** For a prediction: what the reader's own run measured. */
  measured?: string;
  explanation?: string;
}

export function measureCommand(quantity: MeasuredQuantity): string {
  const chunk = quantity.chunk ? ` --chunk ${quantity.chunk / 1024}KiB` : '';
  return `npm run lab -- ${quantity.lab} --runtime ${quantity.runtime} --method ${quantity.method} --size ${quantity.bytes / 2 ** 20}MiB${chunk}`;
}

/** The number a metric names in a traced run. */
function measuredValue(run: Run, metric: MeasuredQuantity['metric']): number | undefined {
  if (!run.traced) return undefined;
  if (metric === 'copiesPerByte') return run.copiesPerByte;
  if (metric === 'cpuCopiesPerByte') return run.cpuCopiesPerByte;
  if (metric === 'allSyscalls') return run.allSyscalls;
  if (metric === 'zerocopy.sends') return run.zerocopy?.sends;
  if (metric === 'zerocopy.copiedSends') return run.zerocopy?.copiedSends;
  const [group, field] = metric.split('.') as ['calls' | 'copies', string];
  return directions.includes(field as Direction) ? run[group][field as Direction] : undefined;
}

/** The newest traced run that matches the prediction's lab, runtime, method and file size. */
export function findMeasurement(quantity: MeasuredQuantity, results: LabResult[]): { run: Run; value: number } | null {
  for (const result of results) {
    if (result.lab !== quantity.lab) continue;
    const run = result.runs.find((candidate) => candidate.runtime === quantity.runtime && candidate.method === quantity.method
      && candidate.bytes === quantity.bytes && candidate.traced && (!quantity.chunk || (candidate.chunk ?? result.chunk) === quantity.chunk));
    if (!run) continue;
    const value = measuredValue(run, quantity.metric);
    if (typeof value === 'number') return { run, value };
  }
  return null;
}

function close(value: number, target: number, tolerance: number, scale: number): boolean {
  return Math.abs(value - target) <= tolerance * scale + Number.EPSILON;
}

export function judge(id: string, question: Question, answer: unknown, results: LabResult[]): Verdict {
  if (answer === null || answer === undefined) return { id, status: 'unanswered' };
  const wrong = (message?: string): Verdict => message ? { id, status: 'wrong', message }
    : { id, status: 'wrong', message: question.hints[0], hints: question.hints };
  const correct: Verdict = { id, status: 'correct', explanation: question.explanation };
  switch (question.kind) {
    case 'choice': {
      if (typeof answer !== 'string') return wrong(`${id} takes one letter (${Object.keys(question.choices).join(', ')}), got ${JSON.stringify(answer)}`);
      const letter = answer.trim().toLowerCase();
      if (!(letter in question.choices)) return wrong(`${id} takes one of ${Object.keys(question.choices).join(', ')}, got "${answer}"`);
      return letter === question.answer ? correct : wrong();
    }
    case 'number': {
      if (typeof answer !== 'number' || !Number.isFinite(answer)) return wrong(`${id} takes a number, got ${JSON.stringify(answer)}`);
      return close(answer, question.answer, question.tolerance ?? 0, Math.abs(question.answer)) ? correct : wrong();
    }
    case 'prediction': {
      if (typeof answer !== 'number' || !Number.isFinite(answer)) return wrong(`${id} takes a number, got ${JSON.stringify(answer)}`);
      const measured = findMeasurement(question.measured, results);
      if (!measured) return { id, status: 'unmeasured', message: `measure it first: ${measureCommand(question.measured)}` };
      // Byte counts are judged against the file size, so "0" is right when a handful of header
      // bytes went through user space; call counts against the count itself.
      const scale = question.measured.metric.startsWith('copies.') ? question.measured.bytes : Math.max(Math.abs(measured.value), 1);
      const said = `your ${measured.run.runtime} ${measured.run.runtime === 'node' ? 'v' : ''}${measured.run.runtimeVersion} measured ${measured.value}`;
      return close(answer, measured.value, question.tolerance, scale)
        ? { ...correct, measured: said }
        : { ...wrong(), measured: said };
    }
  }
}
