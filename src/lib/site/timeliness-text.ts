/**
 * Timeliness in words for residents (Chinese) and English readers: a short status (按时更新,
 * 逾期 2 个月, 尚未公开 …) and one sentence saying what was published and what is due when.
 */
import { pick, type Lang } from '../i18n.ts';
import { dateText, periodText } from './format.ts';
import type { TimelinessCounts, TimelinessDataset, TimelinessEntry } from './timeliness-model.ts';
import { parse, type Status } from './timeliness.ts';

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-10` → 2026年10月 / October 2026; `2026Q3` → 2026年第三季度 / Q3 2026; `2026` → 2026年 / 2026. */
export function periodName(period: string, lang: Lang): string {
  if (lang === 'zh') return periodText(period);
  const p = parse(period);
  if (!p) return period;
  return p.kind === 'month' ? `${MONTHS_EN[p.index - 1]} ${p.year}` : p.kind === 'quarter' ? `Q${p.index} ${p.year}` : String(p.year);
}

/** `2026-11-30` → 2026年11月30日 / 30 November 2026. */
export function dateName(iso: string, lang: Lang): string {
  if (lang === 'zh') return dateText(iso);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/** A period or a date, whichever `latest` is. */
function latestName(latest: string, lang: Lang): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(latest) ? dateName(latest, lang) : periodName(latest, lang);
}

export type Tone = 'ok' | 'late' | 'none' | 'info';

export function statusTone(s: Status): Tone {
  return s.kind === 'up-to-date' ? 'ok' : s.kind === 'overdue' ? 'late' : s.kind === 'none' ? 'none' : 'info';
}

/** How late, in the largest whole unit: 逾期 2 个月 / 逾期 12 天. */
export function lateness(s: Extract<Status, { kind: 'overdue' }>, lang: Lang): string {
  if (s.months >= 1) return pick(lang, `逾期 ${s.months} 个月`, `${s.months} month${s.months > 1 ? 's' : ''} overdue`);
  return pick(lang, `逾期 ${s.days} 天`, `${s.days} day${s.days > 1 ? 's' : ''} overdue`);
}

export function statusLabel(s: Status, lang: Lang): string {
  switch (s.kind) {
    case 'up-to-date': return pick(lang, '按时更新', 'Up to date');
    case 'overdue': return lateness(s, lang);
    case 'none': return pick(lang, '尚未公开', 'Not yet published');
    case 'on-change': return pick(lang, '有变化时公开', 'Published on change');
    default: return pick(lang, '无法判断', 'Cannot tell');
  }
}

export function frequencyName(d: Pick<TimelinessDataset, 'frequency' | 'plan'>, lang: Lang): string {
  if (d.plan) return pick(lang, '每年（年初公开年度计划）', 'Yearly (the plan at the start of the year)');
  switch (d.frequency) {
    case 'monthly': return pick(lang, '每月', 'Monthly');
    case 'quarterly': return pick(lang, '每季度', 'Quarterly');
    case 'yearly': return pick(lang, '每年', 'Yearly');
    default: return pick(lang, '有变化时', 'On change');
  }
}

/** The rule for a dataset's deadline, in one phrase. */
export function dueRule(d: Pick<TimelinessDataset, 'frequency' | 'plan'>, lang: Lang): string {
  if (d.plan) return pick(lang, '当年计划应在当年3月底前公开', 'a year’s plan is due by the end of March of that year');
  switch (d.frequency) {
    case 'monthly': return pick(lang, '每月名单应在次月底前公开', 'each month’s list is due by the end of the following month');
    case 'quarterly': return pick(lang, '每季度账目应在季度结束后一个月内公开', 'each quarter is due within a month after it ends');
    case 'yearly': return pick(lang, '每年的情况应在次年3月底前公开', 'each year is due by the end of March of the following year');
    default: return pick(lang, '有变化时公开，不设固定期限', 'published when something changes; no fixed deadline');
  }
}

/** One sentence for a village and dataset: what was published last and what is due when. */
export function statusDetail(e: TimelinessEntry, lang: Lang): string {
  const s = e.status;
  const parts: string[] = [];
  if (e.countyWide) {
    parts.push(pick(lang, '由县里统一公开年度计划。', 'The county publishes one plan for every village.'));
    parts.push(e.own ? pick(lang, `本村最近的项目：${periodName(e.own, lang)}。`, `Latest project here: ${periodName(e.own, lang)}.`)
      : pick(lang, '计划中暂无本村项目。', 'No project here in the plans.'));
  }
  switch (s.kind) {
    case 'up-to-date':
      parts.push(pick(lang,
        `${e.countyWide ? '全县最新计划' : '最新公开'}：${periodName(s.latest, lang)}。下一期（${periodName(s.next, lang)}）应于${dateName(s.nextDue, lang)}前公开。`,
        `Latest published: ${periodName(s.latest, lang)}. The next (${periodName(s.next, lang)}) is due by ${dateName(s.nextDue, lang)}.`));
      break;
    case 'overdue':
      parts.push(pick(lang,
        `最新公开：${periodName(s.latest, lang)}。${periodName(s.missing, lang)}的应于${dateName(s.due, lang)}前公开，至今未公开${s.missingCount > 1 ? `（共缺 ${s.missingCount} 期）` : ''}。`,
        `Latest published: ${periodName(s.latest, lang)}. ${periodName(s.missing, lang)} was due by ${dateName(s.due, lang)} and has not been published${s.missingCount > 1 ? ` (${s.missingCount} periods missing)` : ''}.`));
      break;
    case 'none':
      parts.push(pick(lang, '还没有公开过。如本村有此项内容，应按期公开。', 'Nothing published yet. If this applies here, it should be published on schedule.'));
      break;
    case 'on-change': {
      const last = s.latest ?? e.lastDate;
      parts.push(pick(lang, '有变化时公开，不设固定期限。', 'Published when something changes; no fixed deadline.'));
      if (last) parts.push(pick(lang, `最近记录：${latestName(last, lang)}。`, `Latest record: ${latestName(last, lang)}.`));
      break;
    }
    default:
      parts.push(pick(lang, `最新公开：${s.latest}。`, `Latest published: ${s.latest}.`));
  }
  return parts.join(pick(lang, '', ' '));
}

/** 「按时 12 · 逾期 2 · 尚未公开 1」 for a township's villages. */
export function countsText(c: TimelinessCounts, lang: Lang): string {
  const parts = [pick(lang, `按时 ${c.upToDate}`, `${c.upToDate} on time`), pick(lang, `逾期 ${c.overdue}`, `${c.overdue} overdue`)];
  if (c.none) parts.push(pick(lang, `尚未公开 ${c.none}`, `${c.none} not yet published`));
  return parts.join(' · ');
}
