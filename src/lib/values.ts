/**
 * Cell normalisation: turns what clerks type into Excel into typed values.
 * Every parser returns either a value or a Chinese reason a clerk can act on.
 */

export type Parsed<T> = { ok: true; value: T; note?: string } | { ok: false; reason: string };

const BLANK_MARKERS = new Set(['', '—', '——', '-', '--', '－', '/', '／', '\\', '无', 'N/A', 'n/a', '#N/A', '空']);

/** Full-width ASCII (Ｆ１２３，％) and the ideographic space to half-width. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += s[i];
  }
  return out;
}

/** Trims ordinary, ideographic and zero-width spaces that Excel exports leave around names. */
export function cleanText(s: string): string {
  // Fast path: most cells have nothing to trim.
  if (s.length === 0 || (!isSpaceCode(s.charCodeAt(0)) && !isSpaceCode(s.charCodeAt(s.length - 1)))) return s;
  return s.replace(/^[\s\u3000\u200b\ufeff\u00a0]+|[\s\u3000\u200b\ufeff\u00a0]+$/g, '');
}

function isSpaceCode(c: number): boolean {
  return c <= 32 || c === 0x3000 || c === 0x200b || c === 0xfeff || c === 0xa0;
}

export function isBlank(raw: string | undefined): boolean {
  if (raw === undefined || raw === '') return true;
  const t = cleanText(raw);
  return t === '' || (t.length <= 4 && BLANK_MARKERS.has(t));
}

/** Excel turns long digit strings into 5.11999E+17, losing the last digits. */
export function isScientificMangled(raw: string): boolean {
  return /^\s*\d(\.\d+)?e\+?1[4-9]\s*$/i.test(raw);
}

export type MoneyUnit = '元' | '万元';
export const UNIT_FACTOR: Record<MoneyUnit, number> = { 元: 1, 万元: 10000 };

/** Finds a unit written in a header, e.g. 资金规模（万元） or 金额(元). */
export function unitInHeader(header: string): MoneyUnit | undefined {
  const m = /[（(【\[]\s*(万元|元)\s*[)）】\]]|单位[:：]\s*(万元|元)/.exec(header);
  const u = m?.[1] ?? m?.[2];
  return u === '万元' || u === '元' ? u : undefined;
}

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const THOUSANDS_RE = /^[+-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d*)?$/;

/**
 * Parses a plain number: thousands separators, full-width digits, ¥, a negative in parentheses.
 * Returns the number and the unit written in the cell, if any.
 */
export function parseNumberCell(raw: string): Parsed<{ n: number; unit?: MoneyUnit; decimals: number }> {
  let t = toHalfWidth(cleanText(raw)).replace(/\s/g, '');
  let unit: MoneyUnit | undefined;
  let negative = false;
  if (/^\(.*\)$/.test(t)) { negative = true; t = t.slice(1, -1); }
  t = t.replace(/^[¥￥]/, '').replace(/^RMB/i, '');
  const u = /(万元|万|元)$/.exec(t);
  if (u) {
    unit = u[1] === '元' ? '元' : '万元';
    t = t.slice(0, -u[1]!.length);
  }
  t = t.replace(/^[¥￥]/, '');
  if (t.includes(',') || t.includes('，')) {
    // A comma is only a thousands separator before exactly three digits: 858,5 or 1.234,50 is a
    // decimal comma or a typo, and reading it as 8585 would publish a wrong amount.
    if (!THOUSANDS_RE.test(t)) return { ok: false, reason: `「${cleanText(raw)}」的逗号位置不对：千位分隔符后面应正好有三位数字（如 1,234.50）；如果逗号是小数点，请改成「.」` };
    t = t.replace(/[,，]/g, '');
  }
  if (!NUMBER_RE.test(t)) return { ok: false, reason: `「${cleanText(raw)}」不是数字` };
  let n = Number(t);
  if (!Number.isFinite(n)) return { ok: false, reason: `「${cleanText(raw)}」不是有效数字` };
  if (negative) n = -n;
  const dot = t.indexOf('.');
  const decimals = dot < 0 || /e/i.test(t) ? 0 : t.length - dot - 1;
  return { ok: true, value: { n, unit, decimals } };
}

/** Money in 元, rounded to the 分. `defaultUnit` is the column's or header's unit. */
export function parseMoney(raw: string, defaultUnit: MoneyUnit): Parsed<number> {
  const p = parseNumberCell(raw);
  if (!p.ok) return { ok: false, reason: p.reason.includes('（如 ') ? p.reason : `${p.reason}，应为金额（如 1,234.50 或 3万元）` };
  const unit = p.value.unit ?? defaultUnit;
  const yuan = Math.round(p.value.n * UNIT_FACTOR[unit] * 100) / 100;
  return { ok: true, value: yuan, note: p.value.unit && p.value.unit !== defaultUnit ? `按单元格中的「${p.value.unit}」换算` : undefined };
}

