// What the drill prints, in the reader's language: the question, the feedback on one answer, and the
// scorecard. The words around the bank are translated here; the bank itself carries both languages.
// Long lines are wrapped to the terminal, counting a Chinese character as two columns.
import { existsSync } from 'node:fs';
import { findChapter } from '../catalogue.ts';
import type { Grade } from './grade.ts';
import { passScore } from './schedule.ts';
import type { DrillQuestion, Lang } from './types.ts';
import { wrap } from './wrap.ts';

/** One answer, as the scorecard and --json see it. A skipped question (an empty answer) has no grade worth saving. */
export interface Answered {
  question: DrillQuestion;
  answer: string;
  grade: Grade;
  seconds: number | null;
  skipped: boolean;
}

const words = {
  en: {
    intro: (count: number) => `Drill: ${count} interview question${count === 1 ? '' : 's'}, in English. Answer as you would aloud, in a few sentences; an empty line sends the answer.\n`
      + 'Press Enter on an empty first line to skip and see the model answer; :q or Ctrl-D stops and shows your scorecard.',
    mockIntro: (count: number, minutes: number, seed: number) => `Mock interview: ${count} questions from different chapters in ${minutes} minutes, in English (--seed ${seed} asks the same ones again).\n`
      + 'An empty line sends each answer. The clock runs for the whole interview; :q or Ctrl-D stops early.',
    batchIntro: (count: number, file: string) => `Drill: ${count} answer${count === 1 ? '' : 's'} from ${file}, graded in English.`,
    chapter: (id: string) => `chapter ${id}`,
    missedLast: 'missed last time',
    aim: 'aim for about a minute',
    left: (clock: string) => `${clock} left`,
    score: 'score', named: 'named: ', missed: 'missed: ', contradicted: 'said the opposite of: ', myth: 'myth: ', instead: 'what the source shows: ',
    model: 'A 30-second answer:',
    skippedNote: 'skipped: here is a 30-second answer.',
    seconds: (seconds: number) => `${seconds} s`,
    timeUp: 'Time is up.',
    scorecard: (count: number, average: number) => `Scorecard: ${count} question${count === 1 ? '' : 's'}, average ${average}%`,
    mockCard: (used: string, limit: string) => `Mock interview: ${used} of ${limit} used`,
    unanswered: 'not answered',
    skipped: 'skipped',
    rating: (average: number) => average >= 80 ? 'Strong: you made most of the claims an interviewer listens for.'
      : average >= 60 ? 'Good: a few gaps, listed below.' : 'Keep drilling: read the chapters below again, then try once more.',
    missedMost: 'Claims you missed most: ',
    readAgain: 'Read again: ',
    nothing: 'No answers yet: nothing to score.',
    next: (due: number) => due ? `Next session: ${due} question${due === 1 ? ' is' : 's are'} due, the ones you missed first: npm run drill`
      : 'Next session: npm run drill (or --mock for a timed interview)',
  },
  zh: {
    intro: (count: number) => `面试练习（中文）：共 ${count} 题。像面试时口头回答那样写几句，空一行（再按一次回车）提交。\n`
      + '第一行直接回车就跳过这题，并显示参考答案；输入 :q 或按 Ctrl-D 结束并显示成绩单。中英文混着答也可以。',
    mockIntro: (count: number, minutes: number, seed: number) => `模拟面试（中文）：${count} 道题，来自不同章节，限时 ${minutes} 分钟（用 --seed ${seed} 可以再考同样的题）。\n`
      + '每题写完空一行提交。计时覆盖整场面试；输入 :q 或按 Ctrl-D 可以提前结束。',
    batchIntro: (count: number, file: string) => `面试练习（中文）：从 ${file} 读入 ${count} 个回答。`,
    chapter: (id: string) => `第 ${id} 章`,
    missedLast: '上次没答好',
    aim: '建议一分钟左右',
    left: (clock: string) => `剩余 ${clock}`,
    score: '得分', named: '答到：', missed: '漏掉：', contradicted: '说反了：', myth: '误区：', instead: '实际上：',
    model: '30 秒参考答案：',
    skippedNote: '已跳过，参考答案如下。',
    seconds: (seconds: number) => `${seconds} 秒`,
    timeUp: '时间到。',
    scorecard: (count: number, average: number) => `成绩单：共 ${count} 题，平均 ${average}%`,
    mockCard: (used: string, limit: string) => `模拟面试：用时 ${used}，限时 ${limit}`,
    unanswered: '未作答',
    skipped: '已跳过',
    rating: (average: number) => average >= 80 ? '很好：面试官想听的要点你基本都说到了。'
      : average >= 60 ? '不错：还有几处空缺，见下方。' : '继续练：先重读下面的章节，再来一遍。',
    missedMost: '最常漏掉的要点：',
    readAgain: '建议重读：',
    nothing: '还没有作答，没有可评的内容。',
    next: (due: number) => due ? `下一轮：有 ${due} 道题到期，没答好的优先出现：npm run drill -- --lang zh`
      : '下一轮：npm run drill -- --lang zh（加 --mock 做限时模拟面试）',
  },
};

