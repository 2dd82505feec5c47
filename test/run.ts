// Runs every test/*.test.ts with uvu in one process and ends with a plain "N passed, N failed"
// line, so a run that executed no test is visible in CI. `tsx test/run.ts ledger` runs only the
// files whose name contains "ledger".
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(dir).filter((name) => name.endsWith('.test.ts') && name.includes(filter)).sort();

const globals = globalThis as unknown as { UVU_DEFER: number; UVU_INDEX: number; UVU_QUEUE: unknown[][] };
globals.UVU_DEFER = 1;
const uvu = await import('uvu');

let output = '';
let brokenFiles = 0;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  return write(chunk, ...rest);
}) as typeof process.stdout.write;

for (const [index, name] of files.entries()) {
  globals.UVU_INDEX = index;
  globals.UVU_QUEUE.push([name]);
  try {
    await import(pathToFileURL(dir + name).href);
  } catch (error) {
    brokenFiles += 1;
    console.error(`${name} could not be loaded: ${(error as Error).message}`);
  }
}
await (uvu as unknown as { exec(bail?: boolean): Promise<void> }).exec(false);
process.stdout.write = write;

// uvu prints "Total: n / Passed: n / Skipped: n" (with colour codes); read the numbers back.
const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
const number = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(plain)?.[1] ?? 0);
const [total, passed, skipped] = [number('Total'), number('Passed'), number('Skipped')];
const failed = Math.max(total - passed - skipped, process.exitCode ? 1 : 0) + brokenFiles;
if (brokenFiles) process.exitCode = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (total === 0) process.exitCode = 1;
