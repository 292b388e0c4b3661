// The English interface's words and formats (src/lib/site/english.ts) and the view helpers that
// show the model in a language (src/lib/site/view.ts).
import { describe, expect, it } from 'vitest';
import { monthlyTrendChart } from '../../../src/lib/charts/monthly-trend.ts';
import { changeNoteEn, countEn, dateEn, periodEn, yuanEn } from '../../../src/lib/site/english.ts';
import { asOfText, cellIn, chartCellIn, chartIn, childLabel, enText, figureIn, periodLabel, placeKindLabel, zhText } from '../../../src/lib/site/view.ts';

describe('periods and dates', () => {
  it('reads raw periods and the Chinese labels the model holds', () => {
    expect(['2026-10', '2026年10月', '2026-01', '2026年1月', '2026Q3', '2026年第三季度', '2026年第3季度', '2026', '2026年'].map(periodEn))
      .toEqual(['Oct 2026', 'Oct 2026', 'Jan 2026', 'Jan 2026', 'Q3 2026', 'Q3 2026', 'Q3 2026', '2026', '2026']);
  });

  it('leaves anything else alone (names are data)', () => {
    expect(['王家村', '2026年度计划', '', '13-2026'].map(periodEn)).toEqual(['王家村', '2026年度计划', '', '13-2026']);
    expect(periodEn(undefined)).toBe('');
  });

  it('periodLabel and asOfText keep Chinese unless asked for English', () => {
    expect([periodLabel('2026-10'), periodLabel('2026-10', 'en'), periodLabel('2026年第三季度', 'en')]).toEqual(['2026年10月', 'Oct 2026', 'Q3 2026']);
    expect([asOfText('2026-11-22'), asOfText('2026-11-22', 'en'), dateEn('2026-01-05')]).toEqual(['2026年11月22日', '22 November 2026', '5 January 2026']);
  });
});

describe('counts and money', () => {
  it('plural only when not one', () => {
    expect([countEn(1, '户'), countEn(412, '户'), countEn(1, '人'), countEn(1234, '人'), countEn(3, '笔')]).toEqual(['1 household', '412 households', '1 person', '1,234 people', '3 entries']);
  });

  it('yuan in full below a million, millions above, never 万', () => {
    expect([yuanEn(580.5), yuanEn(9999.99), yuanEn(256000), yuanEn(1234567.89), yuanEn(-2000), yuanEn(Number.NaN)])
      .toEqual(['580.5 yuan', '9,999.99 yuan', '256,000 yuan', '1.23 million yuan', '-2,000 yuan', '—']);
  });

  it('month-over-month notes', () => {
    expect([changeNoteEn(undefined, 2, '户'), changeNoteEn(undefined, -1, '人'), changeNoteEn('2026-07', 0, '户')])
      .toEqual(['up 2 households from last month', 'down 1 person from last month', 'unchanged from Jul 2026']);
  });
});

describe('the model in a language', () => {
  it('figures fall back to the Chinese only where no English was given', () => {
    const f = { label: '低保户数', value: '3 户', note: '2026年10月', labelEn: 'Dibao households', valueEn: '3 households' };
    expect(figureIn(f, 'zh')).toMatchObject({ label: '低保户数', value: '3 户', note: '2026年10月' });
    expect(figureIn(f, 'en')).toEqual({ label: 'Dibao households', value: '3 households', note: 'Oct 2026' });
  });

  it('writes summary sums in 万元 the English way, and leaves other text alone', () => {
    const col = { key: 'amount', title: '计划资金', numeric: true };
    expect(cellIn('555.60万元', col, 'en')).toBe('5.56 million yuan');
    expect(cellIn('12.3万元', col, 'en')).toBe('123,000 yuan');
    expect(cellIn('555.50万元', col, 'zh')).toBe('555.50万元');
    expect(cellIn('万元', col, 'en')).toBe('万元');
  });

  it('translates period cells only in period columns', () => {
    expect(cellIn('2026年', { key: 'year', title: '年度', numeric: false, period: true }, 'en')).toBe('2026');
    expect(cellIn('2026年', { key: 'name', title: '项目名称', numeric: false }, 'en')).toBe('2026年');
    expect(cellIn('2026年', { key: 'year', title: '年度', numeric: false, period: true }, 'zh')).toBe('2026年');
    expect([chartCellIn('2026年10月', 0, 'en'), chartCellIn('2026年10月', 0, 'zh'), chartCellIn(1234.5, 1, 'en'), chartCellIn('王家村', 0, 'en')]).toEqual(['Oct 2026', '2026年10月', '1,234.5', '王家村']);
  });

  it('a chart keeps its SVG drawing but gets an English accessible name, description and table', () => {
    const chart = monthlyTrendChart({ id: 'dibao-trend', title: '王家村低保对象户数（按月）', description: '王家村每月低保对象的户数', unitLabel: '户', series: [{ period: '2026-09', value: 3 }, { period: '2026-10', value: 4 }] });
    chart.en = { title: '王家村: dibao households <per month>', description: 'Number of dibao households', columns: ['Month', 'Households'] };
    const zh = chartIn(chart, 'zh');
    expect(zh.svg).toBe(chart.svg);
    const en = chartIn(chart, 'en');
    expect(en.caption).toBe('王家村: dibao households <per month>');
    expect(en.columns).toEqual(['Month', 'Households']);
    expect(en.svg).toMatch(/^<svg lang="zh-CN"/);
    expect(en.svg).toContain('<title id="dibao-trend-title" lang="en">王家村: dibao households &lt;per month&gt;</title>');
    expect(en.svg).toContain('<desc id="dibao-trend-desc" lang="en">Number of dibao households</desc>');
    // Only the title and description change: the drawing is the same bytes.
    const drawing = (s: string) => s.replace(/^<svg[^>]*>/, '').replace(/<title[^>]*>.*?<\/title><desc[^>]*>.*?<\/desc>/, '');
    expect(drawing(en.svg)).toBe(drawing(chart.svg));
  });

  it('place kinds and bilingual descriptions', () => {
    expect([placeKindLabel({ name: '红星社区', level: 'village' }, 'en'), placeKindLabel({ name: '城关镇', level: 'township' }, 'en'), placeKindLabel({ name: '东城街道', level: 'township' }, 'en'), placeKindLabel({ name: '示例县', level: 'county' }, 'en')])
      .toEqual(['community', 'town', 'sub-district', 'county']);
    expect(childLabel([{ id: 'a', name: '城关镇', level: 'township', url: '' }], 'en')).toBe('townships');
    const d = '最低生活保障对象名单，每户一行 One row per household receiving the minimum living allowance';
    expect([zhText(d), enText(d)]).toEqual(['最低生活保障对象名单，每户一行', 'One row per household receiving the minimum living allowance']);
  });
});
