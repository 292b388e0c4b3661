// The English site of the sample build: every page has an English twin and back (hreflang pairs
// that resolve to files the build wrote), English pages show no Chinese interface text (Chinese
// only where it is data — names, notes, the office's own title — or a marked Chinese term), they
// are as light as the Chinese ones, and the language switch works in Chromium, with and without
// JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import type { Browser } from 'playwright-core';
import { launchChromium, listFiles, SAMPLE_DATA, sampleSite, scrollToSee, serveDir, type StaticServer } from '../helpers/site.ts';

interface Region { code: string | null; name: string; level: string; parent: string | null; url: string }

let site: string;
let regions: Region[];
let pages: string[];
/** Strings that are data, not interface: place names and what the office wrote in site.json. */
let dataStrings: string[];
/** The published address in site.json: hreflang links are absolute under it. */
let siteUrl = '';

beforeAll(async () => {
  site = (await sampleSite()).dir;
  regions = (JSON.parse(readFileSync(join(site, 'data', 'manifest.json'), 'utf8')) as { regions: Region[] }).regions;
  pages = listFiles(site).filter((f) => f.endsWith('.html'));
  const config = JSON.parse(readFileSync(join(SAMPLE_DATA, 'site.json'), 'utf8')) as Record<string, string>;
  siteUrl = config.url ?? '';
  dataStrings = [...regions.map((r) => r.name), config.title!, config.publisher!, config.county!].filter(Boolean);
});

const doc = (rel: string) => parseHTML(readFileSync(join(site, rel), 'utf8')).document;
/** `place/x/index.html` for an href like `/place/x/`. */
const fileOf = (href: string) => `${href.replace(/^\//, '')}index.html`.replace(/^index\.html$/, 'index.html');
/** hreflang → href of a page, from its head alone (read once per page). */
const alternatesCache = new Map<string, Record<string, string>>();
const alternates = (rel: string): Record<string, string> => {
  let a = alternatesCache.get(rel);
  if (!a) {
    const head = /<head>[\s\S]*?<\/head>/.exec(readFileSync(join(site, rel), 'utf8'))?.[0] ?? '';
    // Absolute under site.json's url (the sample has one): compare them as root-relative paths.
    const path = (href: string) => (siteUrl && href.startsWith(siteUrl) ? `/${href.slice(siteUrl.length)}` : href);
    a = Object.fromEntries([...parseHTML(`<html>${head}</html>`).document.querySelectorAll('link[rel=alternate][hreflang]')].map((l) => [l.getAttribute('hreflang')!, path(l.getAttribute('href')!)]));
    alternatesCache.set(rel, a);
  }
  return a;
};
/** The notice-board print views are Chinese only, and so is the one 404 page. */
const twinPages = () => pages.filter((p) => p !== '404.html' && !/(^|\/)print\/index\.html$/.test(p));

