/**
 * The feed of corrections and withdrawals (`changes/feed.xml`): one entry per release, dataset and
 * place whose already published rows a release corrected or withdrew (「王家村 低保对象：更正 1 条，
 * 撤回 1 条」). The disclosure feeds announce new periods; this one tells subscribers when something
 * they were told about was changed afterwards, so a correction is never silent. Built from the
 * release overlay (model/changes/release.json) at render time, like the 变更记录 page.
 */
import type { NoticeCount } from '../changes/types.ts';
import type { Feed, FeedEntry } from './atom.ts';

export const CORRECTIONS_FEED_PATH = 'changes/feed.xml';

export function correctionsFeed(opts: {
  counts: readonly NoticeCount[];
  /** The page of a place in this build (`place/<id>/`), if it has one. */
  pageOf: (placeId: string) => string | undefined;
  config: { title: string; publisher?: string; url?: string };
  asOf: string;
}): Feed {
  const entries: FeedEntry[] = opts.counts.map((c) => {
    const parts = [c.corrected ? `更正 ${c.corrected} 条` : '', c.withdrawn ? `撤回 ${c.withdrawn} 条` : ''].filter(Boolean).join('，');
    const where = c.placeName || '（地区不详）';
    const page = c.place ? opts.pageOf(c.place) : undefined;
    return {
      key: `corrections/${c.release}/${c.dataset}/${c.place ?? `name:${c.placeName}`}`,
      title: `${where} ${c.datasetTitle}：${parts}`,
      summary: `${c.release} 的发布对${where}已经公开的${c.datasetTitle}记录作了${parts}。原来公开的内容和更正后的内容见页面上的「更正/撤回」。`,
      updated: `${c.release}T00:00:00+08:00`,
      link: page ? `${page}#corrections` : 'changes/#notices',
    };
  });
  return {
    key: 'changes/corrections',
    title: `${opts.config.title}：更正和撤回`,
    subtitle: `已经公开的记录在以后的发布中被更正或撤回时，这里会有一条（${opts.config.title}）`,
    author: opts.config.publisher || opts.config.title,
    selfPath: CORRECTIONS_FEED_PATH,
    pagePath: 'changes/',
    ...(opts.config.url ? { siteUrl: opts.config.url } : {}),
    asOf: opts.asOf,
    lang: 'zh-CN',
    entries,
  };
}
