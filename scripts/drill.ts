// `workbook drill`: interview questions one at a time, each free-text answer graded on the claims it
// makes (and the myths it states), then the model 30-second answer. Leitner boxes in progress.json
// bring the missed questions back first. `--answers FILE` and `--json` run the same drill without a
// terminal.
import { didYouMean, flagHelp, flagSpec, parseFlags, sharedFlags, UsageError, type Flags } from './args.ts';
import { readAnswers } from './drill/answers.ts';
import { bank } from './drill/bank.ts';
import { grade } from './drill/grade.ts';
import { clock, renderFeedback, renderQuestion, renderScorecard, ui, type Answered } from './drill/render.ts';
import { drillSummary, mockInterview, record, schedule } from './drill/schedule.ts';
import { interactiveSession } from './drill/session.ts';
import { langs, type DrillQuestion, type Lang } from './drill/types.ts';
import { loadProgress, updateProgress } from './progress/store.ts';

export const drillFlags = flagSpec({
  chapter: { kind: 'string', value: 'NN[,NN]', help: 'only questions from these chapters' },
  count: { kind: 'string', value: 'N', help: 'how many questions (default 10; 5 with --mock)' },
  lang: { kind: 'string', value: 'en|zh', help: 'English or Chinese (default: zh when $LANG starts with zh, else en)' },
  mock: { kind: 'boolean', help: 'a mock interview: 5 questions from different chapters in 10 minutes, then a scorecard' },
  minutes: { kind: 'string', value: 'M', help: 'with --mock: the time limit (default 10)' },
  seed: { kind: 'string', value: 'N', help: 'with --mock: draw the same questions again (the intro prints the seed used)' },
  // Not sharedFlags.answers, a folder of sheets with a default: here a file of answers, set only to grade one.
  answers: { kind: 'string', value: 'FILE', help: 'answers from FILE in question order, one a line or between lines of --- (- reads stdin); no prompts' },
  question: { kind: 'string', value: 'ID[,ID]', help: 'exactly these questions, in this order (see --list)' },
  json: { kind: 'boolean', help: 'with --answers or --list: print JSON' },
  list: { kind: 'boolean', help: 'list the questions (id, chapter, question) and exit' },
  progress: sharedFlags.progress,
  help: sharedFlags.help,
});

export const drillHelp = `Usage: npm run drill [-- flags]

Interview questions one at a time. Type (or paste) your answer as you would say it; an empty line
sends it. It is graded on the claims a strong answer makes, in sentences: saying the opposite of a
claim, or a common myth, costs points. You see what you named, missed and got backwards, then a
model 30-second answer. An empty first line skips the question. Questions you miss come back first
next time (Leitner boxes kept in your progress). Ctrl-D, Ctrl-C or :q end the drill with a scorecard.

  npm run drill                                 10 questions, the ones you missed first
  npm run drill -- --chapter 07 --lang zh       chapter 07, in Chinese
  npm run drill -- --mock                       5 questions in 10 minutes, scored
  npm run --silent drill -- --answers my.txt --json     grade a file of answers

With --answers, questions follow the bank's order (see --list) unless --question picks them; --json
prints { "lang", "results": [ { "id", "question", "answer", "skipped", "score", "hit", "missed",
"contradicted", "myths": [ { "myth", "correction" } ], "model" } ] }.

Flags:
${flagHelp(drillFlags)}`;

function parseLang(value: string | undefined): Lang {
  if (value === undefined) return /^zh/i.test(process.env.LC_ALL || process.env.LANG || '') ? 'zh' : 'en';
  if ((langs as readonly string[]).includes(value)) return value as Lang;
  throw new UsageError(`--lang takes en or zh, got "${value}"`);
}

function parseCount(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const count = Number(value);
  if (!Number.isFinite(count) || count <= 0 || (flag === '--count' && !Number.isInteger(count))) {
    throw new UsageError(`${flag} takes a positive ${flag === '--count' ? 'whole ' : ''}number, got "${value}"`);
  }
  return count;
}

function list(value: string | undefined): string[] {
  return value?.split(',').map((item) => item.trim()).filter(Boolean) ?? [];
}

/** The questions to ask, in order: picked by id, or by chapter, then by the schedule (or the bank's order for a file of answers). */
function selectQuestions(flags: Flags<typeof drillFlags>, batch: boolean, seed: number | undefined, drillState: ReturnType<typeof loadProgress>['drill']): DrillQuestion[] {
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
  const count = parseCount(flags.count, seed === undefined ? 10 : 5, '--count');
  if (seed !== undefined) return mockInterview(pool, drillState, count, seed);
  return (batch ? pool : schedule(pool, drillState)).slice(0, count);
}

