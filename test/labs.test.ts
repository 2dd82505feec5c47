// Every runtime adapter launches its lab servers and every method delivers a verified file
// (byte count and SHA-256), traced where strace exists. Small files keep this bounded; the
// assertions are the ledger's physics, never a printed table or a time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { labs } from '../scripts/catalogue.ts';
import { createWorkDir, prepareSession, runLab } from '../scripts/lab.ts';
import type { LabResult } from '../scripts/results.ts';
import { runtimeNames } from '../runtime-adapters/types.ts';

const work = createWorkDir();
const results: Record<string, LabResult> = {};

test.before(async () => {
  // 2 MiB: above Bun's 1 MiB sendfile threshold, small enough to run every method quickly.
  const options = { runtimes: [...runtimeNames], explicitRuntimes: true, explicitChunk: false, bytes: 2 * 2 ** 20, chunk: 65536, timedRuns: 2, trace: true };
  const session = await prepareSession(options, work.dir, () => {});
  for (const lab of labs) results[lab.id] = await runLab(lab, options, session);
});

test.after(() => work.cleanup());

test('every runtime runs every method its adapter declares, each transfer verified', () => {
  for (const lab of labs) {
    const result = results[lab.id];
    const failed = result.notMeasured.filter((row) => row.status === 'failed');
    assert.equal(failed, [], `lab ${lab.id} failures`);
    for (const run of result.runs) {
      assert.ok(run.verified, `${run.runtime} ${run.method}`);
      assert.is(run.bytes, 2 * 2 ** 20);
      assert.ok(run.mibPerSecond > 0 && run.wallSeconds > 0);
    }
    assert.ok(result.runs.length + result.notMeasured.length === runtimeNames.length * lab.methods.length, `lab ${lab.id}: a row for every runtime × method`);
  }
});

test('methods a runtime lacks are reported with a reason, not skipped', () => {
  const unavailable = results['02'].notMeasured.filter((row) => row.status === 'unavailable');
  assert.equal(unavailable.map((row) => `${row.runtime} ${row.method}`).sort(), ['deno sendfile', 'node sendfile']);
  for (const row of unavailable) assert.ok(row.reason.length > 20, row.reason);
});

test('traced counts: read-write copies twice per byte, bun sendfile none', () => {
  const tracing = results['01'].tracing.available;
  if (!tracing) return; // untraced machines still run the transfers above
  for (const result of Object.values(results)) {
    for (const run of result.runs.filter((candidate) => candidate.method === 'read-write')) {
      assert.ok(Math.abs(run.copiesPerByte! - 2) < 0.01, `${result.lab} ${run.runtime}: ${run.copiesPerByte}`);
    }
  }
  const sendfile = results['02'].runs.find((run) => run.runtime === 'bun' && run.method === 'sendfile')!;
  assert.is(sendfile.copies!.fileToUser, 0);
  assert.is(sendfile.copies!.kernelMoved, sendfile.bytes);
});

test.run();
