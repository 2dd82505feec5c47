// The book in a real browser: headless Chromium opens the built site from disk (file://) and checks
// what a reader sees: highlighted code, every mermaid block drawn as an SVG, the results chart,
// working navigation, both themes, a phone-width page, print, and not one network request.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chapters as catalogue } from '../scripts/catalogue.ts';
import { buildBook } from '../scripts/book/build.ts';
import { runtimeColours } from '../scripts/chart-palette.ts';
import { chaptersDir as defaultChaptersDir } from '../scripts/paths.ts';
import { fixturesDir, must } from './fixtures.ts';

// The few browser globals the page functions below use. The project's tsconfig has no DOM lib (it
// runs in Node, Bun and Deno), so they are declared here, for this module only.
interface BrowserElement { querySelector(selector: string): BrowserElement | null }
declare const document: { querySelectorAll(selector: string): ArrayLike<BrowserElement>; querySelector(selector: string): BrowserElement; body: BrowserElement; documentElement: { scrollWidth: number } };
declare const window: { innerWidth: number };
declare function getComputedStyle(element: BrowserElement): { color: string; backgroundColor: string; display: string; fill: string };

const chromiumPath = '/usr/bin/chromium';
const screenshot = fileURLToPath(new URL('../.workbook/book-chapter-02.png', import.meta.url));

if (!existsSync(chromiumPath)) {
  console.log(`browser.test.ts skipped: ${chromiumPath} is absent (apt-get install chromium; .ci/run installs it)`);
  test.skip('the book in headless Chromium', () => {});
} else {
  const scratch = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-browser-'));
  const out = join(scratch, 'book');
  const written = catalogue.filter((chapter) => existsSync(join(defaultChaptersDir, `${chapter.slug}.md`)));
  const firstWritten = must(written[0], 'a written chapter');
  let browser: Browser;

  /** The distinct colours the results chart's bars are drawn in. */
  const barFills = (page: Page) => page.locator('svg.chart rect.bar').evaluateAll((rects) => [...new Set(rects.map((rect) => getComputedStyle(rect).fill))]);
  const rgb = (hex: string) => `rgb(${[1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).join(', ')})`;

  /** A page that records every request and every console error. */
  async function open(context: BrowserContext, slug: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(join(out, `${slug}.html`)).href, { waitUntil: 'load' });
    return { page, requests, errors };
  }

  async function diagramsDrawn(page: Page): Promise<number> {
    await page.waitForFunction(() => Array.from(document.querySelectorAll('pre.mermaid')).every((block) => block.querySelector('svg')), null, { timeout: 20_000 });
    return page.evaluate(() => {
      const blocks = Array.from(document.querySelectorAll('pre.mermaid'));
      if (blocks.some((block) => block.querySelector('svg[aria-roledescription="error"]'))) return -1;
      return blocks.length;
    });
  }

  function offline(requests: string[], errors: string[], where: string): void {
    assert.ok(requests.length > 0, `${where}: requests are recorded`);
    assert.equal(requests.filter((url) => !url.startsWith('file://')), [], `${where} made a network request`);
    assert.equal(errors, [], `${where} logged an error`);
  }

  test.before(async () => {
    const benchDir = join(scratch, 'bench');
    mkdirSync(benchDir);
    writeFileSync(join(benchDir, 'bench-2026-11-25T07-30-00-000Z.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><rect width="200" height="40" fill="#3c873a"/></svg>');
    const built = await buildBook({ outDir: out, resultsDir: join(fixturesDir, 'results'), benchDir, chaptersDir: defaultChaptersDir });
    assert.equal(built.problems, []);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      timeout: 30_000,
    });
  });

  test.after(async () => {
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('from file://, the index lists every chapter and its next link opens the first one', async () => {
    const context = await browser.newContext({ colorScheme: 'light' });
    try {
      const { page, requests, errors } = await open(context, 'index');
      for (const chapter of written) assert.ok(await page.locator(`ol.contents a[href="${chapter.slug}.html"]`).count(), chapter.slug);
      await Promise.all([page.waitForURL(`**/${firstWritten.slug}.html`), page.locator('main > .pager a[rel="next"]').first().click()]);
      assert.match(await page.locator('h1').first().innerText(), firstWritten.id);
      await diagramsDrawn(page);
      if (written[1]) {
        await Promise.all([page.waitForURL(`**/${written[1].slug}.html`), page.locator('main > .pager a[rel="next"]').first().click()]);
      }
      offline(requests, errors, 'index → chapters');
    } finally {
      await context.close();
    }
  });

  test('a chapter: highlighted code, every mermaid block an SVG, the results chart and the bench image', async () => {
    const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1200, height: 900 } });
    try {
      const { page, requests, errors } = await open(context, '02-sendfile');
      const drawn = await diagramsDrawn(page);
      assert.ok(drawn > 0, `mermaid blocks drawn without an error diagram (${drawn})`);
      const colours = await page.evaluate(() => new Set(Array.from(document.querySelectorAll('pre.shiki span span')).map((span) => getComputedStyle(span).color)).size);
      assert.ok(colours >= 2, `code has ${colours} colours`);
      const chart = await page.locator('svg.chart').boundingBox();
      assert.ok(chart && chart.width > 300 && chart.height > 100, `the chart is drawn: ${JSON.stringify(chart)}`);
      const bars = await page.locator('svg.chart rect.bar').evaluateAll((rects) => rects.map((rect) => rect.getBoundingClientRect().width));
      assert.ok(bars.some((width) => width > 10), `bars have length: ${bars}`);
      assert.equal((await barFills(page)).sort(), Object.values(runtimeColours).map(rgb).sort(), "a colour per runtime, the palette's, not overridden by the page's CSS");
      assert.match(await page.locator('#your-results ~ p.measured').first().innerText(), /measured \d{4}-\d\d-\d\d \d\d:\d\d UTC on .+, \d+ cores, linux .*bun \d+\.\d+\.\d+/);
      const bench = await page.locator('figure.bench img').evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth);
      assert.is(bench, 300, 'the bench chart loads from the site');
      mkdirSync(join(screenshot, '..'), { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });
      offline(requests, errors, 'chapter 02');
    } finally {
      await context.close();
    }
  });

  test('the dark theme follows the system, a phone gets one column, print hides the navigation', async () => {
    const dark = await browser.newContext({ colorScheme: 'dark', viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      const { page, requests, errors } = await open(dark, firstWritten.slug);
      await diagramsDrawn(page);
      const look = await page.evaluate(() => ({
        background: getComputedStyle(document.body).backgroundColor,
        code: getComputedStyle(document.querySelector('pre.shiki')).backgroundColor,
        overflow: document.documentElement.scrollWidth - window.innerWidth,
      }));
      assert.is(look.background, 'rgb(13, 17, 23)');
      assert.is(look.code, 'rgb(36, 41, 46)', "shiki's dark theme");
      assert.ok(look.overflow <= 1, `the page scrolls sideways by ${look.overflow}px on a phone`);
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => ({
        sidebar: getComputedStyle(document.querySelector('nav.sidebar')).display,
        background: getComputedStyle(document.body).backgroundColor,
      }));
      assert.equal(printed, { sidebar: 'none', background: 'rgb(255, 255, 255)' });
      const printedFills = await barFills(page);
      assert.ok(printedFills.length === Object.keys(runtimeColours).length && printedFills.every((fill) => /^rgb\((\d+), \1, \1\)$/.test(fill)), `print greys the bars, a grey per runtime: ${printedFills}`);
      offline(requests, errors, 'dark phone page');
    } finally {
      await dark.close();
    }
  });
}

test.run();
