import { describe, expect, it } from 'vitest';
import {
  cleanText, isBlank, isScientificMangled, parseDate, parseInteger, parseMoney, parseMonth, parseNumberCell,
  parsePeriod, parseYear, periodLabel, toHalfWidth, unitInHeader,
} from '../../src/lib/values.ts';

const value = <T>(p: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!p.ok) throw new Error(`expected a value, got: ${p.reason}`);
  return p.value;
};
const reason = (p: { ok: boolean; reason?: string }): string => {
  if (p.ok) throw new Error('expected a failure');
  return p.reason!;
};

describe('toHalfWidth / cleanText', () => {
  it('turns full-width digits, commas, points and the ideographic space into ASCII', () => {
    expect(toHalfWidth('１２３４')).toBe('1234');
    expect(toHalfWidth('１，２３４．５０')).toBe('1,234.50');
    expect(toHalfWidth('Ａ类\u3000')).toBe('A类 ');
  });

  it('trims ordinary, ideographic, zero-width and no-break spaces that Excel leaves around names', () => {
    expect(cleanText('\u3000张三 \u200b')).toBe('张三');
    expect(cleanText('\ufeff\u00a0王家村\t')).toBe('王家村');
    expect(cleanText('张 三')).toBe('张 三');
  });
});

describe('isBlank', () => {
  it.each(['', ' ', '\u3000', '—', '——', '-', '--', '－', '/', '／', '无', '#N/A', ' - '])('%j is a blank marker', (s) => {
    expect(isBlank(s)).toBe(true);
  });

  it.each(['0', '0.00', '张三', '-5', '1/2'])('%j is a value', (s) => {
    expect(isBlank(s)).toBe(false);
  });
});

describe('parseNumberCell', () => {
  it.each([
    ['1,234.50', 1234.5, undefined],
    ['１２３４', 1234, undefined],
    ['１，２３４．５０', 1234.5, undefined],
    ['¥350', 350, undefined],
    ['￥350', 350, undefined],
    ['350元', 350, '元'],
    ['3万元', 3, '万元'],
    ['80万', 80, '万元'],
    ['¥1,234.50元', 1234.5, '元'],
    ['(1,234.5)', -1234.5, undefined],
    [' 42 ', 42, undefined],
    ['RMB 100', 100, undefined],
  ])('%s → %s %s', (raw, n, unit) => {
    const v = value(parseNumberCell(raw));
    expect(v.n).toBe(n);
    expect(v.unit).toBe(unit);
  });

  it('rejects text that is not a number, quoting the cell', () => {
    expect(reason(parseNumberCell('三百'))).toBe('「三百」不是数字');
    expect(parseNumberCell('1.2.3').ok).toBe(false);
    expect(parseNumberCell('—').ok).toBe(false);
  });

  it.each(['858,5', '858，5', '1,2345', '1,23', '1.234,50', ',500', '1,234,5'])(
    'refuses %s: a comma that is not a thousands separator would change the amount', (raw) => {
      const r = reason(parseNumberCell(raw));
      expect(r).toContain('逗号位置不对');
      expect(r).toContain(`「${raw}」`);
    });

  it.each([['12,345,678', 12345678], ['-1,234', -1234], ['1，234.5', 1234.5], ['1,234.', 1234]])(
    'still reads thousands separators: %s → %s', (raw, n) => {
      expect(value(parseNumberCell(raw)).n).toBe(n);
    });
});

describe('parseMoney: everything is stored in 元', () => {
  it.each([
    ['1,234.50', '元', 1234.5],
    ['¥350', '元', 350],
    ['3万元', '元', 30000],
    ['80万', '元', 800000],
    ['１２３４', '元', 1234],
    ['80', '万元', 800000],
    ['0.5', '万元', 5000],
    ['350元', '万元', 350],
    ['12.3456', '万元', 123456],
    ['0.123456', '万元', 1234.56],
  ] as const)('%s in a %s column → %s 元', (raw, unit, yuan) => {
    expect(value(parseMoney(raw, unit))).toBe(yuan);
  });

  it('says when a unit written in the cell overrode the column unit', () => {
    const p = parseMoney('3万元', '元');
    expect(p.ok && p.note).toContain('万元');
    const same = parseMoney('3万元', '万元');
    expect(same.ok && same.note).toBeUndefined();
  });

  it('explains how to write an amount when it cannot read one', () => {
    expect(reason(parseMoney('三百元', '元'))).toContain('应为金额');
  });
});

describe('unitInHeader', () => {
  it.each([
    ['资金规模（万元）', '万元'],
    ['资金规模(万元)', '万元'],
    ['月保障金额(元)', '元'],
    ['月保障金额（元）', '元'],
    ['金额【万元】', '万元'],
    ['单位：万元', '万元'],
    ['月保障金额', undefined],
    ['金额（元/月）', undefined],
  ])('%s → %s', (header, unit) => {
    expect(unitInHeader(header)).toBe(unit);
  });
});

