// Lab 06 — a file into a pipe. The runner points this server's stdout at a named pipe and a client
// reads the other end, as in `runtime x.ts | consumer`. Each "go" writes the whole file to stdout:
// through a reused buffer (`read-write`), the runtime's stream (`stream`), or the runtime's kernel
// copy (`sendfile`: Bun.write(Bun.stdout, Bun.file), which into a pipe the kernel turns into
// splice). The server talks to the runner on stderr, since stdout is the data.
import process from 'node:process';
import { parseServerArgs } from '../harness.ts';

const options = parseServerArgs(process.argv.slice(2));
if (typeof Bun !== 'undefined') (await import('./bun.ts')).serve(options);
else if (typeof Deno !== 'undefined') (await import('./deno.ts')).serve(options);
else (await import('./node.ts')).serve(options);
