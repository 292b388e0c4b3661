/**
 * Objection windows (公示期): the days during which residents may object to a disclosure, read from
 * the note lines published with a list (「公示期：2026年11月1日至11月7日」「公示时间：2026.11.1-2026.11.7」
 * 「自11月1日起公示7天」). Pure: no clock, the date the site speaks as of is passed in.
 *
 * Never invents a window: a line that names no start date, a date that does not exist, an end
 * before the start, or a year that cannot be known gives no window. When only a start is given,
 * the end comes from a stated length (「公示7天」), else from the dataset's rule (RULE_DAYS), else it
 * stays unknown.
 */
import { pick, type Lang } from '../i18n.ts';

export interface ObjectionWindow {
  /** First day (YYYY-MM-DD). */
  start: string;
  /** Last day, inclusive (YYYY-MM-DD); absent when neither the note nor a rule gives it. */
  end?: string;
  /**
   * Where the end came from: written in the note, a length stated in the note (calendar days, or
   * working days counted Monday to Friday without public holidays), or the dataset's rule.
   */
  endFrom?: 'note' | 'days' | 'workdays' | 'rule';
  /** The note line it was read from, as published. */
  source: string;
}

export type WindowState = 'upcoming' | 'open' | 'ended' | 'started';

/** A window and where it stands on the site's as-of date. */
export interface ObjectionInfo extends ObjectionWindow { state: WindowState }

/**
 * Days of 公示 the rules require when a note gives only the start: 7 days for the 低保 and 特困
 * first-review notices, at least 10 days for fund projects. Other datasets have no fixed length.
 */
export const RULE_DAYS: Readonly<Record<string, number>> = { dibao: 7, tekun: 7, projects: 10 };

/** What the note's own text cannot say: the year (and month) of the period the list is for. */
export interface WindowContext { year?: number; month?: number; ruleDays?: number }

interface DateToken { index: number; length: number; y?: number; m?: number; d: number; /** M.D or D only: valid only as an end. */ endOnly: boolean }

const TOKEN = new RegExp([
  String.raw`(?<ay>\d{4})\s*年\s*(?<am>\d{1,2})\s*月\s*(?<ad>\d{1,2})\s*日?`,
  String.raw`(?<![\d.])(?<by>\d{4})\s*(?<bs>[./-])\s*(?<bm>\d{1,2})\s*\k<bs>\s*(?<bd>\d{1,2})(?![\d.])`,
  String.raw`(?<![\d.])(?<cm>\d{1,2})\s*月\s*(?<cd>\d{1,2})\s*日?`,
  String.raw`(?<![\d.])(?<em>\d{1,2})[./](?<ed>\d{1,2})(?![\d./])`,
  String.raw`(?<![\d.])(?<dd>\d{1,2})\s*日`,
].join('|'), 'g');

/** Between a start and an end: 至, 到, a dash or tilde, with 起 or spaces around. */
const RANGE_SEP = /^\s*(?:起\s*)?(?:至|到|~|-|—|–|―|─|－){1,2}\s*$/;
/** A stated length: 「公示7天」「公示期为10个工作日」「为期七天」 (digits only), 「（共7天）」. */
const LENGTH = /(?:公示|为期|期限|期为|共)[^\d，。；,;]{0,4}?(\d{1,3})\s*个?\s*(工作日|天|日)/;

function tokens(s: string): DateToken[] {
  const out: DateToken[] = [];
  for (const m of s.matchAll(TOKEN)) {
    const g = m.groups!;
    const n = (v: string | undefined) => (v === undefined ? undefined : Number(v));
    const base = { index: m.index, length: m[0].length };
    if (g.ay) out.push({ ...base, y: n(g.ay), m: n(g.am), d: n(g.ad)!, endOnly: false });
    else if (g.by) out.push({ ...base, y: n(g.by), m: n(g.bm), d: n(g.bd)!, endOnly: false });
    else if (g.cm) out.push({ ...base, m: n(g.cm), d: n(g.cd)!, endOnly: false });
    else if (g.em) out.push({ ...base, m: n(g.em), d: n(g.ed)!, endOnly: true });
    else out.push({ ...base, d: n(g.dd)!, endOnly: true });
  }
  return out;
}

