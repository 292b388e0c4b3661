// Village finance: income and spending side by side per quarter or month.

import * as Plot from '@observablehq/plot';
import {scaleLinear} from 'd3';
import {bottomLabelsSvg, gOpen, legendSvg, ruleYSvg, valueAxisSvg} from './svg-write.ts';
import {formatPeriodZh, parsePeriod, periodAxisLabels, valueAxis} from './format.ts';
import {
  CHART_FONT_SIZE,
  CHART_WIDTH,
  chartOpen,
  labelWidth,
  niceZeroDomain,
  renderEmpty,
  renderPlot,
  svgAttr,
  swatchLegend,
  textWidth,
  thinTicks,
  type ChartMeta,
  type ChartResult,
  type LegendItem,
} from './render.ts';

export interface IncomeSpendingPoint {
  /** `2026Q1`, `2026-06` or `2026`; one kind per chart. */
  period: string;
  /** 收入, 元 */
  income: number;
  /** 支出, 元 */
  spending: number;
}

export interface IncomeVsSpendingInput {
  id: string;
  title: string;
  description: string;
  series: IncomeSpendingPoint[];
}

export const INCOME_COLOR = '#2b6cb0';
export const SPENDING_COLOR = '#dd6b20';
export const INCOME_LABEL = '收入';
export const SPENDING_LABEL = '支出';

const HEIGHT = 250;
/** Label every 2nd, 4th … period when they are too close: steps that keep labels on the same months/quarters. */
const STEPS: Record<string, number[]> = {month: [1, 2, 3, 4, 6, 12], quarter: [1, 2, 4], year: [1, 2, 5, 10]};
/** Half-width of each bar pair, in periods (the x axis is the period index). */
const HALF = 0.4;
const GAP = 0.03;

/**
 * Paired vertical bars (income, spending) for each period, sorted by period.
 * Periods without data are simply absent (an empty slot would read as zero).
 * The y axis switches to 万元 for large amounts; the table also gives the
 * balance (结余 = 收入 − 支出, rounded to 分). Throws on a malformed or repeated
 * period, mixed period kinds, or a non-finite amount.
 */
export function incomeVsSpendingChart(input: IncomeVsSpendingInput): ChartResult {
  const {id, title, description} = input;
  const series = input.series.map((d) => ({period: d.period, income: d.income, spending: d.spending}));
  let kind: string | undefined;
  for (const d of series) {
    const p = parsePeriod(d.period);
    if (!p) throw new RangeError(`incomeVsSpendingChart(${id}): bad period ${JSON.stringify(d.period)}`);
    if (kind !== undefined && p.kind !== kind) throw new RangeError(`incomeVsSpendingChart(${id}): periods mix ${kind} and ${p.kind}`);
    kind = p.kind;
    if (!Number.isFinite(d.income) || !Number.isFinite(d.spending)) {
      throw new RangeError(`incomeVsSpendingChart(${id}): amounts for ${d.period} must be finite numbers`);
    }
  }
  series.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  for (let i = 1; i < series.length; i++) {
    if (series[i]?.period === series[i - 1]?.period) throw new RangeError(`incomeVsSpendingChart(${id}): period ${series[i]?.period} appears twice`);
  }

  const table = {
    caption: title,
    columns: ['期间', `${INCOME_LABEL}（元）`, `${SPENDING_LABEL}（元）`, '结余（元）'],
    rows: series.map((d) => [formatPeriodZh(d.period), d.income, d.spending, Math.round((d.income - d.spending) * 100) / 100]),
  };
  const meta = {id, title, description};
  if (series.length === 0) return {svg: renderEmpty(meta, {width: CHART_WIDTH, height: HEIGHT}), table};

  const layout = financeLayout(series, kind ?? 'month');
  return {svg: financeSvg(layout, meta), table};
}

/** Everything both renderings of the chart draw, worked out once. */
export interface FinanceLayout {
  bars: (IncomeSpendingPoint & {i: number})[];
  domain: [number, number];
  ticks: number[];
  tickFormat: (n: number) => string;
  unitNote: string;
  marginLeft: number;
  marginRight: number;
  xTicks: number[];
  xLabels: Map<number, string>;
}

