// When a disclosure is due and whether a village is late: month, quarter and year edges, leap years.
import { describe, expect, it } from 'vitest';
import { addDay, daysBetween, dueDate, monthsBetween, parse, periodEnd, scheduleOf, statusOf } from '../../../src/lib/site/timeliness.ts';

const due = (p: string, plan = false) => dueDate(parse(p)!, { plan });

describe('due dates', () => {
  it('a month is due by the end of the following month, across year ends and February', () => {
    expect(due('2026-10')).toBe('2026-11-30');
    expect(due('2026-11')).toBe('2026-12-31');
    expect(due('2026-12')).toBe('2027-01-31');
    expect(due('2024-01')).toBe('2024-02-29'); // leap year
    expect(due('2026-01')).toBe('2026-02-28');
    expect(due('2100-01')).toBe('2100-02-28'); // not a leap year (divisible by 100)
    expect(due('2000-01')).toBe('2000-02-29'); // leap year (divisible by 400)
  });

  it('a quarter is due by the end of the month after it', () => {
    expect(due('2026Q1')).toBe('2026-04-30');
    expect(due('2026Q3')).toBe('2026-10-31');
    expect(due('2026Q4')).toBe('2027-01-31');
  });

  it('a year is due by the end of the next year’s first quarter; a plan by the end of its own', () => {
    expect(due('2025')).toBe('2026-03-31');
    expect(due('2026', true)).toBe('2026-03-31');
  });

  it('period ends and day arithmetic respect leap days', () => {
    expect(periodEnd(parse('2024-02')!)).toBe('2024-02-29');
    expect(periodEnd(parse('2023-02')!)).toBe('2023-02-28');
    expect(periodEnd(parse('2026Q4')!)).toBe('2026-12-31');
    expect(addDay('2024-02-28')).toBe('2024-02-29');
    expect(addDay('2024-02-29')).toBe('2024-03-01');
    expect(addDay('2026-12-31')).toBe('2027-01-01');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
  });

  it('counts whole months, a month-end to a shorter month-end being whole', () => {
    expect(monthsBetween('2026-11-30', '2026-12-29')).toBe(0);
    expect(monthsBetween('2026-11-30', '2026-12-30')).toBe(1);
    expect(monthsBetween('2026-11-30', '2027-02-27')).toBe(2);
    expect(monthsBetween('2026-11-30', '2027-02-28')).toBe(3);
    expect(monthsBetween('2024-01-31', '2024-02-29')).toBe(1);
  });
});

describe('status as of a date', () => {
  const monthly = { frequency: 'monthly' as const };
  it('on the due day the next month is not late yet; the day after it is', () => {
    expect(statusOf('2026-09', monthly, '2026-11-30')).toMatchObject({ kind: 'up-to-date', next: '2026-10', nextDue: '2026-11-30' });
    expect(statusOf('2026-09', monthly, '2026-12-01')).toMatchObject({ kind: 'overdue', missing: '2026-10', due: '2026-11-30', days: 1, months: 0, missingCount: 1 });
  });

  it('counts the missing periods and the months late', () => {
    expect(statusOf('2026-07', monthly, '2026-11-22')).toMatchObject({ kind: 'overdue', missing: '2026-08', due: '2026-09-30', missingCount: 2, months: 1, days: 53 });
  });

  it('leap year: January’s list due on 29 February', () => {
    expect(statusOf('2023-12', monthly, '2024-02-29')).toMatchObject({ kind: 'up-to-date', next: '2024-01' });
    expect(statusOf('2023-12', monthly, '2024-03-01')).toMatchObject({ kind: 'overdue', days: 1 });
  });

  it('quarterly accounts across the year end', () => {
    const q = { frequency: 'quarterly' as const };
    expect(statusOf('2026Q3', q, '2027-01-31')).toMatchObject({ kind: 'up-to-date', next: '2026Q4', nextDue: '2027-01-31' });
    expect(statusOf('2026Q3', q, '2027-02-01')).toMatchObject({ kind: 'overdue', missing: '2026Q4', missingCount: 1 });
    expect(statusOf('2026Q2', q, '2026-11-22')).toMatchObject({ kind: 'overdue', missing: '2026Q3', due: '2026-10-31', missingCount: 1 });
  });

  it('yearly lists and yearly plans', () => {
    const y = { frequency: 'yearly' as const };
    expect(statusOf('2025', y, '2026-11-22')).toMatchObject({ kind: 'up-to-date', next: '2026', nextDue: '2027-03-31' });
    expect(statusOf('2024', y, '2026-03-31')).toMatchObject({ kind: 'up-to-date' });
    expect(statusOf('2024', y, '2026-04-01')).toMatchObject({ kind: 'overdue', missing: '2025', missingCount: 1 });
    const plan = { frequency: 'yearly' as const, plan: true };
    expect(statusOf('2025', plan, '2026-04-01')).toMatchObject({ kind: 'overdue', missing: '2026', due: '2026-03-31' });
    expect(statusOf('2026', plan, '2026-11-22')).toMatchObject({ kind: 'up-to-date', next: '2027', nextDue: '2027-03-31' });
  });

  it('a period of another granularity counts up to the day it ends', () => {
    expect(statusOf('2026', monthly, '2027-02-01')).toMatchObject({ kind: 'up-to-date', next: '2027-01' });
    expect(statusOf('2026-10', { frequency: 'quarterly' }, '2026-11-22')).toMatchObject({ kind: 'up-to-date', next: '2026Q4' });
  });

  it('on change is never late; nothing published is its own status', () => {
    expect(statusOf(undefined, { frequency: 'on-change' }, '2030-01-01')).toEqual({ kind: 'on-change' });
    expect(statusOf('2020-01-01', { frequency: 'on-change' }, '2030-01-01')).toEqual({ kind: 'on-change', latest: '2020-01-01' });
    expect(statusOf(undefined, monthly, '2026-11-22')).toEqual({ kind: 'none' });
    expect(statusOf('soon', monthly, '2026-11-22')).toEqual({ kind: 'unknown', latest: 'soon' });
  });
});

describe('schedules', () => {
  it('site.json overrides the dataset’s frequency; only yearly project lists are plans', () => {
    expect(scheduleOf({ id: 'dibao', frequency: 'monthly' }, { dibao: 'quarterly' })).toEqual({ frequency: 'quarterly' });
    expect(scheduleOf({ id: 'dibao', frequency: 'monthly' }, undefined)).toEqual({ frequency: 'monthly' });
    expect(scheduleOf({ id: 'projects', frequency: 'yearly' }, {})).toEqual({ frequency: 'yearly', plan: true });
    expect(scheduleOf({ id: 'projects', frequency: 'yearly' }, { projects: 'quarterly' })).toEqual({ frequency: 'quarterly' });
  });
});