/** Days since 1970-01-01 for a real calendar date, else undefined (2月30日 does not exist). */
function dayNumber(y: number, m: number, d: number): number | undefined {
  if (!Number.isInteger(y) || y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return t / 86_400_000;
}

function isoOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function isoDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
}

/** The last of `n` working days from `start` (Monday to Friday; public holidays are not known here). */
function addWorkdays(start: number, n: number): number {
  let day = start;
  let left = n;
  for (;;) {
    const dow = new Date(day * 86_400_000).getUTCDay();
    if (dow !== 0 && dow !== 6) left--;
    if (left <= 0) return day;
    day++;
  }
}

/** A year for a month written without one: the period's year, or the next/previous when the month is far from the period's. */
function yearFor(month: number, ctx: WindowContext): number | undefined {
  if (ctx.year === undefined) return undefined;
  if (ctx.month === undefined) return ctx.year;
  if (month < ctx.month - 6) return ctx.year + 1;
  if (month > ctx.month + 6) return ctx.year - 1;
  return ctx.year;
}

const MAX_DAYS = 366;

/** The objection window one note line states, or undefined. Never throws. */
export function parseObjectionWindow(note: string, ctx: WindowContext = {}): ObjectionWindow | undefined {
  if (typeof note !== 'string' || note.length > 500) return undefined;
  const s = note.normalize('NFKC').replace(/〇/g, '0').replace(/号/g, '日');
  if (!s.includes('公示')) return undefined;
  const toks = tokens(s);
  const first = toks.findIndex((t) => !t.endOnly);
  if (first < 0) return undefined;
  const a = toks[first]!;
  const sy = a.y ?? yearFor(a.m!, ctx);
  if (sy === undefined) return undefined;
  const start = dayNumber(sy, a.m!, a.d);
  if (start === undefined) return undefined;

  let end: number | undefined;
  let endFrom: ObjectionWindow['endFrom'];
  const b = toks[first + 1];
  if (b && RANGE_SEP.test(s.slice(a.index + a.length, b.index))) {
    const em = b.m ?? a.m!;
    const ey = b.y ?? (em < a.m! ? sy + 1 : sy);
    end = dayNumber(ey, em, b.d);
    if (end === undefined) return undefined; // a written end that does not exist: do not guess
    endFrom = 'note';
  } else if (/^\s*(?:起\s*)?(?:至|到|~|-|—|–|―|─)/.test(s.slice(a.index + a.length))) {
    return undefined; // 「至」 with no readable end after it: the end was meant, but cannot be read
  } else {
    const len = LENGTH.exec(s);
    const n = len ? Number(len[1]) : NaN;
    if (len && n >= 1 && n <= MAX_DAYS) {
      if (len[2] === '工作日') { end = addWorkdays(start, n); endFrom = 'workdays'; }
      else { end = start + n - 1; endFrom = 'days'; }
    } else if (ctx.ruleDays) {
      end = start + ctx.ruleDays - 1;
      endFrom = 'rule';
    }
  }
  if (end !== undefined && (end < start || end - start >= MAX_DAYS)) return undefined;
  return { start: isoOf(start), ...(end !== undefined ? { end: isoOf(end), endFrom } : {}), source: note.trim() };
}

/** Where a window stands on the as-of date (YYYY-MM-DD). */
export function windowState(w: ObjectionWindow, asOf: string): WindowState {
  if (asOf < w.start) return 'upcoming';
  if (!w.end) return 'started';
  return asOf <= w.end ? 'open' : 'ended';
}

/**
 * The window the notes state, with its state on the as-of date: of several, the one that starts
 * last (a list republished with a new 公示期 replaces the old one).
 */
