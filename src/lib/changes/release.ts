/**
 * A whole release compared with the previous one: every dataset either release has, the
 * corrections and withdrawals carried forward from the previous changes.json, and the overlay
 * files the pages read. Pure: the downloads come in as RowSources.
 */
import { cmp, compareDownloads, type CompareSpec, type PlaceRef, type RowSource } from './compare.ts';
import type { ChangeLimits, ChangeNote, ChangesFile, DatasetChanges, DatasetOverlay, Notice, NoticeCount, PlaceOverlay, ReleaseOverlay } from './types.ts';

export const DEFAULT_LIMITS: ChangeLimits = { detailsPerKind: 1000, historyReleases: 12, noticesPerDataset: 2000 };

export interface ReleaseSide {
  /** Dataset ids with a download in this release. */
  datasets: readonly string[];
  rows?: ReadonlyMap<string, number>;
  /** sha256 of each CSV download, when known: identical files are not read again. */
  sha256?: ReadonlyMap<string, string>;
  source(id: string): RowSource;
}

export interface PreviousSide extends ReleaseSide {
  asOf: string;
  /** The previous data/changes.json, parsed, when it had one. */
  changes?: unknown;
}

export interface ReleaseInputs {
  asOf: string;
  current: ReleaseSide;
  previous?: PreviousSide;
  /** How to compare a dataset id; undefined for ids this version does not know. */
  specOf(id: string): CompareSpec | undefined;
  /** Dataset order for listing (the site's order). */
  order: readonly string[];
  placeOf(p: { township: string; village: string; code: string }): PlaceRef;
  limits?: ChangeLimits;
  /** Problems reading the previous release (already in Chinese and English). */
  notes?: ChangeNote[];
}

