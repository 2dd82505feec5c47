import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createParser, describeFd, readTrace, type SyscallEvent } from '../scripts/lab/parse.ts';
import { fixturesDir, traceFixture, traceFixtures } from './fixtures.ts';

async function events(name: string): Promise<SyscallEvent[]> {
  const all: SyscallEvent[] = [];
  for await (const event of readTrace(fixturesDir + name)) all.push(event);
  return all;
}

test('every captured trace parses into events, one per completed call', async () => {
  for (const name of Object.keys(traceFixtures)) {
    const lines = readFileSync(fixturesDir + name, 'utf8').split('\n');
    const complete = lines.filter((line) => /\)\s+=\s+(-?\d+|0x[0-9a-f]+|\?)/.test(line) && !line.includes('resumed>')).length;
    const resumed = lines.filter((line) => line.includes(' resumed>')).length;
    const parsed = await events(name);
    assert.is(parsed.length, complete + resumed, `${name}: a call was lost or counted twice`);
  }
});

test('unfinished and resumed halves from different threads are joined by PID', async () => {
  // Deno's threads interleave: in this trace a read on the data file is interrupted by another
  // thread's line before it returns.
  const parsed = await events('lab-02-deno-stream.strace');
  const fixture = traceFixture('lab-02-deno-stream.strace');
  const dataFile = fixture.fds.files[0];
  const reads = parsed.filter((event) => event.name === 'read' && event.fds[0]?.target === dataFile);
  const text = readFileSync(fixturesDir + 'lab-02-deno-stream.strace', 'utf8');
  assert.ok(/read\(\d+<[^>]*data-\d+\.bin>, +<unfinished \.\.\.>/.test(text), 'the fixture has split reads on the data file');
  const total = reads.reduce((sum, event) => sum + (event.result ?? 0), 0);
  assert.is(total, fixture.bytes, 'joined reads add up to the whole file');
});

test('a split call keeps its fd from the first half and its result from the second', () => {
  const parse = createParser();
  assert.is(parse('7306  read(24</tmp/x/data-1.bin>,  <unfinished ...>'), null);
  assert.is(parse('7302  sendto(22<TCP:[127.0.0.1:45377->127.0.0.1:35010]>, ""..., 65536, MSG_NOSIGNAL, NULL, 0 <unfinished ...>'), null);
  const send = parse('7302  <... sendto resumed>)           = 65536');
  const read = parse('7306  <... read resumed>""..., 65536) = 65536');
  assert.equal(send, { pid: 7302, name: 'sendto', fds: [{ fd: 22, kind: 'tcp', target: '127.0.0.1:45377->127.0.0.1:35010', localPort: 45377 }], result: 65536, flags: ['MSG_NOSIGNAL'] });
  assert.equal(read?.fds[0], { fd: 24, kind: 'file', target: '/tmp/x/data-1.bin' });
  assert.is(read?.result, 65536);
});

test('the fd a call returns and the MSG_ flags of a send are kept', () => {
  const parse = createParser();
  const accepted = parse('9 accept4(5<TCP:[127.0.0.1:35767]>, {sa_family=AF_INET, sin_port=htons(49016), sin_addr=inet_addr("127.0.0.1")}, [128 => 16], SOCK_CLOEXEC|SOCK_NONBLOCK) = 7<TCP:[127.0.0.1:35767->127.0.0.1:49016]>');
  assert.equal(accepted?.returned, { fd: 7, kind: 'tcp', target: '127.0.0.1:35767->127.0.0.1:49016', localPort: 35767 });
  assert.equal(accepted?.fds.map((fd) => fd.localPort), [35767], 'the listener, named by its port');
  const opened = parse('9 openat(AT_FDCWD</work/main>, ""..., O_RDONLY|O_CLOEXEC) = 8</tmp/w/data-16777216.bin>');
  assert.equal(opened?.returned, { fd: 8, kind: 'file', target: '/tmp/w/data-16777216.bin' });
  assert.is(parse('9 openat(AT_FDCWD</work/main>, ""..., O_RDONLY) = -1 ENOENT (No such file or directory)')?.returned, undefined);
  const zeroCopy = parse('9 sendto(7<TCP:[127.0.0.1:1->127.0.0.1:2]>, ""..., 65536, MSG_NOSIGNAL|MSG_ZEROCOPY, NULL, 0) = 65536');
  assert.equal(zeroCopy?.flags, ['MSG_NOSIGNAL', 'MSG_ZEROCOPY']);
  assert.equal(parse('9 recvmsg(7<TCP:[127.0.0.1:1->127.0.0.1:2]>, {msg_namelen=0}, MSG_ERRQUEUE) = 0')?.flags, ['MSG_ERRQUEUE']);
  assert.equal(parse('9 futex(0x7f, FUTEX_WAKE_PRIVATE, 1) = 1')?.flags, [], 'only sends and receives carry MSG_ flags');
});

test('errors and calls that never returned carry no bytes', () => {
  const parse = createParser();
  assert.is(parse('12  sendto(7<TCP:[127.0.0.1:1->127.0.0.1:2]>, ""..., 65536, MSG_DONTWAIT, NULL, 0) = -1 EAGAIN (Resource temporarily unavailable)')?.result, -1);
  assert.is(parse('12  read(3</tmp/f>, ""..., 10) = ?')?.result, null);
  assert.is(parse('--- SIGCHLD {si_signo=SIGCHLD} ---'), null);
});

test('fd names from -yy: files, TCP endpoints, pipes and char devices', () => {
  assert.equal(describeFd(6, 'TCP:[127.0.0.1:36081->127.0.0.1:57308]'), { fd: 6, kind: 'tcp', target: '127.0.0.1:36081->127.0.0.1:57308', localPort: 36081 });
  assert.is(describeFd(3, 'pipe:[12345]').kind, 'pipe');
  assert.is(describeFd(1, '/dev/null<char 1:3>').kind, 'other');
  assert.equal(describeFd(9, '/tmp/a.bin (deleted)'), { fd: 9, kind: 'file', target: '/tmp/a.bin' });
  const parse = createParser();
  assert.is(parse('5  write(1</dev/pts/0<char 136:0>>, ""..., 12) = 12')?.fds[0]?.kind, 'other');
});

test.run();
