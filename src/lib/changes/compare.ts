/**
 * Compares one dataset's published download in the previous release with the one this build wrote,
 * row key by row key. Pure: the files come in as RowSources (header first, then every row), which
 * may be read more than once. Memory stays flat: pass 1 keeps only 64-bit fingerprints of the
 * previous rows (KeyTable), pass 2 streams this release's rows against them, pass 3 re-reads the
 * previous rows for the old values of removed and changed rows, keeping details up to a cap.
 */
import { hash64 } from '../tables.ts';
import { CHANGED, KeyTable, MATCHED, REPLAYED } from './key-table.ts';
import type { AddedRow, CellChange, Cells, ChangeNote, ChangedRow, DatasetChanges, PeriodCounts, PlaceCounts, RemovedRow } from './types.ts';

export type RowVisitor = (cells: string[]) => void;
/** One published CSV: its header, and every record from the start (header first); may be read more than once. */
export interface RowSource {
  header(): Promise<string[]>;
  rows(visit: RowVisitor): Promise<void>;
}

/** Rows already in memory (tests, small tools). */
export function arrayRows(records: string[][]): RowSource {
  return {
    async header() { return records[0] ?? []; },
    async rows(visit) { for (const r of records) visit(r); },
  };
}

export interface CompareSpec {
  id: string;
  title: string;
  /** Download headers forming the row key. */
  keyColumns: readonly string[];
  periodColumn?: string;
  placeColumns: { township?: string; village?: string; code?: string };
  /** Columns not compared: derived from others (区划代码 follows the place). */
  ignoreColumns?: readonly string[];
}

export interface PlaceRef { id?: string; name: string }

export interface CompareOptions {
  /** Rows listed in full per kind; the rest are counted. */
  cap: number;
  /** Rows expected in the previous file (sizes the table once). */
  expectedRows?: number;
  placeOf(p: { township: string; village: string; code: string }): PlaceRef;
}

const SEP = '\u0001';
const OCCURRENCE = '\u0002';

/** Cells as published, without the apostrophe the download adds in front of formula-like text. */
export function publishedValue(cell: string): string {
  return /^'[=+\-@\t\r＝＋－＠]/.test(cell) ? cell.slice(1) : cell;
}

function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c !== '') return false;
  return true;
}

interface Side { header: string[]; index: Map<string, number> }

function sideOf(header: string[]): Side {
  const h = header.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
  return { header: h, index: new Map(h.map((c, i) => [c, i])) };
}

function emptyResult(spec: CompareSpec): DatasetChanges {
  return {
    id: spec.id, title: spec.title, status: 'compared', keyColumns: [...spec.keyColumns], rowsBefore: 0, rowsAfter: 0,
    counts: { added: 0, removed: 0, changed: 0, unchanged: 0 }, columnsAdded: [], columnsRemoved: [],
    byPeriod: [], byPlace: [], added: [], removed: [], changed: [], omitted: { added: 0, removed: 0, changed: 0 }, notes: [],
  };
}

/**
 * Compares the previous and current downloads of one dataset. Either may be missing (a dataset
 * added or no longer published). Never throws for a bad previous file: it is reported in `notes`.
 */
