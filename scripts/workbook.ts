// The workbook's CLI: one module per verb (rustlings' layout), this file only dispatches and
// turns errors into exit codes: 0 ok, 1 a lab or check failed, 2 bad usage.
import { checkCommand } from './check.ts';
import { labCommand } from './lab.ts';
import { startCommand } from './start.ts';
import { UsageError, didYouMean } from './args.ts';
import { stopAll } from './processes.ts';

const verbs: Record<string, { summary: string; run(argv: string[], cleanups: Array<() => void>): Promise<number> }> = {
  start: { summary: 'labs 01 and 02 on every runtime, side by side, then your progress: npm start', run: startCommand },
  check: { summary: 'check your answer sheets: npm run check [-- NN] [--answers DIR]', run: checkCommand },
  lab: { summary: 'run a lab: npm run lab -- <id|all> [--runtime …] [--method …] [--size …] [--no-trace] [--json]', run: labCommand },
};

const help = `zero-copy workbook — where the bytes of a file travel on their way to a socket, measured.

Usage: tsx scripts/workbook.ts <verb> [arguments]   (or the npm scripts below)

${Object.entries(verbs).map(([name, verb]) => `  ${name.padEnd(8)} ${verb.summary}`).join('\n')}

Each verb takes --help.`;

const cleanups: Array<() => void> = [];

async function shutDown(signal: NodeJS.Signals): Promise<void> {
  process.stderr.write(`\nStopped by ${signal}: stopping child processes and removing temporary files.\n`);
  await stopAll();
  for (const cleanup of cleanups) cleanup();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}
process.once('SIGINT', shutDown);
process.once('SIGTERM', shutDown);

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') { console.log(help); return name ? 0 : 2; }
  const verb = verbs[name];
  if (!verb) throw new UsageError(`unknown command "${name}"${didYouMean(name, Object.keys(verbs))}`);
  return verb.run(rest, cleanups);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  await stopAll();
  for (const cleanup of cleanups) cleanup();
  if (error instanceof UsageError) {
    process.stderr.write(`error: ${error.message}\nSee --help.\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