export async function compareRelease(inp: ReleaseInputs): Promise<ChangesFile> {
  const limits = inp.limits ?? DEFAULT_LIMITS;
  const notes = [...(inp.notes ?? [])];
  const file: ChangesFile = { format: 'sunlight-changes/1', asOf: inp.asOf, compared: false, limits, notes, datasets: [], notices: [], noticeCounts: [], releases: [] };
  const prev = inp.previous;
  if (!prev) return file;
  file.compared = true;
  file.previous = { asOf: prev.asOf };
  const rank = (id: string) => { const i = inp.order.indexOf(id); return i < 0 ? inp.order.length : i; };
  const ids = [...new Set([...inp.current.datasets, ...prev.datasets])].sort((a, b) => rank(a) - rank(b) || cmp(a, b));
  for (const id of ids) {
    const spec = inp.specOf(id);
    if (!spec) {
      notes.push({ zh: `上次发布的数据集「${id}」本版本不认识，未作比较。`, en: `The previous release's dataset "${id}" is unknown to this version; not compared.` });
      continue;
    }
    const had = prev.datasets.includes(id);
    const has = inp.current.datasets.includes(id);
    const same = had && has && prev.sha256?.get(id);
    if (same && same === inp.current.sha256?.get(id) && prev.rows?.has(id)) {
      file.datasets.push(identical(spec, prev.rows.get(id)!));
      continue;
    }
    file.datasets.push(await compareDownloads(spec, had ? prev.source(id) : undefined, has ? inp.current.source(id) : undefined, {
      cap: limits.detailsPerKind, placeOf: inp.placeOf, ...(prev.rows?.get(id) ? { expectedRows: prev.rows.get(id)! } : {}),
    }));
  }

  // This release's corrections and withdrawals, then the earlier ones carried forward.
  const fresh: Notice[] = [];
  const freshCounts: NoticeCount[] = [];
  for (const d of file.datasets) {
    for (const r of d.removed) fresh.push({ release: inp.asOf, dataset: d.id, datasetTitle: d.title, kind: 'withdrawn', ...(r.place ? { place: r.place } : {}), placeName: r.placeName, key: r.key, values: r.values });
    for (const r of d.changed) fresh.push({ release: inp.asOf, dataset: d.id, datasetTitle: d.title, kind: 'corrected', ...(r.place ? { place: r.place } : {}), placeName: r.placeName, key: r.key, changes: r.changes });
    for (const p of d.byPlace) if (p.removed || p.changed) freshCounts.push({ release: inp.asOf, dataset: d.id, datasetTitle: d.title, ...(p.place ? { place: p.place } : {}), placeName: p.placeName, withdrawn: p.removed, corrected: p.changed });
  }
  const carried = carriedHistory(prev.changes, notes);
  // The same release built again (the same --as-of, e.g. a rebuild) is one release, not two.
  const history = dedupe([{ asOf: inp.asOf, previous: prev.asOf }, ...carried.releases], (r) => `${r.asOf}\u0001${r.previous}`);
  const releases = history.slice(0, limits.historyReleases);
  const kept = new Set(releases.map((r) => r.asOf));
  if (history.length > releases.length) {
    notes.push({ zh: `变更记录保留最近 ${limits.historyReleases} 次发布的更正/撤回，更早的不再列出（仍可在当时发布的 data/changes.json 中查到）。`, en: `Corrections/withdrawals of the last ${limits.historyReleases} releases are kept; earlier ones are in the data/changes.json published at the time.` });
  }
  const allNotices = [...fresh, ...carried.notices.filter((n) => kept.has(n.release))].sort(noticeOrder(rank));
  const perDataset = new Map<string, number>();
  let dropped = 0;
  file.notices = dedupe(allNotices, (n) => JSON.stringify(n)).filter((n) => {
    const c = perDataset.get(n.dataset) ?? 0;
    perDataset.set(n.dataset, c + 1);
    if (c < limits.noticesPerDataset) return true;
    dropped++;
    return false;
  });
  if (dropped) notes.push({ zh: `每个数据集最多列出 ${limits.noticesPerDataset} 条更正/撤回明细，较早的 ${dropped} 条只保留计数。`, en: `At most ${limits.noticesPerDataset} corrections/withdrawals are listed per dataset; ${dropped} older ones are kept as counts only.` });
  file.noticeCounts = dedupe([...freshCounts, ...carried.counts.filter((c) => kept.has(c.release))], (c) => `${c.release}\u0001${c.dataset}\u0001${c.place ?? ''}\u0001${c.placeName}`)
    .sort((a, b) => cmp(b.release, a.release) || rank(a.dataset) - rank(b.dataset) || cmp(a.placeName, b.placeName) || cmp(a.place ?? '', b.place ?? ''));
  file.releases = releases;
  // Fields in reading order: what was compared first, then the details.
  const { format, asOf, compared, previous, limits: l, notes: n, ...rest } = file;
  return { format, asOf, compared, ...(previous ? { previous } : {}), limits: l, notes: n, ...rest };
}

/** A download byte-for-byte the same as the previous one (same sha256): every row unchanged, nothing read. */
function identical(spec: CompareSpec, rows: number): DatasetChanges {
  return {
    id: spec.id, title: spec.title, status: 'compared', keyColumns: [...spec.keyColumns], rowsBefore: rows, rowsAfter: rows,
    counts: { added: 0, removed: 0, changed: 0, unchanged: rows }, columnsAdded: [], columnsRemoved: [],
    byPeriod: [], byPlace: [], added: [], removed: [], changed: [], omitted: { added: 0, removed: 0, changed: 0 }, notes: [],
  };
}

function noticeOrder(rank: (id: string) => number) {
  return (a: Notice, b: Notice) => cmp(b.release, a.release) || rank(a.dataset) - rank(b.dataset) || cmp(a.placeName, b.placeName)
    || cmp(Object.values(a.key).join('\u0001'), Object.values(b.key).join('\u0001')) || cmp(a.kind, b.kind);
}

