// Chinese number and period formatting for charts and their fallback tables.
//
// Everything here is hand-rolled (no Intl) so that output is byte-identical
// whatever ICU data or default locale the build machine has.

/** Shown instead of a number that is not finite (NaN, ±Infinity). */
export const MISSING = '—';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `1234567.891 → "1,234,567.89"`: thousands separators, at most
 * `maxFractionDigits` decimals, trailing zeros dropped, never `-0`.
 */
export function formatNumber(n: number, maxFractionDigits = 2): string {
  if (!Number.isFinite(n)) return MISSING;
  const fixed = Math.abs(n).toFixed(maxFractionDigits);
  const [int = '0', frac = ''] = fixed.split('.');
  const trimmed = frac.replace(/0+$/, '');
  const negative = n < 0 && /[1-9]/.test(fixed);
  return `${negative ? '-' : ''}${groupThousands(int)}${trimmed ? `.${trimmed}` : ''}`;
}

/**
 * Money in 元: amounts of 10,000 元 or more as `X.XX万元` (`123456 → "12.35万元"`,
 * `123456789 → "12,345.68万元"`), smaller ones as `X,XXX元` with up to two
 * decimals for 角/分 (`9999 → "9,999元"`, `580.5 → "580.5元"`). The threshold is
 * applied after rounding to 分, so `9999.996 → "1.00万元"`.
 */
export function formatYuan(n: number): string {
  if (!Number.isFinite(n)) return MISSING;
  const cents = Math.round(Math.abs(n) * 100);
  const sign = n < 0 && cents > 0 ? '-' : '';
  if (cents >= 1_000_000) {
    const [int = '0', frac = '00'] = (cents / 1_000_000).toFixed(2).split('.');
    return `${sign}${groupThousands(int)}.${frac}万元`;
  }
  return `${sign}${formatNumber(cents / 100)}元`;
}

/** A value followed by its unit; money (`元`) goes through {@link formatYuan}. */
export function formatWithUnit(n: number, unitLabel: string): string {
  if (unitLabel === '元') return formatYuan(n);
  const s = formatNumber(n);
  return s === MISSING ? s : `${s}${unitLabel}`;
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^(\d{4})Q([1-4])$/;
const YEAR_RE = /^(\d{4})$/;
const QUARTER_ZH = ['一', '二', '三', '四'];

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface ParsedPeriod {
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4, or 1 for a year. */
  index: number;
}

/** Parses `2026-06`, `2026Q1` or `2026`; returns `null` for anything else. */
export function parsePeriod(period: string): ParsedPeriod | null {
  let m = MONTH_RE.exec(period);
  if (m) return {kind: 'month', year: Number(m[1]), index: Number(m[2])};
  m = QUARTER_RE.exec(period);
  if (m) return {kind: 'quarter', year: Number(m[1]), index: Number(m[2])};
  m = YEAR_RE.exec(period);
  if (m) return {kind: 'year', year: Number(m[1]), index: 1};
  return null;
}

/** `'2026-06' → '2026年6月'`. Throws a RangeError on anything but `YYYY-MM`. */
export function formatMonthZh(period: string): string {
  const m = MONTH_RE.exec(period);
  if (!m) throw new RangeError(`formatMonthZh: expected YYYY-MM, got ${JSON.stringify(period)}`);
  return `${Number(m[1])}年${Number(m[2])}月`;
}

/** `'2026Q1' → '2026年第一季度'`. Throws a RangeError on anything but `YYYYQn`. */
export function formatQuarterZh(period: string): string {
  const m = QUARTER_RE.exec(period);
  if (!m) throw new RangeError(`formatQuarterZh: expected YYYYQn, got ${JSON.stringify(period)}`);
  return `${Number(m[1])}年第${QUARTER_ZH[Number(m[2]) - 1]}季度`;
}

/** Month, quarter or year in full Chinese: `2026年6月`, `2026年第一季度`, `2026年`. */
export function formatPeriodZh(period: string): string {
  const p = parsePeriod(period);
  if (!p) throw new RangeError(`formatPeriodZh: expected YYYY-MM, YYYYQn or YYYY, got ${JSON.stringify(period)}`);
  if (p.kind === 'month') return `${p.year}年${p.index}月`;
  if (p.kind === 'quarter') return `${p.year}年第${QUARTER_ZH[p.index - 1]}季度`;
  return `${p.year}年`;
}

/**
 * Short axis labels for a run of periods: the year is shown on the first label
 * and wherever it changes, on a second line so neighbouring labels don't
 * collide (`['6月', …, '1月\n2026年']`; the first one is `'6月\n2025年'`).
 * Quarters read `一季度`; years read `2026年`.
 */
export function periodAxisLabels(periods: readonly string[]): string[] {
  let lastYear: number | undefined;
  return periods.map((period) => {
    const p = parsePeriod(period);
    if (!p) throw new RangeError(`periodAxisLabels: bad period ${JSON.stringify(period)}`);
    if (p.kind === 'year') return `${p.year}年`;
    const short = p.kind === 'month' ? `${p.index}月` : `${QUARTER_ZH[p.index - 1]}季度`;
    const showYear = p.year !== lastYear;
    lastYear = p.year;
    return showYear ? `${short}\n${p.year}年` : short;
  });
}

/** Every month from `first` to `last` inclusive (`YYYY-MM`). */
export function monthRange(first: string, last: string): string[] {
  const a = parsePeriod(first);
  const b = parsePeriod(last);
  if (a?.kind !== 'month' || b?.kind !== 'month') throw new RangeError('monthRange: expected YYYY-MM bounds');
  const out: string[] = [];
  for (let y = a.year, m = a.index; y < b.year || (y === b.year && m <= b.index); m === 12 ? (y++, (m = 1)) : m++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

/**
 * Tick formatting for a value axis: money axes switch to 万元 when the largest
 * magnitude reaches 10,000 元, so ticks read `5` `10` `15` under a `万元` label
 * instead of `50,000元` each.
 */
export function valueAxis(maxAbs: number, unitLabel: string): {label: string; format: (n: number) => string} {
  if (unitLabel === '元' && maxAbs >= 10_000) {
    return {label: '万元', format: (n) => formatNumber(n / 10_000)};
  }
  return {label: unitLabel, format: (n) => formatNumber(n)};
}
