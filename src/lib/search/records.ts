/**
 * What the site search finds, taken from the site model (never from the rendered HTML, so indexing
 * costs a few short strings per page instead of parsing every page): one record per place page and
 * per dataset page. A place's record holds its name, the places above it and the names on its own
 * published lists (recipients, projects, works); a dataset's its title. Nothing else: every string
 * here is already public on the page the record links to.
 */
import type { DatasetInfo, PlaceLink, PlacePage } from '../site/model.ts';
import { placeKindLabel } from '../site/view.ts';
import type { NamesRecord } from './name-index.ts';

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
 * budget in one index (README, Search). Larger sites keep people's names in a name index per
 * county (peopleGroupOf, name-index.ts), written as soon as the county's last village is, and the
 * search page looks names up in the county the reader picks. `SUNLIGHT_NAME_SEARCH_MAX_PLACES` overrides the limit (tests).
 */
export const NAME_SEARCH_MAX_PLACES = 2000;

export function indexesPeopleNames(placeCount: number): boolean {
  const limit = Number(process.env.SUNLIGHT_NAME_SEARCH_MAX_PLACES ?? NAME_SEARCH_MAX_PLACES);
  return placeCount <= (Number.isFinite(limit) ? limit : NAME_SEARCH_MAX_PLACES);
}

/** Folder of the per-county name indexes inside the search index folder (`pagefind/names/<id>/`, name-index.ts). */
export const PEOPLE_INDEX_DIR = 'names';

/**
 * The place whose name index holds a place's names: its county (区县), or, on a site without
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
 * A place's people's names, for its county's name index (large sites, see NAME_SEARCH_MAX_PLACES
 * and name-index.ts); undefined when its lists name no one.
 */
export function peopleRecord(page: PlacePage): NamesRecord | undefined {
  const names = namesOnPage(page, { onlyPeople: true });
  if (!names.length) return undefined;
  const { place, ancestors } = page;
  return { url: place.url, title: place.name, where: ancestors.map((a) => a.name).join(' · '), level: place.level, kind: placeKindLabel(place), names };
}

export function datasetRecord(info: DatasetInfo): SearchRecord {
  return {
    url: `datasets/${info.id}/`,
    content: distinct([info.title, info.titleEn, '数据']).join(' '),
    language: SEARCH_LANGUAGE,
    meta: { title: info.title, where: '', level: 'dataset', kind: '数据' },
  };
}
