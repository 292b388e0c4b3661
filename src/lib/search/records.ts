/**
 * What the site search finds, taken from the site model (never from the rendered HTML, so indexing
 * costs a few short strings per page instead of parsing every page): one record per place page and
 * per dataset page. A place's record holds its name, the places above it and the names on its own
 * published lists (recipients, projects, works); a dataset's its title. Nothing else: every string
 * here is already public on the page the record links to.
 */
import type { DatasetInfo, PlaceLink, PlacePage } from '../site/model.ts';
import { placeKindLabel } from '../site/view.ts';

/** A record for Pagefind's `addCustomRecord`. */
export interface SearchRecord {
  /** Site-relative, no leading slash, in the site's default language (`place/999901100201/`). */
  url: string;
  /** Words separated by spaces; Pagefind splits Chinese into characters and pairs, so 王家 finds 王家村. */
  content: string;
  language: 'zh-cn';
  meta: SearchMeta;
}

export type SearchMeta = {
  /** What the result is called (the place or the dataset). */
  title: string;
  /** The places above it, top first, joined by 「 · 」 (empty for the top place and for datasets). */
  where: string;
  /** What kind of page: a region level (village, township, county …) or `dataset`; the page words it. */
  level: string;
  /** The kind in Chinese, from the name's ending (村, 社区, 镇, 街道 …; 数据 for datasets). */
  kind: string;
};

/** Language Pagefind indexes in: the published data is Chinese whatever the interface language. */
export const SEARCH_LANGUAGE = 'zh-cn';

/**
 * Names on published lists are in the site's one index for sites of up to this many place pages (a
 * county, or a small prefecture). Pagefind's indexing time and memory grow faster than the number
 * of names: a 30,000-village province lists about 3 million, which measured far beyond the build's
 * budget in one index (README, Search). Larger sites keep people's names in one index per county
 * (peopleGroupOf), written as soon as the county's last village is, and the search page searches
 * the county the reader picks. `SUNLIGHT_NAME_SEARCH_MAX_PLACES` overrides the limit (tests).
 */
export const NAME_SEARCH_MAX_PLACES = 2000;

export function indexesPeopleNames(placeCount: number): boolean {
  const limit = Number(process.env.SUNLIGHT_NAME_SEARCH_MAX_PLACES ?? NAME_SEARCH_MAX_PLACES);
  return placeCount <= (Number.isFinite(limit) ? limit : NAME_SEARCH_MAX_PLACES);
}

/** Folder of the per-county people indexes inside the search index folder (`pagefind/people/<id>/`). */
export const PEOPLE_INDEX_DIR = 'people';

/**
 * The place whose people index holds a place's names: its county (区县), or, on a site without
 * county-level places, the top place below the site's root (or the root itself). Places come in
 * depth-first order (regions.ordered), so each group's places are written one after another.
 */
export function peopleGroupOf(page: Pick<PlacePage, 'place' | 'ancestors'>): string {
  const chain = [...page.ancestors, page.place];
  return (chain.find((p) => p.level === 'county') ?? chain[1] ?? chain[0]!).id;
}

/**
 * The people groups of a site's places below its root (the root's own lists are rare and would
 * make the whole province one choice), in site order, by the same rule as peopleGroupOf, from
 * site.json's places.
 */
export function peopleGroups(places: readonly PlaceLink[]): PlaceLink[] {
  const byId = new Map(places.map((p) => [p.id, p]));
  const seen = new Map<string, PlaceLink>();
  for (const p of places) {
    if (!p.parent) continue;
    const ancestors: PlaceLink[] = [];
    for (let a = p.parent ? byId.get(p.parent) : undefined; a; a = a.parent ? byId.get(a.parent) : undefined) ancestors.unshift(a);
    const id = peopleGroupOf({ place: p, ancestors });
    if (!seen.has(id)) seen.set(id, byId.get(id)!);
  }
  return [...seen.values()];
}

/** Columns whose values are names a resident may look for: 户主姓名/姓名 and 项目名称. */
const NAME_KEYS = new Set(['name']);
/** Datasets whose name column holds people (the others' hold projects and works). */
const PEOPLE = new Set(['dibao', 'tekun', 'pension']);

