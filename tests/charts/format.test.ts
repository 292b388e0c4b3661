import {describe, expect, it} from 'vitest';
import {
  formatMonthZh,
  formatNumber,
  formatPeriodZh,
  formatQuarterZh,
  formatWithUnit,
  formatYuan,
  monthRange,
  periodAxisLabels,
  valueAxis,
} from '../../src/lib/charts/format.ts';

describe('formatYuan', () => {
  it.each([
    [0, '0元'],
    [8, '8元'],
    [580.5, '580.5元'],
    [1234.567, '1,234.57元'],
    [9999, '9,999元'],
    [9999.99, '9,999.99元'],
    [9999.996, '1.00万元'], // rounds to 分 first, then crosses the 万 threshold
    [10000, '1.00万元'],
    [123456, '12.35万元'],
    [500000, '50.00万元'],
    [123456789, '12,345.68万元'],
    [-25000, '-2.50万元'],
    [-1234, '-1,234元'],
    [-0.001, '0元'],
  ])('%s → %s', (n, expected) => {
    expect(formatYuan(n)).toBe(expected);
  });

  it('shows a dash for non-finite input', () => {
    expect(formatYuan(Number.NaN)).toBe('—');
    expect(formatYuan(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatNumber / formatWithUnit', () => {
  it('groups thousands and trims decimals', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(12.5)).toBe('12.5');
    expect(formatNumber(12.0)).toBe('12');
    expect(formatNumber(-0.004)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1,000');
  });

  it('appends the unit, money through formatYuan', () => {
    expect(formatWithUnit(1234, '户')).toBe('1,234户');
    expect(formatWithUnit(56000, '元')).toBe('5.60万元');
    expect(formatWithUnit(Number.NaN, '人')).toBe('—');
  });
});

describe('period formatting', () => {
  it('formatMonthZh', () => {
    expect(formatMonthZh('2026-06')).toBe('2026年6月');
    expect(formatMonthZh('2025-12')).toBe('2025年12月');
    expect(formatMonthZh('2026-01')).toBe('2026年1月');
  });

  it.each(['2026-13', '2026-6', '2026/06', '', '2026-00', '2026-06-01'])('formatMonthZh rejects %j', (bad) => {
    expect(() => formatMonthZh(bad)).toThrow(RangeError);
  });

  it('formatQuarterZh / formatPeriodZh', () => {
    expect(formatQuarterZh('2026Q1')).toBe('2026年第一季度');
    expect(formatPeriodZh('2025Q4')).toBe('2025年第四季度');
    expect(formatPeriodZh('2026-03')).toBe('2026年3月');
    expect(formatPeriodZh('2026')).toBe('2026年');
    expect(() => formatQuarterZh('2026Q5')).toThrow(RangeError);
    expect(() => formatPeriodZh('Q1 2026')).toThrow(RangeError);
  });

  it('axis labels show the year first and at each change of year', () => {
    expect(periodAxisLabels(['2025-11', '2025-12', '2026-01', '2026-02'])).toEqual(['11月\n2025年', '12月', '1月\n2026年', '2月']);
    expect(periodAxisLabels(['2025Q4', '2026Q1', '2026Q2'])).toEqual(['四季度\n2025年', '一季度\n2026年', '二季度']);
  });

  it('monthRange fills the months in between, across years', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-06', '2026-06')).toEqual(['2026-06']);
  });

  it('valueAxis switches money to 万元 at 10,000', () => {
    const small = valueAxis(9000, '元');
    expect(small.label).toBe('元');
    expect(small.format(5000)).toBe('5,000');
    const big = valueAxis(250000, '元');
    expect(big.label).toBe('万元');
    expect(big.format(150000)).toBe('15');
    expect(big.format(25000)).toBe('2.5');
    expect(valueAxis(250000, '人').label).toBe('人');
  });
});
