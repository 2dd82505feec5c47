// Runtimes come from the npm registry (packages `bun` and `deno`), so their executables live in
// this project's node_modules/.bin, never on a curl | sh path.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const binDir = fileURLToPath(new URL('../node_modules/.bin/', import.meta.url));

/** WORKBOOK_BUN or WORKBOOK_DENO names another executable: how a test makes a runtime missing or broken. */
export function binPath(name: string): string {
  return process.env[`WORKBOOK_${name.toUpperCase()}`] || binDir + name;
}

export function isInstalled(executable: string): boolean {
  return existsSync(executable);
}