describe('every page has its twin', () => {
  it('as many English pages as Chinese ones, each under en/ at the same path', () => {
    const zh = twinPages().filter((p) => !p.startsWith('en/'));
    const en = twinPages().filter((p) => p.startsWith('en/'));
    expect(zh.length).toBeGreaterThan(30);
    expect(en.map((p) => p.slice(3)).sort()).toEqual(zh.sort());
  });

  it('hreflang zh-CN, en and x-default on every page, reciprocal, each resolving to a file the build wrote', () => {
    const bad: string[] = [];
    for (const p of twinPages()) {
      const a = alternates(p);
      const self = `/${p.replace(/index\.html$/, '')}`;
      const isEn = p.startsWith('en/');
      if (Object.keys(a).sort().join() !== 'en,x-default,zh-CN') bad.push(`${p}: hreflang ${Object.keys(a).join(',')}`);
      if (a[isEn ? 'en' : 'zh-CN'] !== self) bad.push(`${p}: does not list itself (${a[isEn ? 'en' : 'zh-CN']})`);
      if (a['x-default'] !== a['zh-CN']) bad.push(`${p}: x-default is not the Chinese page`);
      for (const [lang, href] of Object.entries(a)) {
        if (!href.startsWith('/')) { bad.push(`${p}: ${lang} href ${href} is not root-relative`); continue; }
        if (!existsSync(join(site, fileOf(href)))) { bad.push(`${p}: ${lang} → ${href} does not exist`); continue; }
        // The twin lists the same set (pairs are reciprocal).
        if (JSON.stringify(alternates(fileOf(href))) !== JSON.stringify(a)) bad.push(`${p}: ${href} lists other alternates`);
      }
    }
    expect(bad).toEqual([]);
  }, 180_000);

  it('html lang and the switch: each page links to its twin, the link in the twin language', () => {
    const bad: string[] = [];
    for (const p of twinPages()) {
      const d = doc(p);
      const isEn = p.startsWith('en/');
      if (d.documentElement.getAttribute('lang') !== (isEn ? 'en' : 'zh-CN')) bad.push(`${p}: html lang ${d.documentElement.getAttribute('lang')}`);
      const sw = d.querySelector('header a[hreflang]');
      const twin = isEn ? `/${p.slice(3).replace(/index\.html$/, '')}` : `/en/${p.replace(/index\.html$/, '')}`;
      if (sw?.getAttribute('href') !== twin || sw.getAttribute('lang') !== (isEn ? 'zh-CN' : 'en')) bad.push(`${p}: switch ${sw?.outerHTML}`);
    }
    expect(bad).toEqual([]);
  }, 180_000);

  it('the one 404 page speaks both languages and claims no twin', () => {
    const d = doc('404.html');
    expect(d.querySelectorAll('link[rel=alternate][hreflang]').length).toBe(0);
    expect(d.querySelector('h1')!.textContent).toMatch(/找不到.*Page not found/);
    const en = d.querySelector('p[lang=en]');
    expect(en?.textContent).toMatch(/address may be wrong/);
    expect(en?.querySelector('a')?.getAttribute('href')).toBe('/en/');
  });
});

/** Chinese text in an element's text and labels that is neither inside lang="zh…" nor data. */
function chineseInterfaceText(root: Element, data: readonly string[], where: string): string[] {
  const HAN = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]+/g;
  const isData = (run: string) => data.some((d) => d.includes(run));
  const out: string[] = [];
  const walk = (n: Node, zh: boolean): void => {
    if (n.nodeType === 3) {
      for (const run of n.textContent?.match(HAN) ?? []) if (!zh && !isData(run)) out.push(`${where} <${(n.parentNode as Element).localName}>: ${run}`);
      return;
    }
    if (n.nodeType !== 1) return;
    const el = n as Element;
    // Scripts and styles are checked by the browser test; the chart drawings keep Chinese axis text by design.
    if (['script', 'style', 'svg'].includes(el.localName)) return;
    const lang = el.getAttribute('lang');
    const inZh = lang ? lang.startsWith('zh') : zh;
    for (const name of ['aria-label', 'title', 'alt', 'placeholder', 'content']) {
      for (const run of el.getAttribute(name)?.match(HAN) ?? []) if (!inZh && !isData(run)) out.push(`${where} <${el.localName} ${name}>: ${run}`);
    }
    for (const c of el.childNodes) walk(c, inZh);
  };
  walk(root, false);
  return out;
}

