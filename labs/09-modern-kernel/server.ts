// Lab 09 — the modern kernel. One file, sent to a client over loopback TCP: by the runtime's own
// read()+write() (`read-write`, exactly lab 01's), or by calling the kernel through FFI on a socket
// the lab opened itself: sendfile(2) (`sendfile-ffi`), splice(2) through a pipe (`splice-ffi`),
// send(MSG_ZEROCOPY) from a mapping of the file (`msg-zerocopy`) and io_uring's SEND_ZC
// (`io-uring-send-zc`), the last two reporting what the kernel said it copied. `ktls-probe` sends
// nothing: it prints whether this kernel has kTLS and exits.
// Run by the lab runner in Node (tsx, with koffi), Bun or Deno (with --allow-ffi for libc).
// Usage: server.ts --method M --file F [--chunk N] [--transfers K] [--libc /path/to/libc.so.6]
import process from 'node:process';
import { parseServerArgs } from '../harness.ts';
import { libcSoname } from './kernel/load.ts';

/** --libc names the C library to load (Deno needs the absolute path its --allow-ffi grants); the rest are the lab's usual arguments. */
function takeLibc(argv: string[]): { libc: string; rest: string[] } {
  const at = argv.indexOf('--libc');
  if (at < 0) return { libc: libcSoname, rest: argv };
  return { libc: argv[at + 1] ?? '', rest: [...argv.slice(0, at), ...argv.slice(at + 2)] };
}

const { libc, rest } = takeLibc(process.argv.slice(2));
if (rest[rest.indexOf('--method') + 1] === 'ktls-probe') {
  await (await import('./probe.ts')).printKtlsProbe(libc);
} else {
  const options = parseServerArgs(rest);
  if (options.method === 'read-write') {
    if (typeof Bun !== 'undefined') (await import('../01-traditional/bun.ts')).serve(options);
    else if (typeof Deno !== 'undefined') (await import('../01-traditional/deno.ts')).serve(options);
    else (await import('../01-traditional/node.ts')).serve(options);
  } else {
    await (await import('./serve.ts')).serveFfi(options, libc);
  }
}
