// Every runtime adapter launches its lab servers and every method delivers a verified file
// (byte count and SHA-256), traced where strace exists. Small files keep this bounded; the
// assertions are the ledger's physics, never a printed table or a time. Without strace the
// physics tests are skipped, visibly: the runner's last line counts them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { labs } from '../scripts/catalogue.ts';
import type { LabResult, Run, TracedRun } from '../scripts/lab/results.ts';
import { runLab } from '../scripts/lab/run.ts';
import { createWorkDir, prepareSession, type LabSession } from '../scripts/lab/session.ts';
import { probeTracing } from '../scripts/lab/trace.ts';
import { runtimeNames } from '../runtime-adapters/types.ts';
import { must } from './fixtures.ts';

const work = createWorkDir();
const results: Record<string, LabResult> = {};
let session: LabSession | undefined;
const tracing = await probeTracing();
/** A test of the traced counts: skipped, and counted as skipped, where strace cannot run. */
const traced = tracing.available ? test : test.skip;

test.before(async () => {
  // 2 MiB: above Bun's 1 MiB sendfile threshold, small enough to run every method quickly.
  const options = { runtimes: [...runtimeNames], explicitRuntimes: true, explicitChunk: false, bytes: 2 * 2 ** 20, chunk: 65536, timedRuns: 2, trace: true };
  session = await prepareSession({ ...options, largestFile: options.bytes }, work.dir, () => {});
  for (const lab of labs) results[lab.id] = await runLab(lab, options, session);
});

test.after(async () => {
  await session?.close();
  work.cleanup();
});

const result = (lab: string) => must(results[lab], `the result of lab ${lab}`);
const find = (lab: string, runtime: string, method: string, where: (run: Run) => boolean = () => true) =>
  result(lab).runs.filter((run) => run.runtime === runtime && run.method === method && where(run));
/** The traced runs of a method: a test of counts fails, naming the run, when one was not traced. */
const tracedRuns = (lab: string, runtime: string, method: string): TracedRun[] => find(lab, runtime, method).map((run) => {
  if (!run.traced) throw new Error(`lab ${lab} ${runtime} ${method} was not traced`);
  return run;
});
const one = (lab: string, runtime: string, method: string) => must(tracedRuns(lab, runtime, method)[0], `a traced ${runtime} ${method} run of lab ${lab}`);

test('every runtime runs every method its adapter declares, each transfer verified', () => {
  for (const lab of labs) {
    const { runs, notMeasured } = result(lab.id);
    assert.equal(notMeasured.filter((row) => row.status === 'failed'), [], `lab ${lab.id} failures`);
    for (const run of runs) {
      assert.ok(run.verified, `${run.runtime} ${run.method}`);
      // A swept read-write row sends at most sweepChunks buffers (lab 04's 4 KiB row: 1 MiB).
      const swept = lab.chunks && lab.sweepChunks && run.method === 'read-write' ? (run.chunk ?? Infinity) * lab.sweepChunks : Infinity;
      assert.is(run.bytes, Math.min(2 * 2 ** 20, swept), `${lab.id} ${run.runtime} ${run.method} ${run.chunk}`);
      assert.ok(run.mibPerSecond > 0 && run.wallSeconds > 0);
    }
    for (const runtime of runtimeNames) {
      for (const method of lab.methods) {
        const rows = [...runs, ...notMeasured].filter((row) => row.runtime === runtime && row.method === method);
        assert.ok(rows.length > 0, `lab ${lab.id}: no row for ${runtime} ${method}`);
      }
    }
  }
});

test('methods a runtime lacks are reported with a reason, not skipped', () => {
  const unavailable = result('02').notMeasured.filter((row) => row.status === 'unavailable');
  assert.equal(unavailable.map((row) => `${row.runtime} ${row.method}`).sort(), ['deno sendfile', 'node sendfile']);
  for (const row of unavailable) assert.ok(row.reason.length > 20, row.reason);
});

