// The ledger on traces captured from this project's labs (test/fixtures/capture.ts, 2 MiB files,
// strace attached to the warmed-up server): what crossed the user/kernel boundary, what the kernel
// handed on by reference or copied itself, and every syscall of the transfer for the mode switches.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findLab } from '../scripts/catalogue.ts';
import { asReflink, copiesPerByte, cpuCopiesPerByte, createLedger, modeSwitches } from '../scripts/lab/ledger.ts';
import { createParser } from '../scripts/lab/parse.ts';
import { adapters } from '../runtime-adapters/index.ts';
import type { MethodName, RuntimeName } from '../runtime-adapters/types.ts';
import { ledgerOf, must, traceFixtures } from './fixtures.ts';

const within = (value: number, target: number, fraction: number) => Math.abs(value - target) <= target * fraction;
const ioCalls = (ledger: { syscalls: Record<string, { calls: number }> }) => Object.values(ledger.syscalls).reduce((sum, entry) => sum + entry.calls, 0);

test('read-write copies each byte twice: file→user and user→socket, each within 1% of the file', async () => {
  for (const name of ['lab-01-node-read-write.strace', 'lab-01-bun-read-write.strace', 'lab-01-deno-read-write.strace', 'lab-02-bun-read-write.strace']) {
    const { ledger, fixture } = await ledgerOf(name);
    assert.ok(within(ledger.copies.fileToUser, fixture.bytes, 0.01), `${name}: file→user ${ledger.copies.fileToUser}`);
    assert.ok(within(ledger.copies.userToSocket, fixture.bytes, 0.01), `${name}: user→socket ${ledger.copies.userToSocket}`);
    assert.is(ledger.copies.kernelMoved, 0, `${name}: nothing bypasses user space`);
    assert.ok(within(copiesPerByte(ledger, fixture.bytes), 2, 0.01), name);
    assert.is(cpuCopiesPerByte(ledger, fixture.bytes), copiesPerByte(ledger, fixture.bytes), `${name}: the kernel copied nothing of its own`);
  }
});

test('node read-write makes one read() per 64 KiB chunk plus one at end of file', async () => {
  const { ledger, fixture } = await ledgerOf('lab-01-node-read-write.strace');
  assert.is(ledger.calls.fileToUser, fixture.bytes / 65536 + 1);
});

test('mode switches count every syscall of the transfer, every thread, not only the I/O on the lab\'s fds', async () => {
  const { ledger } = await ledgerOf('lab-01-node-read-write.strace');
  assert.is(modeSwitches(ledger), 2 * ledger.allSyscalls);
  // Node's file reads go to libuv's thread pool and back: futex and epoll hand-offs around each.
  assert.ok(ledger.allSyscalls > 2 * ioCalls(ledger), `node: ${ledger.allSyscalls} syscalls in all, ${ioCalls(ledger)} of them I/O on the lab's fds`);
  const bunStream = await ledgerOf('lab-01-bun-stream.strace');
  assert.ok(bunStream.ledger.allSyscalls < ledger.allSyscalls / 4, `bun's stream reads big chunks: ${bunStream.ledger.allSyscalls} syscalls`);
  for (const [name] of Object.entries(traceFixtures)) {
    const counted = (await ledgerOf(name)).ledger;
    assert.ok(counted.allSyscalls >= ioCalls(counted), `${name}: the window holds at least the I/O it counted`);
  }
});

test('every syscall of the window, by name, adds up to the count, on every fixture', async () => {
  for (const name of Object.keys(traceFixtures)) {
    const { ledger } = await ledgerOf(name);
    const sum = Object.values(ledger.allSyscallsByName).reduce((total, calls) => total + calls, 0);
    assert.is(sum, ledger.allSyscalls, `${name}: ${JSON.stringify(ledger.allSyscallsByName)}`);
    for (const [syscall, entry] of Object.entries(ledger.syscalls)) {
      assert.ok((ledger.allSyscallsByName[syscall] ?? 0) >= entry.calls, `${name}: ${syscall} on the lab's fds is among all the ${syscall} calls`);
    }
  }
});

