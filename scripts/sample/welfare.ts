/**
 * Monthly person lists: 低保 (dibao), 特困供养 (tekun) and 城乡居民养老金 (pension).
 *
 * Each village's roster is a pure function of (seed, village, month list): the
 * whole roster for the period is regenerated from the village's own seed for
 * every month file, so nothing has to be kept in memory between files and a
 * household looks the same in every month it appears in.
 */
import { COUNTY_PHONE, TAG, fullWidthDigits, openCsv, yuan } from './context.ts';
import type { Context } from './context.ts';
import { padRow } from './csv.ts';
import type { Cell, Encoding } from './csv.ts';
import { addMonths, dayNumber, daysInMonth, formatDate, fromDayNumber, fromMonthNumber, monthKey, monthNumber } from './dates.ts';
import type { DateStyle, YMD, YearMonth } from './dates.ts';
import { idNumber, mobileNumber, uniquePersonName } from './people.ts';
import { Random, rngFor } from './prng.ts';
import type { Village } from './regions.ts';
import { DIBAO_HEADER, DIBAO_HEADER_CLEAN, PENSION_HEADER, PENSION_HEADER_CLEAN, TEKUN_HEADER } from './headers.ts';

/** Month index bounds of a roster member: present in months start <= m < end (start -1 = before the window). */
type Span = { start: number; end: number };

function randomDate(rng: Random, from: YMD, to: YMD): YMD {
  return fromDayNumber(rng.int(dayNumber(from), dayNumber(to)));
}

function randomDayIn(rng: Random, ym: YearMonth, maxDay = 28): YMD {
  return { year: ym.year, month: ym.month, day: rng.int(1, Math.min(maxDay, daysInMonth(ym.year, ym.month))) };
}

/** Draws the month a member leaves (exclusive end index), or months.length if they stay. */
function drawEnd(rng: Random, start: number, monthCount: number, pLeave: number): number {
  for (let m = Math.max(start + 1, 1); m < monthCount; m++) if (rng.chance(pLeave)) return m;
  return monthCount;
}

function birthForAge(rng: Random, ref: YearMonth, minAge: number, maxAge: number): YMD {
  const year = ref.year - rng.int(minAge, maxAge);
  const month = rng.int(1, 12);
  return { year, month, day: rng.int(1, daysInMonth(year, month)) };
}

// ---------------------------------------------------------------- 低保 (dibao)

export type Household = Span & {
  name: string;
  id: string;
  phone: string;
  persons: number;
  category: 'A类' | 'B类' | 'C类';
  amount: number;
  /** Month index from which `newAmount` applies (Infinity = never). */
  changeAt: number;
  newAmount: number;
  recognized: YMD;
};

const CATEGORY_BASE = { A类: [600, 700], B类: [500, 600], C类: [400, 500] } as const;

/**
 * Returns `id`, or, when `registry` already holds it (two people drawn with the same
 * address, birthday and sequence), a redraw from a separate stream, so the main
 * stream (and with it every other field) is the same with and without a registry.
 */
function registerId(registry: Set<string> | undefined, id: string, redraw: () => string): string {
  if (!registry) return id;
  let out = id;
  while (registry.has(out)) out = redraw();
  registry.add(out);
  return out;
}

/**
 * The village's households over the whole window. Pass the same fresh `ids` set for
 * every village of one file (in the same order) to get ID numbers unique file-wide.
 */
export function dibaoHouseholds(ctx: Context, village: Village, ids?: Set<string>): Household[] {
  const rng = rngFor(ctx.seed, TAG.dibao, village.index);
  const months = ctx.months;
  const n = months.length;
  const first = months[0] as YearMonth;
  const used = new Set<string>();
  const out: Household[] = [];
  const make = (start: number): Household => {
    const male = rng.chance(0.65);
    const name = uniquePersonName(rng, male, used, village.clan);
    const birth = birthForAge(rng, first, 26, 85);
    const alt = rngFor(ctx.seed, TAG.dibao, village.index, out.length, 1);
    const id = registerId(ids, idNumber(rng, birth, male), () => idNumber(alt, birth, male));
    const phone = mobileNumber(rng);
    const persons = rng.weighted([1, 2, 3, 4, 5], [30, 30, 20, 12, 8]);
    const category = rng.weighted(['A类', 'B类', 'C类'] as const, [20, 45, 35]);
    const [lo, hi] = CATEGORY_BASE[category];
    const base = rng.int(lo, hi);
    const recognized =
      start < 0
        ? randomDate(rng, { year: 2015, month: 1, day: 1 }, { year: first.year, month: first.month, day: 1 })
        : randomDayIn(rng, addMonths(months[start] as YearMonth, -1));
    const end = drawEnd(rng, start, n, 0.015);
    let changeAt = Infinity;
    let newAmount = persons * base;
    if (rng.chance(0.08)) {
      const from = Math.max(start + 1, 1);
      if (from < end) {
        changeAt = rng.int(from, end - 1);
        newAmount = persons * Math.min(700, Math.max(400, base + rng.pick([-50, -30, 30, 50])));
      }
    }
    return { name, id, phone, persons, category, amount: persons * base, changeAt, newAmount, recognized, start, end };
  };
  const initial = rng.int(20, 50);
  for (let i = 0; i < initial; i++) out.push(make(-1));
  for (let m = 1; m < n; m++) {
    const added = rng.weighted([0, 1, 2], [50, 35, 15]);
    for (let i = 0; i < added; i++) out.push(make(m));
  }
  return out;
}

