// The drill as a reader uses it: the bank covers every chapter in both languages, Leitner boxes bring
// misses back first, a file of answers is graded (one a line, or blocks between --- lines), the
// piped session takes a multi-line answer as one answer and an empty one as a skip, a mock draws
// from all chapters and repeats with --seed, and bad input ends with one clear message.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chapters } from '../scripts/catalogue.ts';
import { parseAnswers } from '../scripts/drill/answers.ts';
import { bank } from '../scripts/drill/bank.ts';
import { mockInterview, record, schedule } from '../scripts/drill/schedule.ts';
import { langs } from '../scripts/drill/types.ts';
import { displayWidth, wrap } from '../scripts/drill/wrap.ts';
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

const cards = (path: string) => existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')).drill.cards : {};

test('the bank: at least 3 questions for every chapter, unique ids, written in both languages', () => {
  for (const chapter of chapters) {
    assert.ok(bank.filter((candidate) => candidate.chapter === chapter.id).length >= 3, `chapter ${chapter.id} needs 3 drill questions`);
  }
  assert.is(new Set(bank.map((candidate) => candidate.id)).size, bank.length);
  const cjk = /[\u4e00-\u9fff]/;
  for (const candidate of bank) {
    assert.ok(candidate.id.startsWith(`${candidate.chapter}-`), candidate.id);
    const texts = [candidate.question, candidate.model, ...candidate.claims.map((claim) => claim.label),
      ...candidate.myths.flatMap((myth) => [myth.label, myth.correction])];
    for (const text of texts) {
      assert.ok(cjk.test(text.zh), `${candidate.id}: Chinese text "${text.zh}"`);
      assert.not.ok(cjk.test(text.en), `${candidate.id}: English text "${text.en}"`);
    }
  }
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

test('a mock interview draws from all ten chapters, one question each, the same draw for the same seed', () => {
  const fresh = emptyProgress().drill;
  const draws = Array.from({ length: 20 }, (_, seed) => mockInterview(bank, fresh, 5, seed));
  for (const draw of draws) assert.is(new Set(draw.map((candidate) => candidate.chapter)).size, 5, 'five different chapters');
  const chaptersDrawn = new Set(draws.flat().map((candidate) => candidate.chapter));
  assert.is(chaptersDrawn.size, 10, `a new reader meets every chapter across mocks, not only 01-05: ${[...chaptersDrawn]}`);
  assert.equal(mockInterview(bank, fresh, 5, 7).map((candidate) => candidate.id), mockInterview(bank, fresh, 5, 7).map((candidate) => candidate.id));
  const missed = emptyProgress().drill;
  record(missed, '09-ktls', 0.1, 1);
  assert.ok(mockInterview(bank, missed, 5, 3).some((candidate) => candidate.id === '09-ktls'), 'a missed question still comes back in a mock');
});

test('a file of answers: one a line, or blocks between --- lines for answers of several lines', () => {
  assert.equal(parseAnswers('first answer\n\nthird answer\n'), ['first answer', '', 'third answer']);
  assert.equal(parseAnswers('line one\nline two\n---\n\n---\nanother answer\n'), ['line one\nline two', '', 'another answer']);
  assert.equal(parseAnswers('---\nonly one\n---\n'), ['only one']);
});

test('--answers --json prints the documented document, grades in either language and saves boxes, but not for a skip', () => {
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
      assert.equal(Object.keys(entry), ['id', 'question', 'answer', 'skipped', 'score', 'hit', 'missed', 'contradicted', 'myths', 'model']);
      assert.ok(entry.score >= 0 && entry.score <= 1);
    }
    assert.equal([document.results[0].id, document.results[1].id], [first.id, second.id]);
    assert.ok(document.results[0].score >= 0.8);
    assert.is(document.results[0].skipped, false);
    assert.is(document.results[1].skipped, true);
    assert.is(document.results[1].model, second.model[lang]);
    const saved = cards(progressPath);
    assert.is(saved[first.id]?.box, 2);
    assert.is(saved[second.id], undefined, 'an empty answer is a skip, not a miss');
  }
});

