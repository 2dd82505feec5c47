// Lab 08 — where zero-copy does not fit. The same HTTP file response as lab 02, but the server
// changes the bytes on the way (`transform`: XOR each byte; `gzip`: compress) or encrypts them
// (`tls`: HTTPS with a self-signed certificate for 127.0.0.1, in --tls DIR). Baselines:
// `read-write` and, on Bun, `sendfile`.
import process from 'node:process';
import { parseServerArgs } from '../harness.ts';

const options = parseServerArgs(process.argv.slice(2));
if (typeof Bun !== 'undefined') (await import('./bun.ts')).serve(options);
else if (typeof Deno !== 'undefined') (await import('./deno.ts')).serve(options);
else (await import('./node.ts')).serve(options);
