// Site search in Debian's Chromium on the built sample: Pagefind's index (written by the build from
// the site model) finds villages by part of their name, by a name on their published lists and by
// their project names; results link to the right pages; without JavaScript the page says search
// needs it and offers the place lists. Nothing is requested from another host.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { bucketOf, lookUpName, type NameBucket, type NameIndex } from '../../src/lib/search/name-index.ts';
import { buildSite, launchChromium, SAMPLE_DATA, sampleSite, scrollToSee, serveDir, type BuiltSite, type StaticServer } from '../helpers/site.ts';

interface Region { name: string; level: string; url: string }

let browser: Browser;
let server: StaticServer;
let siteDir: string;
let regions: Region[];
const foreign: string[] = [];
const pageErrors: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  siteDir = (await sampleSite()).dir;
  regions = (JSON.parse(readFileSync(join(siteDir, 'data', 'manifest.json'), 'utf8')) as { regions: Region[] }).regions;
  [browser, server] = await Promise.all([launchChromium(), serveDir(siteDir)]);
});
afterEach(async () => { await Promise.all(contexts.splice(0).map((c) => c.close())); });
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  contexts.push(context);
  await context.route('**/*', (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    if ((protocol === 'http:' || protocol === 'https:') && hostname !== '127.0.0.1') {
      foreign.push(route.request().url());
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  context.on('page', (p) => {
    p.on('pageerror', (e) => pageErrors.push(`${p.url()}: ${e.message}`));
    p.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`${p.url()}: console: ${m.text()}`); });
  });
  return context;
}

/** The page's `place/<id>/` for a place name (the sample's names are unique). */
const placeUrl = (name: string) => regions.find((r) => r.name === name)!.url;

