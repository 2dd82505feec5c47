// The catalogue is the single source; the tree must agree with it in both directions.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chapters, labs } from '../scripts/catalogue.ts';
import { loadKey } from '../scripts/check/sheets.ts';

const root = new URL('..', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

function frontMatter(text: string): Record<string, string> {
  const block = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  return Object.fromEntries(block.split('\n').map((line) => line.split(/:\s*(.*)/s, 2)).map(([key = '', value]) => [key.trim(), (value ?? '').trim().replace(/^"(.*)"$/, '$1')]));
}

test('every chapter has its Markdown, lab folder, blank sheet and key', () => {
  for (const chapter of chapters) {
    const labEntry = chapter.lab ? [`labs/${chapter.lab.slug}/server.ts`] : [];
    for (const path of [`chapters/${chapter.slug}.md`, ...labEntry, `answers/${chapter.slug}.ts`, `answers/key/${chapter.slug}.ts`]) {
      assert.ok(existsSync(new URL(path, root)), `${path} is missing`);
    }
  }
});

test('nothing on disk is missing from the catalogue', () => {
  const slugs = new Set(chapters.map((chapter) => chapter.slug));
  for (const name of readdirSync(new URL('chapters/', root))) assert.ok(slugs.has(name.replace(/\.md$/, '')), `chapters/${name} is not in the catalogue`);
  for (const name of readdirSync(new URL('labs/', root), { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    assert.ok(labs.some((lab) => lab.slug === name.name), `labs/${name.name} is not in the catalogue`);
  }
  for (const name of readdirSync(new URL('answers/', root)).filter((file) => file.endsWith('.ts'))) {
    assert.ok(slugs.has(name.replace(/\.ts$/, '')), `answers/${name} is not in the catalogue`);
  }
});

test('chapter front matter, sheet fields and chapter questions match the key', async () => {
  for (const chapter of chapters) {
    const key = await loadKey(chapter);
    const ids = Object.keys(key);
    const text = read(`chapters/${chapter.slug}.md`);
    const meta = frontMatter(text);
    assert.is(meta.id, chapter.id, `${chapter.slug}: front matter id`);
    assert.is(meta.lab ?? '', chapter.lab?.slug ?? 'none', `${chapter.slug}: front matter lab (none for a chapter without one)`);
    assert.equal((meta.questions ?? '').replace(/[[\]\s]/g, '').split(','), ids, `${chapter.slug}: front matter questions`);
    const sheet = read(`answers/${chapter.slug}.ts`);
    for (const id of ids) {
      assert.match(sheet, new RegExp(`export const ${id}\\b[^=]*= null;`), `answers/${chapter.slug}.ts: ${id} should be blank`);
      assert.match(text, new RegExp(`\\*\\*${id}\\*\\*`), `chapters/${chapter.slug}.md lists ${id}`);
    }
    for (const [id, question] of Object.entries(key)) {
      assert.ok(question.hints.length >= 1 && question.explanation.length > 20, `${chapter.id} ${id}: hints and explanation`);
      if (question.kind === 'choice') assert.ok(question.answer in question.choices, `${chapter.id} ${id}: answer is one of the choices`);
    }
  }
});

test('chapters carry a mermaid diagram, the 30-second answer and their sources', () => {
  for (const chapter of chapters) {
    const text = read(`chapters/${chapter.slug}.md`);
    assert.match(text, /```mermaid\n/, `${chapter.slug}: diagram`);
    assert.match(text, /## The 30-second interview answer/, `${chapter.slug}: interview answer`);
    assert.match(text, /## Sources/, `${chapter.slug}: sources`);
    assert.not.match(text, /<!-- measured-table -->/, `${chapter.slug}: the measured table was pasted in`);
  }
});

test.run();
