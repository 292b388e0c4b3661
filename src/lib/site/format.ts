/** Display formatting for pages: the Chinese way (万元 / 元, 2024年6月), shared by every section. */
import { formatNumber, formatPeriodZh, formatYuan, parsePeriod } from '../charts/format.ts';
import type { ColumnDef } from '../schema.ts';
import { periodLabel } from '../values.ts';

export { formatYuan, formatNumber };

export function periodText(p: string | undefined): string {
  if (!p) return '';
  // Checked first rather than caught: table cells hold many dates, and a throw per cell cost
  // about 1 s of Astro's time per 5,000 villages.
  return parsePeriod(p) ? formatPeriodZh(p) : periodLabel(p);
}

export function count(n: number, unit: string): string {
  return `${formatNumber(n, 0)} ${unit}`;
}

/** 2026-11-22 → 2026年11月22日 */
export function dateText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** Money columns show in the unit the original notice used (万元 for projects, 元 elsewhere). */
export function columnTitle(def: ColumnDef): string {
  if (def.kind === 'money') return `${def.title}（${def.unit === '万元' ? '万元' : '元'}）`;
  return def.title;
}

/** The English column title: 「Monthly allowance (yuan)」. */
export function columnTitleEn(def: ColumnDef): string {
  if (def.kind === 'money') return `${def.titleEn} (${def.unit === '万元' ? '10,000 yuan' : 'yuan'})`;
  return def.titleEn;
}

export function cellText(def: ColumnDef, v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (def.kind === 'money' && typeof v === 'number') {
    return fixed2(def.unit === '万元' ? v / 10000 : v);
  }
  if (typeof v === 'number') return formatNumber(v, 2);
  if (def.kind === 'month' || def.kind === 'period' || def.kind === 'year') return periodText(String(v));
  return String(v);
}

/** 1234.5 → 1,234.50 (hand-rolled: Intl formatting is slow enough to matter at 10⁶ cells). */
export function fixed2(n: number): string {
  const [int = '0', frac = '00'] = Math.abs(n).toFixed(2).split('.');
  return `${n < 0 && Math.abs(n) >= 0.005 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

export function isNumericKind(def: ColumnDef): boolean {
  return def.kind === 'money' || def.kind === 'integer';
}

/** Extracts a phone number from a note such as 「监督电话：0999-1234567」. */
export function contactFromNotes(notes: readonly string[]): string | undefined {
  for (const n of notes) {
    const m = /(?:监督|举报|投诉)[^：:]*[：:](.*)$/.exec(n);
    if (!m) continue;
    // Phone numbers only: 0838-1234567、12317; the words and punctuation around them are dropped.
    const numbers = m[1]!.match(/[0-9０-９(（][0-9０-９\-－ ()（）]{2,}[0-9０-９]/g);
    if (numbers?.length) return numbers.map((x) => x.trim()).join('、');
  }
  return undefined;
}