describe('English pages show no Chinese interface text', () => {
  it('on any English page, Chinese only in data (names, notes, lists marked lang="zh-CN") or the office’s own title', () => {
    const found = twinPages().filter((p) => p.startsWith('en/')).flatMap((p) => chineseInterfaceText(doc(p).documentElement, dataStrings, p));
    expect(found).toEqual([]);
  }, 180_000);

  it('a village page and a dataset page: nav, headings, captions, column headers, figure labels are English', () => {
    const v = regions.find((r) => r.level === 'village')!;
    const bad: string[] = [];
    for (const p of [`en/${v.url}index.html`, 'en/datasets/dibao/index.html', 'en/datasets/projects/index.html']) {
      const d = doc(p);
      const parts = [...d.querySelectorAll('nav, h1, h2, h3, caption, thead, dt, dd, summary, .meta, footer')];
      expect(parts.length, p).toBeGreaterThan(20);
      // Only place names may be Chinese here (and they are marked).
      for (const el of parts) bad.push(...chineseInterfaceText(el, regions.map((r) => r.name), p));
    }
    expect(bad).toEqual([]);
  });

  it('the check is not blind: it finds the Chinese interface on the Chinese twin and a leaked label', () => {
    const v = regions.find((r) => r.level === 'village')!;
    // The Chinese page's body read as if it were English: all its interface text is found.
    expect(chineseInterfaceText(doc(`${v.url}index.html`).body, dataStrings, 'zh').length).toBeGreaterThan(30);
    const leaked = parseHTML('<html lang="en"><body><h2>Dibao</h2><p lang="zh-CN">公示期：10月</p><table><caption>王家村 名单</caption></table><a aria-label="下载">CSV</a></body></html>').document;
    expect(chineseInterfaceText(leaked.documentElement, ['王家村'], 't').map((s) => s.split(': ')[1])).toEqual(['名单', '下载']);
  });

  it('the same data on both: every table has the same rows, every chart the same drawing', () => {
    const bad: string[] = [];
    for (const p of twinPages().filter((x) => !x.startsWith('en/'))) {
      const zh = doc(p), en = doc(`en/${p}`);
      const rows = (d: Document) => [...d.querySelectorAll('table')].map((t) => t.querySelectorAll('tbody tr').length).join();
      const drawings = (d: Document) => [...d.querySelectorAll('svg')].map((s) => s.querySelectorAll('rect, path, line, circle, text').length).join();
      if (rows(zh) !== rows(en)) bad.push(`${p}: table rows ${rows(zh)} vs ${rows(en)}`);
      if (drawings(zh) !== drawings(en)) bad.push(`${p}: charts differ`);
    }
    expect(bad).toEqual([]);
  }, 180_000);
});

describe('English pages are as light as the Chinese ones', () => {
  it('each English page is within 5% of its Chinese twin, gzip-compressed, and a village page stays ≤ 30 KB', () => {
    const gz = (rel: string) => gzipSync(readFileSync(join(site, rel)), { level: 9 }).length;
    const heavy: string[] = [];
    let worst = 0;
    for (const p of twinPages().filter((x) => !x.startsWith('en/'))) {
      const ratio = gz(`en/${p}`) / gz(p);
      worst = Math.max(worst, ratio);
      if (ratio > 1.05) heavy.push(`${p}: ${gz(`en/${p}`)} B vs ${gz(p)} B`);
    }
    for (const v of regions.filter((r) => r.level === 'village')) if (gz(`en/${v.url}index.html`) > 30_000) heavy.push(`en/${v.url}: over 30 KB`);
    console.log(`English pages: at most ${((worst - 1) * 100).toFixed(1)}% heavier than their Chinese twin (gzip)`);
    expect(heavy).toEqual([]);
  }, 180_000);
});

describe('in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), serveDir(site)]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the switch leads to the twin page and back, with JavaScript on and off', async () => {
    const v = regions.find((r) => r.level === 'village')!;
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(server.url + v.url);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await page.getByRole('link', { name: 'English', exact: true }).click();
      await page.waitForURL(`${server.url}en/${v.url}`);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.locator('h1').innerText()).toBe(v.name);
      expect(await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Home' }).count()).toBe(1);
      // Links on an English page stay English: up to the township, then back to Chinese there.
      const township = regions.find((r) => r.code === v.parent)!;
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: township.name }).click();
      await page.waitForURL(`${server.url}en/${township.url}`);
      await page.getByRole('link', { name: '中文', exact: true }).click();
      await page.waitForURL(server.url + township.url);
      expect(await page.locator('h1').innerText()).toBe(township.name);
      await context.close();
    }
  });

  it('the table enhancements speak English on English pages', async () => {
    const v = regions.filter((r) => r.level === 'village').find((r) => [...doc(`en/${r.url}index.html`).querySelectorAll('table[data-sortable] tbody')].some((b) => b.querySelectorAll('tr').length > 12))!;
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}en/${v.url}`);
    const label = page.locator('.filter label').first();
    expect(await label.innerText()).toBe('Filter this table');
    const input = page.locator('.filter input').first();
    const list = page.locator('.filter + .scroll').first();
    await scrollToSee(list);
    const name = (await list.locator('table tbody tr').first().locator('td').first().innerText()).trim();
    expect(name).not.toBe('');
    await input.fill(name);
    await expect.poll(() => page.locator('.filter [role=status]').first().innerText()).toMatch(/^Showing \d+ of \d+ rows$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