const DATE_STYLES: readonly DateStyle[] = ['iso', 'slash', 'cn'];

/** Per-file layout quirks of the non-clean sample, keyed by month index. */
export function dibaoFileLayout(monthIndex: number, monthCount: number): { encoding: Encoding; eol: '\n' | '\r\n'; fullWidth: boolean } {
  const last = monthCount - 1;
  const gbk = monthIndex !== last && (monthIndex === 1 || monthIndex === 6);
  const bom = monthIndex !== last && monthIndex === 3;
  return {
    encoding: gbk ? 'gb18030' : bom ? 'utf8-bom' : 'utf8',
    eol: gbk ? '\r\n' : '\n',
    fullWidth: monthIndex === Math.max(0, monthCount - 2),
  };
}

export function writeDibao(ctx: Context): void {
  const { months, regions } = ctx;
  const header = ctx.clean ? DIBAO_HEADER_CLEAN : DIBAO_HEADER;
  const width = header.length;
  const townships = regions.townships;
  for (let mi = 0; mi < months.length; mi++) {
    const ym = months[mi] as YearMonth;
    const key = monthKey(ym);
    const layout = ctx.clean ? { encoding: 'utf8' as const, eol: '\n' as const, fullWidth: false } : dibaoFileLayout(mi, months.length);
    const dateStyle: DateStyle = ctx.clean ? 'iso' : (DATE_STYLES[mi % 3] as DateStyle);
    const w = openCsv(ctx, `dibao/${key}.csv`, layout);
    if (!ctx.clean) {
      const first = townships[0]?.name ?? '';
      const scope = townships.length > 1 ? `${first}等${townships.length}个乡镇` : first;
      w.line(padRow([`${scope}${ym.year}年${ym.month}月低保对象公示`], width));
    }
    w.line(header);
    let serial = 0;
    let totalPersons = 0;
    let totalAmount = 0;
    let fullWidthDone = !layout.fullWidth;
    const ids = ctx.clean ? undefined : new Set<string>();
    for (const village of regions.villages) {
      for (const h of dibaoHouseholds(ctx, village, ids)) {
        if (mi < h.start || mi >= h.end) continue;
        const amount = mi >= h.changeAt ? h.newAmount : h.amount;
        serial++;
        totalPersons += h.persons;
        totalAmount += amount;
        let amountCell = String(amount);
        if (!fullWidthDone && amountCell.length === 3) {
          amountCell = fullWidthDigits(amountCell); // deliberate warning: ５６０-style full-width digits
          fullWidthDone = true;
        }
        const row: Cell[] = ctx.clean
          ? [serial, village.township.name, village.name, h.name, h.persons, amountCell, h.category, formatDate(h.recognized, dateStyle), key]
          : [serial, village.township.name, village.name, h.name, h.id, h.phone, h.persons, amountCell, h.category, formatDate(h.recognized, dateStyle), key];
        w.row(row);
      }
    }
    if (!ctx.clean) {
      const total: Cell[] = padRow([], width);
      total[mi % 2 === 0 ? 0 : 1] = '合计';
      total[header.indexOf('保障人数')] = totalPersons;
      total[header.indexOf('月保障金额（元）')] = totalAmount;
      w.line(total);
      w.line(padRow([`公示期：${ym.year}年${ym.month}月1日至${ym.month}月7日`], width));
      w.line(padRow([`监督电话：${COUNTY_PHONE}`], width));
    }
    w.close();
  }
}

// ---------------------------------------------------------------- 特困供养 (tekun)

type TekunPerson = Span & { name: string; mode: '集中' | '分散'; care: '全自理' | '部分丧失' | '完全丧失'; amount: number };

