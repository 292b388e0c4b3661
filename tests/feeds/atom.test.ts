import { describe, expect, it } from 'vitest';
import { atomFeed, entryId, FEED_LIMIT, feedHref, periodUpdated, uuidUrn, type Feed, type FeedEntry } from '../../src/lib/feeds/atom.ts';
import { parseAtom } from './atom-check.ts';

const entry = (i: number, over: Partial<FeedEntry> = {}): FeedEntry => ({
  key: `v1/dibao/2026-${String(i).padStart(2, '0')}`, title: `王家村 2026年${i}月低保对象名单`, summary: `${40 + i} 户`,
  updated: periodUpdated(`2026-${String(i).padStart(2, '0')}`, '2026-11-22'), link: 'place/v1/#dibao', ...over,
});

const feed = (over: Partial<Feed> = {}): Feed => ({
  key: 'place/v1', title: '王家村（城关镇）：新公开的信息', author: '示例县人民政府办公室', selfPath: 'place/v1/feed.xml',
  pagePath: 'place/v1/', asOf: '2026-11-22', lang: 'zh-CN', entries: [entry(9), entry(10)], ...over,
});

describe('atomFeed', () => {
  it('is a valid Atom 1.0 document with the required elements', () => {
    const doc = parseAtom(atomFeed(feed()));
    expect(doc.title).toBe('王家村（城关镇）：新公开的信息');
    expect(doc.lang).toBe('zh-CN');
    expect(doc.entries.map((e) => e.title)).toEqual(['王家村 2026年10月低保对象名单', '王家村 2026年9月低保对象名单']);
    expect(doc.updated).toBe('2026-10-01T00:00:00+08:00');
  });

  it('escapes every text: markup in names and summaries stays text, characters XML cannot carry are dropped', () => {
    const nasty = '<script>alert("x")</script> & ]]> \u0001\u0008 \ud800';
    const xml = atomFeed(feed({ title: nasty, author: nasty, entries: [entry(10, { title: nasty, summary: nasty, link: 'place/v1/?a=1&b=<2>#dibao' })] }));
    expect(xml).not.toContain('<script>');
    const doc = parseAtom(xml);
    const clean = '<script>alert("x")</script> & ]]>  ';
    expect(doc.title).toBe(clean);
    expect(doc.authors).toEqual([clean]);
    expect(doc.entries[0]!.title).toBe(clean);
    expect(doc.entries[0]!.summary).toBe(clean);
    expect(doc.entries[0]!.links[0]!.href).toBe('./?a=1&b=<2>#dibao');
  });

  it('without the site url, links are relative to the feed and resolve to the pages', () => {
    const feedUrl = 'https://example.gov.cn/sanwu/place/v1/feed.xml';
    const doc = parseAtom(atomFeed(feed({ entries: [entry(10, { link: 'place/v1/#dibao' })] })));
    const resolve = (href: string) => new URL(href, feedUrl).href;
    expect(resolve(doc.links.find((l) => l.rel === 'self')!.href)).toBe(feedUrl);
    expect(resolve(doc.links.find((l) => l.rel === 'alternate')!.href)).toBe('https://example.gov.cn/sanwu/place/v1/');
    expect(resolve(doc.entries[0]!.links[0]!.href)).toBe('https://example.gov.cn/sanwu/place/v1/#dibao');
    // The county feed at the root links to pages below it.
    const root = parseAtom(atomFeed(feed({ selfPath: 'feed.xml', pagePath: '', entries: [entry(10, { link: 'place/c/#dibao' })] })));
    expect(new URL(root.entries[0]!.links[0]!.href, 'https://example.gov.cn/sanwu/feed.xml').href).toBe('https://example.gov.cn/sanwu/place/c/#dibao');
    expect(new URL(root.links.find((l) => l.rel === 'alternate')!.href, 'https://example.gov.cn/sanwu/feed.xml').href).toBe('https://example.gov.cn/sanwu/');
  });

  it('with the site url, every link is absolute under it', () => {
    const doc = parseAtom(atomFeed(feed({ siteUrl: 'https://example.gov.cn/sanwu/' })));
    expect(doc.links.map((l) => l.href)).toEqual(['https://example.gov.cn/sanwu/place/v1/feed.xml', 'https://example.gov.cn/sanwu/place/v1/']);
    expect(doc.entries.every((e) => e.links[0]!.href === 'https://example.gov.cn/sanwu/place/v1/#dibao')).toBe(true);
  });

  it('is deterministic, and entry ids depend only on place, dataset and period (not url, order or text)', () => {
    expect(atomFeed(feed())).toBe(atomFeed(feed()));
    const a = parseAtom(atomFeed(feed()));
    const b = parseAtom(atomFeed(feed({ siteUrl: 'https://other.example/', entries: [entry(10, { summary: '改了', title: '改了' }), entry(9)] })));
    expect(b.entries.map((e) => e.id)).toEqual(a.entries.map((e) => e.id));
    expect(b.id).toBe(a.id);
    expect(entryId('v1/dibao/2026-10')).not.toBe(entryId('v1/dibao/2026-09'));
    expect(entryId('v1/dibao/2026-10')).not.toBe(entryId('v2/dibao/2026-10'));
    expect(a.entries[0]!.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps the newest entries first, at most FEED_LIMIT of them', () => {
    const many = Array.from({ length: 80 }, (_, i) => entry(1, { key: `k${i}`, updated: `20${10 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01T00:00:00+08:00` }));
    const doc = parseAtom(atomFeed(feed({ entries: many })));
    expect(doc.entries).toHaveLength(FEED_LIMIT);
    const dates = doc.entries.map((e) => e.updated);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(dates[0]).toBe(many.map((e) => e.updated).sort().at(-1));
  });

  it('an empty feed is still valid and dated as of the build', () => {
    const doc = parseAtom(atomFeed(feed({ entries: [] })));
    expect(doc.entries).toEqual([]);
    expect(doc.updated).toBe('2026-11-22T00:00:00+08:00');
  });
});

describe('periodUpdated', () => {
  it('dates a period by its first day, never after --as-of', () => {
    expect(periodUpdated('2026-10', '2026-11-22')).toBe('2026-10-01T00:00:00+08:00');
    expect(periodUpdated('2026Q3', '2026-11-22')).toBe('2026-07-01T00:00:00+08:00');
    expect(periodUpdated('2026', '2026-11-22')).toBe('2026-01-01T00:00:00+08:00');
    expect(periodUpdated('2026-12', '2026-11-22')).toBe('2026-11-22T00:00:00+08:00');
    expect(periodUpdated('上半年', '2026-11-22')).toBe('2026-11-22T00:00:00+08:00');
  });
});

describe('feedHref and ids', () => {
  it('relative paths between site locations', () => {
    expect(feedHref('place/v1/', 'place/v1/feed.xml')).toBe('./');
    expect(feedHref('place/v1/#dibao', 'place/v1/feed.xml')).toBe('./#dibao');
    expect(feedHref('place/c/', 'feed.xml')).toBe('place/c/');
    expect(feedHref('feed.xml', 'feed.xml')).toBe('feed.xml');
    expect(feedHref('place/v2/', 'place/v1/feed.xml')).toBe('../v2/');
  });

  it('uuidUrn is the RFC 4122 version 5 UUID (URL namespace)', () => {
    // Python: str(uuid.uuid5(uuid.NAMESPACE_URL, 'http://www.example.com/'))
    expect(uuidUrn('http://www.example.com/')).toBe('urn:uuid:fcde3c85-2270-590f-9e7c-ee003d65e0e2');
  });
});
