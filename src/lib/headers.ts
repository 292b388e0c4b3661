/**
 * Map-headers stage: finds the header row below any title rows, merges two-row headers
 * (实施地点 → 乡镇 / 村; 资金来源 → 中央 / 省级 …) and maps each column to the dataset's schema.
 * Columns the schema does not declare public are never mapped to an output.
 */
import type { ColumnDef, DatasetSpec } from './schema.ts';
import { cleanText, toHalfWidth, unitInHeader, type MoneyUnit, type Parsed } from './values.ts';
import type { Issue } from './issues.ts';

export interface MappedColumn {
  index: number;
  /** Header text as written in the file (the sub-header for two-row headers). */
  header: string;
  def: ColumnDef;
  /** Unit for money cells: the header's unit, else the column's default. */
  unit: MoneyUnit;
  /** Parsed values of repeating cells (numbers, dates, enums), per column. */
  cache?: Map<string, Parsed<string | number>>;
}

export interface HeaderResult {
  /** 0-based index of the last header record; data starts after it. */
  lastHeaderIndex: number;
  columns: MappedColumn[];
  /** Text of the rows above the header (titles such as 城关镇王家村2024年第2季度财务公开). */
  titleLines: string[];
  /** Indexes of columns dropped as private or unknown, watched for content to report once. */
  dropped: { index: number; header: string; reason: 'private' | 'unknown' | 'blank' }[];
  issues: Issue[];
}

const SCAN_ROWS = 20;
const SERIAL_HEADER = /^(序号|编号|序|no\.?|行号|排序)$/i;
const PRIVATE_HEADER = /身份证|证件|公民身份|电话|手机|联系方式|银行|账号|账户|卡号|存折|住址|地址|收入|病|残疾证|户籍/;

/** Normalises a header cell: half-width, no spaces, no required-markers, no unit in brackets. */
export function normHeader(s: string): string {
  return toHalfWidth(cleanText(s))
    .replace(/[\s*＊:：]/g, '')
    .replace(/[(（【\[](?:万?元|人|户|个|%|元\/月|元\/人|元\/户·月|单位[^)）】\]]*)[)）】\]]/g, '')
    .replace(/（/g, '(').replace(/）/g, ')')
    .toLowerCase();
}

function stripBrackets(s: string): string {
  return s.replace(/\([^)]*\)/g, '');
}

type AliasIndex = Map<string, ColumnDef>;
const aliasCache = new WeakMap<DatasetSpec, AliasIndex>();

export function aliasIndex(dataset: DatasetSpec): AliasIndex {
  let idx = aliasCache.get(dataset);
  if (idx) return idx;
  idx = new Map();
  for (const def of dataset.columns) {
    for (const name of [def.title, ...def.aliases]) {
      const n = normHeader(name);
      if (!idx.has(n)) idx.set(n, def);
    }
  }
  aliasCache.set(dataset, idx);
  return idx;
}

export function lookupHeader(dataset: DatasetSpec, header: string): ColumnDef | undefined {
  const idx = aliasIndex(dataset);
  const n = normHeader(header);
  if (!n) return undefined;
  return idx.get(n) ?? idx.get(stripBrackets(n));
}

function scoreRow(dataset: DatasetSpec, row: string[]): number {
  const seen = new Set<string>();
  for (const cell of row) {
    const def = lookupHeader(dataset, cell);
    if (def) seen.add(def.key);
  }
  return seen.size;
}

/** Combines a group row above (merged cells, forward-filled) with a sub-header row below. */
function combine(top: string[], bottom: string[]): { text: string; group: string }[] {
  const n = Math.max(top.length, bottom.length);
  const out: { text: string; group: string }[] = [];
  let group = '';
  for (let i = 0; i < n; i++) {
    const t = cleanText(top[i] ?? '');
    const b = cleanText(bottom[i] ?? '');
    if (t) group = t;
    else if (!b) group = '';
    out.push(b ? { text: b, group: t || group } : { text: t, group: '' });
  }
  return out;
}

