// Runtimes come from the npm registry (packages `bun` and `deno`), so their executables live in
// this project's node_modules/.bin, never on a curl | sh path. Node is the one that installed them.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const binDir = fileURLToPath(new URL('../node_modules/.bin/', import.meta.url));

/** WORKBOOK_BUN or WORKBOOK_DENO names another executable: how a test makes a runtime missing or broken. */
export function binPath(name: string): string {
  return process.env[`WORKBOOK_${name.toUpperCase()}`] || binDir + name;
}

export function isInstalled(executable: string): boolean {
  return existsSync(executable);
}

/**
 * The Node.js executable: this process's own when Node is the host, else the first `node` on PATH.
 * Bun and Deno set process.execPath to themselves, so when either runs the CLI the lab client and
 * Node's lab servers still need Node found by name.
 */
function findNode(): string {
  const host = globalThis as { Bun?: unknown; Deno?: unknown };
  if (host.Bun === undefined && host.Deno === undefined) return process.execPath;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'node');
    if (dir && existsSync(candidate)) return candidate;
  }
  return 'node';
}

export const nodeExecutable = findNode();
