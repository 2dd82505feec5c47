// The bench: its client's HTTP decoding, the cold-cache helper, and real tiny runs of lab 02 on Bun
// (the runtime with all three methods) through the CLI, into a temp dir. What is asserted is the
// contract (valid JSON with every field, an SVG, a tampered file never reported), never a speed:
// speeds belong to the machine. The chart's own tests are in chart.test.ts.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dropFromPageCache } from '../scripts/bench/cache.ts';
import { createResponseDecoder } from '../scripts/bench/response.ts';
import { summarize } from '../scripts/bench/stats.ts';
import { renderBench } from '../scripts/bench/render.ts';
import { sha256Of, unchangedOrFailed } from '../scripts/bench/sweep.ts';
import { fileSystemOf } from '../scripts/lab/machine.ts';
import { capture } from '../scripts/lab/processes.ts';
import { workbook } from './workbook-cli.ts';

const out = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-bench-test-'));
test.after(() => rmSync(out, { recursive: true, force: true }));

/** Feeds `wire` to a decoder in pieces of `step` bytes; returns the body and the verdict. */
function decode(wire: Buffer, step: number, protocol: 'http' | 'tcp' = 'http'): { body: Buffer; error: string | null } {
  const parts: Buffer[] = [];
  const decoder = createResponseDecoder(protocol, (part) => parts.push(Buffer.from(part)));
  for (let at = 0; at < wire.length; at += step) decoder.push(wire.subarray(at, at + step));
  return { body: Buffer.concat(parts), error: decoder.end() };
}

const body = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
const chunked = (sizes: number[]) => {
  let at = 0;
  const pieces = sizes.map((size) => {
    const piece = Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), body.subarray(at, at + size), Buffer.from('\r\n')]);
    at += size;
    return piece;
  });
  return Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'), ...pieces, Buffer.from('0\r\n\r\n')]);
};

