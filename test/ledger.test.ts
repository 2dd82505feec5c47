import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copiesPerByte, modeSwitches } from '../scripts/ledger.ts';
import { adapters } from '../runtime-adapters/index.ts';
import type { MethodName, RuntimeName } from '../runtime-adapters/types.ts';
import { ledgerOf, traceFixtures } from './fixtures.ts';

const within = (value: number, target: number, fraction: number) => Math.abs(value - target) <= target * fraction;

test('read-write copies each byte twice: file→user and user→socket, each within 1% of the file', async () => {
  for (const name of ['lab-01-node-read-write.strace', 'lab-01-bun-read-write.strace', 'lab-01-deno-read-write.strace', 'lab-02-bun-read-write.strace']) {
    const { ledger, fixture } = await ledgerOf(name);
    assert.ok(within(ledger.copies.fileToUser, fixture.bytes, 0.01), `${name}: file→user ${ledger.copies.fileToUser}`);
    assert.ok(within(ledger.copies.userToSocket, fixture.bytes, 0.01), `${name}: user→socket ${ledger.copies.userToSocket}`);
    assert.is(ledger.copies.kernelMoved, 0, `${name}: nothing bypasses user space`);
    assert.ok(within(copiesPerByte(ledger, fixture.bytes), 2, 0.01), name);
  }
});

test('node read-write makes one read() per 64 KiB chunk plus one at end of file', async () => {
  const { ledger, fixture } = await ledgerOf('lab-01-node-read-write.strace');
  assert.is(ledger.calls.fileToUser, fixture.bytes / 65536 + 1);
  assert.is(modeSwitches(ledger), 2 * Object.values(ledger.syscalls).reduce((sum, entry) => sum + entry.calls, 0));
});

test('bun sendfile copies nothing into user space: the kernel moves the whole file', async () => {
  const { ledger, fixture } = await ledgerOf('lab-02-bun-sendfile.strace');
  assert.is(ledger.copies.fileToUser, 0);
  assert.is(ledger.copies.kernelMoved, fixture.bytes);
  assert.ok(ledger.syscalls.sendfile.calls >= 1);
  // Only the HTTP response header (a few hundred bytes) is written from user space.
  assert.ok(ledger.copies.userToSocket < 1024, `user→socket ${ledger.copies.userToSocket}`);
  assert.ok(copiesPerByte(ledger, fixture.bytes) < 0.001);
});

test('bun below 1 MiB does not use sendfile: it reads and sends, two copies per byte', async () => {
  const { ledger, fixture } = await ledgerOf('lab-02-bun-sendfile-512KiB.strace');
  assert.is(fixture.bytes, 512 * 1024);
  assert.is(ledger.syscalls.sendfile, undefined);
  assert.is(ledger.copies.fileToUser, fixture.bytes);
  assert.ok(within(copiesPerByte(ledger, fixture.bytes), 2, 0.01));
});

test('deno and node serve a file over HTTP in 64 KiB reads, with no sendfile', async () => {
  for (const name of ['lab-02-deno-stream.strace', 'lab-02-node-stream.strace']) {
    const { ledger, fixture } = await ledgerOf(name);
    assert.is(ledger.syscalls.sendfile, undefined, name);
    assert.ok(ledger.calls.fileToUser >= fixture.bytes / 65536, `${name}: ${ledger.calls.fileToUser} reads`);
    assert.ok(within(copiesPerByte(ledger, fixture.bytes), 2, 0.01), name);
  }
});

test('start-up reads of the runtime\'s own files are not counted as the transfer', async () => {
  const { ledger, fixture } = await ledgerOf('lab-01-node-read-write.strace');
  assert.is(ledger.copies.fileToUser, fixture.bytes, 'only the data file counts, not node_modules or /proc');
});

test('each fixture shows the syscalls its adapter declares', async () => {
  for (const [name, fixture] of Object.entries(traceFixtures)) {
    const method = adapters[fixture.runtime as RuntimeName].methods[fixture.method as MethodName];
    assert.ok(method.available, `${name}: the adapter says ${fixture.method} is available`);
    if (!method.available || name.includes('512KiB')) continue;
    const protocol = fixture.lab === '01' ? 'tcp' : 'http';
    const { ledger } = await ledgerOf(name);
    for (const syscall of method.expectedSyscalls[protocol] ?? []) {
      assert.ok(ledger.syscalls[syscall]?.calls, `${name}: expected ${syscall}, saw ${Object.keys(ledger.syscalls).join(', ')}`);
    }
  }
});

test.run();
