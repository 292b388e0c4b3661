import fc from 'fast-check';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {
  INCOME_COLOR,
  SPENDING_COLOR,
  financeLayout,
  financePlot,
  financeSvg,
  incomeVsSpendingChart,
  type IncomeVsSpendingInput,
} from '../../src/lib/charts/income-vs-spending.ts';
import {textWidth} from '../../src/lib/charts/render.ts';
import {XSS, findAll, parseSvg} from './helpers.ts';

const quarters = [
  {period: '2026Q1', income: 90000, spending: 60000},
  {period: '2025Q3', income: 230000, spending: 180000},
  {period: '2025Q4', income: 150000.5, spending: 260000.25},
  {period: '2026Q2', income: 310000, spending: 240000},
];

function input(series: IncomeVsSpendingInput['series'], extra: Partial<IncomeVsSpendingInput> = {}): IncomeVsSpendingInput {
  return {id: 'cunwu', title: '村级收支', description: '每季度村集体收入与支出', series, ...extra};
}

function rects(svg: string, color: string): Element[] {
  return findAll(parseSvg(svg).root, (el) => el.localName === 'rect' && el.parentElement?.getAttribute('fill') === color);
}
const n = (el: Element | undefined, name: string) => Number(el?.getAttribute(name));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('incomeVsSpendingChart', () => {
  it.each([
    ['twelve quarters', Array.from({length: 12}, (_, i) => `${2024 + Math.floor(i / 4)}Q${(i % 4) + 1}`)],
    ['eighteen months', Array.from({length: 18}, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`)],
  ])('thins the period labels of %s so that none overlap, keeping the first and the last', (_name, periods) => {
    const {svg} = incomeVsSpendingChart(input(periods.map((period) => ({period, income: 5_000_000, spending: 4_000_000}))));
    const {root} = parseSvg(svg);
    const size = Number(root.getAttribute('font-size'));
    const labels = findAll(root, (el) => el.localName === 'text' && /^(\d{1,2}月|[一二三四]季度)/.test(el.textContent ?? ''))
      .map((el) => {
        const spans = findAll(el, (t) => t.localName === 'tspan').map((t) => t.textContent ?? '');
        const lines = spans.length ? spans : [el.textContent ?? ''];
        return {text: lines.join(''), x: Number(/translate\(([-\d.]+)/.exec(el.getAttribute('transform') ?? '')?.[1]), width: Math.max(...lines.map((l) => textWidth(l, size)))};
      })
      .sort((a, b) => a.x - b.x);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(labels.length).toBeLessThan(periods.length);
    for (let i = 1; i < labels.length; i++) {
      expect(labels[i]!.x - labels[i - 1]!.x, `${labels[i - 1]!.text} → ${labels[i]!.text}`).toBeGreaterThanOrEqual((labels[i - 1]!.width + labels[i]!.width) / 2 + 4);
    }
    const axis = (p: string) => (p.includes('Q') ? `${['一', '二', '三', '四'][Number(p.slice(5)) - 1]}季度` : `${Number(p.slice(5))}月`);
    expect(labels[0]!.text).toBe(`${axis(periods[0]!)}${periods[0]!.slice(0, 4)}年`);
    expect(labels[labels.length - 1]!.text.replace(/\d{4}年$/, '')).toBe(axis(periods[periods.length - 1]!));
  });

  it('puts the same figures in the table, sorted by period, with the balance', () => {
    const {table} = incomeVsSpendingChart(input(quarters));
    expect(table.columns).toEqual(['期间', '收入（元）', '支出（元）', '结余（元）']);
    expect(table.rows).toEqual([
      ['2025年第三季度', 230000, 180000, 50000],
      ['2025年第四季度', 150000.5, 260000.25, -109999.75],
      ['2026年第一季度', 90000, 60000, 30000],
      ['2026年第二季度', 310000, 240000, 70000],
    ]);
  });

  it('draws an income bar left of a spending bar for each period, heights to scale', () => {
    const {svg} = incomeVsSpendingChart(input(quarters));
    const income = rects(svg, INCOME_COLOR);
    const spending = rects(svg, SPENDING_COLOR);
    expect(income).toHaveLength(4);
    expect(spending).toHaveLength(4);
    for (let i = 0; i < 4; i++) {
      expect(n(income[i], 'x') + n(income[i], 'width')).toBeLessThanOrEqual(n(spending[i], 'x'));
      if (i > 0) expect(n(income[i], 'x')).toBeGreaterThan(n(spending[i - 1], 'x'));
    }
    // Sorted: the first pair is 2025Q3 (230000 vs 180000).
    const unit = n(income[0], 'height') / 230000;
    expect(n(spending[0], 'height')).toBeCloseTo(180000 * unit, 1);
    expect(n(income[3], 'height')).toBeCloseTo(310000 * unit, 1);
  });

  it('labels quarters, with the year at the first label and at year changes, and a text legend', () => {
    const {svg} = incomeVsSpendingChart(input(quarters));
    const texts = findAll(parseSvg(svg).root, (el) => el.localName === 'text').map((t) => t.textContent);
    expect(texts).toContain('三季度2025年');
    expect(texts).toContain('四季度');
    expect(texts).toContain('一季度2026年');
    expect(texts).toContain('收入');
    expect(texts).toContain('支出');
    expect(texts).toContain('单位：万元');
  });

  it('works with months', () => {
    const months = Array.from({length: 12}, (_, i) => ({period: `2025-${String(i + 1).padStart(2, '0')}`, income: 3000 + i * 100, spending: 2000}));
    const {svg, table} = incomeVsSpendingChart(input(months));
    expect(rects(svg, INCOME_COLOR)).toHaveLength(12);
    expect(table.rows[0]).toEqual(['2025年1月', 3000, 2000, 1000]);
    const text = parseSvg(svg).root.textContent ?? '';
    expect(text).toContain('单位：元'); // below 10,000 元 the axis stays in 元
    expect(text).toContain('1月2025年');
  });

  it('says 暂无数据 for an empty series', () => {
    const {svg, table} = incomeVsSpendingChart(input([]));
    expect(parseSvg(svg).root.textContent).toContain('暂无数据');
    expect(table.rows).toEqual([]);
  });

  it('escapes text and triggers no Plot warnings', () => {
    const warn = vi.spyOn(console, 'warn');
    const {svg} = incomeVsSpendingChart(input(quarters, {title: XSS, description: XSS}));
    const {document, root} = parseSvg(svg);
    expect(document.querySelector('img')).toBeNull();
    expect(root.textContent).toContain(XSS);
    financePlot(financeLayout(quarters, 'quarter'), {id: 'x', title: XSS, description: XSS});
    expect(warn).not.toHaveBeenCalled();
  });

  // Written directly (financeSvg): a province draws one per village and Plot costs several times
  // as much. Plot's rendering of the same layout stays the reference.
  it('writes exactly the markup Plot draws, for any series', () => {
    const amount = fc.oneof(
      fc.integer({min: 0, max: 500}),
      fc.double({min: -1e6, max: 1e9, noNaN: true, noDefaultInfinity: true}).map((v) => Math.round(v * 100) / 100),
      fc.constant(0),
    );
    const periodOf: Record<string, (start: number, i: number) => string> = {
      month: (s, i) => `${2010 + Math.floor((s + i) / 12)}-${String(((s + i) % 12) + 1).padStart(2, '0')}`,
      quarter: (s, i) => `${2010 + Math.floor((s + i) / 4)}Q${((s + i) % 4) + 1}`,
      year: (s, i) => `${2010 + s + i}`,
    };
    const caseArb = fc
      .tuple(fc.constantFrom('month', 'quarter', 'year'), fc.integer({min: 0, max: 40}), fc.array(fc.option(fc.tuple(amount, amount), {freq: 6}), {minLength: 1, maxLength: 30}))
      .map(([kind, start, values]) => ({
        kind,
        series: values.flatMap((v, i) => (v === null ? [] : [{period: periodOf[kind]!(start, i), income: v[0], spending: v[1]}])),
      }))
      .filter((c) => c.series.length > 0);
    fc.assert(
      fc.property(caseArb, fc.constantFrom('收支', XSS), ({kind, series}, title) => {
        const layout = financeLayout(series, kind);
        const meta = {id: 'finance', title, description: `"${title}" & more`};
        expect(financeSvg(layout, meta)).toBe(financePlot(layout, meta));
      }),
      {numRuns: 1000},
    );
  });

  it('rejects bad, mixed or repeated periods and non-finite amounts', () => {
    expect(() => incomeVsSpendingChart(input([{period: '2026 Q1', income: 1, spending: 1}]))).toThrow(/bad period/);
    expect(() =>
      incomeVsSpendingChart(input([{period: '2026Q1', income: 1, spending: 1}, {period: '2026-04', income: 1, spending: 1}])),
    ).toThrow(/mix/);
    expect(() =>
      incomeVsSpendingChart(input([{period: '2026Q1', income: 1, spending: 1}, {period: '2026Q1', income: 2, spending: 1}])),
    ).toThrow(/twice/);
    expect(() => incomeVsSpendingChart(input([{period: '2026Q1', income: Number.NaN, spending: 1}]))).toThrow(/finite/);
  });
});