test('--json names what an answer got backwards and the myths it stated, with the correction', () => {
  const file = join(scratch, 'wrong.txt');
  writeFileSync(file, "Yes: read() and write() are four context switches.\nsendfile still copies the data into user space once, but it saves the DMA.\n");
  const result = drill(['--question', '01-four-switches,02-what-sendfile-saves', '--answers', file, '--json', '--lang', 'en', '--progress', join(scratch, 'wrong.json')]);
  const [myth, wrong] = JSON.parse(result.stdout).results;
  assert.is(myth.score, 0);
  assert.equal(myth.myths.map((entry: { myth: string }) => entry.myth), ['read() + write() costs four context switches']);
  assert.match(myth.myths[0].correction, /mode switches/);
  assert.is(wrong.score, 0);
  assert.ok(wrong.contradicted.includes('no CPU copy through user space: 0 user-space copies'), wrong.contradicted.join('; '));
  assert.ok(wrong.contradicted.includes('the DMA transfers remain'), wrong.contradicted.join('; '));
});

test('a file of ten answers runs end to end; blocks between --- lines are answers of several lines', () => {
  const file = join(scratch, 'ten.txt');
  writeFileSync(file, bank.slice(0, 10).map((candidate) => candidate.model.en).join('\n') + '\n');
  const result = drill(['--answers', file, '--lang', 'en', '--progress', join(scratch, 'ten.json')]);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /\[10\/10\]/);
  assert.match(result.stdout, /Scorecard: 10 questions, average (8\d|9\d|100)%/);
  const blocks = join(scratch, 'blocks.txt');
  writeFileSync(blocks, 'sendfile does not copy the data into user space.\nIt makes one syscall per chunk instead of two.\n---\nThe DMA transfers remain.\n');
  const picked = drill(['--question', '02-what-sendfile-saves,07-copies-saved', '--answers', blocks, '--json', '--lang', 'en', '--progress', join(scratch, 'blocks.json')]);
  const results = JSON.parse(picked.stdout).results;
  assert.is(results.length, 2);
  assert.match(results[0].answer, /\n/);
  assert.ok(results[0].hit.includes('one syscall per chunk instead of two: half the mode switches'), 'the second line belongs to the first answer');
});

test('the piped session: a multi-line answer is one answer, an empty one is a skip, the end of input ends with a scorecard', () => {
  const progressPath = join(scratch, 'piped.json');
  const input = 'sendfile keeps the bytes in the kernel:\nno cpu copy through user space, and one syscall instead of two.\n\n\n';
  const result = drill(['--question', '02-what-sendfile-saves,02-why-kafka,02-out-fd', '--lang', 'en', '--progress', progressPath], input, 20_000);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /\[1\/3\]/);
  assert.match(result.stdout, /\[2\/3\]/);
  assert.match(result.stdout, /skipped: here is a 30-second answer/);
  assert.match(result.stdout, /\[3\/3\]/);
  assert.match(result.stdout, /Scorecard: 1 question, average \d+%/);
  assert.match(result.stdout, /02-why-kafka\s+\(skipped\)/);
  const saved = cards(progressPath);
  assert.equal(Object.keys(saved), ['02-what-sendfile-saves'], 'the skip is not saved as a miss');
});

test('a mock interview stops when its time is up, grades the answer in progress and scores unanswered questions as 0', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/workbook.ts', 'drill', '--mock', '--minutes', '0.03', '--seed', '5', '--lang', 'zh',
    '--progress', join(scratch, 'mock.json')], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stdin.write('零拷贝就是 sendfile，数据不进入用户态\n');   // one line of an answer, then silence: stdin stays open
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`the mock did not stop on time:\n${output}`)); }, 20_000);
    child.once('exit', (exitCode) => { clearTimeout(timer); resolve(exitCode); });
  });
  assert.is(code, 0, output);
  assert.match(output, /时间到。/);
  assert.match(output, /--seed 5/);
  assert.match(output, /得分 \d+%/, 'the answer in progress is graded');
  assert.match(output, /成绩单：共 5 题/);
  assert.match(output, /未作答/);
  const asked = [...output.matchAll(/(\d\d-[a-z-]+)\s+\(未作答\)|[✓~✗]\s+\d+%\s+(\d\d-[a-z-]+)/g)].map((match) => match[1] ?? match[2]);
  assert.equal(asked, mockInterview(bank, emptyProgress().drill, 5, 5).map((candidate) => candidate.id), 'the scorecard lists the seeded draw');
});

