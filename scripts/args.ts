// Command-line flags for every verb: one small parser, one error type for bad usage (exit 2).

export class UsageError extends Error {}

export type FlagSpec = Record<string, { kind: 'string' | 'boolean'; help: string; value?: string }>;

export interface Parsed {
  positional: string[];
  flags: Record<string, string | boolean>;
}

/** The closest known word, when a typo is close enough to guess ("--runtim" -> "--runtime"). */
export function didYouMean(word: string, known: readonly string[]): string {
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length];
  };
  const best = [...known].sort((a, b) => distance(word, a) - distance(word, b))[0];
  return best !== undefined && distance(word, best) <= Math.max(2, Math.floor(best.length / 3)) ? ` (did you mean ${best}?)` : '';
}

export function parseFlags(argv: string[], spec: FlagSpec): Parsed {
  const parsed: Parsed = { positional: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) { parsed.positional.push(arg); continue; }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const flag = spec[name];
    if (!flag) throw new UsageError(`unknown flag --${name}${didYouMean(`--${name}`, Object.keys(spec).map((known) => `--${known}`))}`);
    if (flag.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      parsed.flags[name] = true;
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value (${flag.value ?? 'see --help'})`);
      parsed.flags[name] = value;
    }
  }
  return parsed;
}

export function flagHelp(spec: FlagSpec): string {
  return Object.entries(spec)
    .map(([name, flag]) => `  ${`--${name}${flag.value ? ' ' + flag.value : ''}`.padEnd(26)} ${flag.help}`)
    .join('\n');
}
