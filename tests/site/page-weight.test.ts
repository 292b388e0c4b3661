// A village page with everything it loads is at most 30 KB gzip-compressed, and loads nothing from
// any other host (no web fonts, no CDNs: they fail behind a firewall and are slow in villages).
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { SAMPLE_DATA, sampleSite } from '../helpers/site.ts';

const LIMIT = 30 * 1000; // 30 KB

interface Region { code: string | null; name: string; level: string; url: string }
interface Weight { url: string; html: number; resources: string[]; gzip: number }

let site: string;
let regions: Region[];
/** site.json `url`: links to it are the site's own, not another host. */
let ownUrl: string | undefined;
beforeAll(async () => {
  site = (await sampleSite()).dir;
  ownUrl = (JSON.parse(readFileSync(join(SAMPLE_DATA, 'site.json'), 'utf8')) as { url?: string }).url;
  regions = (JSON.parse(readFileSync(join(site, 'data', 'manifest.json'), 'utf8')) as { regions: Region[] }).regions;
});

const gz = (b: Uint8Array) => gzipSync(b, { level: 9 }).length;

/** URLs the page makes the browser load (not links a person may click). */
function loadedUrls(document: Document): string[] {
  const urls: string[] = [];
  const css = (text: string) => { for (const m of text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]/g)) urls.push((m[1] ?? m[2])!); };
  for (const el of document.querySelectorAll('[src]')) urls.push(el.getAttribute('src')!);
  for (const el of document.querySelectorAll('[srcset]')) for (const part of el.getAttribute('srcset')!.split(',')) urls.push(part.trim().split(/\s+/)[0]!);
  for (const el of document.querySelectorAll('link[href]')) if (/stylesheet|icon|preload|modulepreload|manifest|prefetch/i.test(el.getAttribute('rel') ?? '')) urls.push(el.getAttribute('href')!);
  for (const el of document.querySelectorAll('image[href], use[href], image[xlink\\:href], use[xlink\\:href]')) urls.push((el.getAttribute('href') ?? el.getAttribute('xlink:href'))!);
  for (const el of document.querySelectorAll('object[data], video[poster]')) urls.push((el.getAttribute('data') ?? el.getAttribute('poster'))!);
  for (const el of document.querySelectorAll('style')) css(el.textContent ?? '');
  for (const el of document.querySelectorAll('[style]')) css(el.getAttribute('style')!);
  return urls.filter((u) => u && !u.startsWith('data:') && !u.startsWith('#'));
}

/**
 * Attribute values that point at another host: http://, https:// or protocol-relative //. Links to
 * the site's own published address (site.json `url`, e.g. a canonical link) are not another host;
 * the prefix includes the trailing slash, so a look-alike host (…gov.cn.example.com) still counts.
 */
