// The sample site's feeds and share metadata, as a feed reader and a chat app see them: a valid
// Atom feed per place (the county's at the root) whose entries are the periods published and link
// to sections that exist; every page's head points to its feed and carries Open Graph metadata
// with a share image that exists. Built from the sample with site.json's url taken out: links are
// relative (tests/site/share-url.test.ts covers a site with a url).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { parseHTML } from 'linkedom';
import { buildSite, listFiles, makeTempDir, SAMPLE_DATA, type BuiltSite } from '../helpers/site.ts';
import { parseAtom } from '../feeds/atom-check.ts';

interface Region { code: string | null; name: string; level: string; parent: string | null; url: string }

const ORIGIN = 'https://example.gov.cn/sanwu/';
let dir: string;
let regions: Region[];
let root: Region;
let built: BuiltSite;
let dataCopy: string;

beforeAll(async () => {
  dataCopy = makeTempDir('sunlight-feeds-data-');
  cpSync(SAMPLE_DATA, dataCopy, { recursive: true });
  const config = JSON.parse(readFileSync(join(dataCopy, 'site.json'), 'utf8')) as Record<string, unknown>;
  delete config.url;
  writeFileSync(join(dataCopy, 'site.json'), JSON.stringify(config, null, 2));
  built = await buildSite(dataCopy);
  dir = built.dir;
  regions = (JSON.parse(readFileSync(join(dir, 'data', 'manifest.json'), 'utf8')) as { regions: Region[] }).regions;
  root = regions.find((r) => !r.parent)!;
}, 300_000);

afterAll(() => {
  built?.cleanup();
});

/** The site file a URL (resolved on the published origin) points to, and its fragment. */
function target(url: string): { file: string; hash: string } {
  const u = new URL(url);
  expect(u.href.startsWith(ORIGIN), `${url} leaves the site`).toBe(true);
  const path = decodeURIComponent(u.pathname.slice(new URL(ORIGIN).pathname.length));
  return { file: join(dir, path.endsWith('/') || path === '' ? `${path}index.html` : path), hash: u.hash.slice(1) };
}

const read = (p: string) => readFileSync(p, 'utf8');
const feedOf = (r: Region) => (r === root ? 'feed.xml' : `${r.url}feed.xml`);
/** Chinese pages made with the shared layout (English twins link the same feeds; print views have no head links). */
const pages = () => listFiles(dir).filter((f) => f.endsWith('index.html') && !f.startsWith('en/') && !/(^|\/)print\/index\.html$/.test(f)).map((f) => f.slice(0, -'index.html'.length));