function scoreCombined(dataset: DatasetSpec, cells: { text: string; group: string }[]): number {
  return scoreRow(dataset, cells.map((c) => c.text));
}

/** Finds and maps the header among the first rows of a file. Returns undefined when none is found. */
export function detectHeader(dataset: DatasetSpec, records: string[][]): HeaderResult | undefined {
  const limit = Math.min(records.length, SCAN_ROWS);
  let best = -1;
  let bestScore = 1;
  for (let r = 0; r < limit; r++) {
    const s = scoreRow(dataset, records[r]!);
    if (s > bestScore) { best = r; bestScore = s; }
  }
  if (best < 0) return undefined;

  // Single header row, or a pair with the row below (sub-headers) or above (merged group cells).
  let cells = records[best]!.map((text) => ({ text: cleanText(text), group: '' }));
  let first = best;
  let last = best;
  const below = records[best + 1];
  const above = best > 0 ? records[best - 1] : undefined;
  if (below) {
    const c = combine(records[best]!, below);
    if (scoreCombined(dataset, c) > bestScore) { cells = c; last = best + 1; bestScore = scoreCombined(dataset, c); }
  }
  if (last === best && above) {
    const c = combine(above, records[best]!);
    if (scoreCombined(dataset, c) > bestScore) { cells = c; first = best - 1; }
  }

  // 「单位：万元」 above the header applies to every money column whose header names no unit.
  const tableUnit = records.slice(0, first).map((r) => r.map(cleanText).join(' ')).map((t) => /单位[:：]/.test(t) ? unitInHeader(t) : undefined).find(Boolean);
  const issues: Issue[] = [];
  const columns: MappedColumn[] = [];
  const dropped: HeaderResult['dropped'] = [];
  const byKey = new Map<string, MappedColumn>();
  cells.forEach(({ text, group }, index) => {
    if (!text) { dropped.push({ index, header: '', reason: 'blank' }); return; }
    if (SERIAL_HEADER.test(normHeader(text))) return;
    const def = lookupHeader(dataset, text) ?? (group ? lookupHeader(dataset, group + text) : undefined);
    if (!def) {
      dropped.push({ index, header: text, reason: PRIVATE_HEADER.test(text) ? 'private' : 'unknown' });
      return;
    }
    if (!def.public) { dropped.push({ index, header: text, reason: 'private' }); }
    const prior = byKey.get(def.key);
    // Two private columns of one kind (联系电话 and 手机号码) are both dropped: nothing to choose between.
    if (prior && !def.public) return;
    if (prior) {
      issues.push({ severity: 'error', code: 'duplicate-column', row: last + 1, column: text,
        message: `「${text}」与第 ${prior.index + 1} 列「${prior.header}」是同一列（${def.title}），请删除或改名其中一列 Duplicate column` });
      return;
    }
    const unit = unitInHeader(text) ?? unitInHeader(group) ?? tableUnit ?? def.unit ?? '元';
    const cached = ['integer', 'money', 'date', 'month', 'year', 'period', 'enum'].includes(def.kind);
    const mapped: MappedColumn = { index, header: text, def, unit, ...(cached ? { cache: new Map() } : {}) };
    byKey.set(def.key, mapped);
    columns.push(mapped);
  });

  const titleLines = records.slice(0, first).map((r) => r.map(cleanText).filter(Boolean).join(' ')).filter(Boolean);
  return { lastHeaderIndex: last, columns, titleLines, dropped, issues };
}

/** Which dataset a file belongs to, when it is not in a dataset folder: the best header match. */
export function guessDataset(datasets: readonly DatasetSpec[], records: string[][]): DatasetSpec | undefined {
  let best: DatasetSpec | undefined;
  let bestScore = 2;
  for (const d of datasets) {
    for (const r of records.slice(0, SCAN_ROWS)) {
      const s = scoreRow(d, r);
      if (s > bestScore) { best = d; bestScore = s; }
    }
  }
  return best;
}
