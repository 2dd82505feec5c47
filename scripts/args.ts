// Command-line flags for every verb: one small parser, one error type for bad usage (exit 2). A
// verb declares its flags once, with their defaults, and gets them back typed: a string flag with a
// default is a string, one without is string | undefined, a boolean is a boolean.
import { answersDir, progressPath, resultsDir } from './paths.ts';

export class UsageError extends Error {}

interface StringFlag { kind: 'string'; help: string; value?: string; default?: string }
interface BooleanFlag { kind: 'boolean'; help: string }
export type FlagSpec = Record<string, StringFlag | BooleanFlag>;

type FlagValue<F> = F extends BooleanFlag ? boolean : F extends { default: string } ? string : string | undefined;
export type Flags<S extends FlagSpec> = { [K in keyof S]: FlagValue<S[K]> };

export interface Parsed<S extends FlagSpec> {
  positional: string[];
  flags: Flags<S>;
  /** The flags the reader gave, as opposed to the ones that took their default. */
  given: Set<keyof S>;
}

/** Declares a verb's flags, keeping each flag's kind and default in the type. */
export function flagSpec<const S extends FlagSpec>(spec: S): S {
  return spec;
}

/** Flags several verbs share, declared here once: where the sheets, results and progress live. */
export const sharedFlags = flagSpec({
  answers: { kind: 'string', value: 'DIR', help: 'the answer sheets in DIR instead of answers/', default: answersDir },
  results: { kind: 'string', value: 'DIR', help: 'lab results in DIR (default .workbook/results, or $WORKBOOK_RESULTS)', default: resultsDir },
  progress: { kind: 'string', value: 'FILE', help: 'hints, reveals and drill boxes in FILE (default .workbook/progress.json, or $WORKBOOK_PROGRESS)', default: progressPath },
  help: { kind: 'boolean', help: 'show this help' },
});

/** The closest known word, when a typo is close enough to guess ("--runtim" -> "--runtime"). */
export function didYouMean(word: string, known: readonly string[]): string {
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0] ?? 0;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j] ?? 0;
        row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length] ?? 0;
  };
  const best = [...known].sort((a, b) => distance(word, a) - distance(word, b))[0];
  return best !== undefined && distance(word, best) <= Math.max(2, Math.floor(best.length / 3)) ? ` (did you mean ${best}?)` : '';
}

export function parseFlags<S extends FlagSpec>(argv: string[], spec: S): Parsed<S> {
  const positional: string[] = [];
  const values: Record<string, string | boolean> = {};
  const given = new Set<keyof S>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) { positional.push(arg); continue; }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    const flag = spec[name];
    if (!flag) throw new UsageError(`unknown flag --${name}${didYouMean(`--${name}`, Object.keys(spec).map((known) => `--${known}`))}`);
    if (flag.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      values[name] = true;
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value (${flag.value ?? 'see --help'})`);
      values[name] = value;
    }
    given.add(name);
  }
  for (const [name, flag] of Object.entries(spec)) {
    if (name in values) continue;
    if (flag.kind === 'boolean') values[name] = false;
    else if (flag.default !== undefined) values[name] = flag.default;
  }
  return { positional, flags: values as Flags<S>, given };
}

export function flagHelp(spec: FlagSpec): string {
  return Object.entries(spec)
    .map(([name, flag]) => `  ${`--${name}${flag.kind === 'string' && flag.value ? ' ' + flag.value : ''}`.padEnd(26)} ${flag.help}`)
    .join('\n');
}

/** A whole number flag within bounds; the message names the flag and what was given. */
export function wholeNumber(text: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return value;
}

/** A comma-separated list of known words, each checked. */
export function knownList<T extends string>(text: string, known: readonly T[], what: string): T[] {
  const items = text.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${what} needs at least one of ${known.join(', ')}`);
  for (const item of items) {
    if (!known.includes(item as T)) throw new UsageError(`unknown ${what} "${item}"${didYouMean(item, known)}; choose from ${known.join(', ')}`);
  }
  return items as T[];
}