describe('parseInteger', () => {
  it.each([['3', 3], ['3人', 3], ['２', 2], ['3.0', 3], ['1,200', 1200]])('%s → %s', (raw, n) => {
    expect(value(parseInteger(raw))).toBe(n);
  });

  it('rejects fractions and words', () => {
    expect(reason(parseInteger('3.5'))).toBe('「3.5」应为整数');
    expect(reason(parseInteger('三人'))).toBe('「三人」不是数字，应为整数');
  });
});

describe('parseDate', () => {
  it.each([
    ['2024-06-01', '2024-06-01'],
    ['2024/6/1', '2024-06-01'],
    ['2024.06.01', '2024-06-01'],
    ['2024年6月1日', '2024-06-01'],
    ['２０２４年６月１日', '2024-06-01'],
    ['20240601', '2024-06-01'],
    ['2024-02-29', '2024-02-29'],
    ['45444', '2024-06-01'], // an Excel day serial
  ])('%s → %s', (raw, iso) => {
    expect(value(parseDate(raw))).toBe(iso);
  });

  it('drops the time of an Excel date-time without running the hour into the day', () => {
    expect(value(parseDate('2024/6/1 10:30'))).toBe('2024-06-01');
    expect(value(parseDate('2024-06-01 10:30:00'))).toBe('2024-06-01');
    expect(value(parseDate('2024/6/10 0:00'))).toBe('2024-06-10');
    expect(value(parseDate('2024年6月1日 9:05'))).toBe('2024-06-01');
  });

  it('rejects days that do not exist', () => {
    expect(reason(parseDate('2024-02-30'))).toBe('「2024-02-30」不是存在的日期');
    expect(parseDate('2023-02-29').ok).toBe(false);
    expect(parseDate('2024-13-01').ok).toBe(false);
  });

  it('asks for a full date when a date column holds only a month, with an example', () => {
    expect(reason(parseDate('2024年6月'))).toContain('2024-06-01');
    expect(parseDate('202406').ok).toBe(false);
    expect(parseDate('下个月').ok).toBe(false);
  });
});

describe('parseMonth: every format the issue lists', () => {
  it.each([
    ['2024-06-01', '2024-06'],
    ['2024/6/1', '2024-06'],
    ['2024.06.01', '2024-06'],
    ['2024年6月1日', '2024-06'],
    ['2024年6月', '2024-06'],
    ['202406', '2024-06'],
    ['2024-06', '2024-06'],
    ['2024/6', '2024-06'],
    ['2024.6', '2024-06'],
    ['2024年06月份', '2024-06'],
    ['２０２４年６月', '2024-06'],
  ])('%s → %s', (raw, ym) => {
    expect(value(parseMonth(raw))).toBe(ym);
  });

  it('rejects months that do not exist and words', () => {
    expect(reason(parseMonth('2024-13'))).toBe('「2024-13」不是存在的年月');
    expect(reason(parseMonth('六月'))).toContain('2024年6月');
  });
});

describe('parseYear / parsePeriod / periodLabel', () => {
  it('reads years', () => {
    expect(value(parseYear('2024'))).toBe('2024');
    expect(value(parseYear('2024年'))).toBe('2024');
    expect(value(parseYear('2024年度'))).toBe('2024');
    expect(parseYear('24').ok).toBe(false);
  });

  it.each([
    ['2024', '2024'],
    ['2024年度', '2024'],
    ['2024年第二季度', '2024Q2'],
    ['2024年第4季度', '2024Q4'],
    ['2024年1季度', '2024Q1'],
    ['2024Q2', '2024Q2'],
    ['2024-Q3', '2024Q3'],
    ['2024q4', '2024Q4'],
    ['2024年6月', '2024-06'],
    ['202406', '2024-06'],
  ])('period %s → %s', (raw, p) => {
    expect(value(parsePeriod(raw))).toBe(p);
  });

  it('labels periods in Chinese', () => {
    expect(periodLabel('2024-06')).toBe('2024年6月');
    expect(periodLabel('2024Q2')).toBe('2024年第2季度');
    expect(periodLabel('2024')).toBe('2024年');
  });
});

describe('isScientificMangled', () => {
  it('recognises 18-digit IDs that Excel turned into 5.11999E+17', () => {
    expect(isScientificMangled('5.11999E+17')).toBe(true);
    expect(isScientificMangled('5.10122E+17')).toBe(true);
    expect(isScientificMangled('4.4e17')).toBe(true);
    expect(isScientificMangled('510122198001010011')).toBe(false);
    expect(isScientificMangled('1.5E+3')).toBe(false);
  });
});
