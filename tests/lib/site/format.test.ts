// Display formatting for pages (src/lib/site/format.ts): periods, dates, table cells in 元 and 万元,
// and the 监督电话 taken from the notes under a published list.
import { describe, expect, it } from 'vitest';
import { DATASET_BY_ID } from '../../../src/lib/datasets/index.ts';
import type { ColumnDef } from '../../../src/lib/schema.ts';
import { cellText, columnTitle, contactFromNotes, count, dateText, fixed2, formatYuan, isNumericKind, periodText } from '../../../src/lib/site/format.ts';

function column(dataset: string, key: string): ColumnDef {
  const def = DATASET_BY_ID.get(dataset)!.columns.find((c) => c.key === key);
  if (!def) throw new Error(`no column ${dataset}.${key}`);
  return def;
}

const dibaoAmount = column('dibao', 'amount'); // 元
const projectAmount = column('projects', 'amount'); // 万元
const persons = column('dibao', 'persons');
const month = column('dibao', 'period');
const year = column('projects', 'year');
const duesPeriod = column('party-dues', 'period');
const name = column('dibao', 'name');

describe('periodText', () => {
  it.each([
    ['2026-10', '2026年10月'],
    ['2026-01', '2026年1月'],
    ['2026Q1', '2026年第一季度'],
    ['2026Q3', '2026年第三季度'],
    ['2026', '2026年'],
  ])('%s → %s', (p, text) => {
    expect(periodText(p)).toBe(text);
  });

  it('is empty for a missing period', () => {
    expect(periodText(undefined)).toBe('');
    expect(periodText('')).toBe('');
  });

  it('passes through what is not a period instead of throwing', () => {
    expect(periodText('上半年')).toBe('上半年');
  });
});

describe('dateText', () => {
  it('writes an ISO date the Chinese way without leading zeros', () => {
    expect(dateText('2026-11-22')).toBe('2026年11月22日');
    expect(dateText('2026-01-05')).toBe('2026年1月5日');
  });

  it('leaves anything else as it is', () => {
    expect(dateText('2026-1-5')).toBe('2026-1-5');
    expect(dateText('2026年1月5日')).toBe('2026年1月5日');
    expect(dateText('')).toBe('');
  });
});

describe('cellText', () => {
  it('money in 元: two decimals with thousands separators', () => {
    expect(cellText(dibaoAmount, 1234.5)).toBe('1,234.50');
    expect(cellText(dibaoAmount, 1234567.891)).toBe('1,234,567.89');
    expect(cellText(dibaoAmount, 0)).toBe('0.00');
    expect(cellText(dibaoAmount, 300)).toBe('300.00');
  });

  it('money of a 万元 column (projects) is shown in 万元, as the notice wrote it', () => {
    expect(projectAmount.unit).toBe('万元');
    expect(cellText(projectAmount, 123000)).toBe('12.30');
    expect(cellText(projectAmount, 12345678)).toBe('1,234.57');
    expect(cellText(projectAmount, 500)).toBe('0.05');
  });

  it('negative money keeps its sign; a rounded-away negative is not 「-0.00」', () => {
    expect(cellText(dibaoAmount, -1234.5)).toBe('-1,234.50');
    expect(cellText(dibaoAmount, -0.001)).toBe('0.00');
  });

  it('an empty cell is a dash', () => {
    for (const v of [undefined, null, '']) expect(cellText(dibaoAmount, v)).toBe('—');
    expect(cellText(name, undefined)).toBe('—');
  });

  it('integers get thousands separators, periods read in Chinese, text stays text', () => {
    expect(cellText(persons, 1234)).toBe('1,234');
    expect(cellText(persons, 3)).toBe('3');
    expect(cellText(month, '2026-10')).toBe('2026年10月');
    expect(cellText(year, '2025')).toBe('2025年');
    expect(cellText(duesPeriod, '2026Q2')).toBe('2026年第二季度');
    expect(cellText(name, '张三')).toBe('张三');
  });
});

describe('column titles and helpers', () => {
  it('money titles carry the unit the cells are shown in', () => {
    expect(columnTitle(dibaoAmount)).toBe('月保障金额（元）');
    expect(columnTitle(projectAmount)).toBe('资金规模（万元）');
    expect(columnTitle(persons)).toBe('保障人数');
    expect(columnTitle(name)).toBe('户主姓名');
  });

  it('money and integers are numeric (right-aligned, sortable); periods and names are not', () => {
    expect([dibaoAmount, projectAmount, persons].map(isNumericKind)).toEqual([true, true, true]);
    expect([month, year, name].map(isNumericKind)).toEqual([false, false, false]);
  });

  it('fixed2 and count', () => {
    expect(fixed2(1234.5)).toBe('1,234.50');
    expect(fixed2(999999.999)).toBe('1,000,000.00');
    expect(count(1234, '户')).toBe('1,234 户');
    expect(count(0, '人')).toBe('0 人');
  });

  it('formatYuan: 万元 from 10,000 元 up', () => {
    expect(formatYuan(12345)).toBe('1.23万元');
    expect(formatYuan(1234.5)).toBe('1,234.5元');
    expect(formatYuan(123000)).toBe('12.30万元');
  });
});

describe('contactFromNotes', () => {
  it('takes the number after 监督电话 among the notes', () => {
    expect(contactFromNotes(['公示期：2026年10月1日至10月7日', '监督电话：0838-1234567'])).toBe('0838-1234567');
  });

  it('accepts 举报/投诉 labels, half-width colons and full-width digits', () => {
    expect(contactFromNotes(['举报电话: 12345'])).toBe('12345');
    expect(contactFromNotes(['投诉电话：０８３８－１２３４５６７'])).toBe('０８３８－１２３４５６７');
    expect(contactFromNotes(['监督举报电话：(0838)1234567'])).toBe('(0838)1234567');
  });

  it('keeps two numbers given together', () => {
    expect(contactFromNotes(['监督电话：0838-1234567、0838-7654321'])).toBe('0838-1234567、0838-7654321');
  });

  it('the first note with a number wins', () => {
    expect(contactFromNotes(['举报电话：12317', '监督电话：0838-1234567'])).toBe('12317');
  });

  it('is undefined when no note names a supervision number', () => {
    expect(contactFromNotes([])).toBeUndefined();
    expect(contactFromNotes(['公示期：2026年10月1日至10月7日'])).toBeUndefined();
    expect(contactFromNotes(['联系电话：0838-1234567'])).toBeUndefined();
    expect(contactFromNotes(['监督电话：请到村委会'])).toBeUndefined();
  });

  // BUG (src/lib/site/format.ts, contactFromNotes): the character class that lets two numbers be
  // joined (、，（ ）) also swallows the punctuation that merely follows one number, so
  // 「监督电话：0838-1234567，欢迎监督」 gives 「0838-1234567，」 and 「…（工作日）」 gives 「0838-1234567（」.
  // The page then shows the dangling mark, and view.ts telHref rejects 「0838-1234567，」 so the
  // number is not even a tap-to-call link. Expected: the number without trailing separators.
  it('does not keep the punctuation after the number', () => {
    expect(contactFromNotes(['监督电话：0838-1234567，欢迎群众监督'])).toBe('0838-1234567');
    expect(contactFromNotes(['监督电话：0838-1234567（工作日）'])).toBe('0838-1234567');
  });
});
