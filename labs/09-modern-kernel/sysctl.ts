// A sysctl's value, for a reason that names it: null where it cannot be read (Deno without a read
// permission for /proc/sys, a container that hides it), since the reason is then given without it.
import { readFileSync } from 'node:fs';

export function readSysctl(name: string): string | null {
  try {
    return readFileSync(`/proc/sys/${name}`, 'utf8').trim();
  } catch {
    return null;
  }
}
