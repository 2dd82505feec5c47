// What the runner adds when it starts a lab 09 server: the C library the server may load, by
// absolute path. Deno grants FFI per library path and then opens only that exact string
// (kernel/deno.ts), so the same path goes to --allow-ffi (LaunchOptions.ffi) and to --libc. The
// runner's own process maps the system's libc, so its path is read from /proc/self/maps.
import { readFileSync } from 'node:fs';

export interface FfiLaunch {
  /** Server arguments: --libc PATH. */
  args: string[];
  /** LaunchOptions.ffi: the libraries the server may load. */
  ffi: string[];
}

export function mappedLibc(maps = '/proc/self/maps'): string | null {
  let text: string;
  try {
    text = readFileSync(maps, 'utf8');
  } catch {
    return null;
  }
  // A line is "address perms offset dev inode   /path"; the path is all from the first slash.
  for (const line of text.split('\n')) {
    const slash = line.indexOf('/');
    if (slash >= 0 && line.endsWith('/libc.so.6')) return line.slice(slash);
  }
  return null;
}

/** Nothing to add off Linux or without glibc: the server then explains what it could not load. */
export function ffiLaunch(): FfiLaunch {
  const path = mappedLibc();
  return path ? { args: ['--libc', path], ffi: [path] } : { args: [], ffi: [] };
}
