/**
 * Detectors for personal data that must never be published: resident ID numbers (GB 11643, with the
 * ISO 7064 MOD 11-2 check digit), mobile numbers, bank card numbers (Luhn), Excel-mangled IDs and
 * IDs masked too weakly to protect anyone.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** An 18-digit resident ID with a plausible birth date and a valid check digit. */
export function isValidResidentId(s: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  const y = +s.slice(6, 10), m = +s.slice(10, 12), d = +s.slice(12, 14);
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  return idCheckDigit(s) === s[17]!.toUpperCase();
}

export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export type PiiKind = 'id-number' | 'mobile' | 'bank-card' | 'mangled-id' | 'weak-mask';
export interface PiiHit { kind: PiiKind; match: string }

export const PII_LABEL: Record<PiiKind, string> = {
  'id-number': '身份证号',
  mobile: '手机号码',
  'bank-card': '银行卡号',
  'mangled-id': '被 Excel 改写的身份证号',
  'weak-mask': '脱敏不足的证件号',
};

const DIGIT_RUN = /(?<![\d.])\d[\d -]{9,22}[\dXx](?![\d])/g;
const MANGLED = /(?<![\d.])\d\.\d{3,}[eE]\+1[4-9](?!\d)/;
/** Stars in the middle (5119**********1234) or at the end (51192319750609****). */
const MASKED_ID = /(?<![\d*])\d{2,}\*{1,16}(?:\d*[\dXx])?(?![\d*])/g;
/** A mobile written 3-4-4 with spaces, dots or dashes (138.1234.5678), with or without +86 / 0086. */
const GROUPED_MOBILE = /(?<![\d.])(?:(?:\+|00)?86[ .\-]?)?1[3-9]\d([ .\-]?)\d{4}\1\d{4}(?![\d.])/;
/** Full-width digits (１３８…), ＊, ideographic spaces and full-width separators, as IMEs type them. */
const FULL_WIDTH_DIGITS = /[\uff10-\uff19\uff38\uff58\uff0a\uff0b\uff0d\uff0e\u3000]/;

/**
 * Finds personal identifiers inside one cell. `allowOfficePhones` is for declared contact columns
 * (监督电话), which may hold landlines and hotlines but are still checked for IDs and cards.
 */
export function findPii(cell: string, allowMobiles = false): PiiHit | undefined {
  // Fast exit: every identifier has at least 11 digits, except Excel's 5.11999E+17. Digits are
  // counted rather than looked for in one run: cards and mobiles are often written in groups.
  // Full-width digits (１３８…) are the same number to a reader: counted too, then scanned as ASCII.
  let digits = 0;
  let fullWidth = false;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 0xff10 && c <= 0xff19) { digits++; fullWidth = true; }
  }
  if (digits < 6) return undefined;
  const text = fullWidth || FULL_WIDTH_DIGITS.test(cell) ? halfWidthDigits(cell) : cell;
  const mangled = MANGLED.exec(text);
  if (mangled) return { kind: 'mangled-id', match: mangled[0] };
  // A masked ID keeps as few as 10 digits (511923********1234 hides 8 of 18).
  if (digits >= 10) {
    for (const m of text.matchAll(MASKED_ID)) {
      const s = m[0];
      const stars = (s.match(/\*/g) ?? []).length;
      // An 18-character ID with fewer than 8 digits hidden can be recovered from birth date and village.
      if (s.length === 18 && stars < 8) return { kind: 'weak-mask', match: s };
    }
  }
  if (digits < 11) return undefined;
  for (const m of text.matchAll(DIGIT_RUN)) {
    const compact = m[0].replace(/[ -]/g, '');
    if (compact.length === 18 && isValidResidentId(compact)) return { kind: 'id-number', match: m[0] };
    if (!allowMobiles && isMobile(compact)) return { kind: 'mobile', match: m[0] };
    // Cards are grouped by four (6222 0212 3456 7894); date ranges (2024-01-04-2024-12-31) are not.
    if (compact.length >= 16 && compact.length <= 19 && /^\d+$/.test(compact) && cardGrouping(m[0]) && isLuhnValid(compact)) return { kind: 'bank-card', match: m[0] };
  }
  if (!allowMobiles) {
    const mobile = /(?<!\d)1[3-9]\d{9}(?!\d)/.exec(text) ?? GROUPED_MOBILE.exec(text);
    if (mobile) return { kind: 'mobile', match: mobile[0] };
  }
  return undefined;
}

/** 13812345678, or the same with the country code 86 / 0086 written without a plus. */
function isMobile(compact: string): boolean {
  const national = compact.length === 13 && compact.startsWith('86') ? compact.slice(2)
    : compact.length === 15 && compact.startsWith('0086') ? compact.slice(4) : compact;
  return national.length === 11 && /^1[3-9]\d{9}$/.test(national);
}

function halfWidthDigits(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0xff10 && c <= 0xff19) || c === 0xff38 || c === 0xff58 || c === 0xff0a || c === 0xff0b || c === 0xff0d || c === 0xff0e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += s[i];
  }
  return out;
}

function cardGrouping(s: string): boolean {
  const groups = s.split(/[ -]+/);
  for (let i = 0; i < groups.length - 1; i++) if (groups[i]!.length !== 4) return false;
  return true;
}

/** For messages: shows only the first 2 and last 3 characters (the 永安 2023 convention). */
export function maskIdentifier(s: string): string {
  const t = s.replace(/\s/g, '');
  if (t.length <= 6) return '*'.repeat(t.length);
  return t.slice(0, 2) + '*'.repeat(t.length - 5) + t.slice(-3);
}