export function tekunPeople(ctx: Context, village: Village): TekunPerson[] {
  const rng = rngFor(ctx.seed, TAG.tekun, village.index);
  const n = ctx.months.length;
  const used = new Set<string>();
  const out: TekunPerson[] = [];
  const make = (start: number): TekunPerson => {
    const name = uniquePersonName(rng, rng.chance(0.6), used, village.clan);
    const mode = rng.weighted(['集中', '分散'] as const, [30, 70]);
    const care = rng.weighted(['全自理', '部分丧失', '完全丧失'] as const, [60, 25, 15]);
    const amount = Math.min(1500, rng.int(800, 950) + (mode === '集中' ? 100 : 0) + (care === '全自理' ? 0 : care === '部分丧失' ? 200 : 400));
    return { name, mode, care, amount, start, end: drawEnd(rng, start, n, 0.008) };
  };
  const initial = rng.int(2, 6);
  for (let i = 0; i < initial; i++) out.push(make(-1));
  for (let m = 1; m < n; m++) if (rng.chance(0.04)) out.push(make(m));
  return out;
}

/** Month index of the tekun file that gets a blank trailing column (non-clean only). */
export const tekunBlankColumnMonth = (monthCount: number): number => monthCount - 1;

export function writeTekun(ctx: Context): void {
  const blankAt = ctx.clean ? -1 : tekunBlankColumnMonth(ctx.months.length);
  ctx.months.forEach((ym, mi) => {
    const key = monthKey(ym);
    const extra: Cell[] = mi === blankAt ? [''] : []; // deliberate warning: one empty trailing column
    const w = openCsv(ctx, `tekun/${key}.csv`);
    w.line([...TEKUN_HEADER, ...extra]);
    for (const village of ctx.regions.villages) {
      for (const p of tekunPeople(ctx, village)) {
        if (mi < p.start || mi >= p.end) continue;
        w.row([village.township.name, village.name, p.name, p.mode, p.care, p.amount, key, ...extra]);
      }
    }
    w.close();
  });
}

// ---------------------------------------------------------------- 养老金 (pension)

export const PENSION_MONTHS = 3;

type Pensioner = Span & { name: string; id: string; since: YearMonth; cents: number };

export function pensioners(ctx: Context, village: Village, ids?: Set<string>): Pensioner[] {
  const rng = rngFor(ctx.seed, TAG.pension, village.index);
  const n = Math.min(PENSION_MONTHS, ctx.months.length);
  const months = ctx.months.slice(-n);
  const first = months[0] as YearMonth;
  const used = new Set<string>();
  const out: Pensioner[] = [];
  const make = (start: number): Pensioner => {
    const male = rng.chance(0.48);
    const name = uniquePersonName(rng, male, used, village.clan);
    // Benefits start the month after the 60th birthday, but not before the scheme began (2009-10).
    const schemeStart = monthNumber({ year: 2009, month: 10 });
    let born: YearMonth;
    let since: YearMonth;
    if (start < 0) {
      born = addMonths(first, -rng.int(60 * 12 + 2, 92 * 12));
      since = fromMonthNumber(Math.max(schemeStart, monthNumber(born) + 60 * 12 + 1));
    } else {
      since = months[start] as YearMonth;
      born = addMonths(since, -(60 * 12 + 1));
    }
    const birth = { year: born.year, month: born.month, day: rng.int(1, daysInMonth(born.year, born.month)) };
    const alt = rngFor(ctx.seed, TAG.pension, village.index, out.length, 1);
    const id = registerId(ids, idNumber(rng, birth, male), () => idNumber(alt, birth, male));
    const cents = rng.int(150, 399) * 100 + rng.pick([0, 0, 0, 50, rng.int(1, 99)]);
    return { name, id, since, cents, start, end: drawEnd(rng, start, n, 0.005) };
  };
  const initial = rng.int(40, 80);
  for (let i = 0; i < initial; i++) out.push(make(-1));
  for (let m = 1; m < n; m++) {
    const added = rng.weighted([0, 1, 2], [55, 35, 10]);
    for (let i = 0; i < added; i++) out.push(make(m));
  }
  return out;
}

export function writePension(ctx: Context): void {
  const n = Math.min(PENSION_MONTHS, ctx.months.length);
  const months = ctx.months.slice(-n);
  months.forEach((ym, mi) => {
    const key = monthKey(ym);
    const w = openCsv(ctx, `pension/${key}.csv`);
    w.line(ctx.clean ? PENSION_HEADER_CLEAN : PENSION_HEADER);
    const ids = ctx.clean ? undefined : new Set<string>();
    for (const village of ctx.regions.villages) {
      for (const p of pensioners(ctx, village, ids)) {
        if (mi < p.start || mi >= p.end) continue;
        const amount = yuan(p.cents);
        w.row(
          ctx.clean
            ? [village.township.name, village.name, p.name, amount, monthKey(p.since), key]
            : [village.township.name, village.name, p.name, p.id, amount, monthKey(p.since), key],
        );
      }
    }
    w.close();
  });
}
