/** Calendar helpers for the sample generator (no Date objects or time zones involved). */

export type YearMonth = { year: number; month: number };
export type YMD = { year: number; month: number; day: number };
export type DateStyle = 'iso' | 'slash' | 'cn';

export const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

export function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Months since year 0, handy for arithmetic. */
export const monthNumber = (ym: YearMonth): number => ym.year * 12 + (ym.month - 1);
export const fromMonthNumber = (n: number): YearMonth => ({ year: Math.floor(n / 12), month: (n % 12) + 1 });
export const addMonths = (ym: YearMonth, delta: number): YearMonth => fromMonthNumber(monthNumber(ym) + delta);

/** `2026-10` */
export const monthKey = (ym: YearMonth): string => `${ym.year}-${pad2(ym.month)}`;

/** The n months ending with `last`, oldest first. */
export function monthsEnding(last: YearMonth, n: number): YearMonth[] {
  const out: YearMonth[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(addMonths(last, -i));
  return out;
}

export function formatDate(d: YMD, style: DateStyle): string {
  switch (style) {
    case 'iso':
      return `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
    case 'slash':
      return `${d.year}/${d.month}/${d.day}`;
    case 'cn':
      return `${d.year}年${d.month}月${d.day}日`;
  }
}

/** Days since 0000-03-01 style ordinal, used to draw uniform random dates. */
export function dayNumber(d: YMD): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const m = d.month <= 2 ? d.month + 9 : d.month - 3;
  return 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + Math.floor((153 * m + 2) / 5) + d.day - 1;
}

export function fromDayNumber(n: number): YMD {
  const y0 = Math.floor((10000 * n + 14780) / 3652425);
  let y = y0;
  let ddd = n - (365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400));
  if (ddd < 0) {
    y -= 1;
    ddd = n - (365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400));
  }
  const mi = Math.floor((100 * ddd + 52) / 3060);
  const month = ((mi + 2) % 12) + 1;
  const year = y + Math.floor((mi + 2) / 12);
  const day = ddd - Math.floor((mi * 306 + 5) / 10) + 1;
  return { year, month, day };
}

export type Quarter = { year: number; quarter: number; months: YearMonth[] };

export function quarterOf(ym: YearMonth): Quarter {
  const quarter = Math.floor((ym.month - 1) / 3) + 1;
  const first = (quarter - 1) * 3 + 1;
  return {
    year: ym.year,
    quarter,
    months: [0, 1, 2].map((i) => ({ year: ym.year, month: first + i })),
  };
}
