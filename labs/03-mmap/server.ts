// Lab 03 — mmap + write. Bun maps the file and writes the mapping to a loopback TCP socket
// (`mmap-write`); every runtime also runs lab 01's `read-write` as the baseline. Node and Deno have
// no mmap API, so they only have the baseline (their adapters say why).
import process from 'node:process';
import { parseServerArgs } from '../harness.ts';

const options = parseServerArgs(process.argv.slice(2));
if (typeof Bun !== 'undefined') (await import('./bun.ts')).serve(options);
else if (typeof Deno !== 'undefined') (await import('../01-traditional/deno.ts')).serve(options);
else (await import('../01-traditional/node.ts')).serve(options);
