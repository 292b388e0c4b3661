/**
 * Small helpers for the Astro pages: links under the base path, labels and text the layout needs.
 * No data shaping beyond that: the model (model.ts) already holds formatted figures and tables.
 */
import { formatNumber } from '../charts/format.ts';
import { LEVEL_LABEL, type RegionLevel } from '../regions.ts';
import type { ChartEnglish } from '../charts/render.ts';
import { escapeText } from '../charts/render.ts';
import type { Lang } from '../i18n.ts';
import { dateEn, FREQUENCY_EN, isPeriodLabel, KIND_EN, LEVEL_EN, periodEn, yuanEn } from './english.ts';
import { DATASET_BY_ID } from '../datasets/index.ts';
import { columnTitleEn, dateText, periodText } from './format.ts';
import type { DatasetInfo, Figure, PlaceLink, PlacePage, SiteModel, TableColumn, TableData } from './model.ts';

/**
 * A site-relative path (`place/999901100201/`, `data/dibao.csv`) under the base path
 * (`/` or `/gov/sanwu/`). Pass `import.meta.env.BASE_URL` as `base`.
 */
export function joinBase(base: string, path = ''): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + path.replace(/^\/+/, '');
}

export function levelLabel(level: RegionLevel, lang: Lang = 'zh'): string {
  return (lang === 'en' ? LEVEL_EN[level] : LEVEL_LABEL[level]) ?? '';
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
export function placeKindLabel(place: { name: string; level: RegionLevel }, lang: Lang = 'zh'): string {
  const name = place.name.trim();
  for (const [suffix, kind] of KIND_BY_SUFFIX[place.level] ?? []) {
    if (name.endsWith(suffix) && name.length > suffix.length) return lang === 'en' ? KIND_EN[kind] ?? levelLabel(place.level, lang) : kind;
  }
  return levelLabel(place.level, lang);
}

/** 「村（社区）」 for villages (their list often holds 社区), else the level's name (English: plural). */
export function childLabel(children: readonly PlaceLink[], lang: Lang = 'zh'): string {
  const level = children[0]?.level;
  if (!level) return '';
  if (lang === 'en') return level === 'village' ? 'villages and communities' : `${levelLabel(level, lang)}s`.replace(/ys$/, 'ies');
  return level === 'village' ? '村（社区）' : levelLabel(level);
}

/** 2026-11-22 → 2026年11月22日 (English: 22 November 2026) */
export function asOfText(iso: string, lang: Lang = 'zh'): string {
  return lang === 'en' ? dateEn(iso) : dateText(iso);
}

/**
 * A period as a label: `2026-10` → 2026年10月 (English: Oct 2026). The model's Chinese labels
 * (2026年10月, 2026年第三季度) pass through in Chinese and are translated for English.
 */
export function periodLabel(p: string | undefined, lang: Lang = 'zh'): string {
  return lang === 'en' ? periodEn(p) : periodText(p);
}

export function bytesText(n: number, lang: Lang = 'zh'): string {
  if (!Number.isFinite(n) || n < 0) return '';
  if (n < 1024) return lang === 'en' ? `${n} bytes` : `${n} 字节`;
  if (n < 1024 * 1024) return `${formatNumber(n / 1024, 1)} KB`;
  return `${formatNumber(n / (1024 * 1024), 1)} MB`;
}

const FREQUENCY: Record<string, string> = { monthly: '每月', quarterly: '每季度', yearly: '每年', 'on-change': '有变化时' };

export function frequencyText(f: string, lang: Lang = 'zh'): string {
  return (lang === 'en' ? FREQUENCY_EN[f] : FREQUENCY[f]) ?? f;
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
export function placeDescription(page: PlacePage, site: SiteModel, lang: Lang = 'zh'): string {
  if (lang === 'en') {
    const where = [page.place.name, ...page.ancestors.map((a) => a.name).reverse()].join(', ');
    const what = page.sections.map((s) => s.titleEn).join('; ');
    return `Public disclosures of ${where}${what ? `: ${what}` : ''}. Data as of ${asOfText(site.asOf, lang)}.`;
  }
  const where = [...page.ancestors.map((a) => a.name), page.place.name].join('');
  const what = page.sections.map((s) => s.title).join('、');
  return `${where}${what ? `公开的${what}等信息` : '的公开信息'}，数据截至${asOfText(site.asOf)}。`;
}

export function homeDescription(site: SiteModel, lang: Lang = 'zh'): string {
  if (lang === 'en') {
    const what = site.datasets.map((d) => d.titleEn).join('; ');
    return `Village, government and party affairs disclosures of ${site.site.county ?? site.root.name}: ${what}. Data as of ${asOfText(site.asOf, lang)}.`;
  }
  const what = site.datasets.map((d) => d.title).join('、');
  return `${site.site.county ?? site.root.name}${what}等三务公开信息，数据截至${asOfText(site.asOf)}。`;
}

/** The Chinese part of a bilingual description (「…名单，每户一行 One row per…」 → 「…名单，每户一行」). */
export function zhText(s: string): string {
  const m = /^(.*?[\u3000-\u9fff\uff00-\uffef][^A-Za-z]*?)\s+[A-Z][A-Za-z]/.exec(s);
  return (m ? m[1]! : s).trim();
}

/** The English part of a bilingual description (「…名单，每户一行 One row per…」 → 「One row per…」). */
export function enText(s: string): string {
  const zh = zhText(s);
  const rest = s.slice(zh.length).trim();
  return rest || s;
}

/** The part of a bilingual description in a language. */
export function langText(s: string, lang: Lang): string {
  return lang === 'en' ? enText(s) : zhText(s);
}

export function datasetDescription(info: DatasetInfo, site: SiteModel, lang: Lang = 'zh'): string {
  if (lang === 'en') {
    return `${info.titleEn} of ${site.site.county ?? site.root.name}: ${enText(info.description)}. Charts, figures per township and downloads (CSV, JSON). Data as of ${asOfText(site.asOf, lang)}.`;
  }
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
export function placeTitle(page: PlacePage, lang: Lang = 'zh'): string {
  const parent = page.ancestors[page.ancestors.length - 1];
  if (page.place.level !== 'village' || !parent) return page.place.name;
  return lang === 'en' ? `${page.place.name} (${parent.name})` : `${page.place.name}（${parent.name}）`;
}

// ---- the model's interface text in a language (the English falls back to the Chinese when absent)

export function figureIn(f: Figure, lang: Lang): { label: string; value: string; note?: string } {
  if (lang !== 'en') return f;
  const note = f.noteEn ?? (f.note !== undefined ? periodEn(f.note) : undefined);
  return { label: f.labelEn ?? f.label, value: f.valueEn ?? f.value, ...(note !== undefined ? { note } : {}) };
}

/** A column's title in a language: English from the column, else from the dataset's schema. */
export function columnTitleIn(c: TableColumn, lang: Lang, dataset?: string): string {
  if (lang !== 'en') return c.title;
  if (c.titleEn) return c.titleEn;
  const def = dataset ? DATASET_BY_ID.get(dataset)?.columns.find((d) => d.key === c.key) : undefined;
  return def ? columnTitleEn(def) : c.title;
}

/**
 * The name a downloaded page table is saved under: its Chinese caption (白马村2026年10月低保对象名单.csv),
 * so that a folder of downloads from several villages and months tells them apart. The file's own
 * headers are Chinese, so the name is too, on English pages as well.
 */
export function csvFileName(caption: string): string {
  const name = caption.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80);
  return `${name || 'table'}.csv`;
}

export function captionIn(t: TableData, lang: Lang): string {
  return lang === 'en' ? t.captionEn ?? t.caption : t.caption;
}

/** A table cell: periods (2026年10月) in the reader's language, everything else as published. */
export function cellIn(v: string, column: TableColumn | undefined, lang: Lang): string {
  if (lang !== 'en') return v;
  if (column?.period) return periodEn(v);
  // Summary tables write large sums as 555.50万元; English readers get 5.56 million yuan.
  if (v.endsWith('万元')) {
    const n = Number(v.slice(0, -2).replace(/,/g, ''));
    if (v.length > 2 && Number.isFinite(n)) return yuanEn(n * 10000);
  }
  return v;
}

/**
 * A chart in a language: for English, its title, description and table columns from `en`, and
 * the SVG's `<title>`/`<desc>` swapped for them (the SVG is rendered once; its axis text stays
 * Chinese, so it is marked lang="zh-CN" and the English title/desc lang="en").
 */
export function chartIn(chart: { svg: string; table: { caption: string; columns: string[] }; en?: ChartEnglish }, lang: Lang): { svg: string; caption: string; columns: string[] } {
  const { svg, table, en } = chart;
  if (lang !== 'en' || !en) return { svg, caption: table.caption, columns: table.columns };
  const localised = svg
    .replace(/^<svg\b/, '<svg lang="zh-CN"')
    .replace(/<title id="([^"]*)">[^<]*<\/title>/, (_m, id: string) => `<title id="${id}" lang="en">${escapeText(en.title)}</title>`)
    .replace(/<desc id="([^"]*)">[^<]*<\/desc>/, (_m, id: string) => `<desc id="${id}" lang="en">${escapeText(en.description)}</desc>`);
  return { svg: localised, caption: en.title, columns: en.columns.length === table.columns.length ? en.columns : table.columns };
}

/** A chart table cell in a language: the first column's periods (2026年10月) become Oct 2026 in English. */
export function chartCellIn(v: string | number, column: number, lang: Lang): string {
  const s = chartCell(v);
  return lang === 'en' && column === 0 && typeof v === 'string' && isPeriodLabel(v) ? periodEn(v) : s;
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
