/**
 * Context: what a file's name and title row say about the whole table (place and period), for
 * sheets without a 乡镇/村 or period column, e.g. 城关镇王家村-2024Q2.csv.
 */
import type { RegionRegistry } from './regions.ts';
import { normPlace } from './regions.ts';
import { toHalfWidth } from './values.ts';

export interface FileContext {
  township?: string;
  village?: string;
  month?: string;
  quarter?: string;
  year?: string;
  /** Where each value came from, for the report. */
  source: Partial<Record<'township' | 'village' | 'period', '文件名' | '标题行'>>;
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

export function periodFromText(text: string): { month?: string; quarter?: string; year?: string } {
  const t = toHalfWidth(text);
  let m = /(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(t) ?? /(?<!\d)(\d{4})[-_.](\d{1,2})(?![\d])/.exec(t) ?? /(?<!\d)(20\d{2})(0[1-9]|1[0-2])(?!\d)/.exec(t);
  if (m && +m[2]! >= 1 && +m[2]! <= 12) return { month: `${m[1]}-${pad2(+m[2]!)}`, year: m[1] };
  m = /(\d{4})\s*年?\s*第?\s*([1-4一二三四])\s*季度/.exec(t) ?? /(?<!\d)(\d{4})[-_ ]?[Qq]([1-4])(?!\d)/.exec(t);
  if (m) {
    const q = '一二三四'.indexOf(m[2]!) + 1 || +m[2]!;
    return { quarter: `${m[1]}Q${q}`, year: m[1] };
  }
  m = /(?<!\d)((?:19|20)\d{2})\s*年?度?(?!\d)/.exec(t);
  if (m) return { year: m[1] };
  return {};
}

function placesFromText(text: string, regions: RegionRegistry): { township?: string; village?: string } {
  const t = normPlace(text);
  const found = regions.placesIn(t);
  const township = found.township?.name;
  const village = found.village?.name;
  if (township || village || regions.closed) return { township, village };
  // No regions.csv: read names by their suffixes.
  const m = /([\u4e00-\u9fa5]{1,8}?(?:镇|乡|街道))([\u4e00-\u9fa5]{1,10}?(?:村|社区))/.exec(t);
  // 示例县城关镇王家村: the county (or city, district) in front is not part of the township.
  if (m) return { township: m[1]!.replace(/^[\u4e00-\u9fa5]*[省市县区](?=[\u4e00-\u9fa5]{2,}(?:镇|乡|街道)$)/, ''), village: m[2] };
  return {};
}

/**
 * The village a file name seems to name right after its township (城关镇王家庄-2026Q3 → 王家庄) when
 * the region table did not recognise it: a misspelt village, to be reported as such.
 */
export function villageWordAfter(path: string, township: string): string | undefined {
  const base = normPlace(path.split('/').pop()!.replace(/\.[^.]+$/, ''));
  const at = base.indexOf(township);
  if (at < 0) return undefined;
  const m = /^[\u4e00-\u9fa5]{2,10}/.exec(base.slice(at + township.length));
  return m ? m[0] : undefined;
}

/** Title rows are more explicit than file names, so they win. */
export function fileContext(path: string, titleLines: string[], regions: RegionRegistry): FileContext {
  const base = path.split('/').pop()!.replace(/\.[^.]+$/, '');
  const title = titleLines.join(' ');
  const ctx: FileContext = { source: {} };
  for (const [text, source] of [[title, '标题行'], [base, '文件名']] as const) {
    if (!text) continue;
    const p = periodFromText(text);
    if (!ctx.month && !ctx.quarter && !ctx.year && (p.month || p.quarter || p.year)) {
      Object.assign(ctx, p);
      ctx.source.period = source;
    }
    const pl = placesFromText(text, regions);
    if (!ctx.township && pl.township) { ctx.township = pl.township; ctx.source.township = source; }
    if (!ctx.village && pl.village) { ctx.village = pl.village; ctx.source.village = source; }
  }
  return ctx;
}