traced('traced counts: read-write copies twice per byte, bun sendfile none', () => {
  for (const lab of labs) {
    for (const runtime of runtimeNames) {
      for (const run of tracedRuns(lab.id, runtime, 'read-write')) {
        assert.ok(Math.abs(run.copiesPerByte - 2) < 0.01, `${lab.id} ${run.runtime}: ${run.copiesPerByte}`);
      }
    }
  }
  const sendfile = one('02', 'bun', 'sendfile');
  assert.is(sendfile.copies.fileToUser, 0);
  assert.is(sendfile.copies.kernelByReference, sendfile.bytes, 'page references, on a route the lab read as scatter-gather');
  assert.is(result('02').route?.facility, 'scatter-gather');
});

traced('every row counts every syscall of its transfer: at least its I/O, twice that in mode switches', () => {
  for (const lab of labs) {
    for (const run of result(lab.id).runs) {
      if (!run.traced) throw new Error(`lab ${lab.id} ${run.runtime} ${run.method} was not traced`);
      const io = Object.values(run.syscalls).reduce((sum, entry) => sum + entry.calls, 0);
      assert.ok(run.allSyscalls >= io, `lab ${lab.id} ${run.runtime} ${run.method}: ${run.allSyscalls} syscalls, ${io} of them I/O`);
      assert.is(run.modeSwitches, 2 * run.allSyscalls);
    }
  }
});

traced('lab 03: bun mmap+write maps the file once and copies each byte once', () => {
  const run = one('03', 'bun', 'mmap-write');
  assert.ok((run.syscalls.mmap?.calls ?? 0) >= 1, 'the data file is mapped');
  assert.is(run.copies.fileToUser, 0, 'no read() of the file');
  assert.ok(Math.abs(run.copiesPerByte - 1) < 0.01, `copies/byte ${run.copiesPerByte}`);
  assert.equal(result('03').notMeasured.filter((row) => row.method === 'mmap-write').map((row) => row.runtime).sort(), ['deno', 'node']);
});

traced('lab 04: the number of read() calls is the file size over the buffer size, plus the one that returns 0', () => {
  for (const runtime of runtimeNames) {
    const sweep = tracedRuns('04', runtime, 'read-write');
    assert.equal(sweep.map((run) => run.chunk), [4, 16, 64, 256, 1024].map((kib) => kib * 1024), `${runtime}: every buffer size ran`);
    for (const run of sweep) assert.is(run.calls.fileToUser, run.bytes / (run.chunk ?? 1) + 1, `${runtime} ${run.chunk}`);
    const [smallest, largest] = [must(sweep[0], 'the 4 KiB row'), must(sweep.at(-1), 'the 1 MiB row')];
    assert.ok(smallest.modeSwitches > largest.modeSwitches * 8, `${runtime}: 4 KiB buffers switch modes far more often than 1 MiB ones`);
  }
});

traced('lab 05: copy_file_range copies file to file inside the kernel; across file systems each runtime falls back', () => {
  for (const runtime of runtimeNames) {
    const [same, other] = tracedRuns('05', runtime, 'copy-file');
    if (!same) throw new Error(`${runtime} copy-file did not run`);
    assert.ok(same.destination?.startsWith('same file system'), same.destination);
    assert.ok((same.syscalls.copy_file_range?.calls ?? 0) >= 1, `${runtime}: copy_file_range`);
    assert.is(same.copies.kernelCopied, same.bytes, `${runtime}: all bytes copied by the kernel (ext4 and tmpfs share no extents)`);
    assert.is(same.copiesPerByte, 0);
    assert.is(same.cpuCopiesPerByte, 1, `${runtime}: no copy into user space, one by the kernel`);
    if (!other) continue; // no second file system on this machine
    // EXDEV: libuv and Rust's std fall back to sendfile; Bun to a read/write loop.
    if (runtime === 'bun') assert.ok(Math.abs(other.copiesPerByte - 2) < 0.01, `bun other fs: ${other.copiesPerByte}`);
    else assert.ok(other.syscalls.sendfile?.bytes === other.bytes, `${runtime} other fs: ${JSON.stringify(other.syscalls)}`);
  }
});

