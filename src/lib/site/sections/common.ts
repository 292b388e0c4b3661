/** What every dataset aggregate offers the site: a section per place, headlines, a dataset page. */
import type { RowOrigin } from '../../check.ts';
import type { Region, RegionRegistry } from '../../regions.ts';
import type { DatasetSpec } from '../../schema.ts';
import type { SiteConfig } from '../../site-config.ts';
import type { Row } from '../../validate.ts';
import type { ChartResult } from '../../charts/render.ts';
import type { DatasetSection, Figure, NewestPart, TableData } from '../model.ts';
import { cellText, columnTitle, isNumericKind } from '../format.ts';
import type { ChartEnglish } from '../../charts/render.ts';

export interface SectionContext {
  regions: RegionRegistry;
  /** Child places, from an index built once (the registry's own lookup scans). */
  children(id: string): Region[];
  site: SiteConfig;
  notesByFile: ReadonlyMap<string, readonly string[]>;
  placeUrl(id: string): string;
  /** Registers a table for download as CSV and returns its site-relative link. */
  tableCsv(placeId: string, dataset: DatasetSpec, keys: readonly string[], rows: readonly Row[]): string;
}

export interface Headline { label: string; value: number; display: string; displayEn: string }

/** One period's disclosure for a place, for its feed: 「2026年10月低保对象名单」「52 户，月保障金额合计 …」. */
export interface PeriodSummary { period: string; title: string; summary: string }

export interface DatasetAggregate {
  readonly spec: DatasetSpec;
  add(row: Row, chain: readonly Region[], origin: RowOrigin): void;
  has(placeId: string): boolean;
  section(place: Region, ctx: SectionContext): DatasetSection | undefined;
  headline(placeId: string): Headline | undefined;
  headlineLabel: string;
  headlineLabelEn: string;
  datasetPage(root: Region, ctx: SectionContext): { figures: Figure[]; charts: ChartResult[]; table?: TableData; newest?: NewestPart };
  periods(): string[];
  latestPeriod(placeId: string): string | undefined;
  /** For lists without periods: the latest date in the place's rows (timeliness shows it as the last update). */
  latestDate?(placeId: string): string | undefined;
  /** Every period published for the place, oldest first (none for datasets without periods). */
  periodSummaries?(placeId: string): PeriodSummary[];
  /**
   * The place's page is written: let go of the rows kept only for it. Places are written parents
   * first (the root, a township, then its villages), so a village's rows are not needed again.
   */
  release?(placeId: string): void;
}

/** Kinds whose values repeat row after row: one copy each is shared by every row kept. */
const SHARED_KINDS = new Set(['township', 'village', 'org', 'enum', 'date', 'month', 'year', 'period']);

/**
 * Keeps rows for the pages at the least memory: a province keeps about 3.5 million rows (the
 * latest list of every village) until its pages are written.
 * - Place names, categories, dates and periods are shared: one string per distinct value instead of
 *   one per row (rows from the check's worker thread arrive as copies, node-check.ts).
 * - Long strings are copied: a substring keeps its whole parent alive in V8, which would hold every
 *   256 KB chunk of the file a kept row came from.
 */
export class RowKeeper {
  private readonly sharedKeys: ReadonlySet<string>;
  private readonly shared = new Map<string, string>();

  constructor(spec: DatasetSpec) {
    this.sharedKeys = new Set(spec.columns.filter((c) => SHARED_KINDS.has(c.kind)).map((c) => c.key));
  }

  keep(row: Row): Row {
    const out: Row = {};
    for (const k in row) {
      const v = row[k];
      if (typeof v !== 'string') { out[k] = v; continue; }
      if (this.sharedKeys.has(k)) {
        let one = this.shared.get(v);
        if (one === undefined) { one = v.length >= 13 ? (' ' + v).slice(1) : v; this.shared.set(one, one); }
        out[k] = one;
      } else out[k] = v.length >= 13 ? (' ' + v).slice(1) : v;
    }
    return out;
  }
}

const PERIOD_KINDS = new Set(['month', 'period', 'year']);

/**
 * A table of rows with the given public columns, cells formatted for display. `caption` is the
 * Chinese caption, or [Chinese, English].
 */
export function rowsTable(spec: DatasetSpec, keys: readonly string[], rows: readonly Row[], caption: string | readonly [string, string], limit = 2000): TableData {
  const defs = keys.map((k) => spec.columns.find((c) => c.key === k)!).filter(Boolean);
  const shown = rows.slice(0, limit);
  return {
    ...(typeof caption === 'string' ? { caption } : { caption: caption[0], captionEn: caption[1] }),
    // English column titles follow from the schema (view.ts columnTitleIn): not repeated per table.
    dataset: spec.id,
    columns: defs.map((d) => ({ key: d.key, title: columnTitle(d), numeric: isNumericKind(d), ...(PERIOD_KINDS.has(d.kind) ? { period: true } : {}) })),
    rows: shown.map((r) => defs.map((d) => cellText(d, r[d.key]))),
    sortValues: shown.map((r) => defs.map((d) => (isNumericKind(d) && typeof r[d.key] === 'number' ? (r[d.key] as number) : null))),
    ...(rows.length > limit ? { omitted: rows.length - limit } : {}),
  };
}

/** Public columns worth a table on a place page: the place and period are implied by the page. */
export function listKeys(spec: DatasetSpec, omit: readonly string[] = ['township', 'village', 'period']): string[] {
  return spec.columns.filter((c) => c.public && !omit.includes(c.key)).map((c) => c.key);
}

/** Attaches a chart's English words (see ChartEnglish). */
export function withEnglish<T extends { en?: ChartEnglish }>(chart: T, en: ChartEnglish): T {
  chart.en = en;
  return chart;
}

/** 「dibao households」 → 「Dibao households」. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function chartId(...parts: string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_');
}

export function maxPeriod(periods: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const p of periods) if (best === undefined || p > best) best = p;
  return best;
}

export function notesOf(files: Iterable<string>, ctx: SectionContext): string[] {
  const out = new Set<string>();
  for (const f of [...files].sort()) for (const n of ctx.notesByFile.get(f) ?? []) out.add(n);
  return [...out];
}
