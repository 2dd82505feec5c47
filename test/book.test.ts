// The book: every chapter becomes a page with highlighted code, local scripts only,
// the reader's results as a table and a chart (or the command that makes them), the questions from
// the key, and a build that fails on a broken link, image or diagram at its file and line.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UsageError } from '../scripts/args.ts';
import { chapters as catalogue, type Chapter } from '../scripts/catalogue.ts';
import { buildBook, type BookBuild } from '../scripts/book/build.ts';
import { runtimeColours } from '../scripts/chart-palette.ts';
import { chaptersDir as defaultChaptersDir } from '../scripts/paths.ts';
import { serveSite } from '../scripts/book/serve.ts';
import { loadKey } from '../scripts/check/sheets.ts';
import type { LabResult } from '../scripts/lab/results.ts';
import { fixturesDir, must } from './fixtures.ts';
import { workbook } from './workbook-cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtureResults = join(fixturesDir, 'results');
const scratch = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-book-'));
const written = catalogue.filter((chapter) => existsSync(join(defaultChaptersDir, `${chapter.slug}.md`)));
const firstWritten = must(written[0], 'a written chapter');
const labChapter = written.find((chapter) => chapter.lab)!;
const emptyDir = join(scratch, 'empty');
mkdirSync(emptyDir);

