// The workbook's CLI: one module per verb (rustlings' layout), this file only dispatches and
// turns errors into exit codes: 0 ok, 1 a lab or check failed, 2 bad usage.
import { benchCommand } from './bench.ts';
import { bookCommand } from './book.ts';
import { checkCommand } from './check.ts';
import { drillCommand } from './drill.ts';
import { hintCommand } from './hint.ts';
import { labCommand } from './lab.ts';
import { resetCommand } from './reset.ts';
import { startCommand } from './start.ts';
import { workshopCommand } from './workshop.ts';
import { UsageError, didYouMean } from './args.ts';
import { headlineLabs } from './catalogue.ts';
import { stopAll } from './lab/processes.ts';

const verbs: Record<string, { summary: string; run(argv: string[], cleanups: Array<() => void>): Promise<number> }> = {
  start: { summary: `labs ${headlineLabs.map((lab) => lab.id).join(' and ')} on every runtime, side by side, then your progress: npm start`, run: startCommand },
  check: { summary: 'check your answer sheets: npm run check [-- NN] [--answers DIR]', run: checkCommand },
  hint: { summary: 'the next hint for a question, or the answer: npm run hint -- NN [qK] [--reveal]', run: hintCommand },
  reset: { summary: 'a blank answer sheet again, yours backed up: npm run reset -- NN', run: resetCommand },
  drill: { summary: 'interview drill, graded: npm run drill [-- --chapter NN] [--count N] [--lang en|zh] [--mock]', run: drillCommand },
  workshop: { summary: 'for instructors, a clean room for a class: npm run workshop -- reset [--yes]', run: workshopCommand },
  lab: { summary: 'run a lab: npm run lab -- <id|all> [--runtime …] [--method …] [--size …] [--no-trace] [--json]', run: labCommand },
  book: { summary: 'the chapters as a static site with your results: npm run book [-- --serve] [--with-key]', run: bookCommand },
  bench: { summary: 'what the copies cost, timed untraced: npm run bench [-- --lab 02] [--sizes …] [--runs 5] [--cold] [--json] [--parser]', run: benchCommand },
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

// A reader who pipes a verb into `head` closes its stdout early: that ends the verb quietly, with
// exit 0, not with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    void stopAll().finally(() => {
      for (const cleanup of cleanups) cleanup();
      process.exit(0);
    });
  });
}

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
