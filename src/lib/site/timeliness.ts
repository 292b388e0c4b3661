/**
 * Timeliness: when each period of a disclosure is due, and whether a place is up to date as of a
 * date. Pure date arithmetic on period strings (`2026-10`, `2026Q3`, `2026`) and ISO dates, in UTC
 * so the result never depends on the machine's time zone. The rules (docs/decisions.md):
 *   - monthly: a month's list is due by the last day of the following month (2026-10 → 2026-11-30);
 *   - quarterly: a quarter's accounts by the last day of the month after the quarter (2026Q3 → 2026-10-31);
 *   - yearly: a year's by the end of the first quarter of the following year (2025 → 2026-03-31);
 *   - yearly plans (衔接资金项目): a year's plan by the end of that year's first quarter (2026 → 2026-03-31);
 *   - on change: never due, never overdue.
 * A place is overdue when the first period after the latest one it published is past its due date.
 */
import { parsePeriod } from '../charts/format.ts';
import type { Frequency } from '../schema.ts';

export type { Frequency };
export const FREQUENCIES: readonly Frequency[] = ['monthly', 'quarterly', 'yearly', 'on-change'];

/** How a dataset's periods fall due: by frequency, and whether a year's list is a plan published at its start. */
export interface Schedule { frequency: Frequency; plan?: boolean }

export interface Period { kind: 'month' | 'quarter' | 'year'; year: number; index: number }

export function parse(period: string): Period | undefined {
  return parsePeriod(period) ?? undefined;
}

export function format(p: Period): string {
  if (p.kind === 'month') return `${p.year}-${String(p.index).padStart(2, '0')}`;
  if (p.kind === 'quarter') return `${p.year}Q${p.index}`;
  return String(p.year);
}

/** Days in a month (1–12), leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last day of the month `offset` months after (year, month). */
function endOfMonth(year: number, month: number, offset = 0): string {
  const m0 = year * 12 + (month - 1) + offset;
  const y = Math.floor(m0 / 12), m = (m0 % 12) + 1;
  return iso(y, m, daysInMonth(y, m));
}

function firstMonth(p: Period): number {
  return p.kind === 'month' ? p.index : p.kind === 'quarter' ? p.index * 3 - 2 : 1;
}

function lastMonth(p: Period): number {
  return p.kind === 'month' ? p.index : p.kind === 'quarter' ? p.index * 3 : 12;
}

/** The last day a period covers: 2026Q3 → 2026-09-30, 2024-02 → 2024-02-29. */
export function periodEnd(p: Period): string {
  return endOfMonth(p.year, lastMonth(p));
}

/** The first day of a period. */
export function periodStart(p: Period): string {
  return iso(p.year, firstMonth(p), 1);
}

function kindOf(f: Frequency): Period['kind'] {
  return f === 'monthly' ? 'month' : f === 'quarterly' ? 'quarter' : 'year';
}

/** The period of a (non on-change) frequency that contains an ISO date. */
export function periodContaining(frequency: Exclude<Frequency, 'on-change'>, date: string): Period {
  const year = Number(date.slice(0, 4)), month = Number(date.slice(5, 7));
  const kind = kindOf(frequency);
  return { kind, year, index: kind === 'month' ? month : kind === 'quarter' ? Math.ceil(month / 3) : 1 };
}

export function nextPeriod(p: Period): Period {
  const per = p.kind === 'month' ? 12 : p.kind === 'quarter' ? 4 : 1;
  return p.index < per ? { ...p, index: p.index + 1 } : { ...p, year: p.year + 1, index: 1 };
}

/** The last day on which a period's disclosure is still on time. */
export function dueDate(p: Period, schedule: Pick<Schedule, 'plan'> = {}): string {
  if (p.kind === 'year' && schedule.plan) return endOfMonth(p.year, 3);
  if (p.kind === 'year') return endOfMonth(p.year + 1, 3);
  return endOfMonth(p.year, lastMonth(p), 1);
}

/** The ISO date one day later (2024-02-28 → 2024-02-29). */
export function addDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Whole calendar months from `from` to `to` (0 when less than a month). A month ending on a shorter
 * month's last day counts as whole: 2026-11-30 → 2027-02-28 is 3 months.
 */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  let n = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1 && d2 !== daysInMonth(y2, m2)) n--;
  return Math.max(0, n);
}

export type Status =
  /** Published on change, not on a calendar: never overdue. */
  | { kind: 'on-change'; latest?: string }
  /** Nothing published for this place yet. */
  | { kind: 'none' }
  /** A period that cannot be placed on the calendar (should not happen after the check). */
  | { kind: 'unknown'; latest: string }
  | { kind: 'up-to-date'; latest: string; next: string; nextDue: string }
  | {
    kind: 'overdue'; latest: string;
    /** The first period not yet published, and the day it was due. */
    missing: string; due: string;
    /** Periods past their due date and not published. */
    missingCount: number;
    days: number; months: number;
  };

/**
 * The status, as of `asOf` (YYYY-MM-DD), of a place whose latest published period is `latest`.
 * A latest period of another granularity than the frequency counts up to the day it ends: a yearly
 * list of 2026 covers every month of 2026; with a quarterly frequency, 2026-10 makes 2026Q4 the next.
 */
export function statusOf(latest: string | undefined, schedule: Schedule, asOf: string): Status {
  const f = schedule.frequency;
  if (f === 'on-change') return { kind: 'on-change', ...(latest ? { latest } : {}) };
  if (latest === undefined) return { kind: 'none' };
  const l = parse(latest);
  if (!l) return { kind: 'unknown', latest };
  const first = periodContaining(f, addDay(periodEnd(l)));
  const due = dueDate(first, schedule);
  if (asOf <= due) return { kind: 'up-to-date', latest, next: format(first), nextDue: due };
  let missingCount = 0;
  for (let p = first; missingCount < 1000 && dueDate(p, schedule) < asOf; p = nextPeriod(p)) missingCount++;
  return { kind: 'overdue', latest, missing: format(first), due, missingCount, days: daysBetween(due, asOf), months: monthsBetween(due, asOf) };
}

/** The effective schedule of a dataset: site.json's `frequencies` override the spec's. */
export function scheduleOf(spec: { id: string; frequency: Frequency }, overrides: Readonly<Record<string, Frequency>> | undefined): Schedule {
  const frequency = overrides?.[spec.id] ?? spec.frequency;
  // Project plans are published at the start of the year they cover (and their progress during it).
  return { frequency, ...(spec.id === 'projects' && frequency === 'yearly' ? { plan: true } : {}) };
}