// A bench chart as `npm run bench` names it; its content is only ever shown through <img>.
const benchDir = join(scratch, 'bench');
mkdirSync(benchDir);
writeFileSync(join(benchDir, 'bench-2026-11-20T10-00-00-000Z.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
writeFileSync(join(benchDir, 'bench-2026-11-25T07-30-00-000Z.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"/>');
// A real `npm run bench -- --sizes ibm` document (node, bun and deno), and a newer one that is not JSON: passed over.
cpSync(join(fixturesDir, 'bench/bench-ibm-sizes.json'), join(benchDir, 'bench-2026-11-24T09-00-00-000Z.json'));
writeFileSync(join(benchDir, 'bench-2026-11-25T07-30-00-000Z.json'), '{ not json');

async function build(name: string, options: { resultsDir?: string; withKey?: boolean; chapters?: Chapter[]; benchDir?: string } = {}): Promise<{ out: string; build: BookBuild }> {
  const out = join(scratch, name);
  const result = await buildBook({ outDir: out, resultsDir: emptyDir, benchDir: emptyDir, ...options });
  assert.equal(result.problems, [], 'the real chapters build without problems');
  return { out, build: result };
}

const page = (out: string, slug: string) => readFileSync(join(out, `${slug}.html`), 'utf8');

/** What a reader sees of some HTML: tags dropped, entities decoded. */
const text = (html: string) => html.replace(/<[^>]*>/g, '')
  .replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name]!);

let withResults: { out: string; build: BookBuild };
let withoutResults: { out: string; build: BookBuild };

test.before(async () => {
  withResults = await build('with-results', { resultsDir: fixtureResults, benchDir });
  withoutResults = await build('without-results');
});
test.after(() => rmSync(scratch, { recursive: true, force: true }));

test('every chapter in the catalogue becomes a page, listed in the index', () => {
  assert.ok(written.length >= 2, 'chapters 01 and 02 exist');
  const { out } = withResults;
  const index = page(out, 'index');
  for (const chapter of written) {
    assert.ok(existsSync(join(out, `${chapter.slug}.html`)), `${chapter.slug}.html`);
    assert.match(index, `href="${chapter.slug}.html"`);
  }
  assert.is(readdirSync(out).filter((name) => name.endsWith('.html')).length, written.length + 1);
});

test('code blocks are highlighted by shiki, in both themes', () => {
  const html = page(withResults.out, firstWritten.slug);
  assert.match(html, /<pre class="shiki shiki-themes github-light github-dark"/);
  assert.match(html, /<span style="color:#[0-9A-Fa-f]{6};--shiki-dark:#[0-9A-Fa-f]{6}">/);
});

test('scripts and styles are files inside the site: no URL outside it', () => {
  const { out } = withResults;
  for (const name of readdirSync(out).filter((file) => file.endsWith('.html'))) {
    const html = readFileSync(join(out, name), 'utf8');
    const references = [...html.matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="([^"]*)"/g)].map((match) => match[1] ?? '');
    assert.ok(references.some((reference) => reference === 'assets/book.css'), `${name} links the stylesheet`);
    for (const reference of references) {
      assert.not.match(reference, /^(?:[a-z]+:)?\/\//i, `${name} loads ${reference}`);
      assert.ok(existsSync(join(out, reference)), `${name}: ${reference} is in the site`);
    }
  }
  const mermaid = fileURLToPath(import.meta.resolve('mermaid/dist/mermaid.min.js'));
  assert.is(statSync(join(out, 'assets/mermaid.min.js')).size, statSync(mermaid).size, 'mermaid is copied from node_modules');
});

test('mermaid blocks are kept for the browser, every heading has an anchor, previous/next links follow the catalogue', () => {
  const { out } = withResults;
  for (const [index, chapter] of written.entries()) {
    const html = page(out, chapter.slug);
    const source = readFileSync(join(defaultChaptersDir, `${chapter.slug}.md`), 'utf8');
    assert.is((html.match(/<pre class="mermaid">/g) ?? []).length, (source.match(/^```mermaid$/gm) ?? []).length, `${chapter.slug} diagrams`);
    const headings = [...html.matchAll(/<h([1-4])([^>]*)>(.*?)<\/h\1>/g)];
    assert.ok(headings.length > 3, `${chapter.slug} has headings`);
    for (const [, , attributes = '', inner = ''] of headings) {
      const id = /id="([^"]+)"/.exec(attributes)?.[1];
      assert.ok(id, `a heading without an id: ${inner}`);
      assert.ok(inner.includes(`<a class="anchor" href="#${id}"`), `heading ${id} has its anchor link`);
    }
    const previous = written[index - 1]?.slug ?? 'index';
    assert.match(html, `<a rel="prev" href="${previous}.html">`);
    const next = written[index + 1];
    if (next) assert.match(html, `<a rel="next" href="${next.slug}.html">`);
  }
  assert.match(page(out, 'index'), `<a rel="next" href="${firstWritten.slug}.html">`);
});

test("a lab's chapter shows the newest fixture result as a table and a chart, labelled", () => {
  const html = page(withResults.out, '02-sendfile');
  const result = JSON.parse(readFileSync(join(fixtureResults, must(readdirSync(fixtureResults).find((name) => name.startsWith('lab-02-')), 'a lab 02 fixture')), 'utf8')) as LabResult;
  const sendfile = must(result.runs.find((run) => run.runtime === 'bun' && run.method === 'sendfile'), 'the bun sendfile run');
  assert.match(html, /<table class="results">/);
  const calls = must(sendfile.syscalls.sendfile?.calls, 'sendfile calls');
  assert.match(html, new RegExp(`<td>bun ${sendfile.runtimeVersion.replaceAll('.', '\\.')}</td><td>sendfile</td><td>sendfile ${calls}[^<]*</td>`));
  assert.match(html, /<td>16 MiB by ref<\/td>/, 'what the kernel handed on');
  assert.match(html, /<td>0\.00<\/td>/, 'copies per byte of sendfile');
  assert.match(html, /<svg class="chart"/);
  for (const panel of ['copies per byte', 'syscalls', 'MiB/s', 'CPU per GiB']) assert.match(html, panel);
  assert.match(html, /<rect class="bar bar-bun"[^>]*><title>bun sendfile: 0\.00<\/title>/);
  assert.match(html, new RegExp(`measured ${result.createdAt.slice(0, 16).replace('T', ' ')} UTC on ${result.machine.cpu.replace(/[()]/g, '.')}, ${result.machine.cores} cores, linux [^;]+; `));
  assert.not.match(html, /no-results/);
  assert.match(page(withResults.out, '01-traditional'), /<rect class="bar bar-node"/);
});

test("the results chart colours each runtime's bars as the bench chart does, and names the runtimes in a legend", () => {
  const chart = must(page(withResults.out, '02-sendfile').match(/<svg class="chart"[\s\S]*?<\/svg>/)?.[0], 'the chart');
  for (const [runtime, colour] of Object.entries(runtimeColours)) {
    const bars = chart.match(new RegExp(`<rect class="bar bar-${runtime}"[^>]*>`, 'g')) ?? [];
    assert.ok(bars.length > 0, `${runtime} has bars`);
    assert.ok(bars.every((bar) => bar.includes(`fill="${colour}"`)), `every ${runtime} bar is ${colour}`);
    assert.match(chart, new RegExp(`<rect class="swatch bar-${runtime}"[^>]*fill="${colour}"/><text class="legend"[^>]*>${runtime}</text>`), `the legend names ${runtime}`);
  }
  assert.is(chart.match(/class="swatch /g)?.length, Object.keys(runtimeColours).length, 'one legend entry per runtime');
});

test('without results each lab chapter shows the command that produces them, and no chart', () => {
  for (const chapter of written.filter((candidate) => candidate.lab)) {
    const html = page(withoutResults.out, chapter.slug);
    assert.match(html, `<code>npm run lab -- ${chapter.lab!.id}</code>`);
    assert.not.match(html, /<svg class="chart"|<table class="results">/);
  }
});

test('a chapter without a lab shows neither results nor the lab command', async () => {
  for (const chapter of written.filter((candidate) => !candidate.lab)) {
    assert.not.match(page(withResults.out, chapter.slug), /id="your-results"|<svg class="chart"|class="no-results"/);
  }
  const noLab: Chapter = { id: labChapter.id, slug: labChapter.slug, title: labChapter.title };
  const { out } = await build('no-lab', { resultsDir: fixtureResults, chapters: [noLab] });
  const html = page(out, noLab.slug);
  assert.not.match(html, /id="your-results"|<svg class="chart"|class="no-results"/);
  assert.match(html, /id="questions"/);
});

test('what a results file says is escaped: it is untrusted; a result that is not one is named and skipped', async () => {
  const dir = join(scratch, 'hostile-results');
  mkdirSync(dir);
  const name = must(readdirSync(fixtureResults).find((file) => file.startsWith('lab-02')), 'a lab 02 fixture result');
  const result = JSON.parse(readFileSync(join(fixtureResults, name), 'utf8'));
  result.createdAt = '2026-12-01T00:00:00.000Z';
  result.runtimes = { '<script>alert(1)</script>': '<b>9</b>' };
  result.machine.cpu = '<i>fast</i>';
  result.runs[0].runtimeVersion = '<img src=x onerror=alert(1)>';
  result.notMeasured = [{ runtime: 'node', method: 'sendfile', status: 'unavailable', reason: '</li><script>alert(2)</script>' }];
  writeFileSync(join(dir, 'lab-02-2026-12-01T00-00-00-000Z.json'), JSON.stringify(result));
  const forged = { ...result, createdAt: '2026-12-02T00:00:00.000Z', runs: [{ ...result.runs[0], runtime: '<img src=y>', mibPerSecond: '<i>fast</i>' }] };
  writeFileSync(join(dir, 'lab-02-2026-12-02T00-00-00-000Z.json'), JSON.stringify(forged));
  const { out, build: built } = await build('hostile', { resultsDir: dir });
  const html = page(out, '02-sendfile');
  assert.not.match(html, /<img src=x|<img src=y|<script>alert|<b>9<\/b>|<i>fast/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(html, /&lt;\/li&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
  assert.ok(built.notes.some((note) => note.includes('lab-02-2026-12-02') && note.includes('runtime')), `the forged result is named: ${built.notes.join('; ')}`);
});

test('questions come from the key with the sheet and the check command; --with-key adds answers', async () => {
  const { out: keyed } = await build('with-key', { withKey: true });
  for (const chapter of written) {
    const key = await loadKey(chapter);
    const reader = page(withoutResults.out, chapter.slug);
    const instructor = page(keyed, chapter.slug);
    assert.match(reader, `<code>answers/${chapter.slug}.ts</code>`);
    assert.match(reader, `<code>npm run check -- ${chapter.id}</code>`);
    assert.is((reader.match(/id="questions"/g) ?? []).length, 1, 'one Questions section, from the key');
    assert.not.match(reader, '<div class="key">', 'the reader edition has no answers');
    for (const [id, question] of Object.entries(key)) {
      assert.match(reader, `<li id="${id}">`);
      assert.ok(text(reader).includes(question.prompt.replace(/`/g, '')), `${chapter.id} ${id}: the prompt`);
      assert.ok(text(instructor).includes(question.explanation.replace(/`/g, '')), `${chapter.id} ${id}: the explanation`);
    }
    assert.is((instructor.match(/<div class="key">/g) ?? []).length, Object.keys(key).length);
  }
});

test("the newest bench chart is copied and shown on chapter 02's page, dated", () => {
  const html = page(withResults.out, '02-sendfile');
  assert.match(html, /id="benchmark"/);
  assert.match(html, /<img src="assets\/bench-2026-11-25T07-30-00-000Z\.svg"/);
  assert.match(html, /2026-11-25 07:30 UTC/);
  assert.ok(existsSync(join(withResults.out, 'assets/bench-2026-11-25T07-30-00-000Z.svg')));
  const without = page(withoutResults.out, '02-sendfile');
  assert.match(without, /id="benchmark"/);
  assert.not.match(without, /<img src="assets\/bench-/, 'no chart without a bench run');
  assert.match(without, /Run <code>npm run bench<\/code>/);
  assert.not.match(page(withResults.out, '01-traditional'), /id="benchmark"/);
});

test("chapter 02 puts the reader's ratios at IBM's sizes beside the article's figures", () => {
  const ibm = (html: string) => html.slice(html.indexOf('<table class="results ibm">'), html.indexOf('</table>', html.indexOf('<table class="results ibm">')));
  const fixture = JSON.parse(readFileSync(join(fixturesDir, 'bench/bench-ibm-sizes.json'), 'utf8'));
  const row = (bytes: number, method: string) => fixture.rows.find((one: any) => one.bytes === bytes && one.method === method && one.runtime === 'bun' && !one.ceiling);
  const table = ibm(page(withResults.out, '02-sendfile'));
  assert.match(table, /<td>7 MB<\/td><td>156<\/td><td>45<\/td><td>0\.29×<\/td>/, "IBM's first row and its ratio, 45/156");
  assert.match(table, /<td>1 GB<\/td><td>18,399<\/td><td>8,537<\/td><td>0\.46×<\/td>/);
  const ratio = (row(7e6, 'sendfile').medianSeconds / row(7e6, 'read-write').medianSeconds).toFixed(2);
  assert.ok(table.includes(`<td>bun</td>`) && table.includes(`${ratio}×`), `the fixture's own 7 MB ratio, ${ratio}×`);
  assert.is(table.match(/<td>bun<\/td>/g)?.length, 8, 'one Bun line per IBM size');
  assert.match(page(withResults.out, '02-sendfile'), /--sizes ibm<\/code> of 2026-11-24 09:00 UTC/, 'the newest bench that parses and has IBM sizes');
  const blank = ibm(page(withoutResults.out, '02-sendfile'));
  assert.match(blank, /<td>700 MB<\/td><td>13,498<\/td><td>4,422<\/td>/, "IBM's figures without a run of the reader's");
  assert.not.match(blank, /<td>bun<\/td>/);
});

/** A copy of the chapters with a few lines inserted after the first chapter's front matter. */
function chaptersWith(name: string, inserted: string): { dir: string; file: string; lineOf(text: string): number } {
  const dir = join(scratch, name);
  cpSync(defaultChaptersDir, dir, { recursive: true });
  const file = join(dir, `${firstWritten.slug}.md`);
  const source = readFileSync(file, 'utf8');
  const end = source.indexOf('\n---\n', 4) + '\n---\n'.length;
  const text = source.slice(0, end) + inserted + source.slice(end);
  writeFileSync(file, text);
  return { dir, file, lineOf: (needle) => text.split('\n').findIndex((line) => line.includes(needle)) + 1 };
}

test('broken links, a missing image and a diagram that does not parse fail the build at file:line', async () => {
  const slug = firstWritten.slug;
  const chapters = chaptersWith('broken', [
    '', `A working link: [the questions](${slug}.md#questions).`,
    '', 'See [the missing chapter](99-nowhere.md) and [a missing heading](' + slug + '.md#no-such-heading).',
    '', '![a diagram](missing.png)', '', 'A [stray percent](100%25%zz.md).',
    '', '```mermaid', 'sequenceDiagram', '    A->>B without a colon', '```', '',
  ].join('\n'));
  const result = await buildBook({ outDir: join(scratch, 'broken-out'), chaptersDir: chapters.dir, resultsDir: emptyDir, benchDir: emptyDir });
  const found = result.problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`);
  const expect = (line: number, says: RegExp) => assert.ok(found.some((text) => text.startsWith(`${chapters.file}:${line}: `) && says.test(text)), `${line} ${says}\n${found.join('\n')}`);
  expect(chapters.lineOf('99-nowhere.md'), /99-nowhere\.md.*no chapter/);
  expect(chapters.lineOf('no-such-heading'), /no-such-heading.*no heading "no-such-heading"/);
  expect(chapters.lineOf('missing.png'), /missing image missing\.png/);
  expect(chapters.lineOf('stray percent'), /100%25%zz\.md is not a valid URL/);
  expect(chapters.lineOf('A->>B without a colon'), /mermaid diagram does not parse/);
  assert.is(found.length, 5, found.join('\n'));
  assert.not.ok(existsSync(join(scratch, 'broken-out')), 'nothing is written');

  const out = join(scratch, 'broken-cli');
  const cli = workbook(['book', '--chapters', chapters.dir, '--out', out, '--results', emptyDir, '--bench', emptyDir]);
  assert.is(cli.status, 1, cli.stderr);
  assert.match(cli.stderr, `${chapters.file}:${chapters.lineOf('99-nowhere.md')}: `);
  assert.match(cli.stderr, /The book was not built: 5 problems/);
  assert.not.match(cli.stderr, /\n\s+at /, 'no stack trace');
});

test('links to chapters become links to pages, and linked files are copied into the site', async () => {
  const chapters = chaptersWith('links', `\nThe [questions](${firstWritten.slug}.md#questions) and [the lab server](../labs/server.ts).\n`);
  // The chapters' parent folder is the repository the linked file is copied from.
  mkdirSync(join(scratch, 'labs'));
  writeFileSync(join(scratch, 'labs/server.ts'), 'export {};\n');
  const out = join(scratch, 'links-out');
  const result = await buildBook({ outDir: out, chaptersDir: chapters.dir, resultsDir: emptyDir, benchDir: emptyDir });
  assert.equal(result.problems, []);
  const html = page(out, firstWritten.slug);
  assert.match(html, '<a href="#questions">questions</a>');
  assert.match(html, '<a href="files/labs/server.ts">the lab server</a>');
  assert.is(readFileSync(join(out, 'files/labs/server.ts'), 'utf8'), 'export {};\n');
});

test('the book only replaces a folder that holds a book', async () => {
  const dir = join(scratch, 'someone-elses');
  mkdirSync(dir);
  writeFileSync(join(dir, 'notes.txt'), 'mine');
  try {
    await buildBook({ outDir: dir, resultsDir: emptyDir, benchDir: emptyDir });
    assert.unreachable('it should refuse');
  } catch (error) {
    assert.instance(error, UsageError);
  }
  assert.is(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'mine');
  const again = await buildBook({ outDir: withoutResults.out, resultsDir: emptyDir, benchDir: emptyDir });
  assert.equal(again.problems, [], 'an earlier build is replaced');
});

test('the server serves the site on 127.0.0.1 and nothing outside it', async () => {
  const { url, server } = await serveSite(withResults.out);
  try {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await fetch(url, { signal: AbortSignal.timeout(5000) });
    assert.is(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await index.text(), /<title>Contents/);
    const css = await fetch(`${url}assets/book.css`, { signal: AbortSignal.timeout(5000) });
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
    const escape = await fetch(`${url}..%2f..%2fpackage.json`, { signal: AbortSignal.timeout(5000) });
    assert.is.not(escape.status, 200);
  } finally {
    server.close();
  }
});

test('npm run book -- --serve prints its URL, rebuilds when a chapter changes, and Ctrl-C stops it', async () => {
  const chapters = chaptersWith('served', '\nBefore the change.\n');
  const out = join(scratch, 'served-out');
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/workbook.ts', 'book', '--serve', '--chapters', chapters.dir, '--out', out, '--results', emptyDir, '--bench', emptyDir],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const until = async (what: string, ready: () => Promise<boolean> | boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!(await ready())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nstdout: ${stdout}\nstderr: ${stderr}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  };
  try {
    await until('the URL', () => /Serving the book at http:\/\/127\.0\.0\.1:\d+\//.test(stdout), 30_000);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)![1];
    const chapterPage = async () => (await fetch(`${url}${firstWritten.slug}.html`, { signal: AbortSignal.timeout(5000) })).text();
    assert.match(await chapterPage(), 'Before the change.');
    writeFileSync(chapters.file, readFileSync(chapters.file, 'utf8').replace('Before the change.', 'After the change.'));
    await until('the rebuild', async () => (await chapterPage()).includes('After the change.'), 15_000);
    child.kill('SIGINT');
    const code = await Promise.race([exited, new Promise<string>((done) => setTimeout(() => done('still running'), 5000))]);
    assert.is(code, 130, 'Ctrl-C exits with the SIGINT status');
    assert.not.match(stderr, /\n\s+at /, 'no stack trace');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test.run();
