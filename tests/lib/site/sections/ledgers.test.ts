// Ledgers kept whole (src/lib/site/sections/ledgers.ts) after a build: 衔接资金项目 over two years,
// 村级工程项目 with an overpayment, 党费收缴.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetPage, DatasetSection, PlacePage } from '../../../../src/lib/site/model.ts';
import { build, en, zh, CODES, json, type Built } from '../fixture.ts';
import { columnTitleIn } from '../../../../src/lib/site/view.ts';
import { newestRows } from '../../../../src/lib/site/print-view.ts';

let b: Built;
beforeAll(async () => { b = await build(); expect(b.result.ok).toBe(true); });

function section(placeId: string, dataset: string): DatasetSection {
  const s = json<PlacePage>(b.model, `places/${placeId}.json`).sections.find((x) => x.dataset === dataset);
  if (!s) throw new Error(`no ${dataset} section on ${placeId}`);
  return s;
}
const col = (s: DatasetSection, title: string) => s.table!.columns.findIndex((c) => c.title === title);

describe('衔接资金项目 (two years, 万元)', () => {
  it("a village's figures are its latest year's, in 万元", () => {
    const s = section(CODES.hongxing, 'projects');
    expect(s.latestPeriod).toBe('2026年');
    expect(zh(s.figures)).toEqual([
      { label: '项目数', value: '1 个', note: '2026年' },
      { label: '计划资金', value: '12.30万元', note: '2026年' },
      { label: '已拨付', value: '6.00万元', note: '2026年，占计划资金 48.8%' },
    ]);
  });

  it('in English: amounts in yuan, the share of the planned funds, years as periods', () => {
    const s = section(CODES.hongxing, 'projects');
    expect(en(s.figures)).toEqual([
      { label: 'Projects', value: '1 project', note: '2026' },
      { label: 'Planned funds', value: '123,000 yuan', note: '2026' },
      { label: 'Disbursed', value: '60,000 yuan', note: '2026, 48.8% of planned funds' },
    ]);
    expect(s.table!.captionEn).toBe('红星村: Poverty-alleviation and transition fund projects (2025 to 2026)');
    const t = s.table!;
    expect(t.columns.find((c) => c.title === '年度')).toMatchObject({ period: true });
    expect(t.columns.map((c) => columnTitleIn(c, 'en', t.dataset))).toEqual(expect.arrayContaining(['Year', 'Budget (10,000 yuan)']));
    expect(t.columns.map((c) => columnTitleIn(c, 'en', t.dataset)).filter((x) => /[\u3400-\u9fff]/.test(x))).toEqual([]);
  });

  it('the table lists every year, newest first, amounts in 万元 as the notice wrote them', () => {
    const s = section(CODES.hongxing, 'projects');
    const t = s.table!;
    expect(t.caption).toContain('红星村');
    expect(t.caption).toContain('2025年至2026年');
    const pick = (r: string[]) => [r[col(s, '年度')], r[col(s, '项目名称')], r[col(s, '资金规模（万元）')], r[col(s, '已拨付资金（万元）')]];
    expect(t.rows.map(pick)).toEqual([['2026年', '红星村冷库', '12.30', '6.00'], ['2025年', '红星村产业路', '50.00', '50.00']]);
    expect(numbersOf(t, '资金规模（万元）')).toEqual([123000, 500000]);
    // Village pages leave out the place columns and the 监督电话 column (it becomes the contact).
    expect(t.columns.map((c) => c.title)).not.toContain('乡镇');
    expect(t.columns.map((c) => c.title)).not.toContain('村');
    expect(t.columns.map((c) => c.title)).not.toContain('监督电话');
  });

  it('marks the newest year\'s rows, with their own caption, for the notice board', () => {
    const s = section(CODES.hongxing, 'projects');
    expect(s.newest).toMatchObject({ rows: 1, caption: '红星村衔接资金项目（2026年）' });
    const printed = newestRows(s.table!, s.newest);
    expect(printed.rows.map((r) => r[col(s, '项目名称')])).toEqual(['红星村冷库']);
    expect(printed.caption).toBe('红星村衔接资金项目（2026年）');
    // A newest part longer than the rows the page kept says how many did not print.
    expect(newestRows({ ...s.table!, rows: s.table!.rows.slice(0, 0) }, { rows: 3, caption: 'x' })).toMatchObject({ rows: [], omitted: 3 });
    // Works have no period column: the whole list is this period's.
    expect(section(CODES.hongxing, 'works').newest).toBeUndefined();
  });

  it('the contact is the 监督电话 of the newest project', () => {
    expect(section(CODES.hongxing, 'projects').contact).toBe('0838-5550002');
  });

  it('the page-table CSV has the same rows in 元', () => {
    const t = section(CODES.hongxing, 'projects').table!;
    const csv = b.downloads.files.get(decodeURIComponent(t.csv!.slice('data/'.length)))!;
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toContain('资金规模（元）');
    expect(lines[0]).not.toContain('万元');
    expect(lines.slice(1, 3).map((l) => l.split(',').filter((x) => /^\d{5,}$/.test(x)))).toEqual([['123000', '60000'], ['500000', '500000']]);
  });

  it('a township sums its villages for the latest year and shows which village each row is', () => {
    const s = section(CODES.dongfeng, 'projects');
    expect(zh(s.figures)).toEqual([
      { label: '项目数', value: '2 个', note: '2026年' },
      { label: '计划资金', value: '42.30万元', note: '2026年' },
      { label: '已拨付', value: '16.00万元', note: '2026年，占计划资金 37.8%' },
    ]);
    expect(s.table!.columns[0]!.title).toBe('村');
    expect(s.table!.rows.map((r) => [r[0], r[col(s, '项目名称')]])).toEqual([['红星村', '红星村冷库'], ['向阳村', '向阳村光伏'], ['红星村', '红星村产业路']]);
    expect(s.charts[0]!.table.rows).toEqual([['红星村', 123000, 60000, '48.8%'], ['向阳村', 300000, 100000, '33.3%']]);
  });

  it("the county's figures and per-township chart add up", () => {
    const s = section(CODES.county, 'projects');
    expect(s.figures.map((f) => f.value)).toEqual(['3 个', '82.30万元', '16.00万元']);
    expect(s.figures[2]!.note).toBe('2026年，占计划资金 19.4%');
    expect(s.charts[0]!.table.rows).toEqual([['东风镇', 423000, 160000, '37.8%'], ['清河乡', 400000, 0, '0.0%']]);
    expect(s.table!.rows).toHaveLength(5);
  });

  it('nothing paid yet: 0元 and 0.0%', () => {
    const s = section(CODES.qingheVillage, 'projects');
    expect(zh(s.figures)).toEqual([
      { label: '项目数', value: '1 个', note: '2026年' },
      { label: '计划资金', value: '40.00万元', note: '2026年' },
      { label: '已拨付', value: '0元', note: '2026年，占计划资金 0.0%' },
    ]);
  });

  it('the dataset page lists every project with its place', () => {
    const page = json<DatasetPage>(b.model, 'datasets/projects.json');
    expect(page.table!.caption).toContain('共 5 个');
    const titles = page.table!.columns.map((c) => c.title);
    expect(titles).toEqual(expect.arrayContaining(['乡镇', '村', '项目名称', '资金规模（万元）']));
    expect(titles).not.toContain('监督电话');
    expect(page.table!.rows).toHaveLength(5);
    expect(page.figures.map((f) => f.value)).toEqual(['3 个', '82.30万元', '16.00万元']);
  });
});

