import { describe, expect, it } from 'vitest';
import {
  objectionFromNotes, parseObjectionWindow, periodContext, RULE_DAYS, windowPeriodText, windowState, windowStateText, windowEndNote,
} from '../../../src/lib/site/objection-window.ts';

const span = (note: string, ctx = {}) => {
  const w = parseObjectionWindow(note, ctx);
  return w ? [w.start, w.end ?? null, w.endFrom ?? null] : undefined;
};

describe('parseObjectionWindow: how clerks write a 公示期', () => {
  it.each([
    ['公示期：2026年11月1日至11月7日', ['2026-11-01', '2026-11-07', 'note']],
    ['公示期：2026年11月1日至2026年11月7日', ['2026-11-01', '2026-11-07', 'note']],
    ['公示期：2026年11月1日至7日', ['2026-11-01', '2026-11-07', 'note']],
    ['公示时间：2026.11.1-2026.11.7', ['2026-11-01', '2026-11-07', 'note']],
    ['公示时间：2026.11.01—2026.11.10', ['2026-11-01', '2026-11-10', 'note']],
    ['公示时间：2026/11/1~11/7', ['2026-11-01', '2026-11-07', 'note']],
    ['公示日期：2026-11-01至2026-11-07', ['2026-11-01', '2026-11-07', 'note']],
    ['公示日期：2026-11-01-2026-11-07', ['2026-11-01', '2026-11-07', 'note']],
    ['公示期：２０２６年１１月１日至１１月７日', ['2026-11-01', '2026-11-07', 'note']],
    ['公示期: 2026 年 11 月 1 日 至 11 月 7 日', ['2026-11-01', '2026-11-07', 'note']],
    ['公示时间：自2026年11月1日起至2026年11月10日止', ['2026-11-01', '2026-11-10', 'note']],
    ['公示期：2026年11月1号到11月7号', ['2026-11-01', '2026-11-07', 'note']],
    ['公示期：2026年11月1日——11月7日（共7天）', ['2026-11-01', '2026-11-07', 'note']],
    ['公示期：2026年12月28日至1月3日', ['2026-12-28', '2027-01-03', 'note']],
    ['公示期：2024年2月25日至3月2日', ['2024-02-25', '2024-03-02', 'note']],
  ])('%s', (note, want) => {
    expect(span(note)).toEqual(want);
  });

  it('takes the year from the period when the note leaves it out', () => {
    expect(span('公示期：11月1日-11月7日', { year: 2026, month: 11 })).toEqual(['2026-11-01', '2026-11-07', 'note']);
    expect(span('公示期：10月1日至10月7日', { year: 2026, month: 10 })).toEqual(['2026-10-01', '2026-10-07', 'note']);
    // A January list posted in late December, a December list posted in early January.
    expect(span('公示期：12月25日至12月31日', { year: 2027, month: 1 })).toEqual(['2026-12-25', '2026-12-31', 'note']);
    expect(span('公示期：1月2日至1月8日', { year: 2026, month: 12 })).toEqual(['2027-01-02', '2027-01-08', 'note']);
    expect(span('公示期：3月1日至3月10日', { year: 2026 })).toEqual(['2026-03-01', '2026-03-10', 'note']);
  });

  it('without a year anywhere there is no window', () => {
    expect(parseObjectionWindow('公示期：11月1日-11月7日')).toBeUndefined();
  });

  it('only a start: the stated length, else the dataset rule, else no end', () => {
    expect(span('自2026年11月1日起公示7天')).toEqual(['2026-11-01', '2026-11-07', 'days']);
    expect(span('公示时间：2026年11月1日起，公示期为10天')).toEqual(['2026-11-01', '2026-11-10', 'days']);
    // 7 working days from Monday 2026-11-02: Mon–Fri, then Mon–Tue.
    expect(span('公示时间：2026年11月2日起，公示期为7个工作日')).toEqual(['2026-11-02', '2026-11-10', 'workdays']);
    expect(span('公示期：2026年11月1日起', { ruleDays: RULE_DAYS.dibao })).toEqual(['2026-11-01', '2026-11-07', 'rule']);
    expect(span('公示日期：2026年11月16日', { ruleDays: RULE_DAYS.projects })).toEqual(['2026-11-16', '2026-11-25', 'rule']);
    expect(span('公示期：2026年11月1日起')).toEqual(['2026-11-01', null, null]);
  });

  it.each([
    '公示期：2026年2月30日至3月5日', // no such day
    '公示期：2026年11月1日至2月31日', // a written end that does not exist
    '公示期：2026年11月7日至11月1日', // end before start
    '公示期：2026年13月1日至13月7日',
    '公示期：1899年11月1日至11月7日',
    '公示期：待定',
    '公示期：',
    '公示期：见村委会公告栏',
    '监督电话：0999-1234567',
    '举报电话：12317',
    '公开时间：2026年11月1日至11月7日', // a publication date, not a 公示期
    '制表人：王某某 2026.11.1',
    '公示期：7日',
    '公示期：2026年',
    '公示期：2026.11',
    '公示期：0999-12-34',
    '',
    '公示'.repeat(300),
  ])('no window: %s', (note) => {
    expect(parseObjectionWindow(note, { year: 2026, month: 11, ruleDays: 7 })).toBeUndefined();
  });

  it('never throws, whatever it is given', () => {
    const junk: unknown[] = [undefined, null, 12, {}, [], '公示期：' + '1'.repeat(400), '公示期：2026年11月1日至至至至', '公示期：\u0000\uFFFD', '公示期：9999年99月99日'];
    for (const j of junk) expect(() => parseObjectionWindow(j as string, { year: 2026, month: 11, ruleDays: 7 })).not.toThrow();
    for (const j of junk) expect(parseObjectionWindow(j as string)).toBeUndefined();
  });

  it('keeps the line it read, as published', () => {
    expect(parseObjectionWindow(' 公示期：2026年11月1日至11月7日 ')?.source).toBe('公示期：2026年11月1日至11月7日');
  });
});