function dedupe<T>(list: T[], keyOf: (t: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((t) => { const k = keyOf(t); if (seen.has(k)) return false; seen.add(k); return true; });
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isCells = (v: unknown): boolean => isObj(v) && Object.values(v).every(isStr);

/** The previous changes.json's history, keeping only well-formed entries (it may come from anywhere). */
export function carriedHistory(raw: unknown, notes: ChangeNote[]): { notices: Notice[]; counts: NoticeCount[]; releases: { asOf: string; previous: string }[] } {
  const empty = { notices: [], counts: [], releases: [] };
  if (raw === undefined) return empty;
  if (!isObj(raw) || raw.format !== 'sunlight-changes/1') {
    notes.push({ zh: '上次发布的 data/changes.json 格式不认识，以往的更正/撤回记录未能延续。', en: 'The previous data/changes.json has an unknown format; earlier corrections/withdrawals were not carried forward.' });
    return empty;
  }
  const notices = (Array.isArray(raw.notices) ? raw.notices : []).filter((n): n is Notice => isObj(n) && isStr(n.release) && isStr(n.dataset) && isStr(n.datasetTitle)
    && (n.kind === 'withdrawn' || n.kind === 'corrected') && isStr(n.placeName) && isCells(n.key) && (n.place === undefined || isStr(n.place))
    && (n.values === undefined || isCells(n.values))
    && (n.changes === undefined || (Array.isArray(n.changes) && n.changes.every((c) => isObj(c) && isStr(c.column) && isStr(c.old) && isStr(c.new)))));
  const counts = (Array.isArray(raw.noticeCounts) ? raw.noticeCounts : []).filter((c): c is NoticeCount => isObj(c) && isStr(c.release) && isStr(c.dataset)
    && isStr(c.datasetTitle) && isStr(c.placeName) && typeof c.withdrawn === 'number' && typeof c.corrected === 'number' && (c.place === undefined || isStr(c.place)));
  const releases = (Array.isArray(raw.releases) ? raw.releases : []).filter((r): r is { asOf: string; previous: string } => isObj(r) && isStr(r.asOf) && isStr(r.previous));
  return { notices, counts, releases };
}

export interface Overlays {
  release: ReleaseOverlay;
  datasets: Map<string, DatasetOverlay>;
  places: Map<string, PlaceOverlay>;
}

/**
 * The files the pages read, split by page: a dataset's or place's file exists only when it has
 * something to show, so an unchanged rebuild writes place files only where notices stand.
 */
export function overlaysOf(file: ChangesFile, hasPlace: (id: string) => boolean): Overlays {
  const release: ReleaseOverlay = {
    asOf: file.asOf, compared: file.compared, ...(file.previous ? { previous: file.previous } : {}), limits: file.limits, notes: file.notes,
    datasets: file.datasets.map(({ added: _a, removed: _r, changed: _c, byPlace: _p, ...summary }) => summary),
    noticeCounts: file.noticeCounts, releases: file.releases,
  };
  const datasets = new Map<string, DatasetOverlay>();
  const datasetOf = (id: string) => { let d = datasets.get(id); if (!d) { d = { notices: [], noticeCounts: [] }; datasets.set(id, d); } return d; };
  for (const d of file.datasets) {
    const c = d.counts;
    if (c.added || c.removed || c.changed || d.notes.length || d.status !== 'compared') datasetOf(d.id).changes = d;
  }
  for (const n of file.notices) datasetOf(n.dataset).notices.push(n);
  for (const n of file.noticeCounts) datasetOf(n.dataset).noticeCounts.push(n);

  const places = new Map<string, PlaceOverlay>();
  const placeOf = (id: string) => { let p = places.get(id); if (!p) { p = { added: [], notices: [], noticeCounts: [] }; places.set(id, p); } return p; };
  for (const d of file.datasets) {
    const byPlace = new Map<string, typeof d.added>();
    for (const r of d.added) if (r.place && hasPlace(r.place)) { const l = byPlace.get(r.place) ?? []; l.push(r); byPlace.set(r.place, l); }
    for (const [id, rows] of byPlace) placeOf(id).added.push({ dataset: d.id, datasetTitle: d.title, release: file.asOf, rows });
  }
  for (const n of file.notices) if (n.place && hasPlace(n.place)) placeOf(n.place).notices.push(n);
  for (const n of file.noticeCounts) if (n.place && hasPlace(n.place)) placeOf(n.place).noticeCounts.push(n);
  return { release, datasets, places };
}
