// The binding for the runtime this server runs in, or the reason there can be none here.
import process from 'node:process';
import type { LoadedLibc } from './types.ts';

/** glibc's soname: what Node and Bun load when the runner names no path (the dynamic loader finds it). */
export const libcSoname = 'libc.so.6';

export async function loadLibc(path: string): Promise<LoadedLibc> {
  if (process.platform !== 'linux') return { unavailable: `lab 09 calls Linux syscalls through FFI; this is ${process.platform}` };
  // layouts.ts describes LP64 little-endian Linux as x86_64 and aarch64 lay it out.
  if (process.arch !== 'x64' && process.arch !== 'arm64') return { unavailable: `lab 09's struct layouts are written for x86_64 and aarch64 Linux; this is ${process.arch}` };
  if (typeof Bun !== 'undefined') return (await import('./bun.ts')).load(path);
  if (typeof Deno !== 'undefined') return (await import('./deno.ts')).load(path);
  return (await import('./node.ts')).load(path);
}
