// The built sample site in Debian's Chromium, as a resident uses it: home → township → village,
// sort and filter a table, download a CSV, read the charts with JavaScript off, on a phone and a
// desktop. Nothing may be requested from any host but the site's own.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { ensureDir, launchChromium, SAMPLE_DATA, sampleSite, SCREENSHOT_DIR, scrollToSee, serveDir, type StaticServer } from '../helpers/site.ts';

interface Region { code: string | null; name: string; level: string; parent: string | null; url: string }

let browser: Browser;
let server: StaticServer;
let siteDir: string;
let siteTitle: string;
let regions: Region[];
/** Every request any page made to a host other than 127.0.0.1 (each was blocked). */
const foreign: string[] = [];
const pageErrors: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  siteDir = (await sampleSite()).dir;
  siteTitle = (JSON.parse(readFileSync(join(SAMPLE_DATA, 'site.json'), 'utf8')) as { title: string }).title;
  regions = (JSON.parse(readFileSync(join(siteDir, 'data', 'manifest.json'), 'utf8')) as { regions: Region[] }).regions;
  [browser, server] = await Promise.all([launchChromium(), serveDir(siteDir)]);
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A context whose every request is checked: anything not for 127.0.0.1 is recorded and blocked. */
async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  contexts.push(context);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const { hostname, protocol } = new URL(url);
    if ((protocol === 'http:' || protocol === 'https:') && hostname !== '127.0.0.1') {
      foreign.push(url);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  context.on('request', (req) => {
    const u = new URL(req.url());
    if ((u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') && u.hostname !== '127.0.0.1' && !foreign.includes(req.url())) foreign.push(req.url());
  });
  context.on('page', (p) => {
    p.on('pageerror', (e) => pageErrors.push(`${p.url()}: ${e.message}`));
    p.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`${p.url()}: console: ${m.text()}`); });
  });
  return context;
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  const res = await page.goto(server.url + path, { waitUntil: 'load' });
  expect(res?.status(), path).toBe(200);
  return page;
}

const h1 = (page: Page) => page.locator('h1').innerText();
const county = () => regions.find((r) => r.level === 'county')!;
const township = () => regions.find((r) => r.level === 'township' && r.parent === county().code)!;
/** A village of that township with a 低保 list long enough to filter (more than 10 rows). */
function village(): Region {
  const candidates = regions.filter((r) => r.level === 'village' && r.parent === township().code);
  for (const v of candidates) {
    const html = readFileSync(join(siteDir, v.url, 'index.html'), 'utf8');
    const list = /<caption[^>]*>[^<]*低保对象名单<\/caption>[\s\S]*?<\/tbody>/.exec(html);
    if (list && (list[0].match(/<tr>/g) ?? []).length > 12) return v;
  }
  throw new Error('no village with a long 低保 list in the sample');
}

/** The 低保 list of a village page (caption 「…低保对象名单」). */
const dibaoList = (page: Page): Locator => page.locator('table', { has: page.locator('caption', { hasText: '低保对象名单' }) }).first();

async function columnIndex(table: Locator, title: string): Promise<number> {
  const titles = await table.locator('thead th').allInnerTexts();
  const i = titles.findIndex((t) => t.trim() === title);
  expect(i, `column ${title} in ${titles.join('|')}`).toBeGreaterThanOrEqual(0);
  return i;
}

/** The numbers a reader sees in a column of the visible rows ("1,776.00" → 1776). */
async function visibleNumbers(table: Locator, col: number): Promise<number[]> {
  return table.evaluate((t, j) => [...(t as HTMLTableElement).tBodies[0]!.rows].filter((r) => !r.hidden)
    .map((r) => Number((r.cells[j]?.textContent ?? '').replace(/[,\s元]/g, ''))), col);
}

const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x);
const descending = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! >= x);

