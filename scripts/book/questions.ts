// A chapter's questions, from its key (the single source of questions): where to answer, how to
// check, and in the instructor edition (--with-key) the answer and its explanation.
import type { Chapter } from '../catalogue.ts';
import type { ChapterKey, Question } from '../check/types.ts';
import { measureCommand } from '../check/verdicts.ts';
import { escapeHtml, inlineText } from './html.ts';
import type { Page } from './markdown.ts';

function answerText(question: Question): string {
  if (question.kind === 'choice') return `${question.answer}) ${question.choices[question.answer] ?? ''}`;
  return String(question.answer);
}

function questionItem(id: string, question: Question, withKey: boolean): string {
  const kind = question.kind === 'number' ? ' <span class="kind">(a number)</span>'
    : question.kind === 'prediction' ? ' <span class="kind">(prediction)</span>' : '';
  const parts = [`<li id="${escapeHtml(id)}"><p><strong>${escapeHtml(id)}</strong> ${inlineText(question.prompt)}${kind}</p>`];
  if (question.kind === 'choice') {
    parts.push(`<ol class="choices">${Object.entries(question.choices)
      .map(([letter, text]) => `<li><span class="letter">${escapeHtml(letter)})</span> ${inlineText(text)}</li>`).join('')}</ol>`);
  }
  if (question.kind === 'prediction') {
    parts.push(`<p class="measure">Write your prediction in the sheet first, then measure it: <code>${escapeHtml(measureCommand(question.measured))}</code></p>`);
  }
  if (withKey) {
    parts.push(`<div class="key"><p><strong>Answer:</strong> ${inlineText(answerText(question))}</p><p>${inlineText(question.explanation)}</p></div>`);
  }
  return parts.join('') + '</li>';
}

export function questionsSection(page: Page, chapter: Chapter, key: ChapterKey, withKey: boolean): string {
  const ids = Object.keys(key);
  for (const id of ids) page.anchors.add(id);
  return page.heading(2, 'Questions')
    + `<p class="sheet">Answer in <code>answers/${escapeHtml(chapter.slug)}.ts</code>, then run <code>npm run check -- ${escapeHtml(chapter.id)}</code>.</p>\n`
    + `<ol class="questions">\n${Object.entries(key).map(([id, question]) => questionItem(id, question, withKey)).join('\n')}\n</ol>\n`;
}