test('the client decodes Content-Length and chunked bodies however the reads split them', () => {
  const withLength = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\ncontent-length: ${body.length}\r\n\r\n`), body]);
  const inChunks = chunked([1000, 1, 1999]);
  for (const step of [1, 2, 3, 7, 64, 1000, 100_000]) {
    assert.equal(decode(withLength, step), { body, error: null }, `Content-Length, ${step}-byte reads`);
    assert.equal(decode(inChunks, step), { body, error: null }, `chunked, ${step}-byte reads`);
  }
  assert.equal(decode(body, 5, 'tcp'), { body, error: null }, 'a TCP lab: every byte is the file');
});

test('the client rejects what is not a whole 200 response', () => {
  const head = (text: string) => Buffer.from(text);
  assert.match(decode(Buffer.concat([head('HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n'), body.subarray(0, 2999)]), 100).error ?? '', /1 body bytes missing/);
  assert.match(decode(chunked([1000, 1999]).subarray(0, -5), 100).error ?? '', /inside the chunked body/);
  assert.match(decode(head('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'), 10).error ?? '', /HTTP 404/);
  assert.match(decode(head('HTTP/1.1 200 OK\r\nContent-Le'), 4).error ?? '', /before a whole response head/);
  assert.match(decode(head('SSH-2.0-OpenSSH\r\n\r\n'), 64).error ?? '', /not an HTTP\/1.1 response/);
  assert.match(decode(Buffer.concat([head('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n'), body.subarray(0, 5)]), 64).error ?? '', /3 bytes arrived after/);
});

test('--cold helper: the data file leaves the page cache, or it says why not', async () => {
  const path = join(out, 'cached.bin');
  writeFileSync(path, Buffer.alloc(4 * 2 ** 20, 1));
  readFileSync(path);
  const drop = await dropFromPageCache(path, 4 * 2 ** 20);
  const hasFincore = (await capture('fincore', ['--version']).catch(() => null))?.code === 0;
  if (fileSystemOf(out) === 'tmpfs') {
    assert.is(drop.dropped, false, 'tmpfs lives in the page cache');
  } else {
    assert.is(drop.dropped, true, drop.note);
    if (hasFincore) assert.is(drop.residentBytes, 0, drop.note);
  }
  assert.ok(drop.note.length > 20);
});

function runBench(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; document: any; stderr: string } {
  const result = workbook(['bench', '--lab', '02', '--runtime', 'bun', '--out', out, '--json', ...args], env);
  let document: any = null;
  try { document = JSON.parse(result.stdout); } catch { /* asserted below */ }
  return { status: result.status, document, stderr: result.stderr };
}

test('a tiny bench of lab 02 on Bun: valid JSON with every row verified, and an SVG', () => {
  const { status, document, stderr } = runBench(['--sizes', '64KiB,2MiB', '--runs', '2', '--cold']);
  assert.is(status, 0, stderr);
  assert.ok(document, 'stdout is one JSON document');
  for (const key of ['cpu', 'cores', 'kernel', 'fileSystem']) assert.ok(document.machine[key], `machine.${key}`);
  assert.match(document.machine.runtimes.bun, /^\d+\.\d+\.\d+/);
  const runtimeRows = document.rows.filter((row: any) => !row.ceiling);
  assert.is(runtimeRows.length, 6, '2 sizes × read-write, stream, sendfile');
  assert.equal(document.rows.filter((row: any) => row.ceiling).map((row: any) => `${row.bytes} ${row.method}`), ['65536 sendfile-ffi', '2097152 sendfile-ffi'], 'one ceiling row per size');
  assert.is(document.ratios.filter((ratio: any) => ratio.kind === 'ceiling').length, 6, 'every runtime row against its size\'s ceiling');
  for (const row of document.rows) {
    for (const key of ['runtime', 'method', 'bytes', 'runs', 'medianSeconds', 'minSeconds', 'maxSeconds', 'mibPerSecond', 'cpuSecondsPerGiB', 'noisy']) {
      assert.ok(key in row, `row has ${key}`);
    }
    assert.is(row.runs, 2);
    assert.ok(row.minSeconds <= row.medianSeconds && row.medianSeconds <= row.maxSeconds, `${row.method}: min ≤ median ≤ max`);
    assert.ok(row.mibPerSecond > 0 && row.cpuSecondsPerGiB >= 0);
    assert.is(typeof row.noisy, 'boolean');
  }
  assert.equal(document.failures, []);
  assert.is(document.ratios.filter((ratio: any) => ratio.kind === 'method').length, 4, 'stream and sendfile against read-write, at each size');
  assert.equal(document.unavailable, []);
  assert.is(document.settings.cache.requested, 'cold');
  assert.is(typeof document.settings.cache.dropped, 'boolean');
  assert.ok(document.straceOverhead.measured === false || document.straceOverhead.rows.length === 3, 'strace overhead for each method, when strace runs here');
  if (!('reason' in document.settings.syscallCounter)) {
    // perf counts here (root, or perf_event_paranoid ≤ 1): every row has a count from its timed runs.
    for (const row of document.rows) assert.ok(typeof row.syscallsPerTransfer === 'number' && row.syscallsPerTransfer > 0, `${row.method} at ${row.bytes}: ${row.syscallCountMissing}`);
    const readWrite = document.rows.find((row: any) => row.method === 'read-write' && row.bytes === 2 * 2 ** 20);
    // 2 MiB in 64 KiB chunks is at least 32 reads and 32 writes, whatever the event loop adds.
    assert.ok(readWrite.syscallsPerTransfer >= 64, `read-write made ${readWrite.syscallsPerTransfer} syscalls per 2 MiB`);
    if (document.straceOverhead.measured) {
      for (const row of document.straceOverhead.rows) {
        assert.ok([row.syscalls.perf, row.syscalls.perfTraced, row.syscalls.strace].every((count) => typeof count === 'number'), JSON.stringify(row.syscalls));
        assert.is(typeof row.syscalls.agrees, 'boolean');
        assert.ok(Math.abs(row.syscalls.difference - (row.syscalls.perfTraced / row.syscalls.strace - 1)) < 1e-9, 'the same transfers, two tools');
      }
    }
  }
  const saved = readdirSync(out);
  const stem = `bench-${document.createdAt.replace(/[:.]/g, '-')}`;
  assert.ok(saved.includes(`${stem}.json`) && saved.includes(`${stem}.svg`), saved.join(', '));
  assert.equal(JSON.parse(readFileSync(join(out, `${stem}.json`), 'utf8')), document, 'the saved file is the printed document');
  const svg = readFileSync(join(out, `${stem}.svg`), 'utf8');
  assert.is(svg.match(/<path class="series"/g)?.length, 6, '3 methods × 2 panels');
  assert.is(svg.match(/<path class="ceiling"/g)?.length, 2, 'the ceiling in each panel');
});

test('a transfer that fails verification is excluded and reported, the others still count', () => {
  // --tamper changes a byte of the data file after the client loaded it, before sendfile serves
  // it: a real transfer of wrong bytes, caught by the client's byte-for-byte compare.
  const { status, document, stderr } = runBench(['--sizes', '1MiB', '--runs', '1', '--tamper', 'sendfile']);
  assert.is(status, 1, stderr);
  assert.equal(document.rows.filter((row: any) => !row.ceiling).map((row: any) => row.method).sort(), ['read-write', 'stream']);
  assert.is(document.failures.length, 1);
  assert.is(document.failures[0].method, 'sendfile');
  // The client compares every byte with the file: it names the byte --tamper changed, the middle one.
  assert.match(document.failures[0].reason, /differs from the file from byte 524288 on/);
  assert.is(document.settings.verification[0].how, 'compared');
  // Warm, so the client compared with the file's own page-cache pages: --tamper served a changed copy.
  assert.match(document.settings.verification[0].note, /page-cache pages, mapped read-only/);
  assert.not.ok(document.ratios.some((ratio: any) => ratio.method === 'sendfile' || ratio.against.method === 'sendfile'), 'no ratio from a failed row');
  const expected = createHash('sha256').update('').digest('hex');
  assert.not.ok(JSON.stringify(document).includes(expected));
});

test('without perf, or refused it, every row still comes, its syscall count empty and the reason given', () => {
  const args = ['--sizes', '64KiB', '--runs', '1', '--no-ceiling', '--method', 'sendfile'];
  const missing = runBench(args, { WORKBOOK_PERF: join(out, 'no-such-perf') });
  assert.is(missing.status, 0, missing.stderr);
  assert.match(missing.document.settings.syscallCounter.reason, /perf is not installed .*apt-get install linux-perf/);
  assert.is(missing.document.rows.length, 1);
  assert.is(missing.document.rows[0].syscallsPerTransfer, null);
  // A perf that starts but may not attach to the server (perf_event_paranoid, a container).
  const refused = runBench(args, { WORKBOOK_PERF: join(process.cwd(), 'test/fixtures/fake-perf-refused.sh') });
  assert.is(refused.status, 0, refused.stderr);
  assert.not.ok('reason' in refused.document.settings.syscallCounter, 'the probe passed');
  assert.is(refused.document.rows[0].syscallsPerTransfer, null);
  assert.match(refused.document.rows[0].syscallCountMissing, /No permission to enable raw_syscalls:sys_enter/);
  if (refused.document.straceOverhead.measured) {
    const [row] = refused.document.straceOverhead.rows;
    assert.is(row.syscalls.perf, null);
    assert.is(row.syscalls.perfTraced, null);
    assert.is(row.syscalls.agrees, null, 'one count is not a cross-check');
    assert.ok(row.syscalls.strace > 0, 'strace still counted the traced transfers');
  }
});

test("a size's rows do not stand when the file they were compared with changed under them", () => {
  const path = join(out, 'changed.bin');
  writeFileSync(path, Buffer.alloc(65536, 7));
  const data = { path, bytes: 65536, sha256: createHash('sha256').update(Buffer.alloc(65536, 7)).digest('hex') };
  const rows = [summarize('bun', 'sendfile', 65536, [{ seconds: 0.001, cpuSeconds: 0.0001 }]), summarize('bun', 'sendfile', 2 ** 20, [{ seconds: 0.01, cpuSeconds: 0.001 }])];
  const failures: any[] = [];
  assert.is(unchangedOrFailed(data, rows, failures).length, 2, 'unchanged: every row stands');
  assert.is(sha256Of(path), data.sha256);
  writeFileSync(path, Buffer.concat([Buffer.alloc(32768, 7), Buffer.from([8]), Buffer.alloc(32767, 7)]));
  const kept = unchangedOrFailed(data, rows, failures);
  assert.equal(kept.map((row) => row.bytes), [2 ** 20], 'the other size stands');
  assert.is(failures.length, 1);
  assert.match(failures[0].reason, /the data file changed while this size ran/);
});

test('a saved document from before perf counted the traced transfers still renders, its cross-check "not compared"', () => {
  const document = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/bench/bench-ibm-sizes.json'), 'utf8'));
  assert.ok(document.straceOverhead.rows.every((row: any) => !('perfTraced' in row.syscalls)), 'the fixture is of the older shape');
  const text = renderBench(document);
  assert.not.match(text, /NaN|undefined/);
  assert.match(text, /Beside IBM's figures \(IBM developerWorks, "Efficient data transfer through zero copy", https:\/\/developer\.ibm\.com/);
  assert.is(text.match(/not compared/g)?.length, document.straceOverhead.rows.length);
});

test('--parser times the parser on a trace made of the fixtures', () => {
  const result = workbook(['bench', '--parser', '--lines', '20000', '--json']);
  assert.is(result.status, 0, result.stderr);
  const document = JSON.parse(result.stdout);
  assert.is(document.lines, 20_000);
  assert.ok(document.events > 10_000 && document.events < 20_000, `${document.events} events: most lines are calls, some are halves`);
  assert.ok(document.linesPerSecond > 0 && document.fixtures.length >= 5);
  assert.ok(document.retainedHeapBytes < 16 * 2 ** 20, `parsing kept ${document.retainedHeapBytes} bytes: it must stream`);
});

test('bench usage errors exit 2 with one message', () => {
  for (const [args, says] of [
    [['--sizes', '12XB'], /"12XB" is not a size/],
    [['--lab', 'all'], /one lab at a time/],
    [['--lab', '99'], /unknown lab "99"/],
    [['--tamper', 'sendfil'], /did you mean sendfile\?/],
    [['--runs', '0'], /--runs must be a whole number/],
    [['--lines', '5'], /--lines goes with --parser/],
    [['--sizes', '1KiB'], /1 KiB is below 4 KiB, a page/],
    [['--sizes', '64KiB,60000GiB'], /--sizes [0-9.,]+ [GT]iB does not fit/],
    [['--method', 'splice-ffi'], /lab 02 has no splice-ffi method/],
  ] as Array<[string[], RegExp]>) {
    const result = workbook(['bench', ...args]);
    assert.is(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, says);
    assert.not.match(result.stderr, /\n\s+at /, 'no stack trace');
  }
  const help = workbook(['bench', '--help']);
  assert.is(help.status, 0);
  assert.match(help.stdout, /Usage: npm run bench/);
});

test.run();