describe('a resident on the site', () => {
  it('goes home → township → village by clicking links, with the right heading at each step', async () => {
    const context = await newContext();
    const page = await open(context, '');
    expect(await h1(page)).toBe(siteTitle);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    const t = township();
    await page.locator('main').getByRole('link', { name: t.name, exact: true }).first().click();
    await page.waitForURL(server.url + t.url);
    expect(await h1(page)).toBe(t.name);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // Breadcrumbs lead back up.
    const crumbs = page.getByRole('navigation', { name: '所在位置' });
    await expect.poll(() => crumbs.getByRole('link', { name: county().name }).count()).toBe(1);

    const v = village();
    await page.locator('main').getByRole('link', { name: v.name, exact: true }).first().click();
    await page.waitForURL(server.url + v.url);
    expect(await h1(page)).toBe(v.name);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await crumbs.getByRole('link', { name: t.name }).count()).toBe(1);
    await crumbs.getByRole('link', { name: t.name }).click();
    await page.waitForURL(server.url + t.url);
    expect(await h1(page)).toBe(t.name);
  });

  it('sorts the 低保 list by clicking a numeric column header (ascending, then descending; keyboard too)', async () => {
    const context = await newContext();
    const page = await open(context, village().url);
    const table = dibaoList(page);
    // A list below the first screen is laid out only when scrolled near (content-visibility), as a reader scrolls to it.
    await scrollToSee(table);
    const col = await columnIndex(table, '月保障金额（元）');
    const before = await visibleNumbers(table, col);
    expect(before.length).toBeGreaterThan(10);
    expect(before.every(Number.isFinite)).toBe(true);
    expect(ascending(before) || descending(before), 'the list must not start sorted, or sorting proves nothing').toBe(false);

    const header = table.locator('thead th').nth(col);
    await header.getByRole('button').click();
    const up = await visibleNumbers(table, col);
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(up).not.toEqual(before);
    expect(up).toEqual([...before].sort((a, b) => a - b)); // numerically: 952 before 1,776
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await visibleNumbers(table, col)).toEqual([...before].sort((a, b) => b - a));
    // The header is a real button: Enter sorts again, ascending.
    await header.getByRole('button').focus();
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await visibleNumbers(table, col)).toEqual([...before].sort((a, b) => a - b));
  });

  it('filters the 低保 list with the filter box that JavaScript adds', async () => {
    const context = await newContext();
    const page = await open(context, village().url);
    const table = dibaoList(page);
    // A list below the first screen is laid out only when scrolled near (content-visibility), as a reader scrolls to it.
    await scrollToSee(table);
    const rows = table.locator('tbody tr');
    const total = await rows.count();
    const inputId = await table.evaluate((t) => (t.closest('.scroll') ?? t).previousElementSibling?.querySelector('input')?.id ?? '');
    expect(inputId, 'a filter input right before the table').not.toBe('');
    const input = page.locator(`#${inputId}`);
    expect(await page.locator(`label[for="${inputId}"]`).innerText()).toBe('筛选本表');

    const name = (await rows.nth(2).locator('td').first().innerText()).trim();
    const expected = (await rows.allInnerTexts()).filter((t) => t.includes(name)).length;
    expect(expected).toBeLessThan(total);
    await input.fill(name);
    await expect.poll(() => table.locator('tbody tr:visible').count()).toBe(expected);
    for (const t of await table.locator('tbody tr:visible').allInnerTexts()) expect(t).toContain(name);
    expect(await page.locator(`#${inputId} ~ [role=status]`).innerText()).toBe(`显示 ${expected} / ${total} 行`);

    await input.fill('没有这个名字');
    await expect.poll(() => table.locator('tbody tr:visible').count()).toBe(0);
    await input.fill('');
    await expect.poll(() => table.locator('tbody tr:visible').count()).toBe(total);
  });

  it('with JavaScript off, the village page still shows its charts (SVG) and tables', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await open(context, village().url);
    expect(await h1(page)).toBe(village().name);
    const charts = page.locator('svg.sl-chart');
    expect(await charts.count()).toBeGreaterThanOrEqual(4);
    for (const chart of await charts.all()) {
      const box = await chart.boundingBox();
      expect(box && box.width > 100 && box.height > 50, 'chart drawn at a readable size').toBe(true);
      expect(await chart.locator('title').count()).toBe(1);
      expect(await chart.locator('rect, path, line, circle').count()).toBeGreaterThan(0);
    }
    const tables = page.locator('table');
    expect(await tables.count()).toBeGreaterThanOrEqual(8);
    expect(await dibaoList(page).locator('tbody tr').count()).toBeGreaterThan(10);
    expect(await dibaoList(page).isVisible()).toBe(true);
    // JavaScript really was off: no filter box, no sort buttons.
    expect(await page.locator('input[type=search]').count()).toBe(0);
    expect(await page.locator('th button').count()).toBe(0);
  });

  it("downloads the village's 低保 list as a CSV: UTF-8 BOM, header 户主姓名, the same rows as the page", async () => {
    const context = await newContext({ acceptDownloads: true });
    const page = await open(context, village().url);
    const section = page.locator('section#dibao');
    const link = section.getByRole('link', { name: '下载本表（CSV）' });
    expect(await link.count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    // Saved under the table's caption: which village and which month, not dibao.csv for every one.
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${village().name}\\d{4}年\\d{1,2}月低保对象名单\\.csv$`));
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.trimEnd().split(/\r?\n/);
    expect(lines[0]!.split(',')).toEqual(expect.arrayContaining(['乡镇', '村', '户主姓名', '发放年月']));
    expect(lines[1]!.split(',')[1]).toBe(village().name);
    expect(lines.length - 1).toBe(await dibaoList(page).locator('tbody tr').count());
    // The server says what it is.
    const head = await page.request.get(new URL((await link.getAttribute('href'))!, server.url).href);
    expect(head.headers()['content-type']).toMatch(/^text\/csv/);
  });
});

/** WeChat's built-in browser on Android, as it identifies itself. */
const WECHAT_UA = 'Mozilla/5.0 (Linux; Android 12; V2055A Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5127 MMWEBSDK/20230504 MicroMessenger/8.0.37.2380(0x2800253D) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

describe("in WeChat's built-in browser, which cannot download files", () => {
  it('a tapped CSV link or chart download says how to download instead of failing silently', async () => {
    const context = await newContext({ userAgent: WECHAT_UA, acceptDownloads: true, viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
    const page = await open(context, village().url);
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    const section = page.locator('section#dibao');
    const note = section.locator('.wx-note');
    expect(await note.count()).toBe(0);
    await section.getByRole('link', { name: '下载本表（CSV）' }).click();
    await expect.poll(() => note.first().innerText()).toContain('在浏览器打开');
    expect(await note.first().isVisible()).toBe(true);
    // Tapping again does not pile up notes.
    await section.getByRole('link', { name: '下载本表（CSV）' }).click();
    expect(await note.count()).toBe(1);
    // A chart's PNG button: the same note under its buttons, and no download attempted.
    const png = section.locator('.chart-dl button[data-format=png]').first();
    await scrollToSee(png);
    await png.click();
    await expect.poll(() => section.locator('.chart-dl + .wx-note').first().innerText()).toContain('在浏览器打开');
    await page.waitForTimeout(300);
    expect(downloads).toEqual([]);
  });

  it('elsewhere the same links download as before, with no note', async () => {
    const context = await newContext({ acceptDownloads: true });
    const page = await open(context, village().url);
    const section = page.locator('section#dibao');
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: '下载本表（CSV）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(await page.locator('.wx-note').count()).toBe(0);
  });
});

const VIEWPORTS: { name: string; options: BrowserContextOptions; width: number }[] = [
  { name: 'phone', width: 360, options: { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
  { name: 'desktop', width: 1280, options: { viewport: { width: 1280, height: 900 } } },
];

describe('screenshots (look at them: test-results/screenshots/)', () => {
  for (const vp of VIEWPORTS) {
    it(`home, a township and a village at ${vp.name} width (${vp.width} px): no sideways scrolling of the page`, async () => {
      const context = await newContext(vp.options);
      ensureDir(SCREENSHOT_DIR);
      for (const [name, path] of [['home', ''], ['township', township().url], ['village', village().url]] as const) {
        const page = await open(context, path);
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        expect(await page.evaluate(() => innerWidth), `${name} layout width`).toBe(vp.width);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth, `${name}: the whole page scrolls sideways`).toBeLessThanOrEqual(vp.width);
        // Anything wider than the screen must sit in its own scrolling region (tables), not stick out.
        const sticking = await page.evaluate((w) => [...document.querySelectorAll('body *')].filter((el) => {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.right <= w + 1) return false;
          for (let p = el.parentElement; p; p = p.parentElement) if (/(auto|scroll|hidden)/.test(getComputedStyle(p).overflowX)) return false;
          return true;
        }).map((el) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`).slice(0, 5), vp.width);
        expect(sticking, `${name}: elements past the right edge`).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${vp.name}.png`), fullPage: true });
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${vp.name}-top.png`), fullPage: false });
        await page.close();
      }
    });
  }
});

describe('the whole session', () => {
  it('made no request to any host other than 127.0.0.1, and no page had a script error or a missing file', () => {
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(server.log.filter((r) => r.status >= 400)).toEqual([]);
    expect(server.log.length).toBeGreaterThan(10);
  });
});
