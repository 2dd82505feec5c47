// What the numbers were measured on. Runtime behaviour changes between releases (Bun's sendfile
// threshold did), so every result names the exact versions next to the CPU and kernel.
import { readFileSync, statfsSync } from 'node:fs';
import os from 'node:os';
import { adapters } from '../../runtime-adapters/index.ts';
import { isInstalled } from '../../runtime-adapters/bin.ts';
import type { RuntimeName } from '../../runtime-adapters/types.ts';
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
  // Node as the host reports its own version; under Bun or Deno, process.versions.node is only
  // the version of Node they are compatible with, so Node is asked like the others.
  if (name === 'node' && adapter.executable === process.execPath) return process.versions.node;
  if (!isInstalled(adapter.executable)) return new Error(`${adapter.executable} is missing: run npm ci`);
  const result = await capture(adapter.executable, adapter.versionArgs);
  const version = /(\d+\.\d+\.\d+\S*)/.exec(result.stdout)?.[1];
  return result.code === 0 && version ? version : new Error(`${name} did not start: ${(result.stderr || result.stdout).trim().split('\n')[0]}`);
}

// statfs(2) f_type magic numbers (linux/magic.h) of the file systems a reader is likely to have.
const fileSystems: Record<number, string> = {
  0xef53: 'ext4', 0x01021994: 'tmpfs', 0x9123683e: 'btrfs', 0x58465342: 'xfs', 0x794c7630: 'overlayfs',
  0x2fc12fc1: 'zfs', 0x6969: 'nfs', 0xf15f: 'ecryptfs', 0x65735546: 'fuse', 0x4d44: 'vfat', 0x5346544e: 'ntfs', 0x1badface: 'bfs',
  0xf2f52010: 'f2fs', 0xca451a4e: 'bcachefs',
};

/** The file system a path lives on ("ext4", "tmpfs", …): reflinks and copy_file_range depend on it. */
export function fileSystemOf(path: string): string {
  try {
    const type = statfsSync(path).type;
    return fileSystems[type] ?? `type 0x${type.toString(16)}`;
  } catch {
    return 'unknown';
  }
}