/** Distinct, trimmed, non-empty strings in first-seen order (a person on two lists counts once). */
function distinct(values: Iterable<string | undefined>): string[] {
  const seen = new Set<string>();
  for (const v of values) {
    const t = v?.replace(/\s+/g, ' ').trim();
    if (t && t !== '—') seen.add(t);
  }
  return [...seen];
}

/**
 * The names a place's own lists show. Tables that list several places (a township's table of its
 * villages' projects has a 村 column) are left out: a search for a project should lead to the
 * village it belongs to, not to every page above it.
 */
export function namesOnPage(page: PlacePage, opts: { people?: boolean; onlyPeople?: boolean } = {}): string[] {
  const people = opts.people ?? true;
  const names: string[] = [];
  for (const s of page.sections) {
    if (!people && PEOPLE.has(s.dataset)) continue;
    if (opts.onlyPeople && !PEOPLE.has(s.dataset)) continue;
    const t = s.table;
    if (t && !t.columns.some((c) => c.key === 'village')) {
      const cols = t.columns.flatMap((c, i) => (NAME_KEYS.has(c.key) ? [i] : []));
      for (const row of t.rows) for (const i of cols) names.push(row[i]!);
    }
    if (s.changes) names.push(...s.changes.added, ...s.changes.removed);
  }
  return distinct(names);
}

/** `people: false` leaves out the names of people (see NAME_SEARCH_MAX_PLACES). */
export function placeRecord(page: PlacePage, opts: { people?: boolean } = {}): SearchRecord {
  const { place, ancestors } = page;
  const kind = placeKindLabel(place);
  return {
    url: place.url,
    // Dataset titles are left out: a search for 低保 should lead to the dataset's page, not to
    // every place that has a list (and each word costs index time at 30,000 villages).
    content: distinct([place.name, ...ancestors.map((a) => a.name), ...namesOnPage(page, opts)]).join(' '),
    language: SEARCH_LANGUAGE,
    meta: { title: place.name, where: ancestors.map((a) => a.name).join(' · '), level: place.level, kind },
  };
}

/**
 * A name as one word of a county's people index: `x`, then each character's code point in base 36,
 * four digits each (王小明 → x0mtn0i6n0k5q). Pagefind splits Chinese text into characters and pairs,
 * which lets 王家 find 王家村 among place names, but makes each name five words: over a province's
 * 3 million names that took Pagefind 1.7 times as long as whole names, for loose matches no one
 * looking up a person needs. As one ASCII word a name is found whole, or by its first characters (王小 finds 王小明
 * as a prefix; 小明 does not). Fixed width keeps a prefix of the word a prefix of the name; a Chinese
 * character's four digits always include a letter, so no word of a name looks like a phone or ID
 * number to the privacy scan. The search page encodes
 * what the reader types the same way and decodes the results' excerpts (SearchScript.astro);
 * whitespace inside a name separates words, as it does in the query.
 */
export function nameWords(name: string): string {
  return name.split(/\s+/).filter(Boolean).map((word) => {
    let token = 'x';
    for (const c of word) token += c.codePointAt(0)!.toString(36).padStart(4, '0');
    return token;
  }).join(' ');
}

/** The names in a people index word (nameWords), for tests and tools. */
export function nameOfWord(word: string): string {
  return (word.slice(1).match(/.{4}/g) ?? []).map((g) => { const c = parseInt(g, 36); return c <= 0x10ffff ? String.fromCodePoint(c) : ''; }).join('');
}

/**
 * A place's people's names, for its county's people index (large sites, see
 * NAME_SEARCH_MAX_PLACES), each as one word (nameWords); undefined when its lists name no one.
 */
export function peopleRecord(page: PlacePage): SearchRecord | undefined {
  const names = namesOnPage(page, { onlyPeople: true });
  if (!names.length) return undefined;
  const { place, ancestors } = page;
  return {
    url: place.url,
    content: names.map(nameWords).join(' '),
    language: SEARCH_LANGUAGE,
    meta: { title: place.name, where: ancestors.map((a) => a.name).join(' · '), level: place.level, kind: placeKindLabel(place) },
  };
}

export function datasetRecord(info: DatasetInfo): SearchRecord {
  return {
    url: `datasets/${info.id}/`,
    content: distinct([info.title, info.titleEn, '数据']).join(' '),
    language: SEARCH_LANGUAGE,
    meta: { title: info.title, where: '', level: 'dataset', kind: '数据' },
  };
}
