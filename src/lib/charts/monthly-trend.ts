// Line + dots over months, e.g. 低保 households per month.

import * as Plot from '@observablehq/plot';
import {line as d3line, scaleLinear, scalePoint} from 'd3';
import {bottomLabelsSvg, gOpen, legendSvg, plotText, ruleYSvg, valueAxisSvg} from './svg-write.ts';
import {formatMonthZh, formatWithUnit, monthRange, parsePeriod, periodAxisLabels, valueAxis} from './format.ts';
import {
  CHART_FONT_SIZE,
  CHART_WIDTH,
  chartOpen,
  svgAttr,
  labelWidth,
  niceZeroDomain,
  renderEmpty,
  renderPlot,
  swatchLegend,
  textWidth,
  thinTicks,
  type ChartMeta,
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

  const layout = trendLayout(series, unitLabel);
  return {svg: trendSvg(layout, meta), table};
}

/** Everything both renderings of a trend chart draw, worked out once. */
export interface TrendLayout {
  months: string[];
  /** One point per month of `months`; NaN where a month has no value (a gap in the line). */
  line: MonthlyTrendPoint[];
  series: MonthlyTrendPoint[];
  last: MonthlyTrendPoint;
  domain: [number, number];
  ticks: number[];
  tickFormat: (n: number) => string;
  unitNote: string;
  marginLeft: number;
  marginRight: number;
  xTicks: string[];
  xLabels: Map<string, string>;
  lastLabel: string;
}

export function trendLayout(series: MonthlyTrendPoint[], unitLabel: string): TrendLayout {
  const first = series[0]!;
  const last = series[series.length - 1]!;
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
  return {
    months, line, series, last, domain, ticks, tickFormat: axis.format, unitNote: `单位：${axis.label}`,
    marginLeft, marginRight, xTicks, xLabels, lastLabel: formatWithUnit(last.value, unitLabel),
  };
}

const MARGIN_TOP = 30;
const MARGIN_BOTTOM = 2 * CHART_FONT_SIZE + 12;

/**
 * The trend chart as Observable Plot draws it. This is the reference: {@link trendSvg} writes the
 * same markup directly, about ten times faster (a province draws three trends per village), and a
 * test checks the two agree byte for byte on thousands of random series.
 */
export function trendPlot(layout: TrendLayout, meta: ChartMeta): string {
  const {months, line, series, last, domain, ticks, tickFormat, marginLeft, marginRight, xTicks, xLabels} = layout;
  return renderPlot(
    {
      width: CHART_WIDTH,
      height: HEIGHT,
      marginTop: MARGIN_TOP,
      marginRight,
      marginBottom: MARGIN_BOTTOM,
      marginLeft,
      x: {type: 'point', domain: months, padding: 0.5, ticks: xTicks, tickFormat: (p: string) => xLabels.get(p) ?? '', tickSize: 0, label: null},
      y: {type: 'linear', domain, ticks, tickFormat, tickSize: 0, label: null, grid: true},
      marks: [
        swatchLegend([], {note: layout.unitNote}),
        Plot.ruleY([0], {stroke: '#999'}),
        Plot.lineY(line, {x: 'period', y: 'value', stroke: LINE_COLOR, strokeWidth: 2}),
        Plot.dot(series, {x: 'period', y: 'value', fill: LINE_COLOR, r: 3}),
        Plot.text([last], {
          x: 'period',
          y: 'value',
          text: () => layout.lastLabel,
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
}

/** Writes the markup {@link trendPlot} produces, with d3's scales and line generator as Plot uses them. */
export function trendSvg(layout: TrendLayout, meta: ChartMeta): string {
  const {months, line, series, last, domain, ticks, tickFormat, marginLeft, marginRight, xTicks, xLabels} = layout;
  const left = marginLeft;
  const right = Math.max(left, CHART_WIDTH - marginRight);
  const bottom = HEIGHT - MARGIN_BOTTOM;
  const y = scaleLinear().domain(domain).range([Math.max(MARGIN_TOP, bottom), MARGIN_TOP]);
  const x = scalePoint<string>().domain(months).range([left, right]).padding(0.5).align(0.5);
  // Plot rounds a point scale to whole pixels when that wastes at most 30 px (autoScaleRound).
  const step = Math.abs(right - left) / Math.max(1, months.length - 1 + 1);
  if ((step - Math.floor(step)) * (months.length - 1) <= 30) x.round(true);
  const X = (p: string) => x(p) ?? Number.NaN;

  let out = chartOpen(meta, CHART_WIDTH, HEIGHT);
  out += valueAxisSvg(ticks, y, left, right, tickFormat);
  out += bottomLabelsSvg(xTicks, X, bottom, (p) => xLabels.get(p) ?? '', false);
  out += legendSvg([], {note: layout.unitNote});
  out += ruleYSvg(y(0), left, right, '#999');
  const path = d3line<MonthlyTrendPoint>()
    .defined((d) => Number.isFinite(d.value))
    .x((d) => X(d.period))
    .y((d) => y(d.value))(line);
  out += gOpen(['fill', 'none'], ['stroke', LINE_COLOR], ['stroke-width', 2], ['stroke-linejoin', 'round'], ['stroke-linecap', 'round']);
  out += `<path${svgAttr('d', path ?? '')}/></g>${gOpen(['fill', LINE_COLOR])}`;
  for (const d of series) out += `<circle${svgAttr('cx', X(d.period))}${svgAttr('cy', y(d.value))}${svgAttr('r', 3)}/>`;
  const many = months.length > 1;
  const labelAttrs: [string, string | number][] = [['fill', LINE_COLOR], ['stroke', 'white'], ['stroke-width', 3], ['stroke-linejoin', 'round'], ['paint-order', 'stroke']];
  if (many) labelAttrs.push(['text-anchor', 'end']);
  labelAttrs.push(['transform', `translate(${many ? 4 : 0},${labelSide(last.value) * -(CHART_FONT_SIZE - 1)})`]);
  out += `</g>${gOpen(...labelAttrs)}${plotText(layout.lastLabel, `translate(${X(last.period)},${y(last.value)})`, 'middle')}</g>`;
  return `${out}</svg>`;
}

/** Label above a non-negative point, below a negative one. */
function labelSide(v: number): number {
  return v < 0 ? -1 : 1;
}
