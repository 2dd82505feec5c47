import { test } from 'uvu';
import { findLab } from '../scripts/catalogue.ts';
import * as assert from 'uvu/assert';
import { copiesPerByte, modeSwitches } from '../scripts/lab/ledger.ts';
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
  assert.ok((ledger.syscalls.sendfile?.calls ?? 0) >= 1);
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
    const protocol = findLab(fixture.lab)!.protocol;
    const { ledger } = await ledgerOf(name);
    for (const syscall of method.expectedSyscalls[protocol] ?? []) {
      assert.ok(ledger.syscalls[syscall]?.calls, `${name}: expected ${syscall}, saw ${Object.keys(ledger.syscalls).join(', ')}`);
    }
  }
});

test('bun mmap+write: one mmap of the file, no read(), each byte copied once into the socket', async () => {
  const { ledger, fixture } = await ledgerOf('lab-03-bun-mmap-write.strace');
  assert.is(ledger.mmaps, 1);
  assert.is(ledger.copies.fileToUser, 0);
  assert.is(ledger.copies.userToSocket, fixture.bytes);
  assert.ok(within(copiesPerByte(ledger, fixture.bytes), 1, 0.001));
});

test('copy_file_range across file systems: EXDEV, then node falls back to sendfile and bun to read/write', async () => {
  const node = await ledgerOf('lab-05-node-copy-file-other-fs.strace');
  assert.is(node.ledger.syscalls.copy_file_range?.bytes, 0, 'the EXDEV attempt moved nothing');
  assert.is(node.ledger.syscalls.sendfile?.bytes, node.fixture.bytes);
  assert.is(copiesPerByte(node.ledger, node.fixture.bytes), 0);
  const bun = await ledgerOf('lab-05-bun-copy-file-other-fs.strace');
  assert.is(bun.ledger.copies.fileToUser, bun.fixture.bytes);
  assert.is(bun.ledger.copies.userToFile, bun.fixture.bytes);
  const deno = await ledgerOf('lab-05-deno-copy-file.strace');
  assert.is(deno.ledger.copies.kernelMoved, deno.fixture.bytes, 'same file system: copy_file_range moved it all');
  assert.is(copiesPerByte(deno.ledger, deno.fixture.bytes), 0);
});

test('a file into a pipe: bun sendfile moves a pipe-full per call; deno writes every byte', async () => {
  const bun = await ledgerOf('lab-06-bun-sendfile.strace');
  assert.is(bun.ledger.copies.kernelMoved, bun.fixture.bytes);
  assert.is(bun.ledger.calls.kernelMoved, bun.fixture.bytes / 65536, 'the default pipe holds 64 KiB');
  const deno = await ledgerOf('lab-06-deno-stream.strace');
  assert.is(deno.ledger.copies.userToPipe, deno.fixture.bytes);
  assert.ok(within(copiesPerByte(deno.ledger, deno.fixture.bytes), 2, 0.01));
});

test.run();
