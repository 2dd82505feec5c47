// English inflection, enough for the grader: "copy~" in a claim stands for copy, copies, copied and
// copying, and a verb in any of its forms makes a clause a statement.
import { englishVerbs } from './lexicon.ts';

/**
 * A word table without Object's prototype: a reader's word is looked up in it, and "constructor"
 * or "toString" must find nothing rather than Object's own methods.
 */
function lookup<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

const irregular: Record<string, string[]> = lookup({
  send: ['sent'], make: ['made'], write: ['wrote', 'written'], go: ['went', 'gone', 'goes'], keep: ['kept'], get: ['got', 'gotten'],
  take: ['took', 'taken'], give: ['gave', 'given'], come: ['came'], run: ['ran'], fall: ['fell', 'fallen'], leave: ['left'],
  lose: ['lost'], hold: ['held'], find: ['found'], build: ['built'], mean: ['meant'], pay: ['paid'], do: ['did', 'done', 'does'],
  say: ['said'], see: ['saw', 'seen'], show: ['shown'], break: ['broke', 'broken'], become: ['became'], spend: ['spent'],
  lead: ['led'], bring: ['brought'], buy: ['bought'], tell: ['told'], sit: ['sat'], win: ['won'], rise: ['rose', 'risen'],
  grow: ['grew', 'grown'], choose: ['chose', 'chosen'], sleep: ['slept'], wake: ['woke', 'woken'], hang: ['hung'], feed: ['fed'],
  shrink: ['shrank', 'shrunk'], let: ['let'], put: ['put'], cut: ['cut'], hit: ['hit'], cost: ['cost'], read: ['read'],
});

/** Every form of an English word: its plural or third person, past, participle and -ing form. */
export function inflect(word: string): string[] {
  const forms = new Set([word, ...(irregular[word] ?? [])]);
  const doubled = word.length <= 4 && /^[^aeiou]*[aeiou][bcdfgklmnprstvz]$/.test(word) ? word + word.at(-1) : word;
  if (/[^aeiou]y$/.test(word)) {
    const stem = word.slice(0, -1);
    forms.add(`${stem}ies`).add(`${stem}ied`).add(`${word}ing`);
  } else if (/(s|sh|ch|x|z)$/.test(word)) {
    forms.add(`${word}es`).add(`${word}ed`).add(`${word}ing`);
  } else if (/ee$/.test(word)) {
    forms.add(`${word}s`).add(`${word}d`).add(`${word}ing`);
  } else if (/e$/.test(word)) {
    forms.add(`${word}s`).add(`${word}d`).add(`${word.slice(0, -1)}ing`);
  } else {
    forms.add(`${word}s`).add(`${doubled}ed`).add(`${doubled}ing`);
  }
  return [...forms];
}

type VerbForm = 'base' | 's' | 'past' | 'ing';
const verbForms = new Map<string, VerbForm>();
for (const verb of englishVerbs) {
  for (const form of inflect(verb)) {
    const kind: VerbForm = form === verb ? 'base' : form.endsWith('ing') ? 'ing' : (irregular[verb] ?? []).includes(form) || form.endsWith('d') ? 'past' : 's';
    if (!verbForms.has(form) || kind === 'base') verbForms.set(form, kind);
  }
}

/** Which form of a known verb a token is, if it is one ("copies" → "s", "mapped" → "past"). */
export function isEnglishVerb(text: string): VerbForm | undefined {
  return verbForms.get(text);
}
