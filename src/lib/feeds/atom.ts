/**
 * Atom 1.0 feeds (RFC 4287) of new disclosures, built as strings from plain data: no clock, no
 * randomness, every text escaped. The data stage writes one per place (see writer.ts).
 *
 * Links are absolute when site.json gives the published `url`; otherwise they are relative to the
 * feed's own address (RFC 4287 §1.2 allows IRI references; readers resolve them against the feed
 * URL). Ids never depend on the url or the base path: they are name-based UUIDs (RFC 4122 v5) of
 * the place, dataset and period, so moving the site does not make readers show old entries again.
 */
import { createHash } from 'node:crypto';

export interface FeedEntry {
  /** Stable name for the id: `<place id>/<dataset>/<period>`. */
  key: string;
  title: string;
  /** Plain text. */
  summary: string;
  /** RFC 3339 date-time. */
  updated: string;
  /** Relative to the site root (`place/x/#dibao`), or absolute. */
  link: string;
}

export interface Feed {
  /** Stable name for the feed id (e.g. `place/<id>`). */
  key: string;
  title: string;
  subtitle?: string;
  author: string;
  /** Site-root-relative path of the feed itself (`feed.xml`, `place/x/feed.xml`). */
  selfPath: string;
  /** Site-root-relative path of the page the feed is about. */
  pagePath: string;
  /** The published site address (https://…/ with the base path), when known. */
  siteUrl?: string;
  /** Used as the feed's `updated` when it has no entries (YYYY-MM-DD). */
  asOf: string;
  lang: string;
  entries: FeedEntry[];
}

/** Entries per feed: readers only look at the latest, and 30,000 village feeds must stay small. */
export const FEED_LIMIT = 50;

/** XML 1.0 text: escapes markup and drops characters XML cannot carry (C0 controls, lone surrogates). */
export function xmlText(s: string): string {
  // Most text (Chinese names, figures) needs nothing: one test instead of five replacements.
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

/** Name-based UUID (RFC 4122 version 5, SHA-1) in the URL namespace, as a `urn:uuid:` IRI. */
export function uuidUrn(name: string): string {
  const h = URL_NAMESPACE.copy().update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** SHA-1 already fed the URL namespace UUID (6ba7b811-9dad-11d1-80b4-00c04fd430c8); copied per id. */
const URL_NAMESPACE = createHash('sha1').update(Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex'));

/**
 * A site-root-relative path as the feed writes it: absolute under `siteUrl`, else relative to the
 * folder of the feed at `selfPath` (`place/x/feed.xml` links to its own page as `./`).
 */
export function feedHref(path: string, selfPath: string, siteUrl?: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
  // Site paths are plain ASCII (ids are [A-Za-z0-9_-]): joining is enough, no URL parsing per link.
  if (siteUrl) return `${siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`}${path}`;
  const from = selfPath.split('/').slice(0, -1);
  const to = path.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const rel = [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
  return rel === '' ? './' : /^[#?]/.test(rel) ? `./${rel}` : rel;
}

/** The ids of a feed and of its entries (stable across releases, see the module comment). */
export function feedId(key: string): string { return uuidUrn(`sunlight:feed:${key}`); }
export function entryId(key: string): string { return uuidUrn(`sunlight:entry:${key}`); }

/** Newest first (ties: the order given), at most FEED_LIMIT. */
export function latestEntries(entries: readonly FeedEntry[], limit = FEED_LIMIT): FeedEntry[] {
  return entries.map((e, i) => ({ e, i })).sort((a, b) => (a.e.updated === b.e.updated ? a.i - b.i : a.e.updated < b.e.updated ? 1 : -1)).slice(0, limit).map((x) => x.e);
}

export function atomFeed(feed: Feed): string {
  const entries = latestEntries(feed.entries);
  const href = (p: string) => xmlText(feedHref(p, feed.selfPath, feed.siteUrl));
  // The feed changes only when its entries do: republishing the same data gives the same bytes.
  const updated = entries.reduce((m, e) => (e.updated > m ? e.updated : m), '') || `${feed.asOf}T00:00:00+08:00`;
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(feed.lang)}">\n`,
    `<id>${feedId(feed.key)}</id>\n`,
    `<title>${xmlText(feed.title)}</title>\n`,
    ...(feed.subtitle ? [`<subtitle>${xmlText(feed.subtitle)}</subtitle>\n`] : []),
    `<updated>${updated}</updated>\n`,
    `<author><name>${xmlText(feed.author)}</name></author>\n`,
    `<link rel="self" type="application/atom+xml" href="${href(feed.selfPath)}"/>\n`,
    `<link rel="alternate" type="text/html" href="${href(feed.pagePath)}"/>\n`,
    '<generator>Sunlight</generator>\n',
  ];
  for (const e of entries) {
    out.push(
      '<entry>\n',
      `<id>${entryId(e.key)}</id>\n`,
      `<title>${xmlText(e.title)}</title>\n`,
      `<updated>${e.updated}</updated>\n`,
      `<link rel="alternate" type="text/html" href="${href(e.link)}"/>\n`,
      `<summary>${xmlText(e.summary)}</summary>\n`,
      '</entry>\n',
    );
  }
  out.push('</feed>\n');
  return out.join('');
}

/**
 * When a period's disclosure counts as published: the first day of the period (China time), but
 * never after --as-of (a list for a period that has not begun yet is dated as of the build).
 */
export function periodUpdated(period: string, asOf: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  const quarter = /^(\d{4})Q([1-4])$/.exec(period);
  let day: string | undefined;
  if (month) day = `${month[1]}-${month[2]}-01`;
  else if (quarter) day = `${quarter[1]}-${String(3 * Number(quarter[2]) - 2).padStart(2, '0')}-01`;
  else if (/^\d{4}$/.test(period)) day = `${period}-01-01`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(period)) day = period;
  if (!day || day > asOf) day = asOf;
  return `${day}T00:00:00+08:00`;
}