export async function compareDownloads(spec: CompareSpec, previous: RowSource | undefined, current: RowSource | undefined, opts: CompareOptions): Promise<DatasetChanges> {
  const result = emptyResult(spec);
  if (!previous) result.status = 'new-dataset';
  else if (!current) result.status = 'dataset-removed';
  const table = new KeyTable(opts.expectedRows ?? 1024);
  const ignore = new Set(spec.ignoreColumns ?? []);
  const keySet = new Set(spec.keyColumns);

  let prev: Side | undefined;
  let cur: Side | undefined;
  // Headers are read before anything else so the value columns compared are the ones both have.
  try {
    if (previous) prev = sideOf(await previous.header());
  } catch (e) {
    return notComparable(result, { zh: `上次发布的 ${spec.id}.csv 无法读取（${(e as Error).message}），本数据集未作比较。`, en: `The previous ${spec.id}.csv could not be read (${(e as Error).message}); this dataset was not compared.` });
  }
  if (current) cur = sideOf(await current.header());

  const missingKeys = (s: Side) => spec.keyColumns.filter((k) => !s.index.has(k));
  if (prev && missingKeys(prev).length) {
    return notComparable(result, { zh: `上次发布的 ${spec.id}.csv 缺少用于比对的列：${missingKeys(prev).join('、')}，本数据集未作比较（可能不是本系统发布的文件）。`, en: `The previous ${spec.id}.csv lacks the key columns ${missingKeys(prev).join(', ')}; not compared.` });
  }
  if (cur && missingKeys(cur).length) throw new Error(`${spec.id}.csv written by this build lacks key columns ${missingKeys(cur).join(', ')}`);

  // Value columns compared: those both files have, in this release's order.
  const both = (cur ?? prev)!.header.filter((h) => h && !keySet.has(h) && !ignore.has(h) && (!prev || prev.index.has(h)) && (!cur || cur.index.has(h)));
  if (prev && cur) {
    result.columnsAdded = cur.header.filter((h) => h && !prev!.index.has(h) && !ignore.has(h));
    result.columnsRemoved = prev.header.filter((h) => h && !cur!.index.has(h) && !ignore.has(h));
    if (result.columnsAdded.length) result.notes.push({ zh: `本次新增列：${result.columnsAdded.join('、')}（不参与比较）。`, en: `Columns new in this release (not compared): ${result.columnsAdded.join(', ')}.` });
    if (result.columnsRemoved.length) result.notes.push({ zh: `本次不再发布的列：${result.columnsRemoved.join('、')}（不参与比较，原值不再显示）。`, en: `Columns no longer published (not compared, old values not shown): ${result.columnsRemoved.join(', ')}.` });
  }

  const idx = (s: Side, cols: readonly string[]) => cols.map((c) => s.index.get(c) ?? -1);
  const keyString = (cells: string[], ki: number[]) => { let k = ''; for (const i of ki) k += (cells[i] ?? '') + SEP; return k; };
  const valueString = (cells: string[], vi: number[]) => { let v = ''; for (const i of vi) v += (cells[i] ?? '') + SEP; return v; };
  const cellsOf = (cells: string[], s: Side, cols: readonly string[]): Cells => {
    const out: Cells = {};
    for (const c of cols) { const i = s.index.get(c); out[c] = i === undefined ? '' : publishedValue(cells[i] ?? ''); }
    return out;
  };
  const placeCache = new Map<string, PlaceRef>();
  const placeOf = (cells: string[], s: Side): PlaceRef => {
    const get = (h?: string) => { const i = h ? s.index.get(h) : undefined; return i === undefined ? '' : (cells[i] ?? ''); };
    const p = { township: get(spec.placeColumns.township), village: get(spec.placeColumns.village), code: get(spec.placeColumns.code) };
    const k = `${p.code}${SEP}${p.township}${SEP}${p.village}`;
    let hit = placeCache.get(k);
    if (!hit) { hit = opts.placeOf(p); placeCache.set(k, hit); }
    return hit;
  };
  const byPlace = new Map<string, PlaceCounts>();
  const countPlace = (p: PlaceRef, kind: 'added' | 'removed' | 'changed', inNewPeriod = false) => {
    const k = p.id ?? `name:${p.name}`;
    let c = byPlace.get(k);
    if (!c) { c = { ...(p.id ? { place: p.id } : {}), placeName: p.name, added: 0, removed: 0, changed: 0, newPeriod: 0 }; byPlace.set(k, c); }
    c[kind]++;
    if (inNewPeriod) c.newPeriod++;
  };
  const byPeriod = new Map<string, PeriodCounts>();
  const prevPeriods = new Set<string>();
  const countPeriod = (period: string | undefined, kind: 'added' | 'removed' | 'changed') => {
    if (period === undefined) return;
    let c = byPeriod.get(period);
    if (!c) { c = { period, newPeriod: !prevPeriods.has(period), added: 0, removed: 0, changed: 0 }; byPeriod.set(period, c); }
    c[kind]++;
  };
  const ref = (cells: string[], s: Side): AddedRow['key'] => cellsOf(cells, s, spec.keyColumns);
  const withPlace = (p: PlaceRef) => (p.id ? { place: p.id, placeName: p.name } : { placeName: p.name });

  // Pass 1: the previous release, as fingerprints.
  let prevDuplicates = 0;
  if (prev && previous) {
    const ki = idx(prev, spec.keyColumns);
    const vi = idx(prev, both);
    const pi = spec.periodColumn ? prev.index.get(spec.periodColumn) : undefined;
    let row = -1;
    try {
      await previous.rows((cells) => {
        if (row < 0) { row = 0; return; }
        if (isBlank(cells)) return;
        const at = row++;
        const [vLo, vHi] = hash64(valueString(cells, vi));
        const key = keyString(cells, ki);
        let [lo, hi] = hash64(key);
        // The n-th row with the same key is matched with the n-th one in the other release.
        for (let n = 2; !table.insert(lo, hi, vLo, vHi, at); n++) { if (n === 2) prevDuplicates++; [lo, hi] = hash64(key + OCCURRENCE + n); }
        if (pi !== undefined) prevPeriods.add(cells[pi] ?? '');
      });
    } catch (e) {
      return notComparable(emptyResult(spec), { zh: `上次发布的 ${spec.id}.csv 读取中断（${(e as Error).message}），本数据集未作比较。`, en: `Reading the previous ${spec.id}.csv failed (${(e as Error).message}); not compared.` });
    }
    result.rowsBefore = table.size;
  }

  // Pass 2: this release's rows against the fingerprints.
  const keptNew = new Map<number, { cells: string[]; place: PlaceRef }>();
  let curDuplicates = 0;
  if (cur && current) {
    const ki = idx(cur, spec.keyColumns);
    const vi = idx(cur, both);
    const pi = spec.periodColumn ? cur.index.get(spec.periodColumn) : undefined;
    let row = -1;
    await current.rows((cells) => {
      if (row < 0) { row = 0; return; }
      if (isBlank(cells)) return;
      row++;
      const period = pi === undefined ? undefined : (cells[pi] ?? '');
      const key = keyString(cells, ki);
      let [lo, hi] = hash64(key);
      let slot = table.find(lo, hi);
      for (let n = 2; slot >= 0 && table.flags(slot) & MATCHED; n++) { if (n === 2) curDuplicates++; [lo, hi] = hash64(key + OCCURRENCE + n); slot = table.find(lo, hi); }
      if (slot < 0) {
        result.counts.added++;
        if (!prev) { countPeriod(period, 'added'); return; }
        const place = placeOf(cells, cur!);
        // Rows of a period the previous release did not have are this release's new publication.
        const inNewPeriod = period !== undefined && !prevPeriods.has(period);
        countPlace(place, 'added', inNewPeriod);
        countPeriod(period, 'added');
        if (inNewPeriod) return;
        if (result.added.length < opts.cap) result.added.push({ ...withPlace(place), key: ref(cells, cur!), values: cellsOf(cells, cur!, cur!.header.filter((h) => h && !keySet.has(h))) });
        else result.omitted.added++;
        return;
      }
      table.setFlag(slot, MATCHED);
      const [vLo, vHi] = hash64(valueString(cells, vi));
      if (table.sameValues(slot, vLo, vHi)) { result.counts.unchanged++; return; }
      table.setFlag(slot, CHANGED);
      result.counts.changed++;
      const place = placeOf(cells, cur!);
      countPlace(place, 'changed');
      countPeriod(period, 'changed');
      if (keptNew.size < opts.cap) keptNew.set(table.row(slot), { cells: cells.slice(), place });
      else result.omitted.changed++;
    });
    result.rowsAfter = row < 0 ? 0 : row;
  }

  // Pass 3: the previous rows again, for the old values of removed and changed rows.
  if (prev && previous) {
    const ki = idx(prev, spec.keyColumns);
    const pi = spec.periodColumn ? prev.index.get(spec.periodColumn) : undefined;
    const curValueIdx = cur ? idx(cur, both) : [];
    const prevValueIdx = idx(prev, both);
    const shownOld = prev.header.filter((h) => h && !keySet.has(h) && (!cur || cur.index.has(h) || ignore.has(h)));
    let row = -1;
    await previous.rows((cells) => {
      if (row < 0) { row = 0; return; }
      if (isBlank(cells)) return;
      const at = row++;
      const key = keyString(cells, ki);
      let [lo, hi] = hash64(key);
      let slot = table.find(lo, hi);
      for (let n = 2; slot >= 0 && table.flags(slot) & REPLAYED; n++) { [lo, hi] = hash64(key + OCCURRENCE + n); slot = table.find(lo, hi); }
      if (slot < 0) return;
      table.setFlag(slot, REPLAYED);
      const f = table.flags(slot);
      if (!(f & MATCHED)) {
        result.counts.removed++;
        const place = placeOf(cells, prev!);
        countPlace(place, 'removed');
        countPeriod(pi === undefined ? undefined : (cells[pi] ?? ''), 'removed');
        if (result.removed.length < opts.cap) result.removed.push({ ...withPlace(place), key: ref(cells, prev!), values: cellsOf(cells, prev!, shownOld) });
        else result.omitted.removed++;
        return;
      }
      if (!(f & CHANGED)) return;
      const kept = keptNew.get(at);
      if (!kept) return;
      const changes: CellChange[] = [];
      both.forEach((column, j) => {
        const was = cells[prevValueIdx[j]!] ?? '';
        const now = kept.cells[curValueIdx[j]!] ?? '';
        if (was !== now) changes.push({ column, old: publishedValue(was), new: publishedValue(now) });
      });
      if (changes.length) result.changed.push({ ...withPlace(kept.place), key: ref(kept.cells, cur!), changes });
    });
  }

  if (prevDuplicates) result.notes.push({ zh: `上次发布的 ${spec.id}.csv 有 ${prevDuplicates} 行与前面的行键值（${spec.keyColumns.join('+')}）相同，已按出现顺序逐一对应比较。`, en: `${prevDuplicates} rows of the previous ${spec.id}.csv repeat an earlier row's key (${spec.keyColumns.join(' + ')}); they were matched in order of appearance.` });
  if (curDuplicates) result.notes.push({ zh: `本次发布的 ${spec.id}.csv 有 ${curDuplicates} 行与前面的行键值相同，已按出现顺序逐一对应比较（检查报告列出了这些重复行）。`, en: `${curDuplicates} rows of this release's ${spec.id}.csv repeat an earlier row's key; matched in order of appearance (the check report lists them).` });
  const omittedTotal = result.omitted.added + result.omitted.removed + result.omitted.changed;
  if (omittedTotal) result.notes.push({ zh: `每类最多列出 ${opts.cap} 行明细，其余 ${omittedTotal} 行只计数。`, en: `At most ${opts.cap} rows are listed per kind; ${omittedTotal} more are counted only.` });

  const byKey = (a: { placeName: string; key: Cells }, b: { placeName: string; key: Cells }) => cmp(a.placeName, b.placeName) || cmp(Object.values(a.key).join(SEP), Object.values(b.key).join(SEP));
  result.added.sort(byKey);
  result.removed.sort(byKey);
  result.changed.sort(byKey);
  result.byPeriod = [...byPeriod.values()].sort((a, b) => cmp(a.period, b.period));
  result.byPlace = [...byPlace.values()].sort((a, b) => cmp(a.placeName, b.placeName) || cmp(a.place ?? '', b.place ?? ''));
  return result;
}

function notComparable(result: DatasetChanges, note: ChangeNote): DatasetChanges {
  result.status = 'not-comparable';
  result.notes.push(note);
  return result;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type { AddedRow, ChangedRow, RemovedRow };
