// A lab is safe to run on a workshop's network and on a reader's laptop. Every
// lab server listens on 127.0.0.1 alone, on a port the kernel picks (port 0), as /proc/net/tcp
// shows while it runs; and nothing a lab does reaches outside its temporary directory: Deno's
// servers cannot read past the paths they are given, and removing the work dir never follows a
// link out of it.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { labs } from '../scripts/catalogue.ts';
import { createDataFile, createWorkDir } from '../scripts/lab/session.ts';
import { start } from '../scripts/lab/processes.ts';
import { adapters, runtimeNames } from '../runtime-adapters/index.ts';
import { must } from './fixtures.ts';
import { fetchFile, labsDir, listeners, startLabServer } from './fixtures/lab-servers.ts';

const work = createWorkDir();
const outside = createWorkDir();
const data = createDataFile(work.dir, 64 * 1024);
const secret = join(outside.dir, 'secret.txt');
writeFileSync(secret, 'a file the lab was never given\n');
const [low = 0, high = 65535] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);

test.after(() => { work.cleanup(); outside.cleanup(); });

const socketLabs = labs.filter((lab) => lab.id === '01' || lab.id === '02');

for (const lab of socketLabs) {
  for (const runtime of runtimeNames) {
    test(`lab ${lab.id} ${runtime}: listens on 127.0.0.1 only, on a port the kernel chose`, async () => {
      const server = await startLabServer(runtime, lab.slug, must(lab.methods[0], 'a method'), data.path);
      try {
        assert.equal(listeners(server.port), ['127.0.0.1'], `listening sockets on port ${server.port}`);
        assert.ok(server.port >= low && server.port <= high, `port ${server.port} is from the ephemeral range ${low}-${high}, so it was port 0`);
      } finally {
        await server.child.stop();
      }
    });
  }
}

for (const lab of socketLabs) {
  test(`lab ${lab.id} deno: a server asked for a file outside the paths it was given cannot read it`, async () => {
    const command = adapters.deno.command(join(labsDir, lab.slug, 'server.ts'), ['--method', 'read-write', '--file', secret, '--transfers', '1'],
      { readPaths: [labsDir, data.path] });
    const server = start(command, { timeoutMs: 30_000 });
    try {
      const ready = await server.nextLine(20_000).then((line) => JSON.parse(line) as { port?: number }, () => null);
      // Either it fails as it starts (lab 02 stats the file first), or its client gets nothing.
      if (ready?.port) {
        const received = await fetchFile(lab.protocol as 'tcp' | 'http', ready.port, 10_000).catch(() => null);
        assert.ok(!received || received.bytes === 0, `the client received ${received?.bytes} bytes of a file outside the lab`);
      }
      const { stderr } = await Promise.race([server.exited, new Promise<{ stderr: string }>((resolve) => setTimeout(resolve, 1_000, { stderr: '' }))]);
      if (!ready?.port) assert.match(stderr, /read access|NotCapable|PermissionDenied/i, stderr);
    } finally {
      await server.stop();
    }
  });
}

test('removing a work dir never follows a link out of it', () => {
  // Lab 05 links its work dir to a directory on another file system; a reader may add links too.
  const precious = join(outside.dir, 'precious');
  mkdirSync(precious);
  writeFileSync(join(precious, 'notes.txt'), 'keep me\n');
  const scratch = createWorkDir();
  symlinkSync(precious, join(scratch.dir, 'other-file-system'));
  symlinkSync(secret, join(scratch.dir, 'data-linked.bin'));
  scratch.cleanup();
  assert.not.ok(existsSync(scratch.dir), 'the work dir is gone');
  assert.is(readFileSync(join(precious, 'notes.txt'), 'utf8'), 'keep me\n', 'what the link pointed at is untouched');
  assert.ok(existsSync(secret));
});

test("a child's shell reads no start-up file: not BASH_ENV, and not ~/.bashrc when SHLVL is 0", async () => {
  // zx starts every child through bash -c with socketpairs as stdio, which makes Debian's bash
  // read ~/.bashrc below shell level 2 (a CI runner's environment), and BASH_ENV always.
  const marker = join(work.dir, 'sourced');
  const script = join(work.dir, 'bash-env.sh');
  writeFileSync(script, `echo sourced > ${JSON.stringify(marker)}\n`);
  const saved = { SHLVL: process.env.SHLVL, BASH_ENV: process.env.BASH_ENV };
  Object.assign(process.env, { SHLVL: '0', BASH_ENV: script });
  try {
    const child = start({ file: 'sh', args: ['-c', 'echo "level $SHLVL"'] }, { timeoutMs: 10_000 });
    assert.is(await child.nextLine(10_000), 'level 1');
    await child.stop();
    assert.not.ok(existsSync(marker), 'BASH_ENV was sourced by the shell that started the child');
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});

test.run();
