// Planned vs. paid amounts per project (衔接资金 and the like), in 元.

import * as Plot from '@observablehq/plot';
import {scaleBand, scaleLinear} from 'd3';
import {formatYuan} from './format.ts';
import {
  CHART_WIDTH,
  chartOpen,
  renderEmpty,
  renderPlot,
  svgAttr,
  swatchLegend,
  textWidth,
  truncate,
  type ChartMeta,
  type ChartResult,
  type LegendItem,
} from './render.ts';
import {gOpen, legendSvg, plotText, textGroup} from './svg-write.ts';

export interface PlannedVsPaidItem {
  label: string;
  /** 计划金额, 元 */
  planned: number;
  /** 已拨付金额, 元 */
  paid: number;
}

export interface PlannedVsPaidInput {
  id: string;
  title: string;
  description: string;
  items: PlannedVsPaidItem[];
  /** What the full-length bar is, in the legend and table (default 计划金额; 合同金额 for works). */
  plannedLabel?: string;
  /** What the overlaid bar is (default 已拨付; 已支付 for works). The table column adds 金额. */
  paidLabel?: string;
  /** The table's share column (default 拨付进度; 支付进度 for works). */
  progressLabel?: string;
  /** The table's first column: what one row is (default 项目; 地区 for per-place rows). */
  itemLabel?: string;
}

export const PLANNED_COLOR = '#bcd4ec';
export const PAID_COLOR = '#1f5a96';
export const PLANNED_LABEL = '计划金额';
export const PAID_LABEL = '已拨付';

const ROW = 44;
const LEGEND_HEIGHT = 24;

/** `paid / planned` as `62.5%`, or `—` when nothing was planned. */
export function paidShare(planned: number, paid: number): string {
  if (!(planned > 0)) return '—';
  return `${(Math.round((paid / planned) * 1000) / 10).toFixed(1)}%`;
}

/**
 * One row per item, in the order given: the project name and
 * `已拨付 / 计划` amounts (formatYuan) on a text line, under it a light
 * full-length "planned" bar with the dark "paid" bar overlaid (thinner, so
 * an overpayment shows past the planned end). A text legend sits on top.
 * The words for the two series and the progress column are inputs (计划金额 /
 * 已拨付 / 拨付进度 by default). Throws on a non-finite amount.
 */
export function plannedVsPaidChart(input: PlannedVsPaidInput): ChartResult {
  const {id, title, description} = input;
  const plannedLabel = input.plannedLabel ?? PLANNED_LABEL;
  const paidLabel = input.paidLabel ?? PAID_LABEL;
  for (const it of input.items) {
    if (!Number.isFinite(it.planned) || !Number.isFinite(it.paid)) {
      throw new RangeError(`plannedVsPaidChart(${id}): amounts for ${JSON.stringify(it.label)} must be finite numbers`);
    }
  }

  const table = {
    caption: title,
    columns: [input.itemLabel ?? '项目', `${plannedLabel}（元）`, `${paidLabel}金额（元）`, input.progressLabel ?? '拨付进度'],
    rows: input.items.map((it) => [it.label, it.planned, it.paid, paidShare(it.planned, it.paid)]),
  };
  const meta = {id, title, description};
  if (input.items.length === 0) return {svg: renderEmpty(meta, {width: CHART_WIDTH, height: 120}), table};

  const layout = plannedLayout(input.items, plannedLabel, paidLabel);
  return {svg: plannedSvg(layout, meta), table};
}

const MARGIN = 4;
// Within a ROW-high band (centre at ROW/2): text line centred 10 px above
// the centre, planned bar from +1 to +15, paid bar from +4 to +12.
const TEXT_DY = -10;

/** Everything both renderings of the chart draw, worked out once. */
export interface PlannedLayout {
  rows: {key: string; label: string; amounts: string; planned: number; paid: number}[];
  lo: number;
  hi: number;
  legend: LegendItem[];
  note: string;
}

/** `items` not empty, amounts finite. */
export function plannedLayout(items: readonly PlannedVsPaidItem[], plannedLabel: string, paidLabel: string): PlannedLayout {
  const plotWidth = CHART_WIDTH - 2 * MARGIN;
  const rows = items.map((it, i) => {
    const amounts = `${formatYuan(it.paid)} / ${formatYuan(it.planned)}`;
    return {
      key: `r${i}`,
      label: truncate(it.label, plotWidth - textWidth(amounts) - 12),
      amounts,
      planned: it.planned,
      paid: it.paid,
    };
  });
  const all = rows.flatMap((r) => [r.planned, r.paid]);
  const lo = Math.min(0, ...all);
  let hi = Math.max(0, ...all);
  if (lo === hi) hi = 1;
  const legend = [
    {label: plannedLabel, color: PLANNED_COLOR},
    {label: paidLabel, color: PAID_COLOR},
  ];
  return {rows, lo, hi, legend, note: `（${paidLabel} / ${plannedLabel}）`};
}

