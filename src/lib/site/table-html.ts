// Table markup for the pages, built as one escaped string.
//
// A village page carries several hundred table cells; rendering each cell as an Astro element
// cost more than the rest of the page. These builders produce exactly the markup the components
// produced (same escaping as Astro: text escapes & < > ' ", attribute values & and "), and the
// components insert it with set:html. Every value that comes from the data passes through
// escapeHtml or attr here; nothing else is concatenated.

import { localePath, type Lang } from '../i18n.ts';
import type { TableData } from './model.ts';
import { breakParts, captionIn, cellIn, columnTitleIn, isLongText, joinBase } from './view.ts';

const TEXT_SPECIAL = /[&<>'"]/g;
const TEXT_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' };

/** Escapes text content the way Astro does for `{expression}` children. */
export function escapeHtml(s: string): string {
  TEXT_SPECIAL.lastIndex = 0;
  return TEXT_SPECIAL.test(s) ? s.replace(TEXT_SPECIAL, (c) => TEXT_ENTITY[c] ?? c) : s;
}

/** One attribute as Astro writes it: absent when undefined, bare when empty, else quoted with & and " escaped. */
export function attr(name: string, value: string | undefined): string {
  if (value === undefined) return '';
  if (value === '') return ` ${name}`;
  return ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
}

export interface DataTableOptions {
  /** Unique on the page: the caption gets `${id}-c` and names the scroll region. */
  id: string;
  lang: Lang;
  /** The site's base path (import.meta.env.BASE_URL). */
  base: string;
}

/**
 * A model table: real headers, numeric cells right-aligned with their sort keys (data-sort), in a
 * scroll region labelled by the caption. On English pages the caption and headers are English and
 * the body, data as published, is marked Chinese (period cells are translated, so marked English).
 */
export function dataTableHtml(table: TableData, { id, lang, base }: DataTableOptions): string {
  const en = lang === 'en';
  const cols = table.columns;
  let out = `<div class="scroll" role="region" tabindex="0"${attr('aria-labelledby', `${id}-c`)}${attr('style', `--rows:${table.rows.length}`)}> `;
  out += `<table${attr('data-sortable', table.rows.length > 1 ? '' : undefined)}> `;
  out += `<caption${attr('id', `${id}-c`)}>${escapeHtml(captionIn(table, lang))}</caption> `;
  out += '<thead><tr>';
  for (const c of cols) {
    out += `<th scope="col"${attr('class', c.numeric ? 'n' : undefined)}>`;
    for (const part of breakParts(columnTitleIn(c, lang, table.dataset))) out += `<span class="p">${escapeHtml(part)}</span>`;
    out += '</th>';
  }
  out += `</tr></thead> <tbody${attr('lang', en ? 'zh-CN' : undefined)}> `;
  table.rows.forEach((row, i) => {
    const link = table.links?.[i];
    out += '<tr>';
    row.forEach((v, j) => {
      const col = cols[j];
      const cls = col?.numeric ? 'n' : isLongText(v) ? 't' : undefined;
      const key = col?.numeric ? table.sortValues?.[i]?.[j] : undefined;
      const sort = typeof key === 'number' && Number.isFinite(key) ? String(key) : undefined;
      out += `<td${attr('class', cls)}${attr('data-sort', sort)}${attr('lang', en && col?.period ? 'en' : undefined)}>`;
      out += j === 0 && link ? `<a${attr('href', joinBase(base, localePath(lang, link)))}>${escapeHtml(v)}</a>` : escapeHtml(cellIn(v, col, lang));
      out += '</td>';
    });
    out += '</tr>';
  });
  return `${out} </tbody> </table> </div>`;
}

/** The list on a notice-board sheet: plain headers and cells, numbers right-aligned. */
/**
 * `runningHead`: a line printed above the column headers on every page the table runs onto (the
 * title and the 监督电话), since the sheet's own header and footer are only on its first and last page.
 */
export function printTableHtml(table: TableData, runningHead?: string): string {
  // Date columns stay on one line (2022-10-07, not 2022-/10-07): known from their first value.
  const classes = table.columns.map((c, j) => {
    if (c.numeric) return 'n';
    const first = table.rows.find((r) => r[j] !== undefined && r[j] !== '' && r[j] !== '—')?.[j];
    return first !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(first) ? 'd' : undefined;
  });
  let out = '<table class="sheet-t"> <thead>';
  if (runningHead) out += `<tr class="sheet-run"><th colspan="${table.columns.length}">${escapeHtml(runningHead)}</th></tr>`;
  out += '<tr>';
  table.columns.forEach((c, j) => { out += `<th scope="col"${attr('class', classes[j])}>${escapeHtml(c.title)}</th>`; });
  out += '</tr></thead> <tbody>';
  for (const row of table.rows) {
    out += '<tr>';
    row.forEach((v, j) => {
      out += `<td${attr('class', classes[j])}>${escapeHtml(v)}</td>`;
    });
    out += '</tr>';
  }
  return `${out}</tbody> </table>`;
}
