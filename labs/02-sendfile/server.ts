// Lab 02 — the zero-copy path. The same file over HTTP/1.1 by each runtime's zero-copy facility
// (`sendfile`: Bun.serve + Bun.file), by read()+write() (`read-write`, the baseline in the same
// server, so both sides pay for HTTP) and by the runtime's idiomatic file response (`stream`).
import process from 'node:process';
import { parseServerArgs } from '../harness.ts';

const options = parseServerArgs(process.argv.slice(2));
if (typeof Bun !== 'undefined') (await import('./bun.ts')).serve(options);
else if (typeof Deno !== 'undefined') (await import('./deno.ts')).serve(options);
else (await import('./node.ts')).serve(options);