function foreignReferences(document: Document, html: string, ownUrl?: string): string[] {
  const bad: string[] = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^xmlns/i.test(a.name)) continue; // namespace names are not fetched
      // Share metadata names the site's own published address (og:url, og:image); browsers fetch none of it.
      if (el.tagName.toLowerCase() === 'meta' && a.name === 'content' && /^(og|twitter):/.test(el.getAttribute('property') ?? el.getAttribute('name') ?? '')) continue;
      if (ownUrl && a.value.trim().startsWith(ownUrl) && !/^(src|srcset|style|data|poster)$/i.test(a.name)) continue;
      if (/^\s*(https?:)?\/\//i.test(a.value) || /(^|[\s,(])(https?:)?\/\/[^\s,)]/i.test(a.name === 'style' || a.name === 'srcset' ? a.value : '')) bad.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value}">`);
    }
  }
  for (const el of document.querySelectorAll('style, script')) {
    for (const m of (el.textContent ?? '').matchAll(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s'")]*/gi)) bad.push(`<${el.tagName.toLowerCase()}>: ${m[0]}`);
  }
  if (/<base\s/i.test(html)) bad.push('<base> element');
  return bad;
}

function weigh(url: string): Weight {
  const file = join(site, url, 'index.html');
  const html = readFileSync(file);
  const { document } = parseHTML(html.toString('utf8'));
  const resources = loadedUrls(document as unknown as Document);
  let gzip = gz(html);
  for (const r of resources) {
    // Same-host references only (anything else fails the next test).
    const path = new URL(r, `http://127.0.0.1/${url}`).pathname;
    const local = join(site, decodeURIComponent(path));
    expect(existsSync(local), `${url} loads ${r}, which the build did not write`).toBe(true);
    gzip += gz(readFileSync(local));
  }
  return { url, html: html.length, resources, gzip };
}

describe('village pages', () => {
  it(`each village page plus everything it loads is ≤ ${LIMIT / 1000} KB gzip (level 9)`, () => {
    const villages = regions.filter((r) => r.level === 'village');
    expect(villages.length).toBe(15);
    const weights = villages.map((v) => weigh(v.url));
    const heavy = weights.filter((w) => w.gzip > LIMIT).map((w) => `${w.url}: ${w.gzip} B gzip (${w.html} B html + ${w.resources.join(', ') || 'nothing else'})`);
    expect(heavy).toEqual([]);
    const max = weights.reduce((a, b) => (b.gzip > a.gzip ? b : a));
    console.log(`village pages: ${weights.length}, largest ${max.url} ${max.html} B html → ${max.gzip} B gzip with ${max.resources.length} resources; smallest ${Math.min(...weights.map((w) => w.gzip))} B`);
  });

  it('no village page refers to another host (src/href/style/script)', () => {
    const bad: string[] = [];
    for (const v of regions.filter((r) => r.level === 'village')) {
      const html = readFileSync(join(site, v.url, 'index.html'), 'utf8');
      const { document } = parseHTML(html);
      for (const b of foreignReferences(document as unknown as Document, html, ownUrl)) bad.push(`${v.url}: ${b}`);
    }
    expect(bad).toEqual([]);
  });

  it('the checker is not blind: it sees a stylesheet, a web font and an external image', () => {
    const html = '<!doctype html><html><head><link rel="stylesheet" href="https://cdn.example.com/a.css"><style>@font-face{src:url(//fonts.example.com/f.woff2)}</style></head><body><img src="http://x.example/i.png"><a href="/local/">ok</a><svg xmlns="http://www.w3.org/2000/svg"></svg></body></html>';
    const { document } = parseHTML(html);
    expect(foreignReferences(document as unknown as Document, html)).toHaveLength(3);
    expect(loadedUrls(document as unknown as Document).sort()).toEqual(['//fonts.example.com/f.woff2', 'http://x.example/i.png', 'https://cdn.example.com/a.css']);
  });

  it('links to the site\'s own url pass; look-alike hosts and loads from it do not', () => {
    const own = 'https://sanwu.example.gov.cn/';
    const html = `<!doctype html><html><head><link rel="canonical" href="${own}place/1/"><link rel="stylesheet" href="https://sanwu.example.gov.cn.example.com/a.css"></head><body><a href="${own}place/2/">ok</a><a href="https://example.gov.cn/x">other</a><img src="${own}i.png"></body></html>`;
    const { document } = parseHTML(html);
    expect(foreignReferences(document as unknown as Document, html, own)).toHaveLength(3);
    expect(foreignReferences(document as unknown as Document, html)).toHaveLength(5);
  });
});

describe('every other page', () => {
  it('no page of the site refers to another host', () => {
    const bad: string[] = [];
    const pages = ['', 'about/', ...regions.map((r) => r.url), ...['dibao', 'tekun', 'projects', 'finance', 'works', 'party-dues', 'pension'].flatMap((d) => [`datasets/${d}/`, `datasets/${d}/quality/`, `datasets/${d}/print/`]),
      ...regions.filter((r) => r.level === 'village').map((r) => `${r.url}print/`)];
    for (const p of pages) {
      const html = readFileSync(join(site, p, 'index.html'), 'utf8');
      const { document } = parseHTML(html);
      for (const b of foreignReferences(document as unknown as Document, html, ownUrl)) bad.push(`${p || '/'}: ${b}`);
    }
    expect(bad).toEqual([]);
  });
});
