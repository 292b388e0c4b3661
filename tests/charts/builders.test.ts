// Properties every builder shares: determinism, id hygiene, accessibility.
import * as Plot from '@observablehq/plot';
import {describe, expect, it} from 'vitest';
import {
  categoryBarsChart,
  chartCss,
  incomeVsSpendingChart,
  monthlyTrendChart,
  plannedVsPaidChart,
  renderPlot,
  type ChartResult,
} from '../../src/lib/charts/index.ts';
import {idsOf, parseSvg, refsOf} from './helpers.ts';

const builders: Record<string, (id: string) => ChartResult> = {
  monthlyTrend: (id) =>
    monthlyTrendChart({
      id,
      title: '低保金发放',
      description: '每月发放金额',
      unitLabel: '元',
      series: [
        {period: '2025-12', value: 81000},
        {period: '2026-01', value: 83500.5},
        {period: '2026-03', value: 79000},
      ],
    }),
  categoryBars: (id) =>
    categoryBarsChart({
      id,
      title: '各村特困人数',
      description: '各村特困供养人数',
      unitLabel: '人',
      bars: [
        {label: '城关镇', value: 7},
        {label: '王家村', value: 3},
      ],
    }),
  plannedVsPaid: (id) =>
    plannedVsPaidChart({
      id,
      title: '衔接资金',
      description: '计划与拨付',
      items: [{label: '道路硬化', planned: 300000, paid: 120000}],
    }),
  incomeVsSpending: (id) =>
    incomeVsSpendingChart({
      id,
      title: '村级收支',
      description: '季度收支',
      series: [
        {period: '2026Q1', income: 50000, spending: 42000},
        {period: '2026Q2', income: 61000, spending: 70000},
      ],
    }),
};

/** Other work a build does between two renders of the same chart. */
function interleave(): void {
  renderPlot(
    {marks: [Plot.lineY([1, 3, 2], {marker: 'dot', clip: true}), Plot.ruleY([0], {clip: 'frame'})]},
    {id: 'noise', title: 'n', description: 'n'},
  );
  for (const [name, build] of Object.entries(builders)) build(`noise-${name}`);
}

describe.each(Object.entries(builders))('%s', (_name, build) => {
  it('is byte-identical when rendered again later in the process', () => {
    const a = build('chart-x');
    interleave();
    const b = build('chart-x');
    expect(b.svg).toBe(a.svg);
    expect(b.table).toEqual(a.table);
  });

  it('only has ids under its own chart id, and every reference resolves inside it', () => {
    const {svg} = build('village-12');
    const ids = idsOf(svg);
    expect(ids).toContain('village-12-title');
    expect(ids).toContain('village-12-desc');
    for (const id of ids) expect(id.startsWith('village-12-')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of refsOf(svg)) expect(ids).toContain(ref);
  });

  it('is an accessible, scalable sl-chart', () => {
    const {svg, table} = build('acc');
    const {root} = parseSvg(svg);
    expect(root.getAttribute('class')).toBe('sl-chart');
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-labelledby')).toBe('acc-title');
    expect(root.children[0]?.localName).toBe('title');
    expect(root.children[0]?.textContent).toBe(table.caption);
    expect(root.children[1]?.localName).toBe('desc');
    expect(root.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
    expect(root.getAttribute('style')).toBe('max-width:100%;height:auto');
    expect(svg).not.toContain('<style');
    expect(svg).not.toContain('font-family');
    expect(svg).not.toContain('NaN');
  });
});

describe('chartCss', () => {
  it('is the small stylesheet the layout inlines', () => {
    expect(chartCss.length).toBeLessThan(200);
    expect(chartCss).toMatch(/\.sl-chart\{[^}]*height:auto/);
  });
});
