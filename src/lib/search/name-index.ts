/**
 * A county's name index, on large sites (records.ts NAME_SEARCH_MAX_PLACES): which of the county's
 * places list a name, so that the search page finds a name typed whole or by its first characters.
 *
 * Why not Pagefind, which indexes everything else: a name is looked up whole or by its first
 * characters, which needs a sorted list, not a full-text index. Pagefind indexed a county's 125,000
 * names (1,260 villages) in 2.35–2.4 s of CPU even with each name as one word, about 8 % of a
 * province build's CPU over its 24 counties; these files take 0.15–0.3 s a county (README, Search).
 *
 * The files, in `<search index>/names/<county id>/`:
 * - `index.json` ({@link NameIndex}): the county's places that list anyone, and where each bucket
 *   starts;
 * - `b<n>.json` ({@link NameBucket}): the names, sorted by their first character (code point) and
 *   then as strings, cut into buckets of about NAMES_PER_BUCKET names between characters, so that
 *   all names that start with the same character are in one bucket. A search loads the index and
 *   the one bucket its first character falls in.
 * Names are as published (public on the place's own page); nothing else about a person is here.
 */

/** One place's names for its county's name index. */
export interface NamesRecord {
  /** Site-relative page of the place (`place/999901100201/`). */
  url: string;
  title: string;
  /** The places above it, top first, joined by 「 · 」. */
  where: string;
  level: string;
  /** The kind in Chinese (村, 社区 …). */
  kind: string;
  /** Distinct names on the place's own lists, whitespace collapsed (records.ts namesOnPage). */
  names: string[];
}

export interface NameIndex {
  version: 1;
  /** Each distinct `where` once (a county's villages share a few). */
  where: string[];
  /** [url, title, index into `where`, level, kind], in the order the build gave them. */
  places: [string, string, number, string, string][];
  /** Bucket n (`b<n>.json`) holds the names whose first code point is ≥ buckets[n] and < buckets[n + 1]; buckets[0] is 0. */
  buckets: number[];
}

/** A bucket: one entry per name, `[name, place index, place index …]` (indexes into NameIndex.places, ascending). */
export type NameBucket = [string, ...number[]][];

/** Names per bucket before a new one starts (at the next first character): about 20–50 KB of JSON, 10–16 KB compressed. */
export const NAMES_PER_BUCKET = 1000;

/** A query or a name as indexed: trimmed, runs of whitespace as one space. */
export function normalizeName(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The county's index files, path (relative to its folder) and text; the same records give the same bytes. */
export function nameIndexFiles(records: readonly NamesRecord[], perBucket = NAMES_PER_BUCKET): { path: string; text: string }[] {
  const where: string[] = [];
  const whereIndex = new Map<string, number>();
  const places: NameIndex['places'] = [];
  const placesOf = new Map<string, number[]>();
  for (const r of records) {
    let w = whereIndex.get(r.where);
    if (w === undefined) { w = where.length; where.push(r.where); whereIndex.set(r.where, w); }
    const i = places.length;
    places.push([r.url, r.title, w, r.level, r.kind]);
    for (const raw of r.names) {
      const name = normalizeName(raw);
      if (!name) continue;
      const list = placesOf.get(name);
      if (!list) placesOf.set(name, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  }
  const names = [...placesOf.keys()].map((name) => ({ name, first: name.codePointAt(0)! }))
    .sort((a, b) => a.first - b.first || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const buckets: number[] = [];
  const bucketFiles: { path: string; text: string }[] = [];
  let bucket: NameBucket = [];
  const close = () => { bucketFiles.push({ path: `b${bucketFiles.length}.json`, text: JSON.stringify(bucket) }); bucket = []; };
  for (let k = 0; k < names.length; k++) {
    const { name, first } = names[k]!;
    const newCharacter = k === 0 || first !== names[k - 1]!.first;
    if (newCharacter && bucket.length >= perBucket) close();
    if (!bucket.length) buckets.push(bucketFiles.length === 0 ? 0 : first);
    bucket.push([name, ...placesOf.get(name)!]);
  }
  if (bucket.length) close();
  const index: NameIndex = { version: 1, where, places, buckets };
  return [{ path: 'index.json', text: JSON.stringify(index) }, ...bucketFiles];
}

/** The bucket a query's first character falls in (-1 when the index has no names). */
export function bucketOf(index: Pick<NameIndex, 'buckets'>, query: string): number {
  const first = query.codePointAt(0) ?? 0;
  let lo = 0;
  let hi = index.buckets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.buckets[mid]! <= first) lo = mid; else hi = mid - 1;
  }
  return hi < 0 ? -1 : lo;
}

export interface NameMatch {
  /** Index into NameIndex.places. */
  place: number;
  /** The names found on that place's lists: whole matches first, then the others, as sorted in the bucket. */
  names: string[];
  /** Whether one of them is the whole query. */
  whole: boolean;
}

/**
 * Places listing a name that starts with the query (normalized): places with the whole name first,
 * then the others, each group in the index's order. The search page does the same in the browser
 * (SearchScript.astro); tests check the two agree.
 */
export function lookUpName(bucket: NameBucket, rawQuery: string): NameMatch[] {
  const query = normalizeName(rawQuery);
  if (!query) return [];
  const found = new Map<number, NameMatch>();
  for (const [name, ...placeIndexes] of bucket) {
    if (!name.startsWith(query)) continue;
    const whole = name === query;
    for (const place of placeIndexes) {
      const m = found.get(place) ?? { place, names: [], whole: false };
      found.set(place, m);
      if (whole) { m.names.unshift(name); m.whole = true; } else m.names.push(name);
    }
  }
  return [...found.values()].sort((a, b) => Number(b.whole) - Number(a.whole) || a.place - b.place);
}
