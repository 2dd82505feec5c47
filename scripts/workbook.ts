// The workbook's CLI: one module per verb (rustlings' layout), this file only dispatches and
// turns errors into exit codes: 0 ok, 1 a lab or check failed, 2 bad usage.
import { UsageError, didYouMean } from './args.ts';
import { headlineLabs } from './catalogue.ts';
import { stopAll } from './lab/processes.ts';

type Run = (argv: string[], cleanups: Array<() => void>) => Promise<number>;

// Each verb's module is loaded only when it runs: the book's highlighter or the bench's parts cost
// start-up time a lab run should not pay.
const verbs: Record<string, { summary: string; load(): Promise<Run> }> = {
  start: { summary: `labs ${headlineLabs.map((lab) => lab.id).join(' and ')} on every runtime, side by side, then your progress: npm start`, load: async () => (await import('./start.ts')).startCommand },
  check: { summary: 'check your answer sheets: npm run check [-- NN] [--answers DIR]', load: async () => (await import('./check.ts')).checkCommand },
  hint: { summary: 'the next hint for a question, or the answer: npm run hint -- NN [qK] [--reveal]', load: async () => (await import('./hint.ts')).hintCommand },
  reset: { summary: 'a blank answer sheet again, yours backed up: npm run reset -- NN', load: async () => (await import('./reset.ts')).resetCommand },
  drill: { summary: 'interview drill, graded: npm run drill [-- --chapter NN] [--count N] [--lang en|zh] [--mock [--seed N]]', load: async () => (await import('./drill.ts')).drillCommand },
  workshop: { summary: 'for instructors, a clean room for a class: npm run workshop -- reset [--yes]', load: async () => (await import('./workshop.ts')).workshopCommand },
  lab: { summary: 'run a lab: npm run lab -- <id|all> [--runtime …] [--method …] [--size …] [--no-trace] [--json]', load: async () => (await import('./lab.ts')).labCommand },
  book: { summary: 'the chapters as a static site with your results: npm run book [-- --serve] [--with-key]', load: async () => (await import('./book.ts')).bookCommand },
  bench: { summary: 'what the copies cost, timed untraced: npm run bench [-- --lab 02] [--sizes …] [--runs 5] [--cold] [--json] [--parser]', load: async () => (await import('./bench.ts')).benchCommand },
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
  return (await verb.load())(rest, cleanups);
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