/**
 * The chart as Observable Plot draws it: the reference {@link plannedSvg} is tested against byte
 * for byte (that one is used, being several times faster; a province draws one per village).
 */
export function plannedPlot(layout: PlannedLayout, meta: ChartMeta): string {
  const {rows, lo, hi} = layout;
  return renderPlot(
    {
      width: CHART_WIDTH,
      height: LEGEND_HEIGHT + rows.length * ROW + MARGIN,
      marginTop: LEGEND_HEIGHT,
      marginBottom: MARGIN,
      marginLeft: MARGIN,
      marginRight: MARGIN,
      x: {type: 'linear', domain: [lo, hi], axis: null},
      y: {type: 'band', domain: rows.map((r) => r.key), padding: 0, axis: null},
      marks: [
        swatchLegend(layout.legend, {x: MARGIN, note: layout.note}),
        Plot.barX(rows, {x: 'planned', y: 'key', fill: PLANNED_COLOR, insetTop: ROW / 2 + 1, insetBottom: ROW / 2 - 15}),
        Plot.barX(rows, {x: 'paid', y: 'key', fill: PAID_COLOR, insetTop: ROW / 2 + 4, insetBottom: ROW / 2 - 12}),
        Plot.text(rows, {y: 'key', frameAnchor: 'left', text: 'label', textAnchor: 'start', dy: TEXT_DY}),
        Plot.text(rows, {y: 'key', frameAnchor: 'right', text: 'amounts', textAnchor: 'end', dy: TEXT_DY, fill: '#444'}),
      ],
    },
    meta,
  );
}

/** Writes the markup {@link plannedPlot} produces: d3's scales as Plot sets them up, bars stacked from 0. */
export function plannedSvg(layout: PlannedLayout, meta: ChartMeta): string {
  const {rows, lo, hi} = layout;
  const height = LEGEND_HEIGHT + rows.length * ROW + MARGIN;
  const left = MARGIN;
  const right = Math.max(left, CHART_WIDTH - MARGIN);
  const bottom = height - MARGIN;
  const x = scaleLinear().domain([lo, hi]).range([left, right]);
  const y = scaleBand<string>().domain(rows.map((r) => r.key)).range([LEGEND_HEIGHT, Math.max(LEGEND_HEIGHT, bottom)]).padding(0).align(0.5);
  // Plot rounds a band scale to whole pixels when that wastes at most 30 px (autoScaleRound).
  const step = Math.abs(bottom - LEGEND_HEIGHT) / Math.max(1, rows.length);
  if ((step - Math.floor(step)) * rows.length <= 30) y.round(true);
  const band = y.bandwidth();
  const X0 = x(0);
  const bar = (key: string, value: number, insetTop: number, insetBottom: number): string => {
    const X2 = x(value);
    return `<rect${svgAttr('x', Math.min(X0, X2))}${svgAttr('width', Math.max(0, Math.abs(X2 - X0)))}${svgAttr('y', (y(key) ?? Number.NaN) + insetTop)}${svgAttr('height', Math.max(0, band - insetTop - insetBottom))}/>`;
  };

  let out = chartOpen(meta, CHART_WIDTH, height);
  out += legendSvg(layout.legend, {x: MARGIN, note: layout.note});
  out += gOpen(['fill', PLANNED_COLOR]);
  for (const r of rows) out += bar(r.key, r.planned, ROW / 2 + 1, ROW / 2 - 15);
  out += `</g>${gOpen(['fill', PAID_COLOR])}`;
  for (const r of rows) out += bar(r.key, r.paid, ROW / 2 + 4, ROW / 2 - 12);
  const textShift = `translate(0,${band / 2 + TEXT_DY})`;
  out += '</g>';
  out += textGroup([['text-anchor', 'start'], ['transform', textShift]], rows.map((r) => plotText(r.label, `translate(${left},${y(r.key)})`, 'middle')));
  out += textGroup([['fill', '#444'], ['text-anchor', 'end'], ['transform', textShift]], rows.map((r) => plotText(r.amounts, `translate(${right},${y(r.key)})`, 'middle')));
  return `${out}</svg>`;
}
