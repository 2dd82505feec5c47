import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { didYouMean, parseFlags, UsageError } from '../scripts/args.ts';
import { parseSize } from '../scripts/sizes.ts';
import { workbook } from './workbook-cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function usageError(args: string[], says: RegExp) {
  const result = workbook(args);
  assert.is(result.status, 2, `${args.join(' ')} should exit 2, got ${result.status}: ${result.stderr}`);
  assert.match(result.stderr, says);
  assert.not.match(result.stderr, /\n\s+at /, 'no stack trace');
}

test('usage errors exit 2 with one clear message', () => {
  usageError(['lab', '99'], /unknown lab "99".*labs are 01, 02/);
  usageError(['lab'], /which lab\?/);
  usageError(['lab', '01', '--runtime', 'dneo'], /unknown runtime "dneo" \(did you mean deno\?\)/);
  usageError(['lab', '01', '--method', 'sendfil'], /did you mean sendfile\?/);
  usageError(['lab', '01', '--size', '64XB'], /"64XB" is not a size/);
  usageError(['lab', '01', '--size', '-1'], /is not a size/);
  usageError(['lab', '01', '--runtim', 'node'], /unknown flag --runtim \(did you mean --runtime\?\)/);
  usageError(['lab', '01', '--runs', '0'], /--runs must be a whole number/);
  usageError(['lab', '01', '--size', '900GiB'], /does not fit/);
  usageError(['lab', '04', '--chunk', '3'], /a 3 B buffer \(--chunk\) on a 16 MiB file \(--size\) means about 11,184,812 syscalls per transfer .*more than 1,000,000/);
  usageError(['lab', '01', '--chunk', '128MiB'], /--chunk: at most 64MiB/);
  usageError(['labb'], /unknown command "labb" \(did you mean lab\?\)/);
  usageError(['check', '42'], /unknown chapter "42"/);
  usageError(['start', '01'], /npm start takes no lab id/);
});

test('--help prints the usage and exits 0', () => {
  for (const verb of ['lab', 'check', 'start']) {
    const result = workbook([verb, '--help']);
    assert.is(result.status, 0, verb);
    assert.match(result.stdout, /Usage: npm/);
  }
  assert.match(workbook(['--help']).stdout, /lab\s+run a lab/);
});

test('a closed stdout ends a verb quietly with exit 0 (npm run drill -- --list | head -1)', () => {
  for (const verb of [['drill', '--list'], ['check'], ['lab', '--help']]) {
    // The reader closes its end of the pipe before the verb writes: every write then fails with EPIPE.
    const result = spawnSync('bash', ['-c', `node --import tsx scripts/workbook.ts ${verb.join(' ')} | (exec 0<&-; sleep 0.5); echo "status \${PIPESTATUS[0]}"`],
      { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.match(result.stdout, /status 0\n$/, `${verb.join(' ')}: ${result.stdout}${result.stderr}`);
    assert.not.match(result.stderr, /EPIPE|\n\s+at /, `${verb.join(' ')} printed: ${result.stderr}`);
  }
});

test('npm start runs the headline labs on every runtime and says how long each took', () => {
  const state = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-start-'));
  try {
    const result = workbook(['start', '--size', '1MiB'], { WORKBOOK_RESULTS: join(state, 'results'), WORKBOOK_PROGRESS: join(state, 'progress.json') });
    assert.is(result.status, 0, result.stderr);
    for (const runtime of ['node', 'bun', 'deno']) assert.match(result.stdout, new RegExp(`\\b${runtime} \\d+\\.\\d+`), `${runtime} has rows`);
    assert.match(result.stdout, /How long it took: lab 01 \d+\.\d s, lab 02 \d+\.\d s; \d+\.\d s with the runtimes' start-up checks\./);
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
});

test('sizes parse in binary units and reject anything else', () => {
  assert.is(parseSize('64MiB'), 64 * 2 ** 20);
  assert.is(parseSize('512KiB'), 512 * 1024);
  assert.is(parseSize('1GiB'), 2 ** 30);
  assert.is(parseSize('4096'), 4096);
  assert.ok(typeof parseSize('0') === 'object');
  assert.ok(typeof parseSize('64XB') === 'object');
});

test('flags: values, booleans, unknown flags and did-you-mean', () => {
  const spec = { size: { kind: 'string' as const, help: '' }, json: { kind: 'boolean' as const, help: '' } };
  const parsed = parseFlags(['01', '--size=1MiB', '--json'], spec);
  assert.equal({ positional: parsed.positional, flags: parsed.flags }, { positional: ['01'], flags: { size: '1MiB', json: true } });
  assert.equal([...parsed.given].sort(), ['json', 'size']);
  const defaults = parseFlags([], { ...spec, size: { kind: 'string' as const, help: '', default: '64MiB' } });
  assert.equal(defaults.flags, { size: '64MiB', json: false }, 'a flag not given takes its default');
  assert.is(defaults.given.size, 0);
  assert.throws(() => parseFlags(['--size'], spec), (error: unknown) => error instanceof UsageError && /needs a value/.test((error as Error).message));
  assert.is(didYouMean('nod', ['node', 'bun', 'deno']), ' (did you mean node?)');
  assert.is(didYouMean('python', ['node', 'bun', 'deno']), '');
});

test('without strace the lab still runs, verifies and times, and says how to get traces', () => {
  const result = workbook(['lab', '01', '--runtime', 'node', '--method', 'read-write', '--size', '1MiB', '--runs', '1', '--json'],
    { WORKBOOK_STRACE: '/nonexistent/strace' });
  assert.is(result.status, 0, result.stderr);
  const document = JSON.parse(result.stdout);
  assert.is(document.tracing.available, false);
  assert.match(document.tracing.fix, /apt-get install strace/);
  assert.is(document.runs[0].verified, true);
  assert.is(document.runs[0].traced, false);
  assert.is(document.runs[0].copies, null, 'unknown is not zero');
});

test('when ptrace is denied the lab says so and how to allow it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-fake-strace-'));
  try {
    // Fails the way strace does in a container without CAP_SYS_PTRACE.
    const fake = join(dir, 'strace');
    writeFileSync(fake, '#!/bin/sh\necho "strace: test_ptrace_get_syscall_info: PTRACE_TRACEME: Operation not permitted" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const result = workbook(['lab', '01', '--runtime', 'node', '--method', 'read-write', '--size', '1MiB', '--runs', '1'], { WORKBOOK_STRACE: fake });
    assert.is(result.status, 0, result.stderr);
    assert.match(result.stdout, /Not traced: strace cannot trace here/);
    assert.match(result.stdout, /--cap-add=SYS_PTRACE/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
