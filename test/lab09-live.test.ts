// Lab 09 on every runtime, live and bounded: a 2 MiB file over loopback, each FFI method's server
// paced by "go" like the runner paces it, every transfer verified by byte count and SHA-256, and
// the server's own report read from its "done" line. On loopback the kernel copies what was
// meant to be zero-copy (msg_zerocopy.rst, "Loopback"), and the reports must say so.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ServerMessage, TransferReport } from '../labs/protocol.ts';
import { runtimeNames } from '../runtime-adapters/index.ts';
import { startLab09, type Lab09Server } from './fixtures/lab-09-server.ts';
import { fetchFile } from './fixtures/lab-servers.ts';

const work = mkdtempSync(join(tmpdir(), 'lab09-test-'));
const bytes = 2 * 2 ** 20;
const chunks = bytes / 65536;
const contents = randomBytes(bytes);
const file = join(work, 'data.bin');
writeFileSync(file, contents);
const expected = { bytes, sha256: createHash('sha256').update(contents).digest('hex') };

test.after(() => rmSync(work, { recursive: true, force: true }));

const zeroCopyCopied = (report: TransferReport | undefined) => {
  const zerocopy = report?.zerocopy;
  assert.ok(zerocopy, 'a zero-copy report');
  assert.is(zerocopy.sends, chunks, 'one send per 64 KiB chunk');
  assert.ok(zerocopy.notifications >= 1, 'the kernel notified completion');
  assert.is(zerocopy.copiedSends, zerocopy.sends, 'loopback: every send was copied after all');
  assert.is(zerocopy.copied, true);
};

const reports: Record<string, (report: TransferReport | undefined) => void> = {
  'sendfile-ffi': (report) => assert.is(report, undefined, 'strace sees sendfile; nothing to add'),
  'splice-ffi': (report) => assert.is(report, undefined, 'strace sees splice; nothing to add'),
  'msg-zerocopy': (report) => {
    zeroCopyCopied(report);
    const ranges = report!.zerocopy!.ranges!;
    assert.is(ranges.length, report!.zerocopy!.notifications, 'one range per error-queue message');
    assert.is(ranges.reduce((sum, range) => sum + range.last - range.first + 1, 0), chunks, 'the ranges cover every send');
  },
  'io-uring-send-zc': (report) => {
    zeroCopyCopied(report);
    assert.equal(report!.uring, { submissions: chunks, bytes }, 'the result CQEs add up to the file');
  },
};

async function exitsCleanly(server: Lab09Server): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const exit = await Promise.race([server.child.exited, new Promise<null>((resolve) => { timer = setTimeout(resolve, 10_000, null); })]);
  clearTimeout(timer);
  assert.ok(exit, 'the server exits after its last transfer');
  assert.is(exit.code, 0, exit.stderr);
}

function readyPort(message: ServerMessage, pacing: boolean): number {
  assert.ok('ready' in message && message.port, `not ready: ${JSON.stringify(message)}`);
  assert.is(message.pacing, pacing ? 'go' : undefined);
  return message.port!;
}

for (const runtime of runtimeNames) {
  for (const [method, checkReport] of Object.entries(reports)) {
    test(`${runtime} ${method}: two paced transfers over the lab's own socket, verified, with the kernel's report`, async () => {
      const server = startLab09(runtime, method, file, 2);
      try {
        const port = readyPort(await server.next(), true);
        for (let transfer = 1; transfer <= 2; transfer++) {
          server.child.send('go');
          assert.equal(await fetchFile('tcp', port), expected);
          const done = await server.next();
          assert.ok('done' in done && done.done === transfer, JSON.stringify(done));
          checkReport(done.report);
          server.child.send('usage');
          const served = await server.next(10_000);
          assert.ok('served' in served && served.served === transfer, JSON.stringify(served));
        }
        await exitsCleanly(server);
      } finally {
        await server.child.stop();
      }
    });
  }

  test(`${runtime} read-write: lab 01's baseline, through the runtime's own sockets`, async () => {
    const server = startLab09(runtime, 'read-write', file, 1);
    try {
      const port = readyPort(await server.next(), false);
      assert.equal(await fetchFile('tcp', port), expected);
      server.child.send('usage');
      assert.ok('served' in await server.next(10_000));
      await exitsCleanly(server);
    } finally {
      await server.child.stop();
    }
  });
}

/** From the kernel's own configuration where it publishes one (/proc/config.gz); null where it does not. */
function kernelHasTls(): boolean | null {
  try {
    const config = gunzipSync(readFileSync('/proc/config.gz')).toString('utf8');
    return /^CONFIG_TLS=[ym]$/m.test(config) ? true : config.includes('# CONFIG_TLS is not set') ? false : null;
  } catch {
    return null;
  }
}

for (const runtime of runtimeNames) {
  test(`${runtime} ktls-probe: one line saying whether this kernel has kTLS, and why not`, async () => {
    const server = startLab09(runtime, 'ktls-probe', file, 1);
    try {
      const line = await server.next();
      assert.ok('probe' in line, JSON.stringify(line));
      const { probe } = line;
      assert.is(probe.facility, 'ktls');
      if (kernelHasTls() === false) {
        assert.is(probe.available, false);
        assert.match(probe.detail, 'setsockopt(SOL_TCP, TCP_ULP, "tls"): ENOENT (No such file or directory): this kernel has no kTLS');
      }
      if (!probe.available) assert.match(probe.detail, /TCP_ULP.*: E[A-Z]+ \(/);
      await exitsCleanly(server);
    } finally {
      await server.child.stop();
    }
  });
}

test('deno without its FFI grant: unavailable, saying which flags it needs', async () => {
  const server = startLab09('deno', 'sendfile-ffi', file, 1, { ffi: false });
  try {
    const line = await server.next();
    assert.ok('unavailable' in line, JSON.stringify(line));
    assert.match(line.unavailable, '--allow-ffi=PATH and --libc PATH');
    await exitsCleanly(server);
  } finally {
    await server.child.stop();
  }
});

test.run();
