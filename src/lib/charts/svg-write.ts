// Pieces of chart markup written as strings, for the charts a province draws by the ten thousand
// (a trend per village and dataset, a finance and a projects chart per village). Each piece writes
// what Observable Plot, given the same scales, puts into the SVG through renderPlot(); every chart
// that uses them has a test comparing its output with Plot's byte for byte.

import {escapeText, svgAttr, textWidth, type LegendItem} from './render.ts';

/** `<g>` with attributes, in order. */
export function gOpen(...attrs: [string, string | number][]): string {
  let out = '<g';
  for (const [name, value] of attrs) out += svgAttr(name, value);
  return `${out}>`;
}

/**
 * A `<text>` as Plot's text mark writes it: lines split at line breaks, the first line placed
 * by `lineAnchor` (`top` puts it at 0.71em, `middle` centres the block), empty lines skipped,
 * nothing at all for empty text (Plot filters it out).
 */
export function plotText(text: string, transform: string, lineAnchor: 'top' | 'middle'): string {
  if (text === '') return '';
  const lines = text.split(/\r\n?|\n/g);
  const n = lines.length;
  const y = lineAnchor === 'top' ? 0.71 : (164 - n * 100) / 200;
  const at = svgAttr('transform', transform);
  if (n === 1) {
    const line = lines[0] ?? '';
    return `<text${y ? svgAttr('y', `${y}em`) : ''}${at}>${escapeText(line)}</text>`;
  }
  let spans = '';
  let m = 0;
  for (let i = 0; i < n; ++i) {
    ++m;
    const line = lines[i];
    if (!line) continue;
    spans += `<tspan${svgAttr('x', 0)}${i === m - 1 ? svgAttr('y', `${y + i}em`) : svgAttr('dy', `${m}em`)}>${escapeText(line)}</tspan>`;
    m = 0;
  }
  return spans ? `<text${at}>${spans}</text>` : `<text${at}/>`;
}

/**
 * A text mark's group: `<g>` with `attrs` around the texts, or nothing when every text is empty
 * (Plot skips a mark with nothing to draw).
 */
export function textGroup(attrs: [string, string | number][], texts: string[]): string {
  const inner = texts.join('');
  return inner ? `${gOpen(...attrs)}${inner}</g>` : '';
}

/** The markup of {@link swatchLegend}: swatch + label pairs, then the note, in the top margin. */
export function legendSvg(items: readonly LegendItem[], {x = 0, y = 4, note}: {x?: number; y?: number; note?: string} = {}): string {
  let out = gOpen(['transform', `translate(${x},${y})`], ['text-anchor', 'start']);
  let cx = 0;
  for (const {label, color} of items) {
    out += `<rect${svgAttr('x', cx)}${svgAttr('y', 2)}${svgAttr('width', 12)}${svgAttr('height', 12)}${svgAttr('fill', color)}/>`;
    out += `<text${svgAttr('x', cx + 16)}${svgAttr('y', 12)}>${escapeText(label)}</text>`;
    cx += 16 + textWidth(label) + 14;
  }
  if (note) out += `<text${svgAttr('x', cx)}${svgAttr('y', 12)}${svgAttr('fill', '#555')}>${escapeText(note)}</text>`;
  return `${out}</g>`;
}

/**
 * A value axis on the left as Plot draws `y: {ticks, tickFormat, tickSize: 0, label: null, grid: true}`:
 * the grid lines, then the tick labels.
 */
export function valueAxisSvg(ticks: readonly number[], y: (v: number) => number, left: number, right: number, format: (n: number) => string): string {
  let out = gOpen(['stroke', 'currentColor'], ['stroke-opacity', 0.1]);
  for (const t of ticks) out += `<line${svgAttr('x1', left)}${svgAttr('x2', right)}${svgAttr('y1', y(t))}${svgAttr('y2', y(t))}/>`;
  out += '</g>';
  const labels = ticks.map((t) => plotText(format(t), `translate(${left},${y(t)})`, 'middle'));
  return out + textGroup([['text-anchor', 'end'], ['font-variant', 'tabular-nums'], ['transform', 'translate(-9,0)']], labels);
}

/** The x axis's labels at the bottom (`tickSize: 0, label: null`), each at `x(tick)`. */
export function bottomLabelsSvg<T>(ticks: readonly T[], x: (t: T) => number, bottom: number, label: (t: T) => string, numeric: boolean): string {
  const attrs: [string, string | number][] = numeric ? [['font-variant', 'tabular-nums'], ['transform', 'translate(0,9)']] : [['transform', 'translate(0,9)']];
  return textGroup(attrs, ticks.map((t) => plotText(label(t), `translate(${x(t)},${bottom})`, 'top')));
}

/** A horizontal rule across the plot, as `Plot.ruleY([value], {stroke})`. */
export function ruleYSvg(y: number, left: number, right: number, stroke: string): string {
  return `${gOpen(['stroke', stroke])}<line${svgAttr('x1', left)}${svgAttr('x2', right)}${svgAttr('y1', y)}${svgAttr('y2', y)}/></g>`;
}