function parseSeed(value: string | undefined): number {
  if (value === undefined) return Math.floor(Math.random() * 1_000_000);
  if (/^\d+$/.test(value)) return Number(value);
  throw new UsageError(`--seed takes a whole number, got "${value}"`);
}

/** One graded answer as --json prints it. */
function result({ question, answer, grade: graded, skipped }: Answered, lang: Lang) {
  return {
    id: question.id, question: question.question[lang], answer, skipped, score: graded.score, hit: graded.hit, missed: graded.missed,
    contradicted: graded.contradicted, myths: graded.myths, model: question.model[lang],
  };
}

export async function drillCommand(argv: string[], cleanups: Array<() => void> = []): Promise<number> {
  const { positional, flags } = parseFlags(argv, drillFlags);
  if (flags.help) { console.log(drillHelp); return 0; }
  if (positional.length) throw new UsageError(`drill takes flags only (got ${positional.join(' ')}); for one chapter: --chapter ${positional[0]}`);
  const lang = parseLang(flags.lang);
  if (flags.list) {
    // One write, so a reader that closes the pipe early (| head -1) stops it in one place.
    const listed = flags.json
      ? JSON.stringify(bank.map((question) => ({ id: question.id, chapter: question.chapter, question: question.question[lang] })), null, 2)
      : bank.map((question) => `${question.id.padEnd(26)} ${question.question[lang]}`).join('\n');
    process.stdout.write(`${listed}\n`);
    return 0;
  }
  if (flags.json && flags.answers === undefined) throw new UsageError('--json needs --answers FILE (or --answers - to read them from stdin), or --list');
  if (flags.minutes !== undefined && !flags.mock) throw new UsageError('--minutes goes with --mock');
  if (flags.seed !== undefined && !flags.mock) throw new UsageError('--seed goes with --mock');
  const mock = flags.mock;
  const seed = mock ? parseSeed(flags.seed) : undefined;
  const limitMs = mock ? parseCount(flags.minutes, 10, '--minutes') * 60_000 : undefined;
  const batch = flags.answers !== undefined;
  // Read before anything is saved: a file that is not answers changes nothing.
  const lines = batch ? readAnswers(flags.answers) : [];
  const progressPath = flags.progress;
  const progress = loadProgress(progressPath);
  const session = progress.drill.sessions + 1;
  const questions = selectQuestions(flags, batch, seed, progress.drill);
  const say = ui(lang);

  const answered: Answered[] = [];
  const onAnswer = (entry: Answered) => {
    answered.push(entry);
    // Saved after every answer, so a drill stopped half-way keeps what it graded. A skip is not a miss.
    if (!entry.skipped) updateProgress((state) => { record(state.drill, entry.question.id, entry.grade.score, session); }, progressPath);
  };
  const due = () => drillSummary(loadProgress(progressPath)).due;

  if (batch) {
    if (lines.length > questions.length) {
      throw new UsageError(`${flags.answers} has ${lines.length} answers but the drill has ${questions.length} questions (--count, --chapter and --question choose them)`);
    }
    const asked = questions.slice(0, lines.length);
    for (const [index, question] of asked.entries()) {
      const answer = lines[index] ?? '';
      onAnswer({ question, answer, grade: grade(question, answer, lang), seconds: null, skipped: !answer });
    }
    if (flags.json) {
      console.log(JSON.stringify({ lang, results: answered.map((entry) => result(entry, lang)) }, null, 2));
      return 0;
    }
    console.log(say.batchIntro(asked.length, flags.answers === '-' ? 'stdin' : flags.answers));
    for (const [index, entry] of answered.entries()) {
      console.log(renderQuestion(entry.question, index, asked.length, lang, entry.question.id));
      console.log(`${entry.answer.split('\n').map((line, at) => `${at ? ' ' : '>'} ${line}`).join('\n')}\n${renderFeedback(entry, lang)}`);
    }
    console.log(renderScorecard(answered, lang, due()));
    return 0;
  }

  console.log(mock ? say.mockIntro(questions.length, (limitMs ?? 0) / 60_000, seed!) : say.intro(questions.length));
  let printed = false;
  const scorecard = (usedMs: number) => {
    if (printed) return;
    printed = true;
    const unanswered = mock ? questions.filter((question) => !answered.some((entry) => entry.question === question)) : [];
    console.log(renderScorecard(answered, lang, due(), unanswered, mock ? { usedMs, limitMs: limitMs! } : undefined));
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