test('node read-write: the futex and epoll_pwait of the thread-pool hand-offs outnumber the reads and writes, and half the reads and writes are on the eventfd', async () => {
  const { ledger } = await ledgerOf('lab-01-node-read-write.strace');
  const named = ledger.allSyscallsByName;
  const [futex, epoll, read, write] = [named.futex ?? 0, named.epoll_pwait ?? 0, named.read ?? 0, named.write ?? 0];
  assert.ok(futex > read && futex > write, `futex ${futex}, read ${read}, write ${write}`);
  assert.ok(epoll >= ledger.calls.fileToUser, `an epoll_pwait per file read: ${epoll} for ${ledger.calls.fileToUser}`);
  // libuv's worker writes an eventfd when a read is done and the loop reads it: read() and write()
  // in all are about twice those on the file and the socket.
  assert.ok(read > 1.8 * (ledger.syscalls.read?.calls ?? 0) && write > 1.8 * (ledger.syscalls.write?.calls ?? 0), `read ${read} (${ledger.syscalls.read?.calls} on the lab's fds), write ${write} (${ledger.syscalls.write?.calls})`);
  const top = Object.entries(named).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([syscall]) => syscall).sort();
  assert.equal(top, ['epoll_pwait', 'futex', 'read', 'write']);
});

test('bun sendfile: into a pipe sendfile is most of the calls; to a socket the whole transfer is a handful, one of them the sendfile', async () => {
  const pipe = await ledgerOf('lab-06-bun-sendfile.strace');
  const pipeCalls = pipe.ledger.allSyscallsByName.sendfile ?? 0;
  assert.ok(pipeCalls > pipe.ledger.allSyscalls / 2, `sendfile ${pipeCalls} of ${pipe.ledger.allSyscalls}`);
  assert.ok(Object.entries(pipe.ledger.allSyscallsByName).every(([syscall, calls]) => syscall === 'sendfile' || calls < pipeCalls), JSON.stringify(pipe.ledger.allSyscallsByName));
  const socket = await ledgerOf('lab-02-bun-sendfile.strace');
  assert.ok((socket.ledger.allSyscallsByName.sendfile ?? 0) >= 1);
  assert.is(socket.ledger.allSyscallsByName.read, undefined, 'no read() at all, on any fd');
  const readWrite = await ledgerOf('lab-02-bun-read-write.strace');
  assert.ok(socket.ledger.allSyscalls < readWrite.ledger.allSyscalls / 10, `${socket.ledger.allSyscalls} syscalls against read-write's ${readWrite.ledger.allSyscalls}`);
});

test('the window starts at the accept and ends at the last call on the lab\'s fds: idling and the runner\'s lines are outside it', () => {
  const parse = createParser();
  const count = (lines: string[], fds: Parameters<typeof createLedger>[0]) => {
    const counting = createLedger(fds);
    for (const line of lines) {
      const event = parse(line);
      if (event) counting.add(event);
    }
    return counting.settle();
  };
  const socket = count([
    '1 epoll_wait(3<anon_inode:[eventpoll]>, [], 1024, -1) = 1',      // idle, before the client comes: outside
    '2 futex(0x1, FUTEX_WAIT_PRIVATE, 0, NULL) = 0',
    '1 accept4(5<TCP:[127.0.0.1:4000]>, NULL, NULL, SOCK_CLOEXEC) = 7<TCP:[127.0.0.1:4000->127.0.0.1:5000]>',
    '2 futex(0x1, FUTEX_WAKE_PRIVATE, 1) = 1',
    '2 read(8</tmp/w/data.bin>, ""..., 65536) = 10',
    '1 write(7<TCP:[127.0.0.1:4000->127.0.0.1:5000]>, ""..., 10) = 10',
    '2 read(8</tmp/w/data.bin>, ""..., 65536) = 0',
    '1 close(7<TCP:[127.0.0.1:4000->127.0.0.1:5000]>) = 0',
    '1 read(0<pipe:[9]>, ""..., 65536) = 6',                         // the runner's "usage": outside
    '1 write(1<pipe:[10]>, ""..., 100) = 100',
  ], { files: ['/tmp/w/data.bin'], port: 4000 });
  assert.is(socket.allSyscalls, 6, 'accept, futex, read, write, read, close');
  assert.equal(socket.allSyscallsByName, { accept4: 1, futex: 1, read: 2, write: 1, close: 1 }, 'by name, the same six: none from outside the window');
  assert.is(socket.copies.fileToUser, 10);
  assert.is(socket.copies.userToSocket, 10);
  // A copy lab has no connection: its transfer starts when the runner's "go" is read.
  const copy = count([
    '1 epoll_wait(3<anon_inode:[eventpoll]>, [], 1024, -1) = 1',
    '1 read(0<pipe:[9]>, ""..., 65536) = 3',
    '1 openat(AT_FDCWD, ""..., O_RDONLY) = 8</tmp/w/data.bin>',
    '1 copy_file_range(8</tmp/w/data.bin>, NULL, 9</tmp/w/copy.bin>, NULL, 65536, 0) = 10',
    '1 close(9</tmp/w/copy.bin>) = 0',
    '1 write(1<pipe:[10]>, ""..., 20) = 20',
  ], { files: ['/tmp/w/data.bin', '/tmp/w/copy.bin'] });
  assert.is(copy.allSyscalls, 4, 'the go, openat, copy_file_range, close');
  assert.equal(copy.allSyscallsByName, { read: 1, openat: 1, copy_file_range: 1, close: 1 });
  assert.is(copy.copies.kernelCopied, 10);
});

