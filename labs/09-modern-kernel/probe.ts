// `--method ktls-probe`: one line, {"probe":{"facility":"ktls","available":…,"detail":…}}, then
// the process ends. A runtime that cannot call libc at all says "unavailable" instead, since it
// learnt nothing about the kernel.
import process from 'node:process';
import type { ServerMessage } from '../protocol.ts';
import { unavailable } from '../harness.ts';
import { loadLibc } from './kernel/load.ts';
import { probeKtls } from './ktls.ts';

export async function printKtlsProbe(libcPath: string): Promise<void> {
  const loaded = await loadLibc(libcPath);
  if ('unavailable' in loaded) unavailable(loaded.unavailable);
  const line: ServerMessage = { probe: probeKtls(loaded.libc) };
  process.stdout.write(JSON.stringify(line) + '\n');
}
