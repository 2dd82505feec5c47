// Where the captured traces live and what each one was captured from (see fixtures/README.md).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLedger, type Ledger } from '../scripts/lab/ledger.ts';
import { readTrace } from '../scripts/lab/parse.ts';
import type { TraceRecord } from '../scripts/lab/run.ts';

export const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A captured trace and what it takes to read it again (test/fixtures/capture.ts writes them). */
export type TraceFixture = TraceRecord;

export const traceFixtures = (JSON.parse(readFileSync(fixturesDir + 'traces.json', 'utf8')) as { traces: Record<string, TraceFixture> }).traces;

/** The value, or a test that fails naming what was missing (tests index the catalogue and the fixtures). */
export function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`the test needs ${what}, and there is none`);
  return value;
}

export function traceFixture(name: string): TraceFixture {
  return must(traceFixtures[name], `the fixture ${name} in traces.json`);
}

/** A fixture's ledger, settled with the server's own report as the runner settles it. */
export async function ledgerOf(name: string): Promise<{ ledger: Ledger; fixture: TraceFixture }> {
  const fixture = traceFixture(name);
  const counting = createLedger(fixture.fds);
  for await (const event of readTrace(fixturesDir + name)) counting.add(event);
  return { ledger: counting.settle(fixture.report), fixture };
}
