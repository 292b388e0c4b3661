// Every link in the sample site leads somewhere: each internal href and src on every page (Chinese,
// English, print views, 404) resolves to a file the build wrote, and each #fragment to an element
// with that id on the target page. A reader tapping a link must never land on a 404.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, SAMPLE_DATA, sampleSite } from '../helpers/site.ts';

let site: string;
let pages: string[];
let siteUrl = '';
const idsCache = new Map<string, Set<string>>();

beforeAll(async () => {
  site = (await sampleSite()).dir;
  pages = listFiles(site).filter((f) => f.endsWith('.html'));
  siteUrl = (JSON.parse(readFileSync(join(SAMPLE_DATA, 'site.json'), 'utf8')) as { url?: string }).url ?? '';
});

/** The file a root-relative path points to: folders serve their index.html. */
function fileFor(path: string): string | undefined {
  const rel = decodeURIComponent(path).replace(/^\//, '');
  const direct = join(site, rel);
  if (rel === '' || rel.endsWith('/')) return existsSync(join(direct, 'index.html')) ? join(rel, 'index.html') : undefined;
  if (existsSync(direct) && statSync(direct).isFile()) return rel;
  return undefined;
}

function idsOf(file: string): Set<string> {
  let ids = idsCache.get(file);
  if (!ids) {
    const html = readFileSync(join(site, file), 'utf8');
    ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
    idsCache.set(file, ids);
  }
  return ids;
}

/** Internal links of a page as root-relative URLs; external ones (other hosts, mailto:, tel:) are skipped. */
function internalLinks(file: string): string[] {
  const html = readFileSync(join(site, file), 'utf8');
  const pageUrl = new URL(`/${file.replace(/index\.html$/, '')}`, 'http://site.invalid');
  const out: string[] = [];
  for (const m of html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) {
    let raw = m[1]!.replace(/&amp;/g, '&');
    if (siteUrl && raw.startsWith(siteUrl)) raw = `/${raw.slice(siteUrl.length).replace(/^\//, '')}`;
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(raw)) continue;
    const url = new URL(raw, pageUrl);
    out.push(url.pathname + url.hash);
  }
  return out;
}

describe('links in the built sample site', () => {
  it('every internal href and src resolves to a file of the build', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      for (const link of internalLinks(page)) {
        checked++;
        const path = link.replace(/#.*$/, '');
        if (!fileFor(path)) broken.push(`${page} → ${link}`);
      }
    }
    expect(checked).toBeGreaterThan(2000);
    expect([...new Set(broken)].slice(0, 20)).toEqual([]);
  });

  it('every #fragment points to an element with that id on the target page', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const link of internalLinks(page)) {
        const hash = link.indexOf('#');
        if (hash < 0 || hash === link.length - 1) continue;
        const target = fileFor(link.slice(0, hash));
        if (!target || !target.endsWith('.html')) continue;
        const id = decodeURIComponent(link.slice(hash + 1));
        if (!idsOf(target).has(id)) broken.push(`${page} → ${link}`);
      }
    }
    expect([...new Set(broken)].slice(0, 20)).toEqual([]);
  });

  it('the header search link of English pages opens the English search page', () => {
    const en = pages.filter((p) => p.startsWith('en/'));
    expect(en.length).toBeGreaterThan(30);
    for (const page of en) expect(internalLinks(page), page).toContain('/en/search/');
  });
});
