// Horizontal bars, one per category (城关镇, 王家村, …), in the order given.

import * as Plot from '@observablehq/plot';
import {formatWithUnit} from './format.ts';
import {CHART_WIDTH, renderEmpty, renderPlot, textWidth, truncate, type ChartResult} from './render.ts';

export interface CategoryBar {
  label: string;
  value: number;
}

export interface CategoryBarsInput {
  id: string;
  title: string;
  description: string;
  /** Unit of `value`, e.g. `户`, `人`, `元`. */
  unitLabel: string;
  bars: CategoryBar[];
  /** Text at the end of each bar; defaults to `formatWithUnit(value, unitLabel)` (万元 for large money). */
  formatValue?: (value: number) => string;
}

const ROW = 26;
const BAR_COLOR = '#2b6cb0';
/** Category labels longer than this share of the width are cut with `…` (the table keeps them whole). */
const MAX_LABEL_SHARE = 0.4;

/**
 * Horizontal bar chart, bars in the order given (sort before calling),
 * category names at the left, formatted value at the end of each bar.
 * Repeated labels are fine (each bar is its own row). Negative values extend
 * left of a zero rule. Throws on a non-finite value.
 */
export function categoryBarsChart(input: CategoryBarsInput): ChartResult {
  const {id, title, description, unitLabel} = input;
  const format = input.formatValue ?? ((v: number) => formatWithUnit(v, unitLabel));
  for (const b of input.bars) {
    if (!Number.isFinite(b.value)) throw new RangeError(`categoryBarsChart(${id}): value for ${JSON.stringify(b.label)} is not a finite number`);
  }

  const table = {
    caption: title,
    columns: ['名称', `数值（${unitLabel}）`],
    rows: input.bars.map((b) => [b.label, b.value]),
  };
  const meta = {id, title, description};
  if (input.bars.length === 0) return {svg: renderEmpty(meta, {width: CHART_WIDTH, height: 120}), table};

  // Row keys rather than labels, so two categories with one name get two rows.
  const rows = input.bars.map((b, i) => ({
    key: `r${i}`,
    label: truncate(b.label, CHART_WIDTH * MAX_LABEL_SHARE),
    value: b.value,
    text: format(b.value),
  }));
  const labelOf = new Map(rows.map((r) => [r.key, r.label]));

  const marginLeft = Math.max(...rows.map((r) => textWidth(r.label))) + 8;
  const marginRight = Math.max(...rows.filter((r) => r.value >= 0).map((r) => textWidth(r.text)), 0) + 8;
  const plotWidth = Math.max(40, CHART_WIDTH - marginLeft - marginRight);

  let lo = Math.min(0, ...rows.map((r) => r.value));
  let hi = Math.max(0, ...rows.map((r) => r.value));
  if (lo === hi) hi = 1;
  if (lo < 0) {
    // Make room inside the frame for the text left of negative bars.
    const w = Math.max(...rows.filter((r) => r.value < 0).map((r) => textWidth(r.text))) + 6;
    const share = Math.min(0.5, w / plotWidth);
    lo -= ((hi - lo) * share) / (1 - share);
  }

  const svg = renderPlot(
    {
      width: CHART_WIDTH,
      height: rows.length * ROW + 8,
      marginTop: 4,
      marginBottom: 4,
      marginLeft,
      marginRight,
      x: {type: 'linear', domain: [lo, hi], axis: null},
      y: {type: 'band', domain: rows.map((r) => r.key), padding: 0.25, tickFormat: (k: string) => labelOf.get(k) ?? '', tickSize: 0, tickPadding: 6, label: null},
      marks: [
        Plot.barX(rows, {x: 'value', y: 'key', fill: BAR_COLOR}),
        Plot.ruleX([0], {stroke: '#999'}),
        Plot.text(rows.filter((r) => r.value >= 0), {x: 'value', y: 'key', text: 'text', textAnchor: 'start', dx: 4}),
        Plot.text(rows.filter((r) => r.value < 0), {x: 'value', y: 'key', text: 'text', textAnchor: 'end', dx: -4}),
      ],
    },
    meta,
  );
  return {svg, table};
}
