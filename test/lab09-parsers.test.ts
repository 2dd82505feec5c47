// Lab 09's readers of what the kernel wrote, on bytes captured from real transfers on this
// project's machine (the fixtures say how): the MSG_ZEROCOPY error queue and io_uring's CQEs. And
// the lines and launch details the runner gets from the lab: the kTLS probe message, libc's path.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCqe } from '../labs/09-modern-kernel/cqe.ts';
import { parseExtendedErrors, rangeSends, zeroCopyRange } from '../labs/09-modern-kernel/errqueue.ts';
import { mappedLibc } from '../labs/09-modern-kernel/launch.ts';
import { SO_EE_ORIGIN_ZEROCOPY } from '../labs/09-modern-kernel/layouts.ts';
import { parseServerMessage } from '../labs/protocol.ts';
import { must } from './fixtures.ts';

const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const errqueue = JSON.parse(readFileSync(fixturesDir + 'lab-09-errqueue.json', 'utf8')) as {
  sends: number; controls: string[]; expected: { ranges: Array<{ first: number; last: number; copied: boolean }>; copiedSends: number };
};
const cqeFixture = JSON.parse(readFileSync(fixturesDir + 'lab-09-cqes.json', 'utf8')) as { submissions: number; bytes: number; cqes: string[] };
const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

test('loopback MSG_ZEROCOPY: the error queue reports every send completed, and copied', () => {
  const ranges = errqueue.controls.map((hex) => {
    const [entry, ...others] = parseExtendedErrors(bytes(hex));
    assert.is(others.length, 0, 'one sock_extended_err per recvmsg');
    assert.is(entry?.origin, SO_EE_ORIGIN_ZEROCOPY);
    assert.is(entry?.errno, 0, 'a completion is not an error');
    return must(entry && zeroCopyRange(entry), 'a zero-copy range');
  });
  assert.equal(ranges, errqueue.expected.ranges);
  assert.is(ranges.reduce((sum, range) => sum + rangeSends(range), 0), errqueue.sends, 'the ranges cover every send once');
  assert.ok(ranges.every((range) => range.copied), 'SO_EE_CODE_ZEROCOPY_COPIED: the deferred copy of msg_zerocopy.rst');
});

test('the control-message walk steps by CMSG_ALIGN and stops at a truncated header', () => {
  const [first, second] = errqueue.controls.map(bytes);
  if (!first || !second) throw new Error('the fixture has two control buffers');
  const both = new Uint8Array([...first, ...second]);
  assert.equal(parseExtendedErrors(both).map((entry) => entry.info), [0, 9], 'two messages back to back');
  assert.equal(parseExtendedErrors(both.subarray(0, first.length + 20)), parseExtendedErrors(first), 'a header cut short ends the walk');
  assert.equal(parseExtendedErrors(new Uint8Array(8)), [], 'less than one header');
  const otherLevel = first.slice();
  otherLevel[8] = 41; // SOL_IPV6: not a message this IPv4 lab asks for
  assert.equal(parseExtendedErrors(otherLevel), []);
});

test('an error-queue entry that is not a zero-copy completion is not taken for one', () => {
  const entry = must(parseExtendedErrors(bytes(must(errqueue.controls[0], 'a control buffer')))[0], 'an error-queue entry');
  assert.is(zeroCopyRange({ ...entry, origin: 2, errno: 111 }), null, 'an ICMP error (origin 2)');
  assert.is(rangeSends({ first: 0xffffffff, last: 1, copied: false }), 3, 'the 32-bit counter wraps');
});

test('io_uring SEND_ZC on loopback: 32 results with F_MORE, then 32 notifications saying the kernel copied', () => {
  const completions = cqeFixture.cqes.map((hex) => parseCqe(bytes(hex)));
  const results = completions.filter((completion) => completion.kind === 'result');
  const notifications = completions.filter((completion) => completion.kind === 'notification');
  assert.is(results.length, cqeFixture.submissions);
  assert.is(notifications.length, cqeFixture.submissions, 'every result with IORING_CQE_F_MORE is followed by a notification');
  assert.is(results.reduce((sum, result) => sum + result.res, 0), cqeFixture.bytes, 'the results add up to the file');
  assert.ok(results.every((result) => result.kind === 'result' && result.more));
  assert.ok(notifications.every((notification) => notification.kind === 'notification' && notification.copied), 'IORING_NOTIF_USAGE_ZC_COPIED');
  assert.equal(notifications.map((notification) => notification.userData), results.map((result) => result.userData), 'each notification carries its send\'s user_data');
});

test('a CQE is read as the kernel lays it out: a negative res is an errno, and 16 bytes are required', () => {
  const failed = parseCqe(bytes('07000000000000009fffffff00000000'));
  assert.equal(failed, { kind: 'result', userData: 7, res: -97, flags: 0, more: false });
  const zeroCopied = parseCqe(bytes('07000000000000000000000008000000'));
  assert.equal(zeroCopied, { kind: 'notification', userData: 7, res: 0, flags: 8, copied: false });
  assert.throws(() => parseCqe(new Uint8Array(8)), /16 bytes/);
});

test('the kTLS probe line is a server message the runner can check', () => {
  const line = JSON.stringify({ probe: { facility: 'ktls', available: false, detail: 'setsockopt(SOL_TCP, TCP_ULP, "tls"): ENOENT (No such file or directory)' } });
  assert.equal(parseServerMessage(line), JSON.parse(line));
  assert.ok('invalid' in parseServerMessage('{"probe":{"facility":"ktls","available":"no"}}'));
});

test('the runner finds libc by the path its own process mapped, as Deno must be granted it', () => {
  const path = mappedLibc();
  assert.ok(path && path.startsWith('/') && path.endsWith('/libc.so.6'), String(path));
  assert.is(mappedLibc('/nonexistent/maps'), null);
});

test.run();
