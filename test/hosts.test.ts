// The CLI with Bun or Deno as its host, the way README says to run it: `bun scripts/workbook.ts
// VERB` and `deno task VERB`. Check, drill and one lab under each, each asserting what the verb
// does (exit codes, a graded answer, a verified and traced transfer), not what it prints.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bank } from '../scripts/drill/bank.ts';
import { keyDir } from '../scripts/paths.ts';
import { binPath } from '../runtime-adapters/bin.ts';
import { fixturesDir, must } from './fixtures.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-hosts-'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));

const hosts = {
  bun: (args: string[]) => [binPath('bun'), ['scripts/workbook.ts', ...args]] as const,
  deno: (args: string[]) => [binPath('deno'), ['task', '--quiet', ...args]] as const,
};

function run(host: keyof typeof hosts, args: string[]) {
  const [file, argv] = hosts[host](args);
  const env = { ...process.env, WORKBOOK_PROGRESS: join(scratch, `${host}-progress.json`), WORKBOOK_RESULTS: join(scratch, `${host}-results`), NO_COLOR: '1' };
  const result = spawnSync(file, argv, { cwd: root, encoding: 'utf8', timeout: 120_000, env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

for (const host of ['bun', 'deno'] as const) {
  test(`${host} as the host: check passes the key (exit 0) and fails a blank sheet (exit 1)`, () => {
    const key = run(host, ['check', '01', '--answers', keyDir, '--results', join(fixturesDir, 'results')]);
    assert.is(key.status, 0, key.stderr);
    assert.match(key.stdout, /5 of 5 correct/);
    const blank = run(host, ['check', '01']);
    assert.is(blank.status, 1, blank.stderr);
    assert.match(blank.stdout, /not yet answered/);
  });

  test(`${host} as the host: the drill grades a file of answers as JSON`, () => {
    const question = must(bank[0], 'a drill question');
    const file = join(scratch, `${host}-answers.txt`);
    writeFileSync(file, `${question.model.en}\n`);
    const drilled = run(host, ['drill', '--question', question.id, '--answers', file, '--json', '--lang', 'en']);
    assert.is(drilled.status, 0, drilled.stderr);
    const document = JSON.parse(drilled.stdout) as { results: Array<{ id: string; score: number }> };
    assert.is(document.results[0]?.id, question.id);
    assert.ok((document.results[0]?.score ?? 0) >= 0.8, `the model answer scores ${document.results[0]?.score}`);
  });

  test(`${host} as the host: a lab runs, verifies and traces every transfer`, () => {
    const lab = run(host, ['lab', '01', '--runtime', `node,${host}`, '--size', '1MiB', '--runs', '1', '--json']);
    assert.is(lab.status, 0, lab.stderr);
    const result = JSON.parse(lab.stdout) as { runs: Array<{ runtime: string; runtimeVersion: string; verified: boolean; traced: boolean }>; tracing: { available: boolean } };
    assert.equal([...new Set(result.runs.map((one) => one.runtime))], ['node', host]);
    for (const one of result.runs) {
      assert.ok(one.verified);
      assert.is(one.traced, result.tracing.available);
    }
    // Under Bun or Deno, process.versions.node is only what they are compatible with: Node is asked.
    assert.is(result.runs.find((one) => one.runtime === 'node')?.runtimeVersion, process.versions.node);
  });
}

test.run();
