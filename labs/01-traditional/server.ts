// Lab 01 — the traditional path. One file, sent to a client over loopback TCP by read()+write()
// with a reused buffer (`read-write`) or by the runtime's idiomatic stream (`stream`).
// Run by the lab runner in Node (tsx), Bun or Deno; each runtime's code is in its own file.
import process from 'node:process';
import { parseServerArgs } from '../harness.ts';

const options = parseServerArgs(process.argv.slice(2));
if (typeof Bun !== 'undefined') (await import('./bun.ts')).serve(options);
else if (typeof Deno !== 'undefined') (await import('./deno.ts')).serve(options);
else (await import('./node.ts')).serve(options);
