// A small-multiples bar chart as inline SVG: one panel per measure, one bar per runtime × method,
// coloured by runtime as the bench's chart is (scripts/chart-palette.ts), with a legend of the
// runtimes above the panels. Inline, so it draws from file:// with no script and no request; the
// colours read on the light and the dark theme alike, and the page's print CSS turns them grey.
import { runtimeNames } from '../../runtime-adapters/types.ts';
import { runtimeColour } from '../chart-palette.ts';
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

const width = 640;
const labelWidth = 170;
const barWidth = 360;
const rowHeight = 20;
const titleHeight = 24;
const panelGap = 14;
const legendHeight = 30;
const legendSlot = 72;

const known = runtimeNames as readonly string[];
/** The class the page's print CSS greys a runtime's bars and swatch by. */
const seriesClass = (runtime: string) => `bar-${known.includes(runtime) ? runtime : 'other'}`;

function panelSvg(panel: Panel, top: number): { svg: string; height: number } {
  const finite = panel.bars.map((bar) => bar.value).filter((value): value is number => value !== undefined && Number.isFinite(value));
  const max = Math.max(panel.atLeast ?? 0, ...finite, Number.MIN_VALUE);
  const parts = [`<text class="panel-title" x="0" y="${top + 16}">${escapeHtml(panel.title)}</text>`];
  panel.bars.forEach((bar, index) => {
    const y = top + titleHeight + index * rowHeight;
    parts.push(`<text class="bar-label" x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(bar.label)}</text>`);
    if (bar.value === undefined || !Number.isFinite(bar.value)) {
      parts.push(`<text class="bar-value" x="${labelWidth}" y="${y + 14}">? not measured</text>`);
      return;
    }
    const length = Math.max(0, (bar.value / max) * barWidth);
    parts.push(`<rect class="bar ${seriesClass(bar.runtime)}" x="${labelWidth}" y="${y + 3}" width="${length.toFixed(1)}" height="${rowHeight - 6}" fill="${runtimeColour(bar.runtime)}"><title>${escapeHtml(`${bar.label}: ${panel.format(bar.value)}`)}</title></rect>`);
    parts.push(`<text class="bar-value" x="${(labelWidth + length + 6).toFixed(1)}" y="${y + 14}">${escapeHtml(panel.format(bar.value))}</text>`);
  });
  return { svg: parts.join(''), height: titleHeight + panel.bars.length * rowHeight };
}

/** A swatch and name for each runtime the bars show, in the adapters' order. */
function legendSvg(panels: Panel[]): string {
  const shown = [...new Set(panels.flatMap((panel) => panel.bars.map((bar) => bar.runtime)))]
    .sort((a, b) => known.indexOf(a) - known.indexOf(b));
  return shown.map((runtime, i) => `<rect class="swatch ${seriesClass(runtime)}" x="${i * legendSlot}" y="4" width="12" height="12" fill="${runtimeColour(runtime)}"/>`
    + `<text class="legend" x="${i * legendSlot + 17}" y="14">${escapeHtml(runtime)}</text>`).join('');
}

export function chartSvg(title: string, panels: Panel[]): string {
  let top = legendHeight;
  const drawn = panels.map((panel) => {
    const { svg, height } = panelSvg(panel, top);
    top += height + panelGap;
    return svg;
  });
  const height = Math.max(top - panelGap, 1);
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title">`
    + `<title id="chart-title">${escapeHtml(title)}</title>${legendSvg(panels)}${drawn.join('')}</svg>`;
}
