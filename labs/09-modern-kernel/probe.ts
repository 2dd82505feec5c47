// `--method ktls-probe` or `route-probe`: one line, {"probe":{"facility":"ktls" or
// "scatter-gather","available":…,"detail":…}}, then the process ends. A runtime that cannot call
// libc at all says "unavailable" instead, since it learnt nothing about the kernel.
import process from 'node:process';
import type { ServerMessage } from '../protocol.ts';
import { unavailable } from '../harness.ts';
import { loadLibc } from './kernel/load.ts';
import { probeKtls } from './ktls.ts';
import { probeScatterGather } from './scatter-gather.ts';

export const probes = { 'ktls-probe': probeKtls, 'route-probe': probeScatterGather } as const;

export async function printProbe(probe: keyof typeof probes, libcPath: string): Promise<void> {
  const loaded = await loadLibc(libcPath);
  if ('unavailable' in loaded) unavailable(loaded.unavailable);
  const line: ServerMessage = { probe: probes[probe](loaded.libc) };
  process.stdout.write(JSON.stringify(line) + '\n');
}