test('--list prints every question, and --list --json an array of id, chapter and question', () => {
  const plain = drill(['--list', '--lang', 'en']);
  assert.is(plain.stdout.trim().split('\n').length, bank.length);
  const listed = JSON.parse(drill(['--list', '--json', '--lang', 'zh']).stdout);
  assert.is(listed.length, bank.length);
  assert.equal(Object.keys(listed[0]), ['id', 'chapter', 'question']);
  const first = must(bank[0], 'a question');
  assert.equal(listed[0], { id: first.id, chapter: first.chapter, question: first.question.zh });
});

test('lines wrap to the width, a Chinese character counting two columns, and closing punctuation never starts a line', () => {
  const zh = question('02-what-sendfile-saves').model.zh;
  const wrapped = wrap(zh, '  ', 40).split('\n');
  assert.ok(wrapped.length > 3);
  for (const line of wrapped) {
    assert.ok(displayWidth(line) <= 40, `${displayWidth(line)} columns: ${line}`);
    assert.not.match(line.trimStart(), /^[，。、；：？！）]/);
  }
  assert.is(wrapped.join('').replace(/\s/g, ''), zh.replace(/\s/g, ''), 'nothing lost');
  for (const line of wrap(question('02-what-sendfile-saves').model.en, '', 50).split('\n')) assert.ok(line.length <= 50 && !/^\s/.test(line));
});

test('bad input ends with one message and exit 2, and changes nothing', () => {
  const progressPath = join(scratch, 'untouched.json');
  writeFileSync(progressPath, JSON.stringify({ ...emptyProgress(), drill: { sessions: 3, cards: { '01-page-cache': { box: 3, due: 9, seen: 2, lastScore: 0.9 } } } }));
  const before = readFileSync(progressPath, 'utf8');
  const binary = join(scratch, 'binary.bin');
  writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff, 0xfe]));
  const long = join(scratch, 'long.txt');
  writeFileSync(long, `${'sendfile '.repeat(12_000)}\n`);
  for (const [file, says] of [[binary, /not UTF-8 text|binary/], [long, /line 1 is over 100 KB/]] as Array<[string, RegExp]>) {
    const result = drill(['--answers', file, '--progress', progressPath]);
    assert.is(result.status, 2, result.stderr);
    assert.match(result.stderr, says);
    assert.not.match(result.stderr, /\n\s+at /);
    assert.is(readFileSync(progressPath, 'utf8'), before, 'the progress file is untouched');
  }
  // A corrupt progress file is set aside and rebuilt, with a note: the drill still runs.
  const setup = join(scratch, 'setup.json');
  writeFileSync(setup, '{ not json');
  const answers = join(scratch, 'one.txt');
  writeFileSync(answers, 'sendfile keeps the bytes in the kernel.\n');
  const rebuilt = drill(['--answers', answers, '--count', '1', '--progress', setup]);
  assert.is(rebuilt.status, 0, rebuilt.stderr);
  assert.match(rebuilt.stderr, /was unreadable/);
  assert.ok(readdirSync(scratch).some((name) => name.startsWith('setup.json.corrupt-')), 'the corrupt file is set aside, not lost');
});

test('drill: usage errors exit 2 with one message', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--lang', 'fr'], /--lang takes en or zh/],
    [['--json'], /--json needs --answers/],
    [['--count', '0'], /--count takes a positive whole number/],
    [['--chapter', '99'], /no drill questions for chapter "99"/],
    [['--question', '02-why-kafak'], /did you mean 02-why-kafka\?/],
    [['--minutes', '5'], /--minutes goes with --mock/],
    [['--seed', '5'], /--seed goes with --mock/],
    [['--mock', '--seed', 'x'], /--seed takes a whole number/],
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
