// Where the captured traces live and what each one was captured from (see fixtures/README.md).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLedger, type Ledger } from '../scripts/ledger.ts';
import { readTrace } from '../scripts/parse.ts';

export const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

export interface TraceFixture { lab: string; runtime: string; method: string; dataFile: string; bytes: number; port: number }

export const traceFixtures = (JSON.parse(readFileSync(fixturesDir + 'traces.json', 'utf8')) as { traces: Record<string, TraceFixture> }).traces;

export async function ledgerOf(name: string): Promise<{ ledger: Ledger; fixture: TraceFixture }> {
  const fixture = traceFixtures[name];
  const counting = createLedger({ files: [fixture.dataFile], port: fixture.port });
  for await (const event of readTrace(fixturesDir + name)) counting.add(event);
  return { ledger: counting.ledger, fixture };
}
