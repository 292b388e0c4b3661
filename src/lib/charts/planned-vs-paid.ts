// Planned vs. paid amounts per project (衔接资金 and the like), in 元.

import * as Plot from '@observablehq/plot';
import {formatYuan} from './format.ts';
import {CHART_WIDTH, renderEmpty, renderPlot, swatchLegend, textWidth, truncate, type ChartResult} from './render.ts';

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

  const margin = 4;
  const plotWidth = CHART_WIDTH - 2 * margin;
  const rows = input.items.map((it, i) => {
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

  // Within a ROW-high band (centre at ROW/2): text line centred 10 px above
  // the centre, planned bar from +1 to +15, paid bar from +4 to +12.
  const textDy = -10;
  const svg = renderPlot(
    {
      width: CHART_WIDTH,
      height: LEGEND_HEIGHT + rows.length * ROW + margin,
      marginTop: LEGEND_HEIGHT,
      marginBottom: margin,
      marginLeft: margin,
      marginRight: margin,
      x: {type: 'linear', domain: [lo, hi], axis: null},
      y: {type: 'band', domain: rows.map((r) => r.key), padding: 0, axis: null},
      marks: [
        swatchLegend(
          [
            {label: plannedLabel, color: PLANNED_COLOR},
            {label: paidLabel, color: PAID_COLOR},
          ],
          {x: margin, note: `（${paidLabel} / ${plannedLabel}）`},
        ),
        Plot.barX(rows, {x: 'planned', y: 'key', fill: PLANNED_COLOR, insetTop: ROW / 2 + 1, insetBottom: ROW / 2 - 15}),
        Plot.barX(rows, {x: 'paid', y: 'key', fill: PAID_COLOR, insetTop: ROW / 2 + 4, insetBottom: ROW / 2 - 12}),
        Plot.text(rows, {y: 'key', frameAnchor: 'left', text: 'label', textAnchor: 'start', dy: textDy}),
        Plot.text(rows, {y: 'key', frameAnchor: 'right', text: 'amounts', textAnchor: 'end', dy: textDy, fill: '#444'}),
      ],
    },
    meta,
  );
  return {svg, table};
}
