import {afterEach, describe, expect, it, vi} from 'vitest';
import {categoryBarsChart, type CategoryBarsInput} from '../../src/lib/charts/category-bars.ts';
import {XSS, findAll, parseSvg} from './helpers.ts';

const villages = [
  {label: '城关镇', value: 58},
  {label: '王家村', value: 12},
  {label: '李家庄村', value: 34},
  {label: '新华街道办事处', value: 0},
  {label: '东风村', value: 21},
];

function input(bars: CategoryBarsInput['bars'], extra: Partial<CategoryBarsInput> = {}): CategoryBarsInput {
  return {id: 'by-village', title: '各村低保户数', description: '2026年6月各村低保户数', unitLabel: '户', bars, ...extra};
}

/** The bar rects, in document order (Plot draws them in data order). */
function barRects(svg: string): Element[] {
  return findAll(parseSvg(svg).root, (el) => el.localName === 'rect' && el.parentElement?.getAttribute('fill') === '#2b6cb0');
}
const num = (el: Element | undefined, name: string) => Number(el?.getAttribute(name));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('categoryBarsChart', () => {
  it('puts the same figures in the table, in the given order', () => {
    const {table} = categoryBarsChart(input(villages));
    expect(table.columns).toEqual(['名称', '数值（户）']);
    expect(table.rows).toEqual(villages.map((b) => [b.label, b.value]));
  });

  it('draws bars top to bottom in the given order, lengths proportional to values', () => {
    const {svg} = categoryBarsChart(input(villages));
    const rects = barRects(svg);
    expect(rects).toHaveLength(villages.length);
    const ys = rects.map((r) => num(r, 'y'));
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(new Set(ys).size).toBe(ys.length);
    const unit = num(rects[0], 'width') / 58;
    villages.forEach((b, i) => expect(num(rects[i], 'width')).toBeCloseTo(b.value * unit, 1));
  });

  it('labels categories at the left and values at the bar end', () => {
    const {svg} = categoryBarsChart(input(villages));
    const texts = findAll(parseSvg(svg).root, (el) => el.localName === 'text').map((t) => t.textContent);
    for (const b of villages) {
      expect(texts).toContain(b.label);
      expect(texts).toContain(`${b.value}户`);
    }
  });

  it('uses formatValue when given, formatYuan for money by default', () => {
    const money = categoryBarsChart(input([{label: '城关镇', value: 123456}, {label: '王家村', value: 8000}], {unitLabel: '元'}));
    expect(parseSvg(money.svg).root.textContent).toContain('12.35万元');
    expect(parseSvg(money.svg).root.textContent).toContain('8,000元');
    const custom = categoryBarsChart(input(villages, {formatValue: (v) => `共${v}户`}));
    expect(parseSvg(custom.svg).root.textContent).toContain('共58户');
  });

  it('keeps repeated names as separate rows and shortens very long names in the chart only', () => {
    const long = '某某县某某镇某某村第一村民小组集体经济合作社';
    const {svg, table} = categoryBarsChart(input([{label: '王家村', value: 3}, {label: '王家村', value: 5}, {label: long, value: 1}]));
    expect(barRects(svg)).toHaveLength(3);
    expect(table.rows[2]?.[0]).toBe(long);
    const text = parseSvg(svg).root.textContent ?? '';
    expect(text).not.toContain(long);
    expect(text).toContain('…');
  });

  it('says 暂无数据 for no bars', () => {
    const {svg, table} = categoryBarsChart(input([]));
    expect(parseSvg(svg).root.textContent).toContain('暂无数据');
    expect(barRects(svg)).toHaveLength(0);
    expect(table.rows).toEqual([]);
  });

  it('escapes labels and titles and triggers no Plot warnings', () => {
    const warn = vi.spyOn(console, 'warn');
    const shortPayload = '<b>王家村</b>&amp;';
    const {svg, table} = categoryBarsChart(input([{label: shortPayload, value: 3}, {label: XSS, value: 4}, {label: '2026', value: 5}], {title: XSS}));
    const {document, root} = parseSvg(svg);
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
    const texts = findAll(root, (el) => el.localName === 'text').map((t) => t.textContent);
    expect(texts).toContain(shortPayload); // the literal label, markup and all
    expect(texts.some((t) => t?.startsWith('<img src=x'))).toBe(true); // shortened, still literal
    expect(root.querySelector('title')?.textContent).toBe(XSS);
    expect(table.rows[1]?.[0]).toBe(XSS);
    expect(warn).not.toHaveBeenCalled(); // '2026' is a category, not a number
  });

  it('rejects non-finite values', () => {
    expect(() => categoryBarsChart(input([{label: '王家村', value: Number.NaN}]))).toThrow(/finite/);
  });
});
