// Where the captured traces live and what each one was captured from (see fixtures/README.md).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLedger, type Ledger } from '../scripts/lab/ledger.ts';
import { readTrace } from '../scripts/lab/parse.ts';

export const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

export interface TraceFixture {
  lab: string; runtime: string; method: string; dataFile: string; bytes: number;
  /** The server's port (labs with a socket), the copy's path (lab 05) or the named pipe (lab 06). */
  port?: number; outFile?: string; pipe?: string;
}

export const traceFixtures = (JSON.parse(readFileSync(fixturesDir + 'traces.json', 'utf8')) as { traces: Record<string, TraceFixture> }).traces;

/** The value, or a test that fails naming what was missing (tests index the catalogue and the fixtures). */
export function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`the test needs ${what}, and there is none`);
  return value;
}

export function traceFixture(name: string): TraceFixture {
  return must(traceFixtures[name], `the fixture ${name} in traces.json`);
}

export async function ledgerOf(name: string): Promise<{ ledger: Ledger; fixture: TraceFixture }> {
  const fixture = traceFixture(name);
  const counting = createLedger({ files: [fixture.dataFile, ...(fixture.outFile ? [fixture.outFile] : [])], pipes: fixture.pipe ? [fixture.pipe] : [], port: fixture.port });
  for await (const event of readTrace(fixturesDir + name)) counting.add(event);
  return { ledger: counting.settle(), fixture };
}
