// Lab 07 — Kafka's log. A small broker over HTTP: producers POST record batches to /produce, which
// it appends to its segment and indexes; consumers GET /fetch?offset=N&maxBytes=M, which it answers
// with whole batches straight from the segment, with the runtime's best method (`sendfile`) or
// through a user-space buffer (`read-write`). --out is the broker's log directory.
import process from 'node:process';
import { parseServerArgs } from '../harness.ts';

const options = parseServerArgs(process.argv.slice(2));
if (typeof Bun !== 'undefined') (await import('./bun.ts')).serve(options);
else if (typeof Deno !== 'undefined') (await import('./deno.ts')).serve(options);
else (await import('./node.ts')).serve(options);
