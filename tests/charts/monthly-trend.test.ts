import {afterEach, describe, expect, it, vi} from 'vitest';
import fc from 'fast-check';
import {monthlyTrendChart, trendLayout, trendPlot, trendSvg, type MonthlyTrendInput} from '../../src/lib/charts/monthly-trend.ts';
import {CHART_WIDTH, textWidth} from '../../src/lib/charts/render.ts';
import {XSS, findAll, parseSvg} from './helpers.ts';

function input(series: MonthlyTrendInput['series'], extra: Partial<MonthlyTrendInput> = {}): MonthlyTrendInput {
  return {id: 'dibao-trend', title: '低保户数', description: '近一年每月低保户数', unitLabel: '户', series, ...extra};
}

/** 2025-06 … 2026-05, twelve months across a year boundary. */
const year = Array.from({length: 12}, (_, i) => {
  const m = ((i + 5) % 12) + 1;
  return {period: `${i < 7 ? 2025 : 2026}-${String(m).padStart(2, '0')}`, value: 40 + i * 3};
});

/** `count` months from `first` (YYYY-MM), with small values (narrow y labels, so the widest plot). */
function months(first: string, count: number, value = (i: number) => 40 + (i % 5)): MonthlyTrendInput['series'] {
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5));
  return Array.from({length: count}, (_, i) => {
    const p = {period: `${y}-${String(m).padStart(2, '0')}`, value: value(i)};
    if (++m > 12) { m = 1; y++; }
    return p;
  });
}

