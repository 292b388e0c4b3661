// Line + dots over months, e.g. 低保 households per month.

import * as Plot from '@observablehq/plot';
import {formatMonthZh, formatWithUnit, monthRange, parsePeriod, periodAxisLabels, valueAxis} from './format.ts';
import {
  CHART_FONT_SIZE,
  CHART_WIDTH,
  labelWidth,
  niceZeroDomain,
  renderEmpty,
  renderPlot,
  swatchLegend,
  textWidth,
  thinTicks,
  type ChartResult,
} from './render.ts';

export interface MonthlyTrendPoint {
  /** `YYYY-MM` */
  period: string;
  value: number;
}

export interface MonthlyTrendInput {
  id: string;
  title: string;
  description: string;
  /** Unit of `value`, e.g. `户`, `人`, `元` (money is shown as 万元 when large). */
  unitLabel: string;
  series: MonthlyTrendPoint[];
}

const HEIGHT = 230;
const LINE_COLOR = '#2b6cb0';

/**
 * Monthly trend: points are sorted by month; months missing between the
 * first and last one stay on the axis and break the line (no invented
 * values). The latest value is labelled. X labels read `6月`, with the year
 * on a second line at the first label and at each change of year; when months
 * are too close for every label, every 2nd, 3rd, 4th, 6th or 12th month is
 * labelled (always January), and always the first and the latest month.
 * Throws on a malformed period, a non-finite value or a repeated month.
 */
export function monthlyTrendChart(input: MonthlyTrendInput): ChartResult {
  const {id, title, description, unitLabel} = input;
  const series = input.series.map((d) => ({period: d.period, value: d.value}));
  for (const d of series) {
    if (parsePeriod(d.period)?.kind !== 'month') throw new RangeError(`monthlyTrendChart(${id}): bad month ${JSON.stringify(d.period)}`);
    if (!Number.isFinite(d.value)) throw new RangeError(`monthlyTrendChart(${id}): value for ${d.period} is not a finite number`);
  }
  series.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  for (let i = 1; i < series.length; i++) {
    if (series[i]?.period === series[i - 1]?.period) throw new RangeError(`monthlyTrendChart(${id}): month ${series[i]?.period} appears twice`);
  }

  const table = {
    caption: title,
    columns: ['月份', `数值（${unitLabel}）`],
    rows: series.map((d) => [formatMonthZh(d.period), d.value]),
  };
  const meta = {id, title, description};
  const first = series[0];
  const last = series[series.length - 1];
  if (!first || !last) return {svg: renderEmpty(meta, {width: CHART_WIDTH, height: HEIGHT}), table};

  const months = monthRange(first.period, last.period);
  const byMonth = new Map(series.map((d) => [d.period, d.value]));
  const line = months.map((period) => ({period, value: byMonth.get(period) ?? Number.NaN}));

  const values = series.map((d) => d.value);
  const {domain, ticks} = niceZeroDomain(values);
  const axis = valueAxis(Math.max(...values.map(Math.abs)), unitLabel);
  const marginLeft = Math.max(...ticks.map((t) => textWidth(axis.format(t)))) + 10;
  const marginRight = 12;
  const plotWidth = CHART_WIDTH - marginLeft - marginRight;

  // Point scale with padding 0.5: one slot of plotWidth / n per month.
  const widest = labelWidth(periodAxisLabels(months), CHART_FONT_SIZE);
  const xTicks = thinTicks(months.length, plotWidth / months.length, widest, {offset: (parsePeriod(first.period)?.index ?? 1) - 1}).map((i) => months[i] ?? '');
  const tickLabels = periodAxisLabels(xTicks);
  const xLabels = new Map(xTicks.map((p, i) => [p, tickLabels[i] ?? p]));

  const svg = renderPlot(
    {
      width: CHART_WIDTH,
      height: HEIGHT,
      marginTop: 30,
      marginRight,
      marginBottom: 2 * CHART_FONT_SIZE + 12,
      marginLeft,
      x: {type: 'point', domain: months, padding: 0.5, ticks: xTicks, tickFormat: (p: string) => xLabels.get(p) ?? '', tickSize: 0, label: null},
      y: {type: 'linear', domain, ticks, tickFormat: axis.format, tickSize: 0, label: null, grid: true},
      marks: [
        swatchLegend([], {note: `单位：${axis.label}`}),
        Plot.ruleY([0], {stroke: '#999'}),
        Plot.lineY(line, {x: 'period', y: 'value', stroke: LINE_COLOR, strokeWidth: 2}),
        Plot.dot(series, {x: 'period', y: 'value', fill: LINE_COLOR, r: 3}),
        Plot.text([last], {
          x: 'period',
          y: 'value',
          text: (d: MonthlyTrendPoint) => formatWithUnit(d.value, unitLabel),
          textAnchor: months.length > 1 ? 'end' : 'middle',
          dx: months.length > 1 ? 4 : 0,
          dy: labelSide(last.value) * -(CHART_FONT_SIZE - 1),
          stroke: 'white',
          strokeWidth: 3,
          paintOrder: 'stroke',
          fill: LINE_COLOR,
        }),
      ],
    },
    meta,
  );
  return {svg, table};
}

/** Label above a non-negative point, below a negative one. */
function labelSide(v: number): number {
  return v < 0 ? -1 : 1;
}
