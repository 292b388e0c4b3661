// Village finance (src/lib/site/sections/finance.ts) after a build: income and spending per quarter
// for every place, and the latest quarter's entries on each village page.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetPage, DatasetSection, PlacePage } from '../../../../src/lib/site/model.ts';
import { quarterOf } from '../../../../src/lib/site/sections/finance.ts';
import { build, en, zh, CODES, files, json, type Built } from '../fixture.ts';

let b: Built;
beforeAll(async () => { b = await build(); expect(b.result.ok).toBe(true); });

function finance(built: Built, placeId: string): DatasetSection {
  const s = json<PlacePage>(built.model, `places/${placeId}.json`).sections.find((x) => x.dataset === 'finance');
  if (!s) throw new Error(`no finance section on ${placeId}`);
  return s;
}

describe('quarterOf', () => {
  it.each([['2026-01-01', '2026Q1'], ['2026-03-31', '2026Q1'], ['2026-04-01', '2026Q2'], ['2026-09-30', '2026Q3'], ['2026-12-31', '2026Q4']])('%s → %s', (d, q) => {
    expect(quarterOf(d)).toBe(q);
  });
});

describe('a village page', () => {
  it("gives the latest quarter's income, spending and number of entries", () => {
    const s = finance(b, CODES.hongxing);
    expect(s.title).toBe('村级财务收支');
    expect(s.latestPeriod).toBe('2026年第三季度');
    expect(zh(s.figures)).toEqual([
      { label: '本季度收入', value: '8,000元', note: '2026年第三季度' },
      { label: '本季度支出', value: '1,200.5元', note: '2026年第三季度' },
      { label: '收支笔数', value: '2 笔' },
    ]);
  });

  it("lists the latest quarter's entries only, in 元 with two decimals", () => {
    const t = finance(b, CODES.hongxing).table!;
    expect(t.caption).toContain('红星村');
    expect(t.caption).toContain('2026年第三季度');
    expect(t.columns.map((c) => c.title)).toEqual(['日期', '凭证号', '科目', '摘要', '收入（元）', '支出（元）', '经手人']);
    expect(t.rows).toEqual([
      ['2026-07-15', '记-03', '—', '集体资产出租', '8,000.00', '—', '村会计甲'],
      ['2026-08-03', '记-04', '—', '办公用品', '—', '1,200.50', '村会计甲'],
    ]);
    expect(t.csv).toBe(`data/places/${CODES.hongxing}/finance.csv`);
    expect(b.downloads.files.get(`places/${CODES.hongxing}/finance.csv`)).toBe(
      '\uFEFF乡镇,村,日期,凭证号,科目,摘要,收入（元）,支出（元）,经手人\r\n东风镇,红星村,2026-07-15,记-03,,集体资产出租,8000,,村会计甲\r\n东风镇,红星村,2026-08-03,记-04,,办公用品,,1200.5,村会计甲\r\n');
  });

  it('charts every quarter with its balance', () => {
    expect(finance(b, CODES.hongxing).charts[0]!.table.rows).toEqual([
      ['2026年第二季度', 10000, 3000, 7000],
      ['2026年第三季度', 8000, 1200.5, 6799.5],
    ]);
  });

  it('a quarter with spending only shows 0 income', () => {
    const s = finance(b, CODES.qingheVillage);
    expect(s.figures.map((f) => f.value)).toEqual(['0元', '800元', '1 笔']);
    expect(s.table!.rows.map((r) => r[3])).toEqual(['水电费']);
  });

  it('the latest quarter wins whatever order the files come in', async () => {
    const f = files();
    const swapped: Record<string, string> = {};
    for (const [p, v] of Object.entries(f)) swapped[p === 'finance/2026Q2.csv' ? 'finance/z-2026Q2.csv' : p] = v;
    const again = await build(swapped);
    expect(again.result.ok).toBe(true);
    expect(finance(again, CODES.hongxing).table!.rows).toEqual(finance(b, CODES.hongxing).table!.rows);
    expect(finance(again, CODES.hongxing).figures).toEqual(finance(b, CODES.hongxing).figures);
  });
});

describe('township and county pages', () => {
  it('a township adds up its villages quarter by quarter, without a list of entries', () => {
    const s = finance(b, CODES.dongfeng);
    expect(zh(s.figures)).toEqual([
      { label: '本季度收入', value: '8,000元', note: '2026年第三季度' },
      { label: '本季度支出', value: '3,700.5元', note: '2026年第三季度' },
      { label: '收支笔数', value: '3 笔' },
    ]);
    expect(s.table).toBeUndefined();
    const villages = [finance(b, CODES.hongxing), finance(b, CODES.xiangyang)].map((v) => v.charts[0]!.table.rows);
    const byQuarter = new Map<string, number[]>();
    for (const rows of villages) for (const [q, i, sp] of rows as [string, number, number][]) {
      const cur = byQuarter.get(q) ?? [0, 0];
      byQuarter.set(q, [cur[0]! + i, cur[1]! + sp]);
    }
    expect(s.charts[0]!.table.rows.map((r) => [r[0], r[1], r[2]])).toEqual([...byQuarter].map(([q, [i, sp]]) => [q, i, sp]));
  });

  it('the county adds up everything', () => {
    const s = finance(b, CODES.county);
    expect(s.figures.map((f) => f.value)).toEqual(['8,000元', '4,500.5元', '4 笔']);
    expect(s.charts[0]!.table.rows).toEqual([
      ['2026年第二季度', 15000, 3000, 12000],
      ['2026年第三季度', 8000, 4500.5, 3499.5],
    ]);
  });

  it('the dataset page has the county figures and chart', () => {
    const page = json<DatasetPage>(b.model, 'datasets/finance.json');
    expect(page.figures).toEqual(finance(b, CODES.county).figures);
    expect(page.charts[0]!.table.rows).toEqual(finance(b, CODES.county).charts[0]!.table.rows);
  });
});