/** `series` sorted by period, of one `kind` (month, quarter or year), not empty. */
export function financeLayout(series: IncomeSpendingPoint[], kind: string): FinanceLayout {
  const values = series.flatMap((d) => [d.income, d.spending]);
  const {domain, ticks} = niceZeroDomain(values);
  const axis = valueAxis(Math.max(...values.map(Math.abs)), '元');
  const marginLeft = Math.max(...ticks.map((t) => textWidth(axis.format(t)))) + 10;
  const marginRight = 8;
  const plotWidth = CHART_WIDTH - marginLeft - marginRight;

  const n = series.length;
  const widest = labelWidth(periodAxisLabels(series.map((d) => d.period)), CHART_FONT_SIZE);
  const p0 = parsePeriod(series[0]?.period ?? '');
  const offset = p0 ? (p0.kind === 'year' ? p0.year : p0.index - 1) : 0;
  const xTicks = thinTicks(n, plotWidth / n, widest, {steps: STEPS[kind], offset});
  const tickLabels = periodAxisLabels(xTicks.map((i) => series[i]?.period ?? ''));
  const xLabels = new Map(xTicks.map((i, j) => [i, tickLabels[j] ?? '']));
  const bars = series.map((d, i) => ({i, ...d}));
  return {bars, domain, ticks, tickFormat: axis.format, unitNote: `单位：${axis.label}`, marginLeft, marginRight, xTicks, xLabels};
}

const MARGIN_TOP = 30;
const MARGIN_BOTTOM = 2 * CHART_FONT_SIZE + 12;
const LEGEND: LegendItem[] = [
  {label: INCOME_LABEL, color: INCOME_COLOR},
  {label: SPENDING_LABEL, color: SPENDING_COLOR},
];

/**
 * The chart as Observable Plot draws it: the reference {@link financeSvg} is tested against byte
 * for byte (that one is used, being several times faster; a province draws one per village).
 */
export function financePlot(layout: FinanceLayout, meta: ChartMeta): string {
  const {bars, domain, ticks, tickFormat, marginLeft, marginRight, xTicks, xLabels} = layout;
  const n = bars.length;
  return renderPlot(
    {
      width: CHART_WIDTH,
      height: HEIGHT,
      marginTop: MARGIN_TOP,
      marginRight,
      marginBottom: MARGIN_BOTTOM,
      marginLeft,
      x: {type: 'linear', domain: [-0.5, n - 0.5], ticks: xTicks, tickFormat: (i: number) => xLabels.get(i) ?? '', tickSize: 0, label: null},
      y: {type: 'linear', domain, ticks, tickFormat, tickSize: 0, label: null, grid: true},
      marks: [
        swatchLegend(LEGEND, {note: layout.unitNote}),
        // Plain rects (no stacking): the pair shares one x slot.
        Plot.rect(bars, {x1: (d: {i: number}) => d.i - HALF, x2: (d: {i: number}) => d.i - GAP, y1: 0, y2: 'income', fill: INCOME_COLOR}),
        Plot.rect(bars, {x1: (d: {i: number}) => d.i + GAP, x2: (d: {i: number}) => d.i + HALF, y1: 0, y2: 'spending', fill: SPENDING_COLOR}),
        Plot.ruleY([0], {stroke: '#999'}),
      ],
    },
    meta,
  );
}

/** Writes the markup {@link financePlot} produces, with d3's scales as Plot sets them up. */
export function financeSvg(layout: FinanceLayout, meta: ChartMeta): string {
  const {bars, domain, ticks, tickFormat, marginLeft, marginRight, xTicks, xLabels} = layout;
  const left = marginLeft;
  const right = Math.max(left, CHART_WIDTH - marginRight);
  const bottom = HEIGHT - MARGIN_BOTTOM;
  const x = scaleLinear().domain([-0.5, bars.length - 0.5]).range([left, right]);
  const y = scaleLinear().domain(domain).range([Math.max(MARGIN_TOP, bottom), MARGIN_TOP]);
  const Y0 = y(0);
  const rect = (x1: number, x2: number, y2: number): string =>
    `<rect${svgAttr('x', Math.min(x1, x2))}${svgAttr('y', Math.min(Y0, y2))}${svgAttr('width', Math.max(0, Math.abs(x2 - x1)))}${svgAttr('height', Math.max(0, Math.abs(y2 - Y0)))}/>`;

  let out = chartOpen(meta, CHART_WIDTH, HEIGHT);
  out += valueAxisSvg(ticks, y, left, right, tickFormat);
  out += bottomLabelsSvg(xTicks, x, bottom, (i) => xLabels.get(i) ?? '', true);
  out += legendSvg(LEGEND, {note: layout.unitNote});
  out += gOpen(['fill', INCOME_COLOR]);
  for (const d of bars) out += rect(x(d.i - HALF), x(d.i - GAP), y(d.income));
  out += `</g>${gOpen(['fill', SPENDING_COLOR])}`;
  for (const d of bars) out += rect(x(d.i + GAP), x(d.i + HALF), y(d.spending));
  out += `</g>${ruleYSvg(Y0, left, right, '#999')}`;
  return `${out}</svg>`;
}