export function parseInteger(raw: string): Parsed<number> {
  const p = parseNumberCell(raw.replace(/[人户个名]$/, ''));
  if (!p.ok) return { ok: false, reason: `「${cleanText(raw)}」不是数字，应为整数` };
  if (!Number.isInteger(p.value.n)) return { ok: false, reason: `「${cleanText(raw)}」应为整数` };
  return { ok: true, value: p.value.n };
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Excel's day serial (1900 system), seen when a date column was exported as a number. */
function fromExcelSerial(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + serial * 86400000;
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** 2024-06-01, 2024/6/1, 2024.06.01, 2024年6月1日, 20240601, Excel serials → ISO date. */
export function parseDate(raw: string): Parsed<string> {
  // A time of day (2024/6/1 10:30, Excel's date-time export) is dropped before spaces are removed,
  // so its hour cannot run into the day.
  const t = toHalfWidth(cleanText(raw)).replace(/(?:\s+|T|(?<=日))\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/, '').replace(/\s+/g, '');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) {
    const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
    if (validYmd(y, mo, d)) return { ok: true, value: `${y}-${pad2(mo)}-${pad2(d)}` };
    return { ok: false, reason: `「${cleanText(raw)}」不是存在的日期` };
  }
  m = /^(\d{5})(?:\.0+)?$/.exec(t);
  if (m && +m[1]! > 20000 && +m[1]! < 80000) return { ok: true, value: fromExcelSerial(+m[1]!), note: 'Excel 日期序号已换算' };
  return { ok: false, reason: `「${cleanText(raw)}」不是日期，请写成 2024-06-01 或 2024年6月1日` };
}

/** 2024年6月, 2024-06, 2024/6, 2024.6, 202406, or a full date → YYYY-MM. */
export function parseMonth(raw: string): Parsed<string> {
  const t = toHalfWidth(cleanText(raw)).replace(/\s+/g, '');
  const m = /^(\d{4})[-/.年](\d{1,2})月?(?:份)?$/.exec(t) ?? /^(\d{4})(\d{2})$/.exec(t);
  if (m) {
    const y = +m[1]!, mo = +m[2]!;
    if (y >= 1900 && y <= 2100 && mo >= 1 && mo <= 12) return { ok: true, value: `${y}-${pad2(mo)}` };
    return { ok: false, reason: `「${cleanText(raw)}」不是存在的年月` };
  }
  const d = parseDate(raw);
  if (d.ok) return { ok: true, value: d.value.slice(0, 7) };
  return { ok: false, reason: `「${cleanText(raw)}」不是年月，请写成 2024年6月 或 2024-06` };
}

export function parseYear(raw: string): Parsed<string> {
  const t = toHalfWidth(cleanText(raw)).replace(/\s+/g, '');
  const m = /^(\d{4})(?:年度?|年)?$/.exec(t);
  if (m && +m[1]! >= 1900 && +m[1]! <= 2100) return { ok: true, value: m[1]! };
  return { ok: false, reason: `「${cleanText(raw)}」不是年度，请写成 2024 或 2024年` };
}

/** A year (2024), quarter (2024Q2) or month (2024-06), for periods such as party dues. */
export function parsePeriod(raw: string): Parsed<string> {
  const t = toHalfWidth(cleanText(raw)).replace(/\s+/g, '');
  const q = /^(\d{4})(?:年)?(?:第)?([1-4一二三四])季度?$|^(\d{4})[-_ ]?Q([1-4])$/i.exec(t);
  if (q) {
    const y = q[1] ?? q[3];
    const n = q[2] !== undefined ? '一二三四'.indexOf(q[2]) + 1 || Number(q[2]) : Number(q[4]);
    return { ok: true, value: `${y}Q${n}` };
  }
  const y = parseYear(raw);
  if (y.ok) return y;
  const m = parseMonth(raw);
  if (m.ok) return m;
  return { ok: false, reason: `「${cleanText(raw)}」不是期间，请写成 2024、2024年第2季度 或 2024年6月` };
}

/** Chinese month label: 2024-06 → 2024年6月; 2024Q2 → 2024年第2季度; 2024 → 2024年. */
export function periodLabel(period: string): string {
  let m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  m = /^(\d{4})Q([1-4])$/.exec(period);
  if (m) return `${m[1]}年第${m[2]}季度`;
  if (/^\d{4}$/.test(period)) return `${period}年`;
  return period;
}
