// Watch mode: a saved sheet is re-checked and only what changed is printed, a sheet that stops
// compiling is named with its line, polling works where file events do not, and Ctrl-C ends it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chapters } from '../scripts/catalogue.ts';
import { loadKey } from '../scripts/check/sheets.ts';
import { watchFiles } from '../scripts/check/watch.ts';
import { blankSheet } from '../scripts/check/blank.ts';
import { must } from './fixtures.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-watch-test-'));
const chapter = must(chapters[0], 'a chapter');

test.after(() => rmSync(scratch, { recursive: true, force: true }));

interface Watcher { child: ChildProcess; output(): string; waitFor(pattern: RegExp, after?: number): Promise<string> }

async function startWatch(name: string, extra: string[] = []): Promise<{ watcher: Watcher; sheet: string }> {
  const dir = join(scratch, name);
  const answers = join(dir, 'answers');
  mkdirSync(answers, { recursive: true });
  // A blank sheet written from the key, so the reader's own answers/ do not matter here.
  writeFileSync(join(answers, `${chapter.slug}.ts`), blankSheet(chapter, await loadKey(chapter)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/workbook.ts', 'check', chapter.id, '--watch', ...extra,
    '--answers', answers, '--results', join(dir, 'results'), '--progress', join(dir, 'progress.json')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => { output += chunk; });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  const waitFor = (pattern: RegExp, after = 0) => new Promise<string>((resolve, reject) => {
    const started = Date.now();
    const look = setInterval(() => {
      const match = pattern.exec(output.slice(after));
      if (match) { clearInterval(look); resolve(match[0]); }
      else if (Date.now() - started > 20_000) { clearInterval(look); child.kill('SIGKILL'); reject(new Error(`no ${pattern} within 20 s in:\n${output}`)); }
    }, 50);
  });
  return { watcher: { child, output: () => output, waitFor }, sheet: join(answers, `${chapter.slug}.ts`) };
}

function stopped(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('watch mode did not exit within 10 s of SIGINT')); }, 10_000);
    child.once('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal }); });
  });
}

async function correctAnswer(): Promise<[string, string]> {
  const key = await loadKey(chapter);
  const [id, question] = Object.entries(key).find(([, candidate]) => candidate.kind === 'choice')!;
  if (question.kind !== 'choice') throw new Error('unreachable');
  return [id, question.answer];
}

const answer = (text: string, id: string, value: string) => text.replace(new RegExp(`export const ${id}([^=]*)= null;`), `export const ${id}$1= ${value};`);

test('a saved sheet is re-checked, only what changed is printed, a syntax error is located, and SIGINT ends it', async () => {
  const { watcher, sheet } = await startWatch('events');
  const [id, letter] = await correctAnswer();
  await watcher.waitFor(/Watching .*Ctrl-C stops/);
  const blank = readFileSync(sheet, 'utf8');

  let mark = watcher.output().length;
  writeFileSync(sheet, answer(blank, id, `'${letter}'`));
  const changes = await watcher.waitFor(new RegExp(`re-checked:\\n(  .*\\n)+  \\d+ of \\d+ correct`), mark);
  assert.match(changes, new RegExp(`✓ ${id}\\s+correct`));
  assert.is(changes.match(/^ {2}[✓✗·?] q\d/gm)?.length, 1, `only the question that changed is printed:\n${changes}`);

  mark = watcher.output().length;
  writeFileSync(sheet, answer(blank, id, `'${letter}'`) + '\nexport const oops = ;\n');
  const located = await watcher.waitFor(/could not be read: .*:\d+:\d+: .*/, mark);
  assert.ok(located.includes(sheet), `the error names the reader's file, not a copy: ${located}`);

  mark = watcher.output().length;
  writeFileSync(sheet, answer(blank, id, `'${letter}'`));
  await watcher.waitFor(new RegExp(`✓ ${id}\\s+correct`), mark);

  watcher.child.kill('SIGINT');
  const end = await stopped(watcher.child);
  assert.ok(end.code === 130 || end.signal === 'SIGINT', `exit ${end.code} ${end.signal}`);
  assert.not.match(watcher.output(), /\n\s+at /, 'no stack trace');
});

test('--poll re-checks without file events', async () => {
  const { watcher, sheet } = await startWatch('polling', ['--poll']);
  const [id, letter] = await correctAnswer();
  await watcher.waitFor(/Watching .*\(polling every second\)/);
  const mark = watcher.output().length;
  writeFileSync(sheet, answer(readFileSync(sheet, 'utf8'), id, `'${letter}'`));
  await watcher.waitFor(new RegExp(`✓ ${id}\\s+correct`), mark);
  watcher.child.kill('SIGINT');
  await stopped(watcher.child);
});

test('file events are debounced: a burst of writes is one change', async () => {
  const dir = join(scratch, 'burst');
  mkdirSync(dir);
  const calls: string[][] = [];
  const fileWatch = watchFiles({ dirs: [dir], poll: false, debounceMs: 100 }, (paths) => calls.push(paths));
  try {
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, 'sheet.ts'), `export const q1 = ${i};\n`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.is(calls.length, 1, JSON.stringify(calls));
    assert.equal(calls[0], [join(dir, 'sheet.ts')]);
  } finally {
    fileWatch.close();
  }
  writeFileSync(join(dir, 'sheet.ts'), 'after close\n');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.is(calls.length, 1, 'nothing is reported after close()');
});

test.run();
