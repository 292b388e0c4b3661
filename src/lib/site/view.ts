/**
 * Small helpers for the Astro pages: links under the base path, labels and text the layout needs.
 * No data shaping beyond that: the model (model.ts) already holds formatted figures and tables.
 */
import { formatNumber } from '../charts/format.ts';
import { LEVEL_LABEL, type RegionLevel } from '../regions.ts';
import { dateText, periodText } from './format.ts';
import type { DatasetInfo, PlaceLink, PlacePage, SiteModel } from './model.ts';

/**
 * A site-relative path (`place/999901100201/`, `data/dibao.csv`) under the base path
 * (`/` or `/gov/sanwu/`). Pass `import.meta.env.BASE_URL` as `base`.
 */
export function joinBase(base: string, path = ''): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + path.replace(/^\/+/, '');
}

export function levelLabel(level: RegionLevel): string {
  return LEVEL_LABEL[level] ?? '';
}

/** Name endings that say what kind of place it is, per level (longest first). */
const KIND_BY_SUFFIX: Partial<Record<RegionLevel, readonly (readonly [string, string])[]>> = {
  village: [['居委会', '社区'], ['村委会', '村'], ['社区', '社区'], ['嘎查', '嘎查'], ['村', '村']],
  township: [['街道办事处', '街道'], ['街道', '街道'], ['苏木', '苏木'], ['镇', '镇'], ['乡', '乡']],
  county: [['自治县', '县'], ['自治旗', '旗'], ['县', '县'], ['区', '区'], ['市', '市'], ['旗', '旗']],
};

/**
 * What a place is, from the end of its name (红星社区 → 社区, 王家村 → 村, 城关镇 → 镇, 柳河乡 → 乡,
 * 东城街道 → 街道); the level's name (村, 乡镇, 县 …) when the name says nothing.
 */
export function placeKindLabel(place: { name: string; level: RegionLevel }): string {
  const name = place.name.trim();
  for (const [suffix, kind] of KIND_BY_SUFFIX[place.level] ?? []) if (name.endsWith(suffix) && name.length > suffix.length) return kind;
  return levelLabel(place.level);
}

/** 「村（社区）」 for villages (their list often holds 社区), else the level's name. */
export function childLabel(children: readonly PlaceLink[]): string {
  const level = children[0]?.level;
  if (!level) return '';
  return level === 'village' ? '村（社区）' : levelLabel(level);
}

/** 2026-11-22 → 2026年11月22日 */
export function asOfText(iso: string): string {
  return dateText(iso);
}

/** A period as a label: `2026-10` → 2026年10月; labels pass through. */
export function periodLabel(p: string | undefined): string {
  return periodText(p);
}

