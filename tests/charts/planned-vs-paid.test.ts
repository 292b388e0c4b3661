import fc from 'fast-check';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {
  PAID_COLOR,
  PLANNED_COLOR,
  plannedLayout,
  plannedPlot,
  plannedSvg,
  plannedVsPaidChart,
  type PlannedVsPaidInput,
} from '../../src/lib/charts/planned-vs-paid.ts';
import {XSS, findAll, parseSvg} from './helpers.ts';

const items = [
  {label: '王家村道路硬化工程', planned: 500000, paid: 320000},
  {label: '李家庄村饮水安全巩固提升项目', planned: 180000, paid: 180000},
  {label: '光伏电站', planned: 90000, paid: 120000},
  {label: '小额信贷贴息', planned: 8000, paid: 0},
];

function input(list: PlannedVsPaidInput['items'], extra: Partial<PlannedVsPaidInput> = {}): PlannedVsPaidInput {
  return {id: 'xianjie', title: '衔接资金项目拨付进度', description: '各项目计划金额与已拨付金额', items: list, ...extra};
}

/** Data bars of one colour (the legend swatches sit in their own group). */
function bars(svg: string, color: string): Element[] {
  return findAll(parseSvg(svg).root, (el) => el.localName === 'rect' && el.parentElement?.getAttribute('fill') === color);
}
const width = (el: Element | undefined) => Number(el?.getAttribute('width'));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('plannedVsPaidChart', () => {
  it('puts the same figures in the table, with the paid share', () => {
    const {table} = plannedVsPaidChart(input(items));
    expect(table.columns).toEqual(['项目', '计划金额（元）', '已拨付金额（元）', '拨付进度']);
    expect(table.rows).toEqual([
      ['王家村道路硬化工程', 500000, 320000, '64.0%'],
      ['李家庄村饮水安全巩固提升项目', 180000, 180000, '100.0%'],
      ['光伏电站', 90000, 120000, '133.3%'],
      ['小额信贷贴息', 8000, 0, '0.0%'],
    ]);
  });

  it('draws a light planned bar and a dark paid bar per item, to scale', () => {
    const {svg} = plannedVsPaidChart(input(items));
    const planned = bars(svg, PLANNED_COLOR);
    const paid = bars(svg, PAID_COLOR);
    expect(planned).toHaveLength(4);
    expect(paid).toHaveLength(4);
    const unit = width(planned[0]) / 500000;
    expect(width(paid[0])).toBeCloseTo(320000 * unit, 1);
    expect(width(paid[1])).toBeCloseTo(width(planned[1]), 1);
    expect(width(paid[2])).toBeGreaterThan(width(planned[2])); // overpaid shows past the plan
    expect(width(paid[3])).toBe(0);
  });

  it('labels amounts with formatYuan and has a text legend', () => {
    const {svg} = plannedVsPaidChart(input(items));
    const texts = findAll(parseSvg(svg).root, (el) => el.localName === 'text').map((t) => t.textContent);
    expect(texts).toContain('计划金额');
    expect(texts).toContain('已拨付');
    expect(texts).toContain('32.00万元 / 50.00万元');
    expect(texts).toContain('0元 / 8,000元');
    expect(texts).toContain('王家村道路硬化工程');
  });

  it('takes the words for its two series and the progress column as inputs (村级工程: 合同金额 / 已支付)', () => {
    const {svg, table} = plannedVsPaidChart(
      input(items, {plannedLabel: '合同金额', paidLabel: '已支付', progressLabel: '支付进度', itemLabel: '工程'}),
    );
    expect(table.columns).toEqual(['工程', '合同金额（元）', '已支付金额（元）', '支付进度']);
    const texts = findAll(parseSvg(svg).root, (el) => el.localName === 'text').map((t) => t.textContent ?? '');
    expect(texts).toContain('合同金额');
    expect(texts).toContain('已支付');
    expect(texts.join(' ')).not.toMatch(/计划|拨付/);
  });

  it('says 暂无数据 for no items', () => {
    const {svg, table} = plannedVsPaidChart(input([]));
    expect(parseSvg(svg).root.textContent).toContain('暂无数据');
    expect(table.rows).toEqual([]);
  });

  it('escapes labels and triggers no Plot warnings', () => {
    const warn = vi.spyOn(console, 'warn');
    const {svg} = plannedVsPaidChart(input([{label: XSS, planned: 100, paid: 50}], {description: `${XSS}!`}));
    const {document, root} = parseSvg(svg);
    expect(document.querySelector('img')).toBeNull();
    const texts = findAll(root, (el) => el.localName === 'text').map((t) => t.textContent);
    expect(texts).toContain(XSS);
    expect(root.querySelector('desc')?.textContent).toBe(`${XSS}!`);
    plannedPlot(plannedLayout([{label: XSS, planned: 100, paid: 50}], XSS, XSS), {id: 'x', title: XSS, description: XSS});
    expect(warn).not.toHaveBeenCalled();
  });

  // Written directly (plannedSvg): a province draws one per village and Plot costs several times
  // as much. Plot's rendering of the same layout stays the reference, names with line breaks,
  // markup and empty names included.
  it('writes exactly the markup Plot draws, for any projects', () => {
    const amount = fc.oneof(
      fc.integer({min: 0, max: 2_000_000}),
      fc.double({min: -1e5, max: 1e9, noNaN: true, noDefaultInfinity: true}).map((v) => Math.round(v * 100) / 100),
      fc.constant(0),
    );
    const label = fc.oneof(fc.constantFrom('王家村道路硬化工程', '', 'a\nb', '\n两行\n', 'x\r\ny', XSS), fc.string({maxLength: 40}));
    const itemsArb = fc.array(fc.record({label, planned: amount, paid: amount}), {minLength: 1, maxLength: 25});
    fc.assert(
      fc.property(itemsArb, fc.boolean(), (items, works) => {
        const layout = works ? plannedLayout(items, '合同金额', '已支付') : plannedLayout(items, '计划金额', '已拨付');
        const meta = {id: 'projects', title: '项目', description: '"x" & y'};
        expect(plannedSvg(layout, meta)).toBe(plannedPlot(layout, meta));
      }),
      {numRuns: 1000},
    );
  });

  it('rejects non-finite amounts', () => {
    expect(() => plannedVsPaidChart(input([{label: 'x', planned: Number.POSITIVE_INFINITY, paid: 0}]))).toThrow(/finite/);
  });
});