/** The x-axis labels as drawn: text (lines joined), centre x, and width at the chart's font size. */
function xLabels(svg: string): {text: string; lines: string[]; x: number; width: number}[] {
  const {root} = parseSvg(svg);
  const size = Number(root.getAttribute('font-size'));
  return findAll(root, (el) => el.localName === 'text' && /^\d{1,2}月/.test(el.textContent ?? ''))
    .map((el) => {
      const tspans = findAll(el, (t) => t.localName === 'tspan').map((t) => t.textContent ?? '');
      const lines = tspans.length ? tspans : [el.textContent ?? ''];
      const x = Number(/translate\(([-\d.]+)/.exec(el.getAttribute('transform') ?? '')?.[1]);
      return {text: lines.join(''), lines, x, width: Math.max(...lines.map((l) => textWidth(l, size)))};
    })
    .sort((a, b) => a.x - b.x);
}

const dots = (svg: string) => findAll(parseSvg(svg).root, (el) => el.localName === 'circle');
const linePath = (svg: string) => findAll(parseSvg(svg).root, (el) => el.localName === 'path' && el.parentElement?.getAttribute('stroke') === '#2b6cb0')[0];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('monthlyTrendChart', () => {
  it('puts the same figures in the table, in month order', () => {
    const shuffled = [year[5], year[0], year[11], year[3], ...year.filter((_, i) => ![0, 3, 5, 11].includes(i))].filter((d) => d !== undefined);
    const {table} = monthlyTrendChart(input(shuffled));
    expect(table.caption).toBe('低保户数');
    expect(table.columns).toEqual(['月份', '数值（户）']);
    expect(table.rows).toEqual(
      year.map((d) => [`${Number(d.period.slice(0, 4))}年${Number(d.period.slice(5))}月`, d.value]),
    );
  });

  it('draws one dot per month and labels months with the year at the first label and at the change of year', () => {
    const {svg} = monthlyTrendChart(input(year));
    expect(dots(svg)).toHaveLength(12);
    const text = parseSvg(svg).root.textContent ?? '';
    expect(text).toContain('6月');
    expect(text).toContain('2025年');
    expect(text).toContain('11月'); // every 2nd month: 9月, 11月, 1月 …
    expect(text).toContain('1月2026年'); // "1月" with "2026年" on its second line
    expect(text).not.toContain('2026年6月'); // labels are short, the year only at changes
    expect(text).toContain('单位：户');
    expect(text).toContain('73户'); // the latest value is labelled
  });

  it.each([
    ['a year across a year boundary', months('2025-11', 12)],
    ['a year starting in January', months('2026-01', 12)],
    ['two years', months('2024-11', 24)],
    ['three years of large numbers', months('2023-11', 36, (i) => 1_000_000 + i)],
    ['seven months', months('2026-04', 7)],
  ])('thins month labels so that none overlap at %s, keeping the first and last month', (_name, series) => {
    const {svg} = monthlyTrendChart(input(series));
    const labels = xLabels(svg);
    expect(labels.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < labels.length; i++) {
      const a = labels[i - 1]!, b = labels[i]!;
      // centred labels: the gap between their edges is at least 4 px
      expect(b.x - a.x, `${a.text} → ${b.text}`).toBeGreaterThanOrEqual((a.width + b.width) / 2 + 4);
    }
    // the first and the latest month are always labelled, the year with the first label and at each change of year
    const monthOf = (p: string) => `${Number(p.slice(5))}月`;
    expect(labels[0]!.lines).toEqual([monthOf(series[0]!.period), `${series[0]!.period.slice(0, 4)}年`]);
    expect(labels[labels.length - 1]!.lines[0]).toBe(monthOf(series[series.length - 1]!.period));
    const years = labels.flatMap((l) => l.lines.filter((t) => t.endsWith('年')));
    const allYears = [...new Set(series.map((d) => `${d.period.slice(0, 4)}年`))];
    expect(years).toEqual(allYears.filter((y) => labels.some((l) => l.lines.includes(y))));
    expect(years[0]).toBe(allYears[0]);
    // every label sits inside the chart
    for (const l of labels) {
      expect(l.x - l.width / 2).toBeGreaterThanOrEqual(0);
      expect(l.x + l.width / 2).toBeLessThanOrEqual(CHART_WIDTH);
    }
  });

  it('keeps missing months on the axis and breaks the line there', () => {
    const {svg, table} = monthlyTrendChart(
      input([
        {period: '2025-11', value: 10},
        {period: '2025-12', value: 12},
        {period: '2026-02', value: 15},
        {period: '2026-03', value: 14},
      ]),
    );
    expect(table.rows).toHaveLength(4); // no invented month
    expect(dots(svg)).toHaveLength(4);
    const d = linePath(svg)?.getAttribute('d') ?? '';
    expect(d.match(/M/g)).toHaveLength(2); // two line segments
    expect(parseSvg(svg).root.textContent).toContain('1月2026年');
  });

  it('handles a single point', () => {
    const {svg, table} = monthlyTrendChart(input([{period: '2026-06', value: 40}]));
    expect(dots(svg)).toHaveLength(1);
    expect(svg).not.toContain('NaN');
    expect(table.rows).toEqual([['2026年6月', 40]]);
    expect(parseSvg(svg).root.textContent).toContain('6月2026年');
  });

  it('says 暂无数据 for an empty series', () => {
    const {svg, table} = monthlyTrendChart(input([]));
    const {root} = parseSvg(svg);
    expect(root.textContent).toContain('暂无数据');
    expect(root.getAttribute('role')).toBe('img');
    expect(dots(svg)).toHaveLength(0);
    expect(table.rows).toEqual([]);
  });

  it('uses 万元 for large money amounts and formatYuan for the latest value', () => {
    const {svg} = monthlyTrendChart(input([{period: '2026-05', value: 98000}, {period: '2026-06', value: 123456}], {unitLabel: '元'}));
    const text = parseSvg(svg).root.textContent ?? '';
    expect(text).toContain('单位：万元');
    expect(text).toContain('12.35万元');
  });

  it('escapes text and triggers no Plot warnings', () => {
    const warn = vi.spyOn(console, 'warn');
    const {svg} = monthlyTrendChart(input(year, {title: XSS, description: XSS, unitLabel: XSS}));
    const {document, root} = parseSvg(svg);
    expect(document.querySelector('img')).toBeNull();
    expect(root.textContent).toContain(XSS);
    trendPlot(trendLayout(year, XSS), {id: 'x', title: XSS, description: XSS});
    expect(warn).not.toHaveBeenCalled();
  });

  // The chart is written directly (trendSvg) because Plot costs ten times as much and a province
  // draws 90,000 trends; Plot's rendering of the same layout stays the reference.
  it('writes exactly the markup Plot draws, for any series', () => {
    const month = fc.record({year: fc.integer({min: 2015, max: 2030}), month: fc.integer({min: 1, max: 12})});
    const value = fc.oneof(
      fc.integer({min: 0, max: 200}),
      fc.integer({min: -50, max: 50}),
      fc.double({min: -1e7, max: 1e9, noNaN: true, noDefaultInfinity: true}).map((v) => Math.round(v * 100) / 100),
      fc.constant(0),
    );
    const seriesArb = fc
      .tuple(month, fc.array(fc.option(value, {freq: 6}), {minLength: 1, maxLength: 40}))
      .map(([start, values]) =>
        values.flatMap((v, i) => {
          const m = start.month - 1 + i;
          return v === null ? [] : [{period: `${start.year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`, value: v}];
        }),
      )
      .filter((s) => s.length > 0);
    fc.assert(
      fc.property(seriesArb, fc.constantFrom('户', '人', '元'), fc.constantFrom('低保户数', XSS), (series, unit, title) => {
        const layout = trendLayout(series, unit);
        const meta = {id: 'dibao-trend', title, description: `"${title}" & more`};
        expect(trendSvg(layout, meta)).toBe(trendPlot(layout, meta));
      }),
      {numRuns: 1500},
    );
  });

  it('rejects bad months, non-finite values and repeated months', () => {
    expect(() => monthlyTrendChart(input([{period: '2026-6', value: 1}]))).toThrow(/bad month/);
    expect(() => monthlyTrendChart(input([{period: '2026-06', value: Number.NaN}]))).toThrow(/finite/);
    expect(() => monthlyTrendChart(input([{period: '2026-06', value: 1}, {period: '2026-06', value: 2}]))).toThrow(/twice/);
  });
});
