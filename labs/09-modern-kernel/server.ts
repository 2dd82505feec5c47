// Lab 09 — the modern kernel. One file, sent to a client over loopback TCP: by the runtime's own
// read()+write() (`read-write`, exactly lab 01's), or by calling the kernel through FFI on a socket
// the lab opened itself: sendfile(2) (`sendfile-ffi`), splice(2) through a pipe (`splice-ffi`),
// send(MSG_ZEROCOPY) from a mapping of the file (`msg-zerocopy`) and io_uring's SEND_ZC
// (`io-uring-send-zc`), the last two reporting what the kernel said it copied. The probes send
// nothing: `ktls-probe` prints whether this kernel has kTLS, `route-probe` whether loopback does
// scatter-gather (what every lab's sendfile relies on to copy nothing), and each exits.
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
const method = rest[rest.indexOf('--method') + 1];
if (method === 'ktls-probe' || method === 'route-probe') {
  await (await import('./probe.ts')).printProbe(method, libc);
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
