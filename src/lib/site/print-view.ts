/**
 * The notice board (公开栏) print views: `place/<id>/print/` (a village, one sheet per dataset) and
 * `datasets/<id>/print/` (the county-wide list, or the per-township summary when the list is long).
 * Chinese only: notice boards are in Chinese. Helpers only; the pages lay them out.
 */
import type { DatasetPage, DatasetSection, Figure, NewestPart, TableData } from './model.ts';
import { loadSite } from './load-model.ts';
import { RULE_DAYS } from './objection-window.ts';

/** A sheet with more rows than this prints on A3 (the `a3` named page), shorter ones on A4. */
export const A3_ROWS = 80;

/** The county-wide list prints whole up to this many rows; longer, the per-township summary does. */
export const COUNTY_LIST_ROWS = 500;

/** `{params:{id}}` for every dataset's print view (villages' come from load-model.ts placePagePaths). */
export function printDatasetPaths(): { params: { id: string } }[] {
  return loadSite().datasets.map((d) => ({ params: { id: d.id } }));
}

/** The site path of a place's or dataset's print view. */
export function printPath(kind: 'place' | 'datasets', id: string): string {
  return `${kind}/${encodeURIComponent(id)}/print/`;
}

/** Lists residents may object to are 「公示」; the rest (accounts, dues) are 「公开」. */
export function noticeWord(dataset: string, hasWindow: boolean): string {
  return hasWindow || dataset in RULE_DAYS ? '公示' : '公开';
}

/** 「王家村低保对象公示」 */
export function sheetTitle(placeName: string, s: Pick<DatasetSection, 'dataset' | 'title' | 'objection'>): string {
  return `${placeName}${s.title}${noticeWord(s.dataset, Boolean(s.objection))}`;
}

/** A3 for long lists, A4 otherwise. */
export function sheetSize(table: TableData | undefined): 'a3' | 'a4' {
  return (table?.rows.length ?? 0) > A3_ROWS ? 'a3' : 'a4';
}

/** 「低保户数 35 户 · 保障人数 70 人 · 月保障金额合计 2.35万元」 */
export function figuresLine(figures: readonly Figure[]): string {
  return figures.map((f) => `${f.label} ${f.value}`).join(' · ');
}

/**
 * The part of a table a notice-board sheet prints: the newest period's rows when the table lists
 * several (a sheet headed 2026年 shows 2026's projects, not 2025's too), else the whole table.
 */
export function newestRows(table: TableData, newest: NewestPart | undefined): TableData {
  if (!newest) return table;
  const shown = Math.min(newest.rows, table.rows.length);
  const omitted = newest.rows - shown;
  const { omitted: _all, ...rest } = table;
  return {
    ...rest,
    caption: newest.caption,
    rows: table.rows.slice(0, shown),
    ...(table.sortValues ? { sortValues: table.sortValues.slice(0, shown) } : {}),
    ...(table.links ? { links: table.links.slice(0, shown) } : {}),
    ...(omitted > 0 ? { omitted } : {}),
  };
}

/** What the county-wide print view shows: the whole latest list when it is short enough, else the per-township summary. */
export function datasetPrintTable(page: DatasetPage): { table: TableData; kind: 'list' | 'summary' } | undefined {
  const list = page.table && newestRows(page.table, page.newest);
  if (list && list.rows.length <= COUNTY_LIST_ROWS && !list.omitted) return { table: list, kind: 'list' };
  if (page.byPlace) return { table: page.byPlace, kind: 'summary' };
  return list ? { table: list, kind: 'list' } : undefined;
}
