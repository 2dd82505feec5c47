// What the numbers were measured on. Runtime behaviour changes between releases (Bun's sendfile
// threshold did), so every result names the exact versions next to the CPU and kernel.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { adapters } from '../runtime-adapters/index.ts';
import { isInstalled } from '../runtime-adapters/bin.ts';
import type { RuntimeName } from '../runtime-adapters/types.ts';
import { capture } from './processes.ts';

export interface Machine {
  cpu: string;
  cores: number;
  kernel: string;
  platform: string;
}

export function describeMachine(): Machine {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch { /* not Linux: os.cpus() is what there is */ }
  return { cpu: cpu.trim(), cores: os.cpus().length, kernel: os.release(), platform: os.platform() };
}

/** "1.4.5", or an Error saying why the runtime could not report its version. */
export async function runtimeVersion(name: RuntimeName): Promise<string | Error> {
  const adapter = adapters[name];
  if (name === 'node') return process.versions.node;
  if (!isInstalled(adapter.executable)) return new Error(`${adapter.executable} is missing: run npm ci`);
  const result = await capture(adapter.executable, adapter.versionArgs);
  const version = /(\d+\.\d+\.\d+\S*)/.exec(result.stdout)?.[1];
  return result.code === 0 && version ? version : new Error(`${name} did not start: ${(result.stderr || result.stdout).trim().split('\n')[0]}`);
}
