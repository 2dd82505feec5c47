// `workbook drill`: interview questions one at a time, each free-text answer graded on the concepts a
// strong answer names, then the model 30-second answer. Leitner boxes in progress.json bring the
// missed questions back first. `--answers FILE` and `--json` run the same drill without a terminal.
import { readFileSync } from 'node:fs';
import { didYouMean, flagHelp, parseFlags, UsageError, type FlagSpec } from './args.ts';
import { bank } from './drill/bank.ts';
import { grade } from './drill/grade.ts';
import { clock, renderFeedback, renderQuestion, renderScorecard, ui, type Answered } from './drill/render.ts';
import { drillSummary, record, schedule, spreadOverChapters } from './drill/schedule.ts';
import { interactiveSession } from './drill/session.ts';
import { langs, type DrillQuestion, type Lang } from './drill/types.ts';
import { progressPath as defaultProgressPath } from './paths.ts';
import { loadProgress, updateProgress } from './progress/store.ts';

export const drillFlags: FlagSpec = {
  chapter: { kind: 'string', value: 'NN[,NN]', help: 'only questions from these chapters' },
  count: { kind: 'string', value: 'N', help: 'how many questions (default 10; 5 with --mock)' },
  lang: { kind: 'string', value: 'en|zh', help: 'English or Chinese (default: zh when $LANG starts with zh, else en)' },
  mock: { kind: 'boolean', help: 'a mock interview: 5 questions from different chapters in 10 minutes, then a scorecard' },
  minutes: { kind: 'string', value: 'M', help: 'with --mock: the time limit (default 10)' },
  answers: { kind: 'string', value: 'FILE', help: 'answers from FILE, one a line in question order (- reads stdin); no prompts' },
  question: { kind: 'string', value: 'ID[,ID]', help: 'exactly these questions, in this order (see --list)' },
  json: { kind: 'boolean', help: 'with --answers: print the graded answers as one JSON document' },
  list: { kind: 'boolean', help: 'list the questions (id, chapter, question) and exit' },
  progress: { kind: 'string', value: 'FILE', help: 'drill boxes in FILE (default .workbook/progress.json, or $WORKBOOK_PROGRESS)' },
  help: { kind: 'boolean', help: 'show this help' },
};

export const drillHelp = `Usage: npm run drill [-- flags]

Interview questions one at a time. Type your answer as you would say it, then Enter: it is graded on
the key concepts a strong answer names (synonyms in English and Chinese both count), you see which
you named and which you missed, then a model 30-second answer. Questions you miss come back first
next time (Leitner boxes kept in your progress). Ctrl-D, Ctrl-C or :q end the drill with a scorecard.

  npm run drill                                 10 questions, the ones you missed first
  npm run drill -- --chapter 07 --lang zh       chapter 07, in Chinese
  npm run drill -- --mock                       5 questions in 10 minutes, scored
  npm run --silent drill -- --answers my.txt --json     grade a file of answers

With --answers, questions follow the bank's order (see --list) unless --question picks them; --json
prints { "lang", "results": [ { "id", "question", "answer", "score", "hit", "missed", "model" } ] }.

Flags:
${flagHelp(drillFlags)}`;

function parseLang(value: string | boolean | undefined): Lang {
  if (value === undefined) return /^zh/i.test(process.env.LC_ALL || process.env.LANG || '') ? 'zh' : 'en';
  if (typeof value === 'string' && (langs as readonly string[]).includes(value)) return value as Lang;
  throw new UsageError(`--lang takes en or zh, got "${value}"`);
}

function parseCount(value: string | boolean | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const count = Number(value);
  if (!Number.isFinite(count) || count <= 0 || (flag === '--count' && !Number.isInteger(count))) {
    throw new UsageError(`${flag} takes a positive ${flag === '--count' ? 'whole ' : ''}number, got "${value}"`);
  }
  return count;
}

function list(value: string | boolean | undefined): string[] {
  return typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : [];
}

/** The questions to ask, in order: picked by id, or by chapter, then by the schedule (or the bank's order for a file of answers). */
function selectQuestions(flags: Record<string, string | boolean>, batch: boolean, mock: boolean, drillState: ReturnType<typeof loadProgress>['drill']): DrillQuestion[] {
  const ids = list(flags.question);
  if (ids.length) {
    return ids.map((id) => {
      const question = bank.find((candidate) => candidate.id === id);
      if (!question) throw new UsageError(`unknown question "${id}"${didYouMean(id, bank.map((known) => known.id))}; npm run drill -- --list shows them`);
      return question;
    });
  }
  const known = [...new Set(bank.map((question) => question.chapter))];
  const chapters = list(flags.chapter).map((id) => {
    const chapter = known.find((candidate) => candidate === id || candidate === id.padStart(2, '0'));
    if (!chapter) throw new UsageError(`no drill questions for chapter "${id}"; chapters are ${known.join(', ')}`);
    return chapter;
  });
  const pool = chapters.length ? bank.filter((question) => chapters.includes(question.chapter)) : bank;
  const ordered = batch ? pool : schedule(pool, drillState);
  const count = parseCount(flags.count, mock ? 5 : 10, '--count');
  return mock ? spreadOverChapters(ordered, count) : ordered.slice(0, count);
}

