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
    for (const runtime of runtimeNames) {
      for (const method of lab.methods) {
        const rows = [...result.runs, ...result.notMeasured].filter((row) => row.runtime === runtime && row.method === method);
        assert.ok(rows.length > 0, `lab ${lab.id}: no row for ${runtime} ${method}`);
      }
    }
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

const find = (lab: string, runtime: string, method: string, where: (run: LabResult['runs'][number]) => boolean = () => true) =>
  results[lab].runs.filter((run) => run.runtime === runtime && run.method === method && where(run));

test('lab 03: bun mmap+write maps the file once and copies each byte once', () => {
  if (!results['03'].tracing.available) return;
  const [run] = find('03', 'bun', 'mmap-write');
  assert.ok(run.syscalls.mmap?.calls >= 1, 'the data file is mapped');
  assert.is(run.copies!.fileToUser, 0, 'no read() of the file');
  assert.ok(Math.abs(run.copiesPerByte! - 1) < 0.01, `copies/byte ${run.copiesPerByte}`);
  assert.equal(results['03'].notMeasured.filter((row) => row.method === 'mmap-write').map((row) => row.runtime).sort(), ['deno', 'node']);
});

test('lab 04: the number of read() calls is the file size over the buffer size, plus the one that returns 0', () => {
  if (!results['04'].tracing.available) return;
  for (const runtime of runtimeNames) {
    const sweep = find('04', runtime, 'read-write');
    assert.equal(sweep.map((run) => run.chunk), [4, 16, 64, 256, 1024].map((kib) => kib * 1024), `${runtime}: every buffer size ran`);
    for (const run of sweep) assert.is(run.calls!.fileToUser, run.bytes / run.chunk! + 1, `${runtime} ${run.chunk}`);
    assert.ok(sweep[0].modeSwitches! > sweep[4].modeSwitches! * 8, `${runtime}: 4 KiB buffers switch modes far more often than 1 MiB ones`);
  }
});

test('lab 05: copy_file_range copies file to file inside the kernel; across file systems each runtime falls back', () => {
  if (!results['05'].tracing.available) return;
  for (const runtime of runtimeNames) {
    const [same, other] = find('05', runtime, 'copy-file');
    assert.ok(same.destination?.startsWith('same file system'), same.destination);
    assert.ok(same.syscalls.copy_file_range?.calls >= 1, `${runtime}: copy_file_range`);
    assert.is(same.copies!.kernelMoved, same.bytes, `${runtime}: all bytes moved in the kernel`);
    assert.is(same.copiesPerByte, 0);
    if (!other) continue; // no second file system on this machine
    // EXDEV: libuv and Rust's std fall back to sendfile; Bun to a read/write loop.
    if (runtime === 'bun') assert.ok(Math.abs(other.copiesPerByte! - 2) < 0.01, `bun other fs: ${other.copiesPerByte}`);
    else assert.ok(other.syscalls.sendfile?.bytes === other.bytes, `${runtime} other fs: ${JSON.stringify(other.syscalls)}`);
  }
});

test('lab 06: only bun reaches the kernel path into a pipe, a pipe-full (64 KiB) per call', () => {
  if (!results['06'].tracing.available) return;
  const [sendfile] = find('06', 'bun', 'sendfile');
  assert.is(sendfile.copies!.kernelMoved, sendfile.bytes);
  assert.is(sendfile.copies!.userToPipe, 0);
  assert.ok(sendfile.calls!.kernelMoved >= sendfile.bytes / 65536, `${sendfile.calls!.kernelMoved} sendfile calls`);
  for (const runtime of ['node', 'deno']) {
    assert.ok(results['06'].notMeasured.some((row) => row.runtime === runtime && row.method === 'sendfile' && row.status === 'unavailable'), runtime);
    for (const run of find('06', runtime, 'stream')) assert.is(run.copies!.userToPipe, run.bytes, `${runtime} stream writes every byte`);
  }
});

test('lab 07: the broker serves every consumer from its segment, sendfile without a user-space copy, all from the page cache', () => {
  const result = results['07'];
  for (const run of result.runs) {
    assert.is(run.consumers, 4);
    if (run.storageReadBytes !== null) assert.is(run.storageReadBytes, 0, `${run.runtime} ${run.method} read nothing from storage`);
  }
  assert.ok(find('07', 'node', 'read-write')[0].produce!.batches >= 2 * 2 ** 20 / 65536, 'the producer sent the file as 64 KiB batches');
  if (!result.tracing.available) return;
  const [sendfile] = find('07', 'bun', 'sendfile');
  assert.is(sendfile.copies!.fileToUser, 0);
  assert.is(sendfile.copies!.kernelMoved, sendfile.bytes * 4, 'every consumer got the whole log by sendfile');
});

test('lab 08: a transform, gzip or TLS forces every byte through user space; bun drops sendfile under TLS', () => {
  const result = results['08'];
  assert.equal(result.notMeasured.filter((row) => row.status === 'failed'), []);
  if (!result.tracing.available) return;
  for (const run of result.runs.filter((candidate) => ['transform', 'gzip', 'tls'].includes(candidate.method))) {
    assert.ok(run.copies!.fileToUser >= run.bytes, `${run.runtime} ${run.method} read the file into user space`);
    assert.is(run.syscalls.sendfile, undefined, `${run.runtime} ${run.method} made no sendfile`);
  }
  const [plain] = find('08', 'bun', 'sendfile');
  assert.is(plain.copies!.kernelMoved, plain.bytes, 'the same Bun code without TLS uses sendfile');
});

test.run();
