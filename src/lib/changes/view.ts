/** Display text for the change pages: keys, values (money as 1,234.50), dates and labels, in both languages. */
import { pick, type Lang } from '../i18n.ts';
import { dateText, fixed2, periodText } from '../site/format.ts';
import { periodEn } from '../site/english.ts';
import type { CellChange, Cells, ChangeCounts, DatasetChangeStatus, NoticeCount, NoticeKind } from './types.ts';

/** Money columns carry their unit in the download header: 月保障金额（元）. */
export function isMoneyColumn(header: string): boolean {
  return /（元）$/.test(header);
}

/** One published value for display: money as 1,234.50, months as 2026年10月 (Oct 2026 in English), blanks as —. */
export function valueText(header: string, v: string, lang: Lang = 'zh'): string {
  if (v === '') return '—';
  if (isMoneyColumn(header) && /^-?\d+(\.\d+)?$/.test(v)) return fixed2(Number(v));
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(v) || /^\d{4}Q[1-4]$/.test(v)) return lang === 'en' ? periodEn(v) : periodText(v);
  return v;
}

/** 「月保障金额（元） 560.00 → 650.00」 */
export function changeText(c: CellChange, lang: Lang = 'zh'): string {
  return `${c.column} ${valueText(c.column, c.old, lang)} → ${valueText(c.column, c.new, lang)}`;
}

/** The row key as a reader names the record: 「2026年10月 城关镇 红星社区 李忠志」. */
export function keyText(key: Cells, lang: Lang = 'zh'): string {
  return Object.entries(key).map(([h, v]) => valueText(h, v, lang)).filter((s) => s !== '—').join(' ');
}

/** 「保障人数 2，月保障金额（元） 560.00」: the values a withdrawn row was published with. */
export function valuesText(values: Cells | undefined, lang: Lang = 'zh'): string {
  if (!values) return '';
  return Object.entries(values).filter(([h, v]) => v !== '' && h !== '区划代码').map(([h, v]) => `${h} ${valueText(h, v, lang)}`).join(lang === 'en' ? ', ' : '，');
}

export function releaseText(lang: Lang, iso: string): string {
  return pick(lang, dateText(iso), iso);
}

export function kindText(lang: Lang, kind: NoticeKind): string {
  return kind === 'withdrawn' ? pick(lang, '撤回', 'Withdrawn') : pick(lang, '更正', 'Corrected');
}

export function statusText(lang: Lang, s: DatasetChangeStatus): string {
  switch (s) {
    case 'compared': return pick(lang, '已比较', 'Compared');
    case 'new-dataset': return pick(lang, '本次新发布的数据集', 'New dataset');
    case 'dataset-removed': return pick(lang, '本次不再发布（全部记录撤回）', 'No longer published (all rows withdrawn)');
    case 'not-comparable': return pick(lang, '无法比较', 'Not comparable');
  }
}

export function hasChanges(c: ChangeCounts): boolean {
  return c.added + c.removed + c.changed > 0;
}

/** Sums of withdrawn/corrected rows, per release, over a list of counts. */
export function countsByRelease(counts: readonly NoticeCount[]): { release: string; withdrawn: number; corrected: number }[] {
  const by = new Map<string, { release: string; withdrawn: number; corrected: number }>();
  for (const c of counts) {
    const r = by.get(c.release) ?? { release: c.release, withdrawn: 0, corrected: 0 };
    r.withdrawn += c.withdrawn; r.corrected += c.corrected;
    by.set(c.release, r);
  }
  return [...by.values()].sort((a, b) => (a.release < b.release ? 1 : a.release > b.release ? -1 : 0));
}