describe('objectionFromNotes and the state on the as-of date', () => {
  const notes = ['公示期：2026年10月1日至10月7日', '监督电话：0999-1234567'];

  it('finds the 公示 line among the notes and says whether it ended', () => {
    expect(objectionFromNotes(notes, '2026-11-22')).toMatchObject({ start: '2026-10-01', end: '2026-10-07', state: 'ended' });
    expect(objectionFromNotes(notes, '2026-10-07')?.state).toBe('open');
    expect(objectionFromNotes(notes, '2026-10-01')?.state).toBe('open');
    expect(objectionFromNotes(notes, '2026-09-30')?.state).toBe('upcoming');
    expect(objectionFromNotes(['监督电话：12317'], '2026-11-22')).toBeUndefined();
    expect(objectionFromNotes([], '2026-11-22')).toBeUndefined();
  });

  it('of several windows, the latest counts', () => {
    const w = objectionFromNotes(['公示期：2026年9月1日至9月7日', '公示期：2026年10月1日至10月7日', '公示期：2026年8月1日至8月7日'], '2026-10-03');
    expect([w?.start, w?.state]).toEqual(['2026-10-01', 'open']);
  });

  it('a window without an end has started, never ended', () => {
    expect(windowState({ start: '2026-11-01', source: '' }, '2027-05-01')).toBe('started');
  });
});

describe('wording', () => {
  const w = { start: '2026-11-01', end: '2026-11-07', endFrom: 'note' as const, source: '' };
  it('says the period and the state in Chinese and English', () => {
    expect(windowPeriodText(w)).toBe('2026年11月1日至11月7日');
    expect(windowPeriodText({ ...w, end: '2027-01-03' })).toBe('2026年11月1日至2027年1月3日');
    expect(windowPeriodText({ start: '2026-11-01', source: '' })).toBe('2026年11月1日起');
    expect(windowPeriodText(w, 'en')).toBe('1 November 2026 to 7 November 2026');
    expect(windowStateText({ ...w, state: windowState(w, '2026-11-22') })).toBe('公示期已于 2026年11月7日结束');
    expect(windowStateText({ ...w, state: 'ended' }, 'en')).toBe('The objection period ended on 7 November 2026');
    expect(windowStateText({ ...w, state: windowState(w, '2026-11-03') })).toContain('正在公示');
    expect(windowEndNote({ ...w, endFrom: 'rule' })).toContain('7 天');
    expect(windowEndNote(w)).toBeUndefined();
  });

  it('reads the period the list is for', () => {
    expect(periodContext('2026-10')).toEqual({ year: 2026, month: 10 });
    expect(periodContext('2026年10月')).toEqual({ year: 2026, month: 10 });
    expect(periodContext('2026年第3季度')).toEqual({ year: 2026 });
    expect(periodContext('2026Q3')).toEqual({ year: 2026 });
    expect(periodContext('2026年')).toEqual({ year: 2026 });
    expect(periodContext(undefined)).toEqual({});
    expect(periodContext('全年')).toEqual({});
  });
});