/** A column of a place's page table (data/places/<id>/<dataset>.csv), as the page shows it. */
function column(url: string, dataset: string, title: string): string[] {
  const id = url.split('/')[1]!;
  const text = readFileSync(join(siteDir, 'data', 'places', id, `${dataset}.csv`), 'utf8').replace(/^\uFEFF/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data.map((r) => r[title]!.replace(/^'/, ''));
}

/** Every name on every village's published lists, per village url. */
function listedNames(): Map<string, Set<string>> {
  const byPlace = new Map<string, Set<string>>();
  for (const id of readdirSync(join(siteDir, 'data', 'places'))) {
    const url = `place/${id}/`;
    const names = new Set<string>();
    for (const [dataset, title] of [['dibao', '户主姓名'], ['tekun', '姓名'], ['pension', '姓名']] as const) {
      try { for (const n of column(url, dataset, title)) names.add(n); } catch { /* this place has no such list */ }
    }
    byPlace.set(url, names);
  }
  return byPlace;
}

async function searchFor(page: Page, query: string): Promise<string[]> {
  const input = page.getByLabel('地名、姓名、项目名称或数据名称');
  await input.fill(query);
  await input.press('Enter');
  await expect.poll(() => page.locator('#search-status').innerText(), { timeout: 15_000 }).toMatch(/找到 \d+ 个(?:相近的)?结果|没有找到/);
  return page.locator('#search-results > li > a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
}

async function openSearch(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const res = await page.goto(server.url);
  expect(res?.status()).toBe(200);
  // The header's search link, on every page.
  await page.getByRole('navigation', { name: '网站导航' }).getByRole('link', { name: '搜索' }).click();
  await page.waitForURL(`${server.url}search/`);
  await expect.poll(() => page.locator('#search-form').isVisible(), { timeout: 15_000 }).toBe(true);
  return page;
}

describe('searching the sample site', () => {
  it('王家 finds 王家村 (first), and clicking the result opens its page', async () => {
    const page = await openSearch(await newContext());
    const urls = await searchFor(page, '王家');
    const wangjia = '/' + placeUrl('王家村');
    expect(urls[0]).toBe(wangjia);
    // Results are the places whose page shows 王家 somewhere (its name, or a name on its lists).
    const names = listedNames();
    const expected = [...names].filter(([url, set]) => url === placeUrl('王家村') || [...set].some((n) => n.includes('王家'))).map(([url]) => '/' + url);
    expect([...urls].sort()).toEqual(expect.arrayContaining(expected.sort()));
    await page.locator('#search-results a').first().click();
    await page.waitForURL(server.url + placeUrl('王家村'));
    expect(await page.locator('h1').innerText()).toBe('王家村');
  });

  it("a name on a village's 低保 list finds that village", async () => {
    const page = await openSearch(await newContext());
    const names = listedNames();
    const village = placeUrl('李庄村');
    // A head of household listed in this village only, so the expected result is unambiguous.
    const name = column(village, 'dibao', '户主姓名').find((n) => [...names].every(([url, set]) => url === village || !set.has(n)))!;
    expect(name).toBeTruthy();
    const urls = await searchFor(page, name);
    expect(urls[0]).toBe('/' + village);
    await page.locator('#search-results a').first().click();
    await page.waitForURL(server.url + village);
    // The reader scrolls down to the list (laid out only when near the screen) and sees the name.
    const cell = page.locator('main td', { hasText: name }).first();
    await scrollToSee(cell);
    expect(await cell.innerText()).toContain(name);
  });

  it("a project's name finds its village", async () => {
    const page = await openSearch(await newContext());
    const village = placeUrl('东坡村');
    const project = column(village, 'projects', '项目名称')[0]!;
    expect(project).toContain('东坡村');
    // Part of the name finds it (substring), the whole name puts it first.
    expect(await searchFor(page, project.slice(0, -2))).toContain('/' + village);
    expect((await searchFor(page, project))[0]).toBe('/' + village);
  });

  it('a dataset title finds the dataset page; nonsense finds nothing and says so', async () => {
    const page = await openSearch(await newContext());
    expect((await searchFor(page, '特困供养'))[0]).toBe('/datasets/tekun/');
    expect(await searchFor(page, '没有这个地方')).toEqual([]);
    expect(await page.locator('#search-status').innerText()).toContain('没有找到「没有这个地方」');
  });

  it('search/?q=… searches at once (a link can carry the query)', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}search/?q=${encodeURIComponent('石桥')}`);
    await expect.poll(() => page.locator('#search-results > li > a').first().getAttribute('href'), { timeout: 15_000 }).toBe('/' + placeUrl('石桥村'));
  });

  it('without JavaScript the search page says it needs JavaScript and offers browsing by place', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}search/`);
    expect(await page.locator('h1').innerText()).toBe('搜索');
    expect(await page.locator('#search-fallback').innerText()).toContain('搜索需要浏览器启用 JavaScript');
    expect(await page.locator('#search-form').isVisible()).toBe(false);
    const township = regions.find((r) => r.level === 'township')!;
    await page.locator('#search-fallback').getByRole('link', { name: township.name, exact: true }).click();
    await page.waitForURL(server.url + township.url);
    expect(await page.locator('h1').innerText()).toBe(township.name);
  });

  it('in English: the header link opens the English search, and results name a place\'s kind as its page does', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}en/`);
    await page.getByRole('navigation').first().getByRole('link', { name: 'Search', exact: true }).click();
    await page.waitForURL(`${server.url}en/search/`);
    await expect.poll(() => page.locator('#search-form').isVisible(), { timeout: 15_000 }).toBe(true);
    const input = page.getByLabel('A place, a name, a project or a dataset');
    await input.fill('红星');
    await input.press('Enter');
    await expect.poll(() => page.locator('#search-status').innerText(), { timeout: 15_000 }).toMatch(/\d+ results?/);
    const first = page.locator('#search-results > li').first();
    expect(await first.locator('a').innerText()).toBe('红星社区');
    expect(await first.locator('.meta').innerText()).toMatch(/community$/);
    expect(await first.locator('a').getAttribute('href')).toBe('/en/' + placeUrl('红星社区'));
  });

  it('a place named exactly as typed counts as exact even when the browser splits the name unlike the index', async () => {
    const context = await newContext();
    // A browser whose word segmenter splits every character (as ICU splits some names, 下|坪|镇).
    await context.addInitScript(() => {
      (Intl as unknown as { Segmenter: unknown }).Segmenter = class { segment(s: string) { return [...s].map((c) => ({ segment: c, isWordLike: true })); } };
    });
    const page = await openSearch(context);
    const urls = await searchFor(page, '王家村');
    expect(urls[0]).toBe('/' + placeUrl('王家村'));
    expect(await page.locator('#search-status').innerText()).toMatch(/^找到 \d+ 个结果$/);
  });

  it('says search is unavailable, and offers browsing by place, when a security policy stops Pagefind\'s WebAssembly', async () => {
    // Its own context: the refused WebAssembly is logged as a console error, which the suite's
    // other contexts count as a defect.
    const context = await browser.newContext({ locale: 'zh-CN' });
    contexts.push(context);
    // On every response, as a server's add_header would send it (Pagefind compiles in a worker).
    await context.route('**/*', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'" } });
    });
    const page = await context.newPage();
    await page.goto(`${server.url}search/`);
    await expect.poll(() => page.locator('#search-form').isVisible(), { timeout: 15_000 }).toBe(true);
    const input = page.getByLabel('地名、姓名、项目名称或数据名称');
    await input.fill('王家');
    await input.press('Enter');
    await expect.poll(() => page.locator('#search-status').innerText(), { timeout: 15_000 }).toContain('搜索暂时无法使用');
    expect(await page.locator('#search-fallback').isVisible()).toBe(true);
  });

  it('made no request to another host, no script errors, no missing files', () => {
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(server.log.filter((r) => r.status >= 400)).toEqual([]);
    expect(server.log.some((r) => r.path.startsWith('/pagefind/'))).toBe(true);
  });
});

// A province lists millions of names: above NAME_SEARCH_MAX_PLACES places they go to one index per
// county, and the reader picks the county. The sample built as if it were such a site.
describe('searching names on a large site (one name index per county)', () => {
  let large: BuiltSite;
  let largeServer: StaticServer;
  const COUNTY = '999901000000';
  beforeAll(async () => {
    large = await buildSite(SAMPLE_DATA, { env: { SUNLIGHT_NAME_SEARCH_MAX_PLACES: '5' } });
    largeServer = await serveDir(large.dir);
  });
  afterAll(async () => {
    await largeServer?.close();
    large?.cleanup();
  });

  /** A head of household listed in 李庄村 only. */
  const uniqueName = () => {
    const names = listedNames();
    const village = placeUrl('李庄村');
    return { village, name: column(village, 'dibao', '户主姓名').find((n) => [...names].every(([url, set]) => url === village || !set.has(n)))! };
  };

  it('writes the county\'s name index next to the site index', () => {
    expect(existsSync(join(large.dir, 'pagefind', 'pagefind.js'))).toBe(true);
    expect(existsSync(join(large.dir, 'pagefind', 'names', COUNTY, 'index.json'))).toBe(true);
  });

  it('a name is not found until its county is chosen; then it leads to the village', async () => {
    const { village, name } = uniqueName();
    const page = await (await newContext()).newPage();
    await page.goto(`${largeServer.url}search/`);
    await expect.poll(() => page.locator('#search-form').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('#search-hint').innerText()).toContain('请先选择所在的县');
    // Without a county, the site's index has no people's names: no exact match (Pagefind may still
    // match single characters of the name loosely elsewhere).
    await searchFor(page, name);
    expect(await page.locator('#search-status').innerText()).toMatch(/没有完全相同的结果|没有找到/);

    // Choosing the county searches again.
    await page.getByLabel('在哪个县（区）查找姓名').selectOption({ label: '示例县' });
    await expect.poll(() => page.locator('#search-status').innerText(), { timeout: 15_000 }).toMatch(/^找到 \d+ 个结果$/);
    expect(await page.locator('#search-results > li > a').first().getAttribute('href')).toBe('/' + village);
    // The excerpt shows the name as published, marked.
    expect(await page.locator('#search-results > li').first().locator('mark').allInnerTexts()).toContain(name);
    await page.locator('#search-results a').first().click();
    await page.waitForURL(largeServer.url + village);
    const cell = page.locator('main td', { hasText: name }).first();
    await scrollToSee(cell);
    expect(await cell.innerText()).toContain(name);
  });

  it('a name is found by its first characters, the places that list it first, as lookUpName orders them', async () => {
    const { village, name } = uniqueName();
    const prefix = name.slice(0, 2);
    const dir = join(large.dir, 'pagefind', 'names', COUNTY);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as NameIndex;
    const bucket = JSON.parse(readFileSync(join(dir, `b${bucketOf(index, prefix)}.json`), 'utf8')) as NameBucket;
    const expected = lookUpName(bucket, prefix).map((m) => '/' + index.places[m.place]![0]);
    expect(expected).toContain('/' + village);
    const page = await (await newContext()).newPage();
    await page.goto(`${largeServer.url}search/?q=${encodeURIComponent(prefix)}&county=${COUNTY}`);
    await expect.poll(() => page.locator('#search-status').innerText(), { timeout: 15_000 }).toMatch(/找到 \d+ 个/);
    for (let more = page.locator('button.more'); await more.count();) await more.click();
    const hrefs = await page.locator('#search-results > li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.slice(0, expected.length)).toEqual(expected);
    // Each lists the names found there, marked, all starting with what was typed.
    const marks = await page.locator('#search-results > li').first().locator('mark').allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m.startsWith(prefix)).toBe(true);
    // Characters from the middle of a name find nothing in the name index.
    await searchFor(page, name.slice(1));
    expect(await page.locator('#search-results mark').allInnerTexts()).not.toContain(name);
  });

  it("a village page links to its county's name search", async () => {
    const { village } = uniqueName();
    const page = await (await newContext()).newPage();
    await page.goto(largeServer.url + village);
    await page.getByRole('link', { name: '在本县（区）公示名单中查找姓名' }).click();
    await page.waitForURL(`${largeServer.url}search/?county=${COUNTY}`);
    await expect.poll(() => page.locator('#search-form').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('#search-county').inputValue()).toBe(COUNTY);
  });

  it('search/?q=…&county=… chooses the county and searches at once', async () => {
    const { village, name } = uniqueName();
    const page = await (await newContext()).newPage();
    await page.goto(`${largeServer.url}search/?q=${encodeURIComponent(name)}&county=${COUNTY}`);
    await expect.poll(() => page.locator('#search-results > li > a').first().getAttribute('href'), { timeout: 15_000 }).toBe('/' + village);
    expect(await page.locator('#search-county').inputValue()).toBe(COUNTY);
  });
});