describe('Atom feeds', () => {
  it('the county feed is at the root and every other place has one, all valid Atom 1.0', () => {
    for (const r of regions) {
      const file = join(dir, feedOf(r));
      expect(existsSync(file), feedOf(r)).toBe(true);
      const doc = parseAtom(read(file));
      expect(doc.title).toContain(r === root ? '示例县三务公开' : r.name);
      const base = ORIGIN + feedOf(r);
      expect(new URL(doc.links.find((l) => l.rel === 'self')!.href, base).href).toBe(base);
      expect(new URL(doc.links.find((l) => l.rel === 'alternate')!.href, base).href).toBe(ORIGIN + (r === root ? '' : r.url));
    }
    expect(existsSync(join(dir, root.url, 'feed.xml'))).toBe(false);
  });

  it('every entry links to a section that exists on its page', () => {
    let checked = 0;
    for (const r of regions) {
      const base = ORIGIN + feedOf(r);
      for (const e of parseAtom(read(join(dir, feedOf(r)))).entries) {
        const { file, hash } = target(new URL(e.links[0]!.href, base).href);
        expect(existsSync(file), `${e.title} → ${file}`).toBe(true);
        expect(read(file), `${e.title}: #${hash}`).toContain(`id="${hash}"`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(regions.length * 3);
  });

  it("a village's feed has an entry for every month of 低保 published for it, newest first", () => {
    const rows = Papa.parse<Record<string, string>>(read(join(dir, 'data', 'dibao.csv')).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    for (const v of regions.filter((r) => r.level === 'village')) {
      const months = [...new Set(rows.filter((row) => row['区划代码'] === v.code).map((row) => row['发放年月']!))].sort().reverse();
      const entries = parseAtom(read(join(dir, feedOf(v)))).entries.filter((e) => e.title.includes('低保对象名单'));
      expect(entries.map((e) => e.updated.slice(0, 7)), v.name).toEqual(months);
      const latest = rows.filter((row) => row['区划代码'] === v.code && row['发放年月'] === months[0]);
      expect(entries[0]!.summary).toContain(`${latest.length} 户`);
    }
  });

  it('feeds carry counts and amounts, never the names on the lists', () => {
    const names = new Set<string>();
    for (const d of ['dibao', 'tekun', 'pension']) {
      const rows = Papa.parse<string[]>(read(join(dir, 'data', `${d}.csv`)).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
      const col = rows[0]!.findIndex((h) => /姓名/.test(h));
      for (const row of rows.slice(1)) if (row[col] && row[col]!.length >= 2) names.add(row[col]!);
    }
    expect(names.size).toBeGreaterThan(100);
    const feeds = listFiles(dir).filter((f) => f.endsWith('feed.xml')).map((f) => read(join(dir, f))).join('\n');
    expect([...names].filter((n) => feeds.includes(`>${n}`) || feeds.includes(`${n}，`) || feeds.includes(`${n}<`))).toEqual([]);
  });
});

describe('head links and share metadata', () => {
  const meta = (doc: Document, p: string) => doc.querySelector(`meta[property="${p}"], meta[name="${p}"]`)?.getAttribute('content') ?? null;

  it("every page's head links to its feed, and the feed exists", () => {
    const byUrl = new Map(regions.map((r) => [r.url, r]));
    for (const p of pages()) {
      const { document } = parseHTML(read(join(dir, p, 'index.html')));
      const links = [...document.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]')];
      expect(links, p).toHaveLength(1);
      const href = links[0]!.getAttribute('href')!;
      const place = byUrl.get(p);
      expect(href, p).toBe(`/${place ? feedOf(place) : 'feed.xml'}`);
      expect(existsSync(join(dir, href))).toBe(true);
    }
  });

  it('village and county pages show a visible 订阅更新 link to their feed', () => {
    for (const p of ['', root.url, ...regions.filter((r) => r.level === 'village').map((r) => r.url)]) {
      const { document } = parseHTML(read(join(dir, p, 'index.html')));
      const a = [...document.querySelectorAll('main a')].find((x) => x.textContent?.includes('订阅更新'));
      expect(a, p || '/').toBeDefined();
      expect(a!.getAttribute('href')).toBe(`/${p === '' || p === root.url ? 'feed.xml' : `${p}feed.xml`}`);
    }
  });

  it('every page has Open Graph and Twitter metadata, with a 1200×630 PNG that exists', () => {
    for (const p of pages()) {
      const { document } = parseHTML(read(join(dir, p, 'index.html')));
      const d = document as unknown as Document;
      for (const k of ['og:title', 'og:description', 'og:type', 'og:locale', 'og:site_name', 'og:image', 'twitter:card']) expect(meta(d, k), `${p} ${k}`).toBeTruthy();
      expect(meta(d, 'og:locale')).toBe('zh_CN');
      expect(meta(d, 'twitter:card')).toBe('summary_large_image');
      // No url in site.json: no og:url, and the image is a path on this host.
      expect(meta(d, 'og:url')).toBeNull();
      const png = readFileSync(join(dir, meta(d, 'og:image')!));
      expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
      expect(png.length).toBeGreaterThan(10_000);
    }
  });

  it('dataset pages have their own image; townships and villages use the county image; descriptions carry headline figures', () => {
    const image = (p: string) => meta(parseHTML(read(join(dir, p, 'index.html'))).document as unknown as Document, 'og:image');
    expect(image('datasets/dibao/')).toBe('/share/datasets/dibao.png');
    expect(image('datasets/finance/')).toBe('/share/datasets/finance.png');
    expect(image('')).toBe('/share/index.png');
    for (const r of regions) expect(image(r.url), r.name).toBe('/share/index.png');
    const village = regions.find((r) => r.level === 'village')!;
    const { document } = parseHTML(read(join(dir, village.url, 'index.html')));
    const figure = document.querySelector('#dibao dd.v');
    const description = meta(document as unknown as Document, 'og:description')!;
    expect(description).toContain(village.name);
    expect(description).toMatch(/低保户数 \d+ 户/);
    expect(description).toContain(`低保户数 ${figure!.textContent!.trim()}`);
  });

  it('the report says feeds use relative links because site.json has no url', async () => {
    const report = JSON.parse(read(join(built.root, 'reports', 'check-report.json'))) as { files: { path: string; issues: { code: string; message: string }[] }[] };
    const site = report.files.find((f) => f.path === 'site.json');
    expect(site?.issues.filter((i) => i.code === 'site-feature-off').map((i) => i.message).join('\n')).toMatch(/没有设置 url/);
  });
});