export function ui(lang: Lang) {
  return words[lang];
}

export function clock(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function renderQuestion(question: DrillQuestion, index: number, total: number, lang: Lang, detail: string): string {
  return `\n[${index + 1}/${total}] ${ui(lang).chapter(question.chapter)} · ${detail}\n${wrap(question.question[lang])}`;
}

const mark = (score: number) => score >= passScore ? '✓' : score >= 0.4 ? '~' : '✗';
// Claim labels contain commas themselves, so lists of them are separated by semicolons.
const separator = (lang: Lang) => lang === 'zh' ? '；' : '; ';

export function renderFeedback(answered: Answered, lang: Lang): string {
  const say = ui(lang);
  const { grade } = answered;
  if (answered.skipped) return [`  ${say.skippedNote}`, wrap(answered.question.model[lang], '    ')].join('\n');
  const took = answered.seconds === null ? '' : ` · ${say.seconds(answered.seconds)}`;
  const lines = [`  ${mark(grade.score)} ${say.score} ${Math.round(grade.score * 100)}%${took}`];
  const list = (label: string, items: string[]) => { if (items.length) lines.push(wrap(`${label}${items.join(separator(lang))}`, '  ')); };
  list(say.named, grade.hit);
  list(say.missed, grade.missed);
  list(say.contradicted, grade.contradicted);
  for (const myth of grade.myths) lines.push(wrap(`${say.myth}${myth.myth}`, '  '), wrap(`${say.instead}${myth.correction}`, '    '));
  lines.push(`  ${say.model}`, wrap(answered.question.model[lang], '    '));
  return lines.join('\n');
}

export interface MockClock {
  usedMs: number;
  limitMs: number;
}

/** The scorecard: each question's score, the claims missed most often, the chapters to reread. A
 *  skipped question is listed but not averaged; in a mock interview it counts as unanswered. */
export function renderScorecard(answered: Answered[], lang: Lang, due: number, unanswered: DrillQuestion[] = [], mock?: MockClock): string {
  const say = ui(lang);
  const graded = answered.filter((entry) => !entry.skipped || mock);
  const scored = [...graded.map((entry) => ({ question: entry.question, score: entry.skipped ? 0 : entry.grade.score, note: entry.skipped ? say.skipped : '' })),
    ...unanswered.map((question) => ({ question, score: 0, note: say.unanswered }))];
  const skipped = mock ? [] : answered.filter((entry) => entry.skipped);
  if (!scored.length && !skipped.length) return say.nothing;
  const lines = [''];
  if (mock) lines.push(say.mockCard(clock(mock.usedMs), clock(mock.limitMs)));
  const average = scored.length ? Math.round((scored.reduce((sum, entry) => sum + entry.score, 0) / scored.length) * 100) : 0;
  lines.push(say.scorecard(scored.length, average));
  const width = Math.max(...[...scored, ...skipped].map((entry) => entry.question.id.length));
  for (const entry of scored) {
    lines.push(`  ${mark(entry.score)} ${String(Math.round(entry.score * 100)).padStart(3)}%  ${entry.question.id.padEnd(width)}${entry.note ? `  (${entry.note})` : ''}`.trimEnd());
  }
  for (const entry of skipped) lines.push(`  -    -  ${entry.question.id.padEnd(width)}  (${say.skipped})`);
  if (mock) lines.push(say.rating(average));
  const missedCount = new Map<string, number>();
  for (const entry of answered) if (!entry.skipped) for (const label of entry.grade.missed) missedCount.set(label, (missedCount.get(label) ?? 0) + 1);
  const mostMissed = [...missedCount].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([label]) => label);
  if (mostMissed.length) lines.push(wrap(`${say.missedMost}${mostMissed.join(separator(lang))}`));
  const weakChapters = [...new Set(scored.filter((entry) => entry.score < passScore).map((entry) => entry.question.chapter))]
    .map((id) => findChapter(id)).filter((chapter) => chapter && existsSync(new URL(`../../chapters/${chapter.slug}.md`, import.meta.url)))
    .map((chapter) => `chapters/${chapter!.slug}.md`);
  if (weakChapters.length) lines.push(`${say.readAgain}${weakChapters.join(', ')}`);
  lines.push(say.next(due));
  return lines.join('\n');
}