export function objectionFromNotes(notes: readonly string[], asOf: string, ctx: WindowContext = {}): ObjectionInfo | undefined {
  let best: ObjectionWindow | undefined;
  for (const n of notes) {
    const w = parseObjectionWindow(n, ctx);
    if (w && (!best || w.start > best.start)) best = w;
  }
  return best ? { ...best, state: windowState(best, asOf) } : undefined;
}

/** The year and month a period label or id speaks of: 2026-10, 2026年10月, 2026年第3季度, 2026年. */
export function periodContext(period: string | undefined): Pick<WindowContext, 'year' | 'month'> {
  const m = /^(\d{4})(?:\s*年\s*|-)?(?:(\d{1,2})\s*月?(?!\d))?/.exec((period ?? '').trim());
  if (!m) return {};
  const month = m[2] ? Number(m[2]) : undefined;
  return { year: Number(m[1]), ...(month && month <= 12 && !/季|Q/i.test(period ?? '') ? { month } : {}) };
}

// ------------------------------------------------------------------------------------ wording

function zhDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function enDate(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${EN_MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

/** 「2026年11月1日至11月7日」 (the end's year only when it differs); 「2026年11月1日起」 without an end. */
export function windowPeriodText(w: ObjectionWindow, lang: Lang = 'zh'): string {
  if (lang === 'en') return w.end ? `${enDate(w.start)} to ${enDate(w.end)}` : `from ${enDate(w.start)}`;
  if (!w.end) return `${zhDate(w.start)}起`;
  const endText = w.end.slice(0, 4) === w.start.slice(0, 4) ? zhDate(w.end).replace(/^\d+年/, '') : zhDate(w.end);
  return `${zhDate(w.start)}至${endText}`;
}

/** Why the end is what it is, when the note did not write it. */
export function windowEndNote(w: ObjectionWindow, lang: Lang = 'zh', ruleDays?: number): string | undefined {
  const days = w.end ? isoDay(w.end) - isoDay(w.start) + 1 : 0;
  switch (w.endFrom) {
    case 'rule': return pick(lang, `公示材料只写了开始日期，结束日期按规定的 ${days} 天公示期推算`, `The notice gives only the start; the end follows the required ${ruleDays ?? days}-day period`);
    case 'workdays': return pick(lang, '结束日期按工作日推算（未计节假日调休）', 'End counted in working days (public holidays not taken into account)');
    case 'days': return pick(lang, '结束日期按公示天数推算', 'End counted from the stated number of days');
    default: return undefined;
  }
}

/** 「公示期已于 2026年11月7日结束」「公示中，2026年11月7日结束」… */
export function windowStateText(w: ObjectionInfo, lang: Lang = 'zh'): string {
  switch (w.state) {
    case 'ended': return pick(lang, `公示期已于 ${zhDate(w.end!)}结束`, `The objection period ended on ${enDate(w.end!)}`);
    case 'open': return pick(lang, `正在公示，${zhDate(w.end!)}结束；有异议请在此前反映`, `Open for objections until ${enDate(w.end!)}`);
    case 'upcoming': return pick(lang, `将于 ${zhDate(w.start)}开始公示`, `The objection period starts on ${enDate(w.start)}`);
    default: return pick(lang, `已于 ${zhDate(w.start)}开始公示，结束日期未写明`, `Open for objections since ${enDate(w.start)}; no end date was given`);
  }
}

/** The window of a place page's section: its notes, read in the light of its latest period and its dataset's rule. */
export function sectionObjection(section: { dataset: string; notes: readonly string[]; latestPeriod?: string }, asOf: string): ObjectionInfo | undefined {
  const ruleDays = RULE_DAYS[section.dataset];
  return objectionFromNotes(section.notes, asOf, { ...periodContext(section.latestPeriod), ...(ruleDays ? { ruleDays } : {}) });
}
