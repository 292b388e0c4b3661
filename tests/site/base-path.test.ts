// `--base /gov/sanwu/`: the site served under a sub-path of an existing government site. Every
// link, stylesheet, script and download must stay under that path, and navigation must work there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import type { Browser } from 'playwright-core';
import { buildSite, launchChromium, listFiles, makeTempDir, serveDir, type BuiltSite, type StaticServer } from '../helpers/site.ts';

const BASE = '/gov/sanwu/';

let site: BuiltSite;
let data: string;
beforeAll(async () => {
  data = makeTempDir('sunlight-base-data-');
  writeFileSync(join(data, 'regions.csv'), ['区划代码,名称,上级代码', '510122000000,示例县,', '510122100000,城关镇,510122000000', '510122100201,王家村,510122100000', '510122100202,李家村,510122100000'].join('\n') + '\n');
  mkdirSync(join(data, 'dibao'));
  writeFileSync(join(data, 'dibao', '2026-10.csv'), ['乡镇,村,户主姓名,保障人数,月保障金额（元）,发放年月', '城关镇,王家村,王大明,2,1120,2026-10', '城关镇,李家村,李小红,1,560,2026-10'].join('\n') + '\n');
  site = await buildSite(data, { base: BASE });
});
afterAll(() => {
  site?.cleanup();
  if (data) rmSync(data, { recursive: true, force: true });
});

describe(`--base ${BASE}`, () => {
  it('every root-relative URL in every page starts with the base path', () => {
    const bad: string[] = [];
    let checked = 0;
    for (const rel of listFiles(site.dir).filter((f) => f.endsWith('.html'))) {
      const { document } = parseHTML(readFileSync(join(site.dir, rel), 'utf8'));
      for (const el of document.querySelectorAll('[href], [src], [action]')) {
        for (const name of ['href', 'src', 'action']) {
          const v = el.getAttribute(name);
          if (!v || !v.startsWith('/') || v.startsWith('//')) continue;
          checked++;
          if (!v.startsWith(BASE)) bad.push(`${rel}: <${el.tagName.toLowerCase()} ${name}="${v}">`);
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(bad).toEqual([]);
  });

  it('English pages live under the base too, and every hreflang link resolves to a page of this build', () => {
    // The one 404 page and the notice-board print views are Chinese only.
    const pages = listFiles(site.dir).filter((f) => f.endsWith('.html') && f !== '404.html' && !/(^|\/)print\/index\.html$/.test(f));
    expect(pages.filter((p) => p.startsWith('en/')).length).toBe(pages.length / 2);
    const bad: string[] = [];
    for (const rel of pages) {
      const links = [...parseHTML(readFileSync(join(site.dir, rel), 'utf8')).document.querySelectorAll('link[rel=alternate][hreflang]')];
      if (links.length !== 3) bad.push(`${rel}: ${links.length} hreflang links`);
      for (const l of links) {
        const href = l.getAttribute('href') ?? '';
        if (!href.startsWith(BASE) || !listFiles(site.dir).includes(`${href.slice(BASE.length)}index.html`)) bad.push(`${rel}: ${l.getAttribute('hreflang')} → ${href}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('manifest urls stay relative to the site root (they work under any base)', () => {
    const manifest = JSON.parse(readFileSync(join(site.dir, 'data', 'manifest.json'), 'utf8')) as { regions: { url: string }[] };
    for (const r of manifest.regions) expect(r.url).toMatch(/^place\/\d{12}\/$/);
  });

  describe('in Chromium, served under the base path', () => {
    let browser: Browser;
    let server: StaticServer;
    beforeAll(async () => {
      [browser, server] = await Promise.all([launchChromium(), serveDir(site.dir, { base: BASE })]);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('home → township → village, the village CSV downloads, and nothing is requested outside the base', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url);
      expect(await page.locator('h1').innerText()).toBeTruthy();
      await page.locator('main').getByRole('link', { name: '城关镇', exact: true }).first().click();
      await page.waitForURL(`${server.url}place/510122100000/`);
      expect(await page.locator('h1').innerText()).toBe('城关镇');
      await page.locator('main').getByRole('link', { name: '王家村', exact: true }).first().click();
      await page.waitForURL(`${server.url}place/510122100201/`);
      expect(await page.locator('h1').innerText()).toBe('王家村');
      const href = await page.getByRole('link', { name: '下载本表（CSV）' }).first().getAttribute('href');
      const csv = await page.request.get(new URL(href!, page.url()).href);
      expect(csv.status()).toBe(200);
      expect((await csv.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toContain('户主姓名');
      // The language switch, under the base path.
      await page.getByRole('link', { name: 'English', exact: true }).click();
      await page.waitForURL(`${server.url}en/place/510122100201/`);
      expect(await page.locator('h1').innerText()).toBe('王家村');
      await page.getByRole('link', { name: '中文', exact: true }).click();
      await page.waitForURL(`${server.url}place/510122100201/`);
      await context.close();
      expect(server.log.filter((r) => r.status >= 400 || !r.path.startsWith(BASE))).toEqual([]);
    });

    it('search: the header link, the index under the base path, and results that open the right page', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByRole('navigation', { name: '网站导航' }).getByRole('link', { name: '搜索' }).click();
      await page.waitForURL(`${server.url}search/`);
      const input = page.getByLabel('地名、姓名、项目名称或数据名称');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill('王大明');
      await input.press('Enter');
      const first = page.locator('#search-results > li > a').first();
      await first.waitFor({ timeout: 15_000 });
      expect(await first.getAttribute('href')).toBe(`${BASE}place/510122100201/`);
      await first.click();
      await page.waitForURL(`${server.url}place/510122100201/`);
      expect(await page.locator('h1').innerText()).toBe('王家村');
      await context.close();
      expect(server.log.some((r) => r.path === `${BASE}pagefind/pagefind.js`)).toBe(true);
      expect(server.log.filter((r) => r.status >= 400 || !r.path.startsWith(BASE))).toEqual([]);
    });
  });
});