export function bytesText(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '';
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${formatNumber(n / 1024, 1)} KB`;
  return `${formatNumber(n / (1024 * 1024), 1)} MB`;
}

const FREQUENCY: Record<string, string> = { monthly: '每月', quarterly: '每季度', yearly: '每年', 'on-change': '有变化时' };

export function frequencyText(f: string): string {
  return FREQUENCY[f] ?? f;
}

/** The first non-empty contact, trimmed (section, page, site). */
export function pickContact(...candidates: (string | undefined | null)[]): string {
  for (const c of candidates) if (c && c.trim()) return c.trim();
  return '';
}

/** `tel:` link for a single phone number (0999-1234567, 12317); undefined for anything else. */
export function telHref(contact: string): string | undefined {
  if (!/^[0-9０-９+＋\-－\s()（）]{3,30}$/.test(contact)) return undefined;
  const digits = contact.normalize('NFKC').replace(/[^0-9+]/g, '');
  return digits.length >= 3 ? `tel:${digits}` : undefined;
}

/** `+3`, `-2`, `0`. */
export function signed(n: number): string {
  return n > 0 ? `+${formatNumber(n, 0)}` : formatNumber(n, 0);
}

/** A chart table cell: numbers formatted the Chinese way (thousands separators, ≤ 2 decimals). */
export function chartCell(v: string | number): string {
  return typeof v === 'number' ? formatNumber(v, 2) : v;
}

/** Per column, whether every cell of a chart table is a number (right-aligned). */
export function numericColumns(rows: readonly (readonly (string | number)[])[], width: number): boolean[] {
  return Array.from({ length: width }, (_, j) => rows.length > 0 && rows.every((r) => typeof r[j] === 'number'));
}

/**
 * A label or note cut where a line may break: before 「（」 and after 「，」/「；」
 * (「衔接资金项目（计划资金）」 → 「衔接资金项目」「（计划资金）」; 「2026年10月，比上月-3」 →
 * 「2026年10月，」「比上月-3」). The page keeps each part on one line when it fits.
 */
export function breakParts(s: string): string[] {
  return s.split(/(?=（)|(?<=[，；])/).filter(Boolean);
}

/** Figure values that need the smaller type to stay on one line in a phone's half-width card. */
export function isLongFigure(value: string): boolean {
  return value.length > 8;
}

/** Long text cells wrap (with a minimum width); short ones stay on one line. */
export function isLongText(s: string): boolean {
  return s.length > 14;
}

/** The `<meta name="description">` of a place page. */
export function placeDescription(page: PlacePage, site: SiteModel): string {
  const where = [...page.ancestors.map((a) => a.name), page.place.name].join('');
  const what = page.sections.map((s) => s.title).join('、');
  return `${where}${what ? `公开的${what}等信息` : '的公开信息'}，数据截至${asOfText(site.asOf)}。`;
}

export function homeDescription(site: SiteModel): string {
  const what = site.datasets.map((d) => d.title).join('、');
  return `${site.site.county ?? site.root.name}${what}等三务公开信息，数据截至${asOfText(site.asOf)}。`;
}

/** The Chinese part of a bilingual description (「…名单，每户一行 One row per…」 → 「…名单，每户一行」). */
export function zhText(s: string): string {
  const m = /^(.*?[\u3000-\u9fff\uff00-\uffef][^A-Za-z]*?)\s+[A-Z][A-Za-z]/.exec(s);
  return (m ? m[1]! : s).trim();
}

export function datasetDescription(info: DatasetInfo, site: SiteModel): string {
  return `${site.site.county ?? site.root.name}${info.title}：${zhText(info.description)}。图表、各乡镇情况和下载（CSV、JSON），数据截至${asOfText(site.asOf)}。`;
}

/** The chart's id (its `<title id="…-title">`), for ids of the elements around it. */
export function chartIdOf(svg: string): string {
  return /<title id="([A-Za-z][A-Za-z0-9_-]*)-title"/.exec(svg)?.[1] ?? 'chart';
}

/** Whether a section's notes already give its contact number (then it needs no extra line). */
export function contactInNotes(contact: string, notes: readonly string[]): boolean {
  const digits = (s: string) => s.replace(/\D/g, '');
  const c = digits(contact.normalize('NFKC'));
  if (!c) return false;
  return notes.some((n) => (n.normalize('NFKC').match(/\d[\d\-\s()]*/g) ?? []).some((run) => digits(run) === c));
}

/**
 * Text for an attribute such as `<meta name="description">`: Astro escapes `&` and `"` there, which
 * is enough for HTML, but `<` `>` would still show up raw in the bytes; use full-width forms so no
 * output byte sequence even looks like a tag. (Page text itself is escaped as `&lt;`.)
 */
export function attrText(s: string): string {
  return s.replace(/</g, '＜').replace(/>/g, '＞').replace(/\s+/g, ' ').trim();
}

/** The `<title>` of a place page: villages carry their township, since village names repeat. */
export function placeTitle(page: PlacePage): string {
  const parent = page.ancestors[page.ancestors.length - 1];
  return page.place.level === 'village' && parent ? `${page.place.name}（${parent.name}）` : page.place.name;
}

/**
 * Rows above which a dataset page shows its list folded in a <details> (one tap opens it; the
 * browser's find-in-page opens it too). Laying out a table of hundreds of rows while the page loads
 * blocked a cheap phone's main thread for seconds (Lighthouse TBT); the charts and the per-place
 * table stay open, and the full list is also in the downloads.
 */
export const FOLDED_LIST_ROWS = 50;

export function foldsList(table: { rows: readonly unknown[] } | undefined): boolean {
  return (table?.rows.length ?? 0) > FOLDED_LIST_ROWS;
}