describe('村级工程项目 (no period column, one overpayment)', () => {
  it('the overpaid village shows more paid than contracted, as over 100%', () => {
    const s = section(CODES.qingheVillage, 'works');
    expect(s.latestPeriod).toBeUndefined();
    expect(zh(s.figures)).toEqual([
      { label: '工程数', value: '1 项' },
      { label: '合同金额', value: '10.00万元' },
      { label: '已支付', value: '12.00万元', note: '占合同金额 120.0%' },
    ]);
    expect(s.table!.rows).toEqual([['文化广场', '—', '某工程公司', '100,000.00', '120,000.00', '—', '—', '—']]);
    expect(s.charts[0]!.table.rows).toEqual([['文化广场', 100000, 120000, '120.0%']]);
  });

  it('the county sums every contract', () => {
    const s = section(CODES.county, 'works');
    expect(s.figures.map((f) => [f.value, f.note])).toEqual([['2 项', undefined], ['30.00万元', undefined], ['30.00万元', '占合同金额 100.0%']]);
    expect(s.charts[0]!.table.rows).toEqual([['东风镇', 200000, 180000, '90.0%'], ['清河乡', 100000, 120000, '120.0%']]);
  });

  it('a township with one village charts the items, not the single village', () => {
    const s = section(CODES.qinghe, 'works');
    expect(s.charts[0]!.table.rows).toEqual([['文化广场', 100000, 120000, '120.0%']]);
  });
});

describe('党费收缴', () => {
  it('per village and summed for the county, latest year', () => {
    const v = section(CODES.qingheVillage, 'party-dues');
    expect(v.latestPeriod).toBe('2026年');
    expect(zh(v.figures)).toEqual([
      { label: '党组织数', value: '1 条', note: '2026年' },
      { label: '实缴党费', value: '2,300元', note: '2026年' },
    ]);
    expect(v.table!.columns.map((c) => c.title)).toEqual(['党组织', '期间', '党员人数', '应缴金额（元）', '实缴金额（元）']);
    expect(v.table!.rows).toEqual([['清河村党支部', '2026年', '20', '2,400.00', '2,300.00']]);
    const county = section(CODES.county, 'party-dues');
    expect(county.figures.map((f) => f.value)).toEqual(['2 条', '5,900元']);
    expect(county.charts[0]!.table.rows).toEqual([['东风镇', 3600], ['清河乡', 2300]]);
  });
});

function numbersOf(t: NonNullable<DatasetSection['table']>, title: string): (number | null)[] {
  const j = t.columns.findIndex((c) => c.title === title);
  return t.sortValues!.map((r) => r[j]!);
}