test('bun sendfile copies nothing into user space: the kernel hands the whole file on by reference', async () => {
  const { ledger, fixture } = await ledgerOf('lab-02-bun-sendfile.strace');
  assert.is(ledger.copies.fileToUser, 0);
  assert.is(ledger.copies.kernelByReference, fixture.bytes, 'to a socket on a scatter-gather route: page references');
  assert.is(ledger.copies.kernelCopied, 0);
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

test('each fixture shows the syscalls its adapter declares', async () => {
  for (const [name, fixture] of Object.entries(traceFixtures)) {
    const method = adapters[fixture.runtime as RuntimeName].methods[fixture.method as MethodName];
    assert.ok(method.available, `${name}: the adapter says ${fixture.method} is available`);
    if (!method.available || name.includes('512KiB')) continue;
    const protocol = must(findLab(fixture.lab), `lab ${fixture.lab}`).protocol;
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

test('into a regular file the kernel copies: copy_file_range and sendfile on ext4 and tmpfs are one CPU copy per byte', async () => {
  const deno = await ledgerOf('lab-05-deno-copy-file.strace');
  assert.is(deno.ledger.copies.kernelCopied, deno.fixture.bytes, 'same file system: copy_file_range moved it all, copying');
  assert.is(deno.ledger.copies.kernelByReference, 0);
  assert.is(copiesPerByte(deno.ledger, deno.fixture.bytes), 0, 'nothing crossed into user space');
  assert.is(cpuCopiesPerByte(deno.ledger, deno.fixture.bytes), 1, 'but the kernel copied each byte once');
  const node = await ledgerOf('lab-05-node-copy-file-other-fs.strace');
  assert.is(node.ledger.syscalls.copy_file_range?.bytes, 0, 'the EXDEV attempt moved nothing');
  assert.is(node.ledger.syscalls.sendfile?.bytes, node.fixture.bytes);
  assert.is(node.ledger.copies.kernelCopied, node.fixture.bytes, 'sendfile into tmpfs copies too');
  assert.is(copiesPerByte(node.ledger, node.fixture.bytes), 0);
  const bun = await ledgerOf('lab-05-bun-copy-file-other-fs.strace');
  assert.is(bun.ledger.copies.fileToUser, bun.fixture.bytes);
  assert.is(bun.ledger.copies.userToFile, bun.fixture.bytes);
  // A reflink shares the extents: the same bytes count by reference, none copied.
  const shared = asReflink(deno.ledger);
  assert.is(shared.copies.kernelCopied, 0);
  assert.is(shared.copies.kernelByReference, deno.fixture.bytes);
});

test('a file into a pipe: bun sendfile hands on a pipe-full of page references per call; deno writes every byte', async () => {
  const bun = await ledgerOf('lab-06-bun-sendfile.strace');
  assert.is(bun.ledger.copies.kernelByReference, bun.fixture.bytes);
  assert.is(bun.ledger.copies.kernelCopied, 0);
  assert.is(bun.ledger.calls.kernelMoved, bun.fixture.bytes / 65536, 'the default pipe holds 64 KiB');
  const deno = await ledgerOf('lab-06-deno-stream.strace');
  assert.is(deno.ledger.copies.userToPipe, deno.fixture.bytes);
  assert.ok(within(copiesPerByte(deno.ledger, deno.fixture.bytes), 2, 0.01));
});

test('lab 09: sendfile and splice through FFI copy nothing, and splice\'s two hops are one transfer', async () => {
  for (const runtime of ['node', 'bun', 'deno']) {
    const sendfile = await ledgerOf(`lab-09-${runtime}-sendfile-ffi.strace`);
    assert.is(sendfile.ledger.copies.fileToUser, 0, `${runtime} sendfile-ffi`);
    assert.is(sendfile.ledger.copies.kernelByReference, sendfile.fixture.bytes, `${runtime} sendfile-ffi`);
    const splice = await ledgerOf(`lab-09-${runtime}-splice-ffi.strace`);
    assert.is(splice.ledger.copies.fileToUser, 0, `${runtime} splice-ffi`);
    assert.is(splice.ledger.copies.kernelMoved, splice.fixture.bytes, `${runtime} splice-ffi: file→pipe and pipe→socket count once`);
    assert.is(splice.ledger.syscalls.splice?.bytes, 2 * splice.fixture.bytes, `${runtime} splice-ffi: both hops are in the syscall table`);
    assert.is(copiesPerByte(splice.ledger, splice.fixture.bytes), 0);
  }
});

test('lab 09: a zero-copy send counts as a copy only because the kernel said it copied it (loopback)', async () => {
  for (const runtime of ['node', 'bun', 'deno']) {
    const zerocopy = await ledgerOf(`lab-09-${runtime}-msg-zerocopy.strace`);
    const report = must(zerocopy.fixture.report?.zerocopy, `${runtime}: the server's zero-copy report`);
    assert.is(report.copied, true, `${runtime}: SO_EE_CODE_ZEROCOPY_COPIED on loopback`);
    assert.is(zerocopy.ledger.copies.fileToUser, 0, 'the file is mapped, not read');
    assert.is(zerocopy.ledger.copies.userToSocket, zerocopy.fixture.bytes, `${runtime}: every send copied, as the kernel reported`);
    assert.ok(within(copiesPerByte(zerocopy.ledger, zerocopy.fixture.bytes), 1, 0.001), `${runtime}: mmap + write's one copy`);
    // Had the kernel not reported the copy, the same sends would count by reference.
    const counting = createLedger(zerocopy.fixture.fds);
    const parse = createParser();
    for (const line of (await import('node:fs')).readFileSync(new URL(`./fixtures/lab-09-${runtime}-msg-zerocopy.strace`, import.meta.url), 'utf8').split('\n')) {
      const event = parse(line);
      if (event) counting.add(event);
    }
    const notCopied = counting.settle({ zerocopy: { ...report, copiedSends: 0, copied: false, ranges: report.ranges?.map((range) => ({ ...range, copied: false })) } });
    assert.is(notCopied.copies.userToSocket, 0, `${runtime}: uncopied sends are not copies`);
    assert.is(notCopied.copies.kernelByReference, zerocopy.fixture.bytes);
  }
});

test('lab 09: io_uring SEND_ZC\'s bytes come from its completions, which strace cannot see', async () => {
  for (const runtime of ['node', 'bun', 'deno']) {
    const uring = await ledgerOf(`lab-09-${runtime}-io-uring-send-zc.strace`);
    const report = must(uring.fixture.report?.uring, `${runtime}: the CQE counts`);
    assert.is(report.bytes, uring.fixture.bytes, `${runtime}: the CQEs add up to the file`);
    assert.ok((uring.ledger.syscalls.io_uring_enter?.calls ?? 0) >= 1, `${runtime}: io_uring_enter is all strace saw`);
    assert.is(uring.ledger.copies.userToSocket + uring.ledger.copies.kernelByReference, uring.fixture.bytes);
    assert.is(uring.ledger.copies.userToSocket, uring.fixture.report?.zerocopy?.copied ? uring.fixture.bytes : uring.ledger.copies.userToSocket);
  }
});

test.run();
