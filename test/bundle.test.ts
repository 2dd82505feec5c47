// Every lab's server bundles for Node and the bundle starts: a bundle that cannot be made falls
// back to tsx's loader without a word (the row still runs, three to four times slower to start),
// which is how lab 09's Node rows once spent half a second each starting (its Bun branch imports
// bun:ffi, which Node cannot load).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { node } from '../runtime-adapters/node.ts';
import { labs } from '../scripts/catalogue.ts';
import { labEntry } from '../scripts/lab/server.ts';

const out = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-bundle-'));
test.after(() => rmSync(out, { recursive: true, force: true }));

test("every lab's server bundles for Node, and Node loads the bundle", async () => {
  for (const lab of labs) {
    const bundle = await node.bundle!(labEntry(lab), mkdtempSync(join(out, `${lab.slug}-`))).catch((error: Error) => `failed: ${error.message}`);
    assert.ok(bundle.endsWith('.mjs'), `lab ${lab.id}: ${bundle}`);
    // Loaded, not run: an import that Node cannot resolve (a bun: module hoisted to the top) fails here.
    const loaded = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(bundle)}).catch((error) => { if (error.code === 'ERR_UNSUPPORTED_ESM_URL_SCHEME' || error.code === 'ERR_MODULE_NOT_FOUND') { console.error(error.message); process.exit(3); } }); process.exit(0);`],
      { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });
    assert.is.not(loaded.status, 3, `lab ${lab.id}: ${loaded.stderr}`);
  }
});

test.run();
