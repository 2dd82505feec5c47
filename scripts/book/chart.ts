// A small-multiples bar chart as inline SVG: one panel per measure, one bar per runtime × method.
// Inline, so it draws from file:// with no script and no request; colours come from the page's CSS,
// so it follows the light/dark theme and prints in black and grey.
import { escapeHtml } from './html.ts';

export interface Bar {
  label: string;
  /** Undefined when the run did not measure it (an untraced run has no counts): drawn as "?". */
  value: number | undefined;
  /** Colour key; anything but a known runtime is drawn in the neutral colour. */
  runtime: string;
}

export interface Panel {
  title: string;
  format(value: number): string;
  bars: Bar[];
  /** The scale's minimum full width, so 0.00 against 2.00 copies per byte reads as "none". */
  atLeast?: number;
}

const seriesClasses = new Set(['node', 'bun', 'deno']);
const width = 640;
const labelWidth = 170;
const barWidth = 360;
const rowHeight = 20;
const titleHeight = 24;
const panelGap = 14;

function panelSvg(panel: Panel, top: number): { svg: string; height: number } {
  const finite = panel.bars.map((bar) => bar.value).filter((value): value is number => value !== undefined && Number.isFinite(value));
  const max = Math.max(panel.atLeast ?? 0, ...finite, Number.MIN_VALUE);
  const parts = [`<text class="panel-title" x="0" y="${top + 16}">${escapeHtml(panel.title)}</text>`];
  panel.bars.forEach((bar, index) => {
    const y = top + titleHeight + index * rowHeight;
    const series = seriesClasses.has(bar.runtime) ? bar.runtime : 'other';
    parts.push(`<text class="bar-label" x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(bar.label)}</text>`);
    if (bar.value === undefined || !Number.isFinite(bar.value)) {
      parts.push(`<text class="bar-value" x="${labelWidth}" y="${y + 14}">? not measured</text>`);
      return;
    }
    const length = Math.max(0, (bar.value / max) * barWidth);
    parts.push(`<rect class="bar bar-${series}" x="${labelWidth}" y="${y + 3}" width="${length.toFixed(1)}" height="${rowHeight - 6}"><title>${escapeHtml(`${bar.label}: ${panel.format(bar.value)}`)}</title></rect>`);
    parts.push(`<text class="bar-value" x="${(labelWidth + length + 6).toFixed(1)}" y="${y + 14}">${escapeHtml(panel.format(bar.value))}</text>`);
  });
  return { svg: parts.join(''), height: titleHeight + panel.bars.length * rowHeight };
}

export function chartSvg(title: string, panels: Panel[]): string {
  let top = 0;
  const drawn = panels.map((panel) => {
    const { svg, height } = panelSvg(panel, top);
    top += height + panelGap;
    return svg;
  });
  const height = Math.max(top - panelGap, 1);
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title">`
    + `<title id="chart-title">${escapeHtml(title)}</title>${drawn.join('')}</svg>`;
}
