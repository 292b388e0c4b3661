/**
 * The English interface's words and number formats, for what src/lib composes (figure values and
 * notes, captions, chart titles) and what view.ts formats per language (periods, dates, sizes).
 * Hand-rolled like charts/format.ts (no Intl), so output does not depend on the machine's ICU data.
 */
import { formatNumber, MISSING } from '../charts/format.ts';
import type { RegionLevel } from '../regions.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const QUARTER_ZH: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/**
 * A period in English: `2026-10` → Oct 2026, `2026Q3` → Q3 2026, `2026` → 2026. Also reads the
 * Chinese labels src/lib writes into the model (2026年10月, 2026年第三季度, 2026年), so the model
 * keeps one label per period. Anything else passes through unchanged.
 */
export function periodEn(p: string | undefined): string {
  if (!p) return '';
  const s = p.trim();
  let m = /^(\d{4})-(\d{2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  m = /^(\d{4})Q([1-4])$/.exec(s) ?? /^(\d{4})年第([一二三四1-4])季度$/.exec(s);
  if (m) return `Q${QUARTER_ZH[m[2]!]} ${m[1]}`;
  m = /^(\d{4})年?$/.exec(s);
  if (m) return m[1]!;
  return s;
}

/** Whether a string is a period or one of our Chinese period labels (so a table cell may be translated). */
export function isPeriodLabel(s: string): boolean {
  return /^\d{4}(?:-\d{2}|Q[1-4]|年(?:\d{1,2}月|第[一二三四1-4]季度)?)?$/.test(s.trim());
}

/** 2026-11-22 → 22 November 2026 */
export function dateEn(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS_LONG[Number(m[2]) - 1]} ${m[1]}` : iso;
}

/** What one row counts, singular and plural, per Chinese unit word. */
const UNIT: Record<string, readonly [string, string]> = {
  户: ['household', 'households'],
  人: ['person', 'people'],
  个: ['project', 'projects'],
  项: ['project', 'projects'],
  条: ['record', 'records'],
  笔: ['entry', 'entries'],
};

/** The English unit word for a count (plural unless n is 1); unknown units pass through. */
export function unitEn(unit: string, n = 2): string {
  const u = UNIT[unit];
  return u ? (n === 1 ? u[0] : u[1]) : unit === '元' ? 'yuan' : unit;
}

/** 412 → 「412 households」. */
export function countEn(n: number, unit: string): string {
  return `${formatNumber(n, 0)} ${unitEn(unit, n)}`;
}

/**
 * Money in 元, for English readers: `580.5 yuan`, `256,000 yuan`, `12.35 million yuan` (from a
 * million up, the Chinese 万元 has no English counterpart a reader would expect).
 */
export function yuanEn(n: number): string {
  if (!Number.isFinite(n)) return MISSING;
  const cents = Math.round(Math.abs(n) * 100);
  const sign = n < 0 && cents > 0 ? '-' : '';
  if (cents >= 100_000_000) return `${sign}${formatNumber(cents / 100_000_000, 2)} million yuan`;
  if (cents >= 1_000_000) return `${sign}${formatNumber(Math.round(cents / 100), 0)} yuan`;
  return `${sign}${formatNumber(cents / 100)} yuan`;
}

/** A value with its unit, the English way (money through {@link yuanEn}). */
export function withUnitEn(n: number, unit: string): string {
  return unit === '元' ? yuanEn(n) : countEn(n, unit);
}

/** Column titles and chart axes: 「（元）」 → 「(yuan)」. */
export function unitSuffixEn(unit: string): string {
  return unit === '万元' ? '(10,000 yuan)' : `(${unitEn(unit)})`;
}

/** 「up 2 households from last month」「down 3 people from Aug 2026」「unchanged from last month」. */
export function changeNoteEn(than: string | undefined, delta: number, unit: string): string {
  const from = than === undefined ? 'last month' : periodEn(than);
  if (delta === 0) return `unchanged from ${from}`;
  return `${delta > 0 ? 'up' : 'down'} ${countEn(Math.abs(delta), unit)} from ${from}`;
}

export const LEVEL_EN: Record<RegionLevel, string> = { province: 'province', prefecture: 'prefecture', county: 'county', township: 'township', village: 'village' };

/** The kind words of place names (see view.ts placeKindLabel) in English. */
export const KIND_EN: Record<string, string> = {
  村: 'village', 社区: 'community', 嘎查: 'gacha (village)', 街道: 'sub-district', 苏木: 'sumu (township)', 镇: 'town', 乡: 'township',
  县: 'county', 旗: 'banner (county)', 区: 'district', 市: 'city', 省: 'province', 乡镇: 'township', '村（社区）': 'villages and communities',
};

export const FREQUENCY_EN: Record<string, string> = { monthly: 'monthly', quarterly: 'quarterly', yearly: 'yearly', 'on-change': 'when something changes' };

/** Report codes (issues.ts CODE_LABEL) in English, for the public data-quality pages. */
export const CODE_LABEL_EN: Record<string, string> = {
  'not-csv': 'Not a CSV table', 'empty-file': 'Empty file', 'encoding-error': 'Unreadable characters', 'no-header': 'No header row found',
  'missing-column': 'Required column missing', 'duplicate-column': 'Column appears twice', 'missing-value': 'Required value empty', 'type-error': 'Wrong format',
  'constraint-error': 'Value out of range', 'duplicate-row': 'Duplicate record', 'unknown-region': 'Unknown township or village',
  'total-mismatch': 'Total does not add up', 'pii-exposed': 'Personal data in a public column', 'duplicate-person': 'Same person listed twice',
  'private-column-dropped': 'Personal-data column not published', 'unknown-column': 'Unrecognised column not published', 'context-from-name': 'Place or period read from the file name or title',
  'mangled-id': 'ID number altered by Excel', 'payment-exceeds-contract': 'Payments above the contract amount', 'payment-exceeds-budget': 'Payments above the budget',
  'unknown-file': 'File not assigned to a dataset', 'parse-error': 'CSV format problem', 'value-converted': 'Value converted', 'unreadable-file': 'Unreadable file',
  'period-mismatch': 'File name and month in the table differ',
};

/** Encodings (decode.ts ENCODING_LABEL) in English. */
export const ENCODING_EN: Record<string, string> = {
  'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8 (with BOM)', gb18030: 'GBK/GB18030', 'utf-16le': 'UTF-16 (Excel Unicode text)', 'utf-16be': 'UTF-16BE',
};

/** Column kinds (schema.ts) as the dataset page's column table names them. */
export const KIND_LABEL: Record<string, readonly [string, string]> = {
  text: ['文字', 'text'], 'person-name': ['姓名', 'name'], township: ['乡镇名称', 'township name'], village: ['村名称', 'village name'],
  org: ['单位名称', 'organisation'], integer: ['整数', 'integer'], money: ['金额', 'amount'], date: ['日期', 'date'],
  month: ['年月', 'month'], year: ['年份', 'year'], period: ['期间', 'period'], enum: ['类别', 'category'], contact: ['电话', 'phone'], code: ['区划代码', 'area code'],
};
