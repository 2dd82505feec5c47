// The drill: the bank covers every chapter in both languages, the grader scores strong, partial and
// empty answers as a reader would expect, Leitner boxes bring misses back first, and the
// non-interactive and piped modes produce what README documents, without ever hanging.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chapters } from '../scripts/catalogue.ts';
import { bank } from '../scripts/drill/bank.ts';
import { grade } from '../scripts/drill/grade.ts';
import { passScore, record, schedule } from '../scripts/drill/schedule.ts';
import { langs } from '../scripts/drill/types.ts';
import { emptyProgress } from '../scripts/progress/store.ts';
import { must } from './fixtures.ts';
import { workbook } from './workbook-cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-drill-'));
const question = (id: string) => bank.find((candidate) => candidate.id === id)!;

test.after(() => rmSync(scratch, { recursive: true, force: true }));

function drill(args: string[], input?: string, timeout = 60_000) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/workbook.ts', 'drill', ...args],
    { cwd: root, encoding: 'utf8', input, timeout, env: { ...process.env, LANG: 'C' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('the bank: at least 3 questions for every chapter, unique ids, written in both languages', () => {
  for (const chapter of chapters) {
    assert.ok(bank.filter((candidate) => candidate.chapter === chapter.id).length >= 3, `chapter ${chapter.id} needs 3 drill questions`);
  }
  assert.is(new Set(bank.map((candidate) => candidate.id)).size, bank.length);
  const cjk = /[\u4e00-\u9fff]/;
  for (const candidate of bank) {
    assert.ok(candidate.id.startsWith(`${candidate.chapter}-`), candidate.id);
    assert.ok(candidate.concepts.length >= 3, `${candidate.id}: concepts`);
    for (const text of [candidate.question, candidate.model, ...candidate.concepts.map((concept) => concept.label)]) {
      assert.ok(cjk.test(text.zh), `${candidate.id}: Chinese text "${text.zh}"`);
      assert.not.ok(cjk.test(text.en), `${candidate.id}: English text "${text.en}"`);
    }
  }
});

test('every model answer names all of its own concepts, in both languages', () => {
  for (const candidate of bank) {
    for (const lang of langs) {
      const graded = grade(candidate, candidate.model[lang], lang);
      assert.equal(graded.missed, [], `${candidate.id} (${lang}) model answer misses ${graded.missed.join('; ')}`);
      assert.is(graded.score, 1);
    }
  }
});

test('the grader: a strong, a partial and an empty answer, in English', () => {
  const kafka = question('02-why-kafka');
  const strong = grade(kafka, 'Consumers are served with transferTo, i.e. sendfile: the log is append-only, batches go out unchanged, '
    + 'straight from the page cache, which saves the two CPU copies through user space. Not when TLS is on.', 'en');
  assert.ok(strong.score >= 0.9, `strong: ${strong.score} missed ${strong.missed}`);
  const partial = grade(kafka, 'Because it uses sendfile and the page cache.', 'en');
  assert.ok(partial.score > 0.2 && partial.score < passScore, `partial: ${partial.score}`);
  assert.equal(partial.hit, ['transferTo, which is sendfile', 'served from the page cache']);
  const empty = grade(kafka, '', 'en');
  assert.is(empty.score, 0);
  assert.is(empty.missed.length, kafka.concepts.length);
});

test('the grader: a strong, a partial and an empty answer, in Chinese, and a mixed one', () => {
  const modes = question('01-four-switches');
  const strong = grade(modes, '不对。每次系统调用是用户态和内核态之间的切换，也就是模式切换；上下文切换是调度器把 CPU 换给另一个线程，要用 getrusage 分开统计。', 'zh');
  assert.ok(strong.score >= 0.9, `strong: ${strong.score} missed ${strong.missed}`);
  const partial = grade(modes, '其实是模式切换。', 'zh');
  assert.ok(partial.score > 0.2 && partial.score < passScore, `partial: ${partial.score}`);
  assert.is(grade(modes, '   ', 'zh').score, 0);
  const mixed = grade(question('02-what-sendfile-saves'), 'sendfile 让数据 stays in the kernel，只要 one syscall，DMA 还在', 'zh');
  assert.equal(mixed.hit, ['数据不进入用户态，没有 CPU 拷贝', '一次系统调用代替两次，模式切换减半', 'DMA 传输还在']);
});

test('the grader ignores case, full-width letters, hyphens and spaces', () => {
  const path = question('01-read-write-path');
  const graded = grade(path, 'ＤＭＡ fills the PAGE-CACHE; the CPU copies it TWICE … into the socket  buffer', 'en');
  assert.ok(graded.hit.includes('DMA for the disk and the NIC') && graded.hit.includes('page cache') && graded.hit.includes('socket buffer'), graded.hit.join('; '));
  assert.ok(graded.hit.includes('two CPU copies'), graded.hit.join('; '));
  assert.not.ok(grade(question('06-splice'), 'use a pipeline of streams', 'en').hit.includes('one end must be a pipe'), '"pipeline" is not "pipe"');
});

test('Leitner boxes: a miss drops to box 1 and comes back first next session; a pass waits longer', () => {
  const progress = emptyProgress();
  const [a, b, c] = [must(bank[0], 'a question'), must(bank[1], 'a second question'), must(bank[2], 'a third question')];
  record(progress.drill, a.id, 0.2, 1);
  record(progress.drill, b.id, 0.9, 1);
  assert.equal(progress.drill.cards[a.id], { box: 1, due: 2, seen: 1, lastScore: 0.2 });
  assert.is(progress.drill.cards[b.id]?.box, 2);
  assert.ok((progress.drill.cards[b.id]?.due ?? 0) > 2);
  const order = schedule(bank, progress.drill);
  assert.is(order[0], a, 'the missed question first');
  assert.is(order[1], c, 'then the ones never asked');
  assert.is(order.at(-1), b, 'the passed one last, until it falls due');
});

test('--answers --json prints the documented document, grades in either language and records the boxes', () => {
  for (const lang of langs) {
    const file = join(scratch, `answers-${lang}.txt`);
    const chapter = must(chapters[0], 'a chapter');
    const [first, second] = bank.filter((candidate) => candidate.chapter === chapter.id).map((candidate) => must(candidate, 'a question'));
    if (!first || !second) throw new Error(`chapter ${chapter.id} needs two drill questions`);
    writeFileSync(file, `${first.model[lang]}\n\n`);
    const progressPath = join(scratch, `progress-${lang}.json`);
    const result = drill(['--chapter', chapter.id, '--answers', file, '--json', '--lang', lang, '--progress', progressPath]);
    assert.is(result.status, 0, result.stderr);
    const document = JSON.parse(result.stdout);
    assert.equal(Object.keys(document), ['lang', 'results']);
    assert.is(document.lang, lang);
    assert.is(document.results.length, 2, 'one result per line of answers');
    for (const entry of document.results) {
      assert.equal(Object.keys(entry), ['id', 'question', 'answer', 'score', 'hit', 'missed', 'model']);
      assert.ok(entry.score >= 0 && entry.score <= 1);
    }
    assert.equal([document.results[0].id, document.results[1].id], [first.id, second.id]);
    assert.is(document.results[0].score, 1);
    assert.is(document.results[0].question, first.question[lang]);
    assert.is(document.results[1].score, 0);
    assert.is(document.results[1].model, second.model[lang]);
    const cards = JSON.parse(readFileSync(progressPath, 'utf8')).drill.cards;
    assert.is(cards[first.id]?.box, 2);
    assert.is(cards[second.id]?.box, 1);
  }
});

test('a 10-question drill from a file runs end to end; --question picks exactly the questions given', () => {
  const file = join(scratch, 'ten.txt');
  writeFileSync(file, bank.slice(0, 10).map((candidate) => candidate.model.en).join('\n') + '\n');
  const result = drill(['--answers', file, '--lang', 'en', '--progress', join(scratch, 'ten.json')]);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /\[10\/10\]/);
  assert.match(result.stdout, /Scorecard: 10 questions, average 100%/);
  const picked = drill(['--question', '07-tls,01-page-cache', '--answers', '-', '--json', '--lang', 'zh', '--progress', join(scratch, 'picked.json')], '加密在用户态\n');
  assert.equal(JSON.parse(picked.stdout).results.map((entry: { id: string }) => entry.id), ['07-tls']);
});

test('piped interactive mode: answers are graded, end of input ends it with the scorecard', () => {
  const result = drill(['--count', '3', '--lang', 'en', '--progress', join(scratch, 'piped.json')], 'sendfile keeps the bytes in the kernel: no cpu copy\n', 20_000);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /\[1\/3\]/);
  assert.match(result.stdout, /A 30-second answer:/);
  assert.match(result.stdout, /\[2\/3\]/);
  assert.match(result.stdout, /Scorecard: 1 question, average \d+%/);
});

