// Lab 05 — file to file. Each "go" from the runner copies the data file to --out, either through a
// reused user-space buffer (`read-write`) or with the runtime's copy call (`copy-file`), which on
// Linux tries copy_file_range(2) first. The runner puts --out on the same file system as the data
// file, then on a different one (tmpfs), where copy_file_range fails with EXDEV and each runtime
// shows its own fallback.
import process from 'node:process';
import { parseServerArgs } from '../harness.ts';

const options = parseServerArgs(process.argv.slice(2));
if (typeof Bun !== 'undefined') (await import('./bun.ts')).serve(options);
else if (typeof Deno !== 'undefined') (await import('./deno.ts')).serve(options);
else (await import('./node.ts')).serve(options);
