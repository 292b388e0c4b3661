/**
 * The timeliness part of the site model, as of `--as-of`: per village and dataset the latest period
 * published and its status (timeliness.ts), per township the counts and the overdue villages, and
 * the county overview. It depends on the date, so it lives in the place files and in its own
 * model/timeliness.json, never in site.json.
 */
import type { Region } from '../regions.ts';
import type { SiteConfig } from '../site-config.ts';
import type { PlaceLink } from './model.ts';
import type { DatasetAggregate } from './sections/common.ts';
import { scheduleOf, statusOf, type Frequency, type Status } from './timeliness.ts';

export type OverdueStatus = Extract<Status, { kind: 'overdue' }>;

export interface TimelinessDataset {
  id: string;
  title: string;
  titleEn: string;
  frequency: Frequency;
  /** A yearly plan, due at the start of the year it covers. */
  plan?: boolean;
  /** One list for the whole county (the 衔接资金 plan): a village is judged by the county's list. */
  countyWide?: boolean;
}

export interface TimelinessEntry extends TimelinessDataset {
  status: Status;
  /** For county-wide lists: the latest period with a row for this village. */
  own?: string;
  /** For lists without periods (works): the latest date in the village's rows. */
  lastDate?: string;
}

/** A village's timeliness, in its place file. */
export interface PlaceTimeliness { asOf: string; entries: TimelinessEntry[] }

export interface TimelinessCounts { upToDate: number; overdue: number; none: number }

export interface OverdueVillage { village: PlaceLink; dataset: string; title: string; titleEn: string; status: OverdueStatus }

/** The villages under one place (a township): counts per dataset and the overdue ones. */
export interface TimelinessGroup {
  place: PlaceLink;
  /** The datasets counted (the same for every group; kept here so a township page needs nothing else). */
  datasets: TimelinessDataset[];
  villages: number;
  counts: Record<string, TimelinessCounts>;
  /** Township order, then dataset order, then the latest first. */
  overdue: OverdueVillage[];
}

/** model/timeliness.json: the county overview. */
export interface TimelinessOverview {
  asOf: string;
  /** Datasets with a calendar (on-change ones are listed, never counted late). */
  datasets: TimelinessDataset[];
  villages: number;
  totals: Record<string, TimelinessCounts>;
  groups: TimelinessGroup[];
}

const COUNTY_WIDE = new Set(['projects']);

export interface TimelinessInput {
  aggregates: readonly DatasetAggregate[];
  root: Region;
  /** Every place, parents first. */
  places: readonly Region[];
  /** The place a village belongs to (its township), or the root. */
  parentOf(r: Region): Region;
  link(r: Region): PlaceLink;
  config: SiteConfig;
  asOf: string;
}

export interface TimelinessModel {
  overview: TimelinessOverview;
  village(id: string): PlaceTimeliness | undefined;
  group(id: string): TimelinessGroup | undefined;
}

export function buildTimeliness(input: TimelinessInput): TimelinessModel {
  const { root, asOf } = input;
  const used = input.aggregates.filter((a) => a.has(root.id));
  const datasets: TimelinessDataset[] = used.map((a) => {
    const schedule = scheduleOf(a.spec, input.config.frequencies as Record<string, Frequency> | undefined);
    // A list without periods (works) can only be judged by its changes.
    const frequency: Frequency = a.periods().length > 0 ? schedule.frequency : 'on-change';
    return {
      id: a.spec.id, title: a.spec.title, titleEn: a.spec.titleEn, frequency,
      ...(schedule.plan && frequency === 'yearly' ? { plan: true } : {}),
      ...(COUNTY_WIDE.has(a.spec.id) ? { countyWide: true } : {}),
    };
  });

  const villages = input.places.filter((p) => p.level === 'village' && p.id !== root.id);
  const perVillage = new Map<string, PlaceTimeliness>();
  // Once per dataset, not per village: the county's latest period scans every row of the county.
  const countyLatest = used.map((a, i) => (datasets[i]!.countyWide ? a.latestPeriod(root.id) : undefined));
  for (const v of villages) {
    const entries = used.map((a, i) => {
      const d = datasets[i]!;
      const own = a.latestPeriod(v.id);
      const judged = d.countyWide ? countyLatest[i] : own;
      const lastDate = d.frequency === 'on-change' ? a.latestDate?.(v.id) : undefined;
      const status = d.frequency === 'on-change'
        ? statusOf(own ?? lastDate, { frequency: 'on-change' }, asOf)
        : statusOf(judged, { frequency: d.frequency, ...(d.plan ? { plan: true } : {}) }, asOf);
      return { ...d, status, ...(d.countyWide && own ? { own } : {}), ...(lastDate ? { lastDate } : {}) } satisfies TimelinessEntry;
    });
    perVillage.set(v.id, { asOf, entries });
  }

  const emptyCounts = () => Object.fromEntries(datasets.map((d) => [d.id, { upToDate: 0, overdue: 0, none: 0 }])) as Record<string, TimelinessCounts>;
  const groups = new Map<string, TimelinessGroup>();
  const totals = emptyCounts();
  for (const v of villages) {
    const parent = input.parentOf(v);
    let g = groups.get(parent.id);
    if (!g) { g = { place: input.link(parent), datasets, villages: 0, counts: emptyCounts(), overdue: [] }; groups.set(parent.id, g); }
    g.villages++;
    for (const e of perVillage.get(v.id)!.entries) {
      const k = e.status.kind === 'overdue' ? 'overdue' : e.status.kind === 'none' ? 'none' : e.status.kind === 'up-to-date' ? 'upToDate' : undefined;
      if (!k) continue;
      g.counts[e.id]![k]++;
      totals[e.id]![k]++;
      if (e.status.kind === 'overdue') g.overdue.push({ village: input.link(v), dataset: e.id, title: e.title, titleEn: e.titleEn, status: e.status });
    }
  }
  const order = new Map(datasets.map((d, i) => [d.id, i]));
  for (const g of groups.values()) g.overdue.sort((a, b) => order.get(a.dataset)! - order.get(b.dataset)! || b.status.days - a.status.days);

  // Groups in the order of the places (townships in regions.csv order).
  const placeOrder = new Map(input.places.map((p, i) => [p.id, i]));
  const groupList = [...groups.values()].sort((a, b) => (placeOrder.get(a.place.id) ?? 0) - (placeOrder.get(b.place.id) ?? 0));
  return {
    overview: { asOf, datasets, villages: villages.length, totals, groups: groupList },
    village: (id) => perVillage.get(id),
    group: (id) => groups.get(id),
  };
}
