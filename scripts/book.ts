// `workbook book [--serve] [--with-key] [--out DIR]`: the chapters as a static site,
// opened from disk or served to a room; the reader's own lab results become tables and charts.
import { flagHelp, flagSpec, parseFlags, sharedFlags, UsageError } from './args.ts';
import { assertReplaceable, buildBook, type BookBuild, type BookOptions } from './book/build.ts';
import { serveSite } from './book/serve.ts';
import { watchFiles } from './check/watch.ts';
import { benchDir, chaptersDir, distDir, shownPath as shown } from './paths.ts';

const bookFlags = flagSpec({
  serve: { kind: 'boolean', help: 'serve the book on 127.0.0.1 (a free port) and rebuild when a chapter changes' },
  'with-key': { kind: 'boolean', help: 'instructor edition: each question with its answer and explanation' },
  out: { kind: 'string', value: 'DIR', help: 'write the site to DIR (default dist/book, dist/book-key with --with-key)' },
  results: sharedFlags.results,
  bench: { kind: 'string', value: 'DIR', help: 'where npm run bench left its charts (default .workbook/bench)', default: benchDir },
  chapters: { kind: 'string', value: 'DIR', help: 'read the chapters from DIR instead of chapters/', default: chaptersDir },
  poll: { kind: 'boolean', help: 'with --serve: look for changes every second instead of waiting for file events' },
  help: sharedFlags.help,
});

const bookHelp = `Usage: npm run book [-- flags]

Builds the chapters into a static site: one page per chapter and an index, code highlighted,
diagrams drawn, your lab results (.workbook/results/) as tables and charts, and each chapter's
questions with the sheet to answer them in. It works offline: open dist/book/index.html.
A broken link, a missing image or a diagram that does not parse fails the build (exit 1) with
its file and line.

Flags:
${flagHelp(bookFlags)}`;

function report(build: BookBuild, options: BookOptions): boolean {
  for (const note of build.notes) console.error(`note: ${note}`);
  if (build.problems.length) {
    for (const problem of build.problems) console.error(`${shown(problem.file)}:${problem.line}: ${problem.message}`);
    console.error(`The book was not built: ${build.problems.length} problem${build.problems.length === 1 ? '' : 's'} above.`);
    return false;
  }
  const measured = [...build.results.keys()].sort().map((lab) => `lab ${lab}`);
  console.log(`Built ${build.pages.length} pages into ${shown(options.outDir)}/ in ${(build.milliseconds / 1000).toFixed(1)} s`
    + `${options.withKey ? ' (instructor edition: it contains the answers)' : ''}.`);
  console.log(measured.length ? `Your results are charted for ${measured.join(', ')}.` : 'No lab results yet: each lab chapter shows the command that produces them.');
  if (build.bench) console.log(`Benchmark chart: ${build.bench.name}.`);
  return true;
}

export async function bookCommand(argv: string[], cleanups: Array<() => void>): Promise<number> {
  const { positional, flags } = parseFlags(argv, bookFlags);
  if (flags.help) { console.log(bookHelp); return 0; }
  if (positional.length) throw new UsageError(`book takes no arguments, got "${positional.join(' ')}"`);
  if (flags.poll && !flags.serve) throw new UsageError('--poll goes with --serve');
  const options: BookOptions = {
    outDir: flags.out ?? `${distDir}${flags['with-key'] ? 'book-key' : 'book'}`,
    chaptersDir: flags.chapters,
    resultsDir: flags.results,
    benchDir: flags.bench,
    withKey: flags['with-key'],
  };
  assertReplaceable(options.outDir);
  const built = report(await buildBook(options), options);
  if (!flags.serve) {
    if (built) console.log(`Open ${shown(options.outDir)}/index.html, or serve it to a room: npm run book -- --serve`);
    return built ? 0 : 1;
  }

  const { url, server } = await serveSite(options.outDir);
  // Saves arrive in bursts (an editor writes a temporary file and renames it); the watcher waits
  // for them to settle, and one rebuild at a time runs, the next one queued behind it.
  let rebuild = Promise.resolve();
  const watcher = watchFiles({ dirs: [flags.chapters, flags.results, flags.bench], poll: flags.poll, debounceMs: 300 }, () => {
    rebuild = rebuild.then(async () => {
      console.log('A chapter or a result changed: rebuilding…');
      report(await buildBook(options), options);
    }).catch((error: Error) => console.error(`error: ${error.message}`));
  });
  cleanups.push(watcher.close, () => server.close());
  console.log(`Serving the book at ${url} — it rebuilds when a chapter or a lab result changes. Ctrl-C stops.`);
  if (!built) console.log('Fix the problems above and save: the book builds as soon as they are gone.');
  await new Promise((done) => server.once('close', done));
  return 0;
}