function readAnswers(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the answers in ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export async function drillCommand(argv: string[], cleanups: Array<() => void> = []): Promise<number> {
  const { positional, flags } = parseFlags(argv, drillFlags);
  if (flags.help) { console.log(drillHelp); return 0; }
  if (positional.length) throw new UsageError(`drill takes flags only (got ${positional.join(' ')}); for one chapter: --chapter ${positional[0]}`);
  const lang = parseLang(flags.lang);
  if (flags.list) {
    for (const question of bank) console.log(`${question.id.padEnd(26)} ${question.question[lang]}`);
    return 0;
  }
  if (flags.json && typeof flags.answers !== 'string') throw new UsageError('--json needs --answers FILE (or --answers - to read them from stdin)');
  if (flags.minutes !== undefined && !flags.mock) throw new UsageError('--minutes goes with --mock');
  const mock = Boolean(flags.mock);
  const limitMs = mock ? parseCount(flags.minutes, 10, '--minutes') * 60_000 : undefined;
  const progressPath = typeof flags.progress === 'string' ? flags.progress : defaultProgressPath;
  const progress = loadProgress(progressPath);
  const session = progress.drill.sessions + 1;
  const batch = typeof flags.answers === 'string';
  const questions = selectQuestions(flags as Record<string, string | boolean>, batch, mock, progress.drill);
  const say = ui(lang);

  const answered: Answered[] = [];
  const onAnswer = (entry: Answered) => {
    answered.push(entry);
    // Saved after every answer, so a drill stopped half-way keeps what it graded.
    updateProgress((state) => { record(state.drill, entry.question.id, entry.grade.score, session); }, progressPath);
  };
  const due = () => drillSummary(loadProgress(progressPath)).due;

  if (batch) {
    const lines = readAnswers(flags.answers as string);
    if (lines.length > questions.length) {
      throw new UsageError(`${flags.answers} has ${lines.length} answers but the drill has ${questions.length} questions (--count, --chapter and --question choose them)`);
    }
    const asked = questions.slice(0, lines.length);
    for (const [index, question] of asked.entries()) onAnswer({ question, answer: (lines[index] ?? '').trim(), grade: grade(question, lines[index] ?? '', lang), seconds: null });
    if (flags.json) {
      const results = answered.map(({ question, answer, grade: graded }) => ({
        id: question.id, question: question.question[lang], answer, score: graded.score, hit: graded.hit, missed: graded.missed, model: question.model[lang],
      }));
      console.log(JSON.stringify({ lang, results }, null, 2));
      return 0;
    }
    console.log(say.batchIntro(asked.length, flags.answers === '-' ? 'stdin' : flags.answers as string));
    for (const [index, entry] of answered.entries()) {
      console.log(renderQuestion(entry.question, index, asked.length, lang, entry.question.id));
      console.log(`> ${entry.answer}\n${renderFeedback(entry, lang)}`);
    }
    console.log(renderScorecard(answered, lang, due()));
    return 0;
  }

  console.log(mock ? say.mockIntro(questions.length, (limitMs ?? 0) / 60_000) : say.intro(questions.length));
  let printed = false;
  const scorecard = (usedMs: number) => {
    if (printed) return;
    printed = true;
    const skipped = mock ? questions.filter((question) => !answered.some((entry) => entry.question === question)) : [];
    console.log(renderScorecard(answered, lang, due(), skipped, mock ? { usedMs, limitMs: limitMs! } : undefined));
  };
  const started = Date.now();
  // Ctrl-C on piped input stops the process through workbook.ts; the scorecard still gets printed.
  cleanups.push(() => scorecard(Date.now() - started));
  const detail = (question: DrillQuestion, startedAt: number) => {
    const review = progress.drill.cards[question.id]?.box === 1 ? `${say.missedLast} · ` : '';
    return `${question.id} · ${review}${limitMs === undefined ? say.aim : say.left(clock(startedAt + limitMs - Date.now()))}`;
  };
  const { usedMs } = await interactiveSession({ questions, lang, limitMs, detail, onAnswer });
  scorecard(usedMs);
  return 0;
}