traced('lab 06: only bun reaches the kernel path into a pipe, a pipe-full (64 KiB) per call', () => {
  const sendfile = one('06', 'bun', 'sendfile');
  assert.is(sendfile.copies.kernelMoved, sendfile.bytes);
  assert.is(sendfile.copies.userToPipe, 0);
  assert.ok(sendfile.calls.kernelMoved >= sendfile.bytes / 65536, `${sendfile.calls.kernelMoved} sendfile calls`);
  for (const runtime of ['node', 'deno']) {
    assert.ok(result('06').notMeasured.some((row) => row.runtime === runtime && row.method === 'sendfile' && row.status === 'unavailable'), runtime);
    for (const run of tracedRuns('06', runtime, 'stream')) assert.is(run.copies.userToPipe, run.bytes, `${runtime} stream writes every byte`);
  }
});

test('lab 07: the broker serves every consumer from its segment, all from the page cache', () => {
  for (const run of result('07').runs) {
    assert.is(run.consumers, 4);
    if (run.storageReadBytes !== null) assert.is(run.storageReadBytes, 0, `${run.runtime} ${run.method} read nothing from storage`);
  }
  const produced = must(find('07', 'node', 'read-write')[0]?.produce, 'the produce record of node read-write');
  assert.ok(produced.batches >= 2 * 2 ** 20 / 65536, 'the producer sent the file as 64 KiB batches');
});

traced('lab 07: bun sendfile serves every consumer without a user-space copy', () => {
  const sendfile = one('07', 'bun', 'sendfile');
  assert.is(sendfile.copies.fileToUser, 0);
  assert.is(sendfile.copies.kernelByReference, sendfile.bytes * 4, 'every consumer got the whole log by sendfile');
});

traced('lab 09: FFI sendfile and splice copy nothing on every runtime; the kernel reports the loopback copy of zero-copy sends', () => {
  for (const runtime of runtimeNames) {
    for (const method of ['sendfile-ffi', 'splice-ffi']) {
      const run = one('09', runtime, method);
      assert.is(run.copiesPerByte, 0, `${runtime} ${method}`);
      assert.is(run.copies.kernelByReference, run.bytes, `${runtime} ${method}: one transfer, counted once`);
    }
    for (const method of ['msg-zerocopy', 'io-uring-send-zc']) {
      const run = one('09', runtime, method);
      assert.ok(run.zerocopy && run.zerocopy.notifications >= 1, `${runtime} ${method}: completions arrived`);
      assert.is(run.zerocopy?.copied, true, `${runtime} ${method}: on loopback the kernel says it copied`);
      assert.ok(Math.abs(run.copiesPerByte - 1) < 0.01, `${runtime} ${method}: mmap + write's one copy, ${run.copiesPerByte}`);
    }
    assert.is(one('09', runtime, 'io-uring-send-zc').uring?.bytes, result('09').runs[0]?.bytes, `${runtime}: the CQEs count the bytes strace cannot see`);
  }
  const ktls = result('09').probes?.find((probe) => probe.facility === 'ktls');
  assert.ok(ktls && ktls.detail.length > 20, 'the kTLS probe says what it found');
});

traced('lab 08: a transform, gzip or TLS forces every byte through user space; bun drops sendfile under TLS', () => {
  assert.equal(result('08').notMeasured.filter((row) => row.status === 'failed'), []);
  for (const runtime of runtimeNames) {
    for (const method of ['transform', 'gzip', 'tls']) {
      for (const run of tracedRuns('08', runtime, method)) {
        assert.ok(run.copies.fileToUser >= run.bytes, `${run.runtime} ${run.method} read the file into user space`);
        assert.is(run.syscalls.sendfile, undefined, `${run.runtime} ${run.method} made no sendfile`);
      }
    }
  }
  const plain = one('08', 'bun', 'sendfile');
  assert.is(plain.copies.kernelMoved, plain.bytes, 'the same Bun code without TLS uses sendfile');
});

test.run();