test('a mock interview stops when its time is up, scoring unanswered questions as 0', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/workbook.ts', 'drill', '--mock', '--minutes', '0.03', '--lang', 'zh',
    '--progress', join(scratch, 'mock.json')], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stdin.write('零拷贝就是 sendfile\n');   // one answer, then silence: stdin stays open
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`the mock did not stop on time:\n${output}`)); }, 20_000);
    child.once('exit', (exitCode) => { clearTimeout(timer); resolve(exitCode); });
  });
  assert.is(code, 0, output);
  assert.match(output, /时间到。/);
  assert.match(output, /成绩单：共 5 题/);
  assert.match(output, /未作答/);
  const chaptersAsked = [...output.matchAll(/第 (\d\d) 章/g)].map((match) => match[1]);
  assert.is(new Set(chaptersAsked).size, chaptersAsked.length, 'a mock asks from different chapters');
});

test('drill: usage errors exit 2 with one message', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--lang', 'fr'], /--lang takes en or zh/],
    [['--json'], /--json needs --answers/],
    [['--count', '0'], /--count takes a positive whole number/],
    [['--chapter', '99'], /no drill questions for chapter "99"/],
    [['--question', '02-why-kafak'], /did you mean 02-why-kafka\?/],
    [['--minutes', '5'], /--minutes goes with --mock/],
  ];
  for (const [args, says] of cases) {
    const result = workbook(['drill', ...args]);
    assert.is(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, says);
    assert.not.match(result.stderr, /\n\s+at /);
  }
  const tooMany = join(scratch, 'too-many.txt');
  writeFileSync(tooMany, 'a\nb\nc\nd\ne\n');
  assert.match(workbook(['drill', '--chapter', '01', '--answers', tooMany]).stderr, /has 5 answers but the drill has \d questions/);
  assert.is(workbook(['drill', '--help']).status, 0);
});

test.run();
