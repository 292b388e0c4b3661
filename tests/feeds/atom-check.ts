// A checker for Atom 1.0 documents (RFC 4287), for the tests: well-formed XML, the Atom namespace,
// and the elements the RFC requires of a feed and its entries. (No Atom validator installs from
// npm; this checks what the RFC's "MUST"s say about the elements we write.)
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface AtomLink { rel: string; type?: string; href: string }
export interface AtomEntry { id: string; title: string; updated: string; summary: string; links: AtomLink[] }
export interface AtomDoc { id: string; title: string; updated: string; authors: string[]; links: AtomLink[]; lang?: string; entries: AtomEntry[] }

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ABSOLUTE_IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;

const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '', textNodeName: '#text', parseTagValue: false, trimValues: false,
  isArray: (name) => ['entry', 'link', 'author'].includes(name), processEntities: true, htmlEntities: false,
});

const text = (v: unknown): string => (typeof v === 'string' ? v : v && typeof v === 'object' && '#text' in v ? String((v as Record<string, unknown>)['#text']) : '');
const links = (v: unknown): AtomLink[] => ((v as Record<string, string>[] | undefined) ?? []).map((l) => ({ rel: l.rel ?? 'alternate', ...(l.type ? { type: l.type } : {}), href: l.href ?? '' }));

/** Parses an Atom document; throws with every problem found. */
export function parseAtom(xml: string): AtomDoc {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const problems: string[] = [];
  if (!xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')) problems.push('no XML declaration with utf-8');
  const root = parser.parse(xml) as Record<string, unknown>;
  const feed = root.feed as Record<string, unknown> | undefined;
  if (!feed) throw new Error('root element is not <feed>');
  if (feed.xmlns !== 'http://www.w3.org/2005/Atom') problems.push('feed is not in the Atom namespace');
  const doc: AtomDoc = {
    id: text(feed.id), title: text(feed.title), updated: text(feed.updated),
    authors: ((feed.author as Record<string, unknown>[] | undefined) ?? []).map((a) => text(a.name)),
    links: links(feed.link), ...(feed['xml:lang'] ? { lang: String(feed['xml:lang']) } : {}),
    entries: ((feed.entry as Record<string, unknown>[] | undefined) ?? []).map((e) => ({
      id: text(e.id), title: text(e.title), updated: text(e.updated), summary: text(e.summary), links: links(e.link),
    })),
  };
  if (!ABSOLUTE_IRI.test(doc.id)) problems.push(`feed id is not an absolute IRI: ${doc.id}`);
  if (!doc.title) problems.push('feed has no title');
  if (!RFC3339.test(doc.updated)) problems.push(`feed updated is not an RFC 3339 date-time: ${doc.updated}`);
  if (!doc.authors.some(Boolean)) problems.push('feed has no author name');
  if (!doc.links.some((l) => l.rel === 'self' && l.href)) problems.push('feed has no rel=self link');
  if (!doc.links.some((l) => l.rel === 'alternate' && l.href)) problems.push('feed has no rel=alternate link');
  const ids = new Set<string>();
  for (const [i, e] of doc.entries.entries()) {
    if (!ABSOLUTE_IRI.test(e.id)) problems.push(`entry ${i}: id is not an absolute IRI`);
    if (ids.has(e.id)) problems.push(`entry ${i}: duplicate id ${e.id}`);
    ids.add(e.id);
    if (!e.title) problems.push(`entry ${i}: no title`);
    if (!RFC3339.test(e.updated)) problems.push(`entry ${i}: updated is not RFC 3339: ${e.updated}`);
    if (!e.links.some((l) => l.rel === 'alternate' && l.href)) problems.push(`entry ${i}: no alternate link`);
    if (!e.summary) problems.push(`entry ${i}: no summary (an entry without content must have one)`);
  }
  if (problems.length) throw new Error(`invalid Atom:\n${problems.join('\n')}`);
  return doc;
}
