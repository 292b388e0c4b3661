import { describe, expect, it } from 'vitest';
import { fileContext, periodFromText } from '../../src/lib/context.ts';
import { RegionRegistry, regionsFromRecords } from '../../src/lib/regions.ts';
import { REGIONS_CSV } from './helpers.ts';

const closed = () => new RegionRegistry(regionsFromRecords(REGIONS_CSV.trim().split('\n').map((l) => l.split(','))).regions, true);
const open = () => new RegionRegistry([], false);

describe('periodFromText', () => {
  it.each([
    ['2024-06', { month: '2024-06', year: '2024' }],
    ['2024_6', { month: '2024-06', year: '2024' }],
    ['低保2024.06', { month: '2024-06', year: '2024' }],
    ['202406', { month: '2024-06', year: '2024' }],
    ['2024-06-01', { month: '2024-06', year: '2024' }],
    ['城关镇2024年6月低保公示', { month: '2024-06', year: '2024' }],
    ['２０２４年６月', { month: '2024-06', year: '2024' }],
    ['城关镇王家村-2024Q2', { quarter: '2024Q2', year: '2024' }],
    ['2024年第二季度财务公开', { quarter: '2024Q2', year: '2024' }],
    ['2024年第4季度', { quarter: '2024Q4', year: '2024' }],
    ['2024年度衔接资金项目', { year: '2024' }],
    ['2024', { year: '2024' }],
    ['低保名单', {}],
  ])('%s', (text, expected) => {
    expect(periodFromText(text)).toEqual(expected);
  });
});

describe('fileContext', () => {
  it('takes place and period from the file name, matched against regions.csv', () => {
    const ctx = fileContext('finance/城关镇王家村-2024Q2.csv', [], closed());
    expect(ctx).toMatchObject({ township: '城关镇', village: '王家村', quarter: '2024Q2', year: '2024' });
    expect(ctx.source).toEqual({ township: '文件名', village: '文件名', period: '文件名' });
  });

  it('takes them from the title row, which wins over the file name', () => {
    const ctx = fileContext('dibao/2024-05.csv', ['河口乡河口村2024年6月低保对象公示'], closed());
    expect(ctx).toMatchObject({ township: '河口乡', village: '河口村', month: '2024-06' });
    expect(ctx.source).toEqual({ township: '标题行', village: '标题行', period: '标题行' });
  });

  it('combines a place in the title with a period in the file name', () => {
    const ctx = fileContext('finance/2024Q3.csv', ['王家村财务收支明细'], closed());
    expect(ctx).toMatchObject({ village: '王家村', quarter: '2024Q3' });
    expect(ctx.source).toEqual({ village: '标题行', period: '文件名' });
  });

  it('does not take place names from text that has none', () => {
    const ctx = fileContext('dibao/名单.csv', ['最低生活保障对象公示'], closed());
    expect(ctx.township).toBeUndefined();
    expect(ctx.village).toBeUndefined();
    expect(ctx.month ?? ctx.quarter ?? ctx.year).toBeUndefined();
    expect(ctx.source).toEqual({});
  });

  it('without regions.csv reads names by their suffixes, leaving out the county in front', () => {
    expect(fileContext('finance/城关镇王家村-2024Q2.csv', [], open())).toMatchObject({ township: '城关镇', village: '王家村' });
    expect(fileContext('finance/x.csv', ['示例县城关镇王家村2024年第二季度财务公开'], open())).toMatchObject({ township: '城关镇', village: '王家村', quarter: '2024Q2' });
    expect(fileContext('finance/x.csv', ['四川省示例市示例县新市镇和平社区'], open())).toMatchObject({ township: '新市镇', village: '和平社区' });
    expect(fileContext('finance/新市镇王家村.csv', [], open())).toMatchObject({ township: '新市镇', village: '王家村' });
  });
});
