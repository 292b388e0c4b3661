/**
 * The feed of one place: an entry per dataset period published for it (「王家村 2026年10月低保对象名单」
 * 「52 户（138 人），月保障金额合计 …」), linking to that dataset's section of the place page.
 * The county's feed is the site's main feed, at the root (`feed.xml`).
 */
import type { PeriodSummary } from '../site/sections/common.ts';
import type { PlaceLink } from '../site/model.ts';
import type { SiteConfig } from '../site-config.ts';
import { periodUpdated, type Feed, type FeedEntry } from './atom.ts';

export interface DatasetPeriods { dataset: string; periods: PeriodSummary[] }

/** Site-relative path of a place's feed: the root's is the site feed. */
export function feedPath(place: { id: string; url: string }, rootId: string): string {
  return place.id === rootId ? 'feed.xml' : `${place.url}feed.xml`;
}

/** 「王家村（城关镇）」 for villages, whose names repeat across townships; else the name. */
function displayName(place: PlaceLink, ancestors: readonly PlaceLink[]): string {
  const parent = ancestors[ancestors.length - 1];
  return place.level === 'village' && parent ? `${place.name}（${parent.name}）` : place.name;
}

export function placeFeed(opts: {
  place: PlaceLink;
  ancestors: readonly PlaceLink[];
  rootId: string;
  datasets: readonly DatasetPeriods[];
  config: SiteConfig;
  asOf: string;
}): Feed {
  const { place, config } = opts;
  const name = displayName(place, opts.ancestors);
  const entries: FeedEntry[] = [];
  // Datasets in page order, periods newest first: the order entries of the same date keep.
  for (const d of opts.datasets) {
    for (const p of [...d.periods].reverse()) {
      entries.push({
        key: `${place.id}/${d.dataset}/${p.period}`,
        title: `${place.name} ${p.title}`,
        summary: p.summary,
        updated: periodUpdated(p.period, opts.asOf),
        link: `${place.url}#${d.dataset}`,
      });
    }
  }
  const isRoot = place.id === opts.rootId;
  return {
    key: `place/${place.id}`,
    title: isRoot ? `${config.title}：新公开的信息` : `${name}：新公开的信息`,
    subtitle: `${name}新公开的低保、特困供养、资金项目、村级财务、党费和养老金名单与数据（${config.title}）`,
    author: config.publisher || config.title,
    selfPath: feedPath(place, opts.rootId),
    pagePath: isRoot ? '' : place.url,
    ...(config.url ? { siteUrl: config.url } : {}),
    asOf: opts.asOf,
    lang: 'zh-CN',
    entries,
  };
}
