/**
 * Village collective finance: one file per village per quarter,
 * finance/<乡镇><村>-YYYYQn.csv, without 乡镇/村 columns (the region comes from
 * the file name and, in the non-clean sample, from a title row).
 */
import { TAG, groupThousands, openCsv, yuan } from './context.ts';
import type { Context } from './context.ts';
import { padRow } from './csv.ts';
import { dayNumber, daysInMonth, formatDate, fromDayNumber, monthNumber, quarterOf } from './dates.ts';
import type { Quarter, YearMonth } from './dates.ts';
import { uniquePersonName } from './people.ts';
import { rngFor } from './prng.ts';
import type { Village } from './regions.ts';
import { FINANCE_HEADER } from './headers.ts';

/** An account (科目) with typical entries: [摘要, min 元, max 元]. */
type Account = { name: string; income: boolean; items: readonly (readonly [string, number, number])[] };

const INCOME: readonly Account[] = [
  { name: '经营收入', income: true, items: [['村集体光伏电站发电收入', 3000, 40000], ['集体厂房租赁收入', 5000, 30000], ['农机作业服务收入', 1000, 8000], ['集体门面出租收入', 2000, 15000]] },
  { name: '发包及上交收入', income: true, items: [['收取集体土地发包费', 3000, 30000], ['收取鱼塘承包费', 2000, 12000], ['收取集体林地承包费', 1000, 10000], ['收取果园承包费', 2000, 15000]] },
  { name: '补助收入', income: true, items: [['收到村级组织运转经费', 20000, 80000], ['收到村干部报酬补助', 30000, 90000], ['收到人居环境整治补助', 5000, 50000], ['收到"三务公开"栏建设补助', 2000, 8000]] },
  { name: '其他收入', income: true, items: [['银行存款利息', 20, 800], ['收到爱心企业捐赠款', 1000, 20000], ['收到废旧物资变卖款', 100, 2000]] },
];
const EXPENSE: readonly Account[] = [
  { name: '经营支出', income: false, items: [['支付光伏电站维护费', 500, 6000], ['支付厂房维修费', 1000, 20000], ['支付农机燃油费', 300, 3000]] },
  { name: '管理费用', income: false, items: [['支付村干部误工补贴', 2000, 20000], ['购买办公用品', 100, 2000], ['支付村委会电费', 100, 1500], ['支付报刊订阅费', 200, 2000], ['支付宽带网络费', 300, 1200], ['支付会议误餐费', 100, 1500]] },
  { name: '其他支出', income: false, items: [['支付环境卫生保洁费', 1000, 12000], ['慰问困难群众', 1000, 10000], ['购买防汛物资', 500, 8000], ['支付护林员补贴', 1000, 9000]] },
];

/** Quarters wholly inside the month window (default 2025-Q4 … 2026-Q3). */
export function financeQuarters(months: readonly YearMonth[]): Quarter[] {
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return [];
  const out: Quarter[] = [];
  const seen = new Set<string>();
  for (const ym of months) {
    const q = quarterOf(ym);
    const end = q.months[2] as YearMonth;
    const key = `${q.year}Q${q.quarter}`;
    if (seen.has(key) || monthNumber(end) > monthNumber(last)) continue;
    seen.add(key);
    out.push(q);
  }
  return out;
}

export const financeFileName = (village: Village, q: Quarter): string =>
  `finance/${village.township.name}${village.name}-${q.year}Q${q.quarter}.csv`;

function writeVillageQuarter(ctx: Context, village: Village, q: Quarter, handlers: readonly string[]): void {
  const rng = rngFor(ctx.seed, TAG.finance, village.index, q.year, q.quarter);
  const width = FINANCE_HEADER.length;
  const w = openCsv(ctx, financeFileName(village, q));
  if (!ctx.clean) w.line(padRow([`${village.township.name}${village.name}${q.year}年第${q.quarter}季度财务收支公开`], width));
  w.line(FINANCE_HEADER);
  const firstMonth = q.months[0] as YearMonth;
  const lastMonth = q.months[2] as YearMonth;
  const from = dayNumber({ ...firstMonth, day: 1 });
  const to = dayNumber({ ...lastMonth, day: daysInMonth(lastMonth.year, lastMonth.month) });
  const n = rng.int(8, 20);
  const days: number[] = [];
  for (let i = 0; i < n; i++) days.push(rng.int(from, to));
  days.sort((a, b) => a - b);
  days.forEach((day, i) => {
    const account = rng.chance(0.4) ? rng.pick(INCOME) : rng.pick(EXPENSE);
    const [summary, min, max] = rng.pick(account.items);
    let cents = rng.int(min, max) * 100;
    if (rng.chance(0.3)) cents += rng.pick([50, rng.int(1, 99)]);
    // Formatting draws happen in both modes so the data stays identical between them.
    const yen = rng.chance(0.06);
    const dash = rng.chance(0.4);
    let amount: string;
    if (ctx.clean) amount = yuan(cents);
    else if (yen && cents % 100 === 0) amount = '¥' + groupThousands(cents / 100);
    else amount = yuan(cents, true);
    const other = !ctx.clean && dash ? '—' : '';
    w.row([
      formatDate(fromDayNumber(day), 'iso'),
      `记-${String(i + 1).padStart(3, '0')}`,
      account.name,
      summary,
      account.income ? amount : other,
      account.income ? other : amount,
      rng.pick(handlers),
    ]);
  });
  w.close();
}

export function writeFinance(ctx: Context): void {
  const quarters = financeQuarters(ctx.months);
  for (const village of ctx.regions.villages) {
    const rng = rngFor(ctx.seed, TAG.finance, village.index);
    const used = new Set<string>();
    const handlers = [0, 1, 2].map(() => uniquePersonName(rng, rng.chance(0.7), used, village.clan));
    for (const q of quarters) writeVillageQuarter(ctx, village, q, handlers);
  }
}
