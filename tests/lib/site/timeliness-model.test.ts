// The timeliness model from the aggregates: per village, per township, county-wide plans, lists
// without periods, villages that never published.
import { describe, expect, it } from 'vitest';
import { DATASET_BY_ID } from '../../../src/lib/datasets/index.ts';
import type { Region } from '../../../src/lib/regions.ts';
import type { DatasetAggregate } from '../../../src/lib/site/sections/common.ts';
import { buildTimeliness } from '../../../src/lib/site/timeliness-model.ts';
import { DEFAULT_SITE } from '../../../src/lib/site-config.ts';

const county: Region = { id: 'c', name: '示例县', level: 'county' };
const town: Region = { id: 't', name: '城关镇', level: 'township', parent: 'c' };
const a: Region = { id: 'a', name: '王家村', level: 'village', parent: 't' };
const b: Region = { id: 'b', name: '李庄村', level: 'village', parent: 't' };
const places = [county, town, a, b];

/** A stand-in aggregate: latest period (or date) per place id. */
function fake(id: string, latest: Record<string, string>, dates: Record<string, string> = {}): DatasetAggregate {
  const spec = DATASET_BY_ID.get(id)!;
  return {
    spec, headlineLabel: '', headlineLabelEn: '', add() {}, section: () => undefined, headline: () => undefined, datasetPage: () => ({ figures: [], charts: [] }),
    has: (p) => p in latest || p in dates,
    periods: () => [...new Set(Object.values(latest))].sort(),
    latestPeriod: (p) => latest[p],
    latestDate: (p) => dates[p],
  };
}

function build(aggregates: DatasetAggregate[], asOf = '2026-11-22', frequencies?: Record<string, 'monthly' | 'quarterly' | 'yearly' | 'on-change'>) {
  const byId = new Map(places.map((p) => [p.id, p]));
  return buildTimeliness({
    aggregates, root: county, places, asOf, config: { ...DEFAULT_SITE, ...(frequencies ? { frequencies } : {}) },
    parentOf: (r) => byId.get(r.parent ?? '') ?? county,
    link: (r) => ({ id: r.id, name: r.name, level: r.level, url: `place/${r.id}/` }),
  });
}

describe('buildTimeliness', () => {
  it('judges each village by its own latest period and counts the township', () => {
    const m = build([fake('dibao', { c: '2026-10', t: '2026-10', a: '2026-07', b: '2026-10' })]);
    expect(m.village('a')!.entries[0]!.status).toMatchObject({ kind: 'overdue', missing: '2026-08', missingCount: 2 });
    expect(m.village('b')!.entries[0]!.status.kind).toBe('up-to-date');
    expect(m.group('t')!.counts.dibao).toEqual({ upToDate: 1, overdue: 1, none: 0 });
    expect(m.group('t')!.overdue.map((o) => o.village.name)).toEqual(['王家村']);
    expect(m.overview.totals.dibao).toEqual({ upToDate: 1, overdue: 1, none: 0 });
    expect(m.village('t')).toBeUndefined();
  });

  it('a village that never published is 「none」, not overdue', () => {
    const m = build([fake('tekun', { c: '2026-10', t: '2026-10', b: '2026-10' })]);
    expect(m.village('a')!.entries[0]!.status).toEqual({ kind: 'none' });
    expect(m.group('t')!.counts.tekun).toEqual({ upToDate: 1, overdue: 0, none: 1 });
  });

  it('the county-wide project plan judges every village by the county’s latest year, keeping each village’s own', () => {
    const m = build([fake('projects', { c: '2026', t: '2026', a: '2025' })]);
    const e = m.village('a')!.entries[0]!;
    expect(e).toMatchObject({ countyWide: true, plan: true, own: '2025', status: { kind: 'up-to-date', latest: '2026' } });
    expect(m.village('b')!.entries[0]!.status.kind).toBe('up-to-date');
    const late = build([fake('projects', { c: '2025', t: '2025', a: '2025' })], '2026-04-01');
    expect(late.group('t')!.counts.projects).toEqual({ upToDate: 0, overdue: 2, none: 0 });
  });

  it('lists without periods (works) show their latest date and are never late, whatever site.json says', () => {
    const m = build([fake('works', {}, { c: '2026-07-19', t: '2026-07-19', a: '2026-07-19' })], '2030-01-01', { works: 'monthly' });
    expect(m.village('a')!.entries[0]).toMatchObject({ frequency: 'on-change', lastDate: '2026-07-19', status: { kind: 'on-change', latest: '2026-07-19' } });
    expect(m.group('t')!.counts.works).toEqual({ upToDate: 0, overdue: 0, none: 0 });
  });

  it('site.json frequencies change the schedule', () => {
    const m = build([fake('finance', { c: '2026Q3', t: '2026Q3', a: '2026Q2' })], '2026-11-22', { finance: 'yearly' });
    expect(m.village('a')!.entries[0]).toMatchObject({ frequency: 'yearly', status: { kind: 'up-to-date', next: '2026' } });
  });
});
