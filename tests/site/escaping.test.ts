// A cell that looks like HTML reaches every page as text, and a cell that looks like a spreadsheet
// formula cannot run as one when a journalist opens the CSV download.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import Papa from 'papaparse';
import type { Browser } from 'playwright-core';
import { buildSite, launchChromium, listFiles, makeTempDir, serveDir, type BuiltSite, type StaticServer } from '../helpers/site.ts';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '</script><script>alert(2)</script>';
const FORMULAS = ['=HYPERLINK("http://x","y")', '+1+1', '@SUM(A1)', '-2+3'];
const VILLAGE = '510122100201';

/** One county, one township, one village; a 低保 list whose public cells are hostile. */
function writeData(dir: string): void {
  writeFileSync(join(dir, 'regions.csv'), ['区划代码,名称,上级代码', '510122000000,示例县,', '510122100000,城关镇,510122000000', `${VILLAGE},王家村,510122100000`].join('\n') + '\n');
  mkdirSync(join(dir, 'dibao'));
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const rows = [
    '乡镇,村,户主姓名,保障人数,月保障金额（元）,保障类别,发放年月',
    `城关镇,王家村,${IMG},1,560,${IMG},2026-10`,
    `城关镇,王家村,${q(SCRIPT)},2,1120,A类,2026-10`,
    `城关镇,王家村,张三,2,1120,${q(FORMULAS[0]!)},2026-10`,
    `城关镇,王家村,李四,1,560,${FORMULAS[1]},2026-10`,
    `城关镇,王家村,王五,3,1680,${FORMULAS[2]},2026-10`,
    `城关镇,王家村,赵六,1,565.5,${FORMULAS[3]},2026-10`,
  ];
  writeFileSync(join(dir, 'dibao', '2026-10.csv'), rows.join('\n') + '\n');
}

let site: BuiltSite;
let data: string;
beforeAll(async () => {
  data = makeTempDir('sunlight-escape-data-');
  writeData(data);
  site = await buildSite(data);
});
afterAll(() => {
  site?.cleanup();
  if (data) rmSync(data, { recursive: true, force: true });
});

function pages(): { rel: string; html: string; document: Document }[] {
  return listFiles(site.dir).filter((f) => f.endsWith('.html')).map((rel) => {
    const html = readFileSync(join(site.dir, rel), 'utf8');
    return { rel, html, document: parseHTML(html).document as unknown as Document };
  });
}

describe('HTML in a cell reaches the pages as text', () => {
  it('the village page and the dataset page show the cell as text, escaped in the source', () => {
    for (const rel of [`place/${VILLAGE}/index.html`, 'datasets/dibao/index.html']) {
      const html = readFileSync(join(site.dir, rel), 'utf8');
      expect(html, rel).toContain('&lt;img src=x onerror=alert(1)&gt;');
      const { document } = parseHTML(html);
      const cells = [...document.querySelectorAll('td, th')].map((c) => (c.textContent ?? '').trim());
      expect(cells, rel).toContain(IMG);
      expect(cells, rel).toContain(SCRIPT);
    }
  });

  it('no page has an <img> element, an event-handler attribute or a script that was not ours', () => {
    const all = pages();
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const { rel, html, document } of all) {
      expect(document.querySelectorAll('img').length, rel).toBe(0);
      expect(html, rel).not.toMatch(/<img[\s>]/i);
      const handlers = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${el.tagName.toLowerCase()} ${a.name}>`));
      expect(handlers, rel).toEqual([]);
      for (const s of document.querySelectorAll('script')) expect(s.textContent ?? '', rel).not.toContain('alert(');
    }
  });
});

describe('formulas in a cell are neutralised in the CSV downloads', () => {
  const files = () => [
    { rel: 'data/dibao.csv', header: '户主姓名' },
    { rel: `data/places/${VILLAGE}/dibao.csv`, header: '户主姓名' },
  ];

  it('each formula cell starts with an apostrophe and is quoted properly; amounts stay plain numbers', () => {
    for (const { rel } of files()) {
      const raw = readFileSync(join(site.dir, rel), 'utf8');
      expect(raw.startsWith('\uFEFF'), rel).toBe(true);
      // The exact bytes a spreadsheet sees: RFC 4180 quoting around the neutralised HYPERLINK.
      expect(raw, rel).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
      const rows = Papa.parse<Record<string, string>>(raw.slice(1), { header: true, skipEmptyLines: true }).data;
      const byName = new Map(rows.map((r) => [r['户主姓名'], r]));
      const category = (name: string) => byName.get(name)?.['保障类别'];
      expect(category('张三'), rel).toBe(`'${FORMULAS[0]}`);
      expect(category('李四'), rel).toBe(`'${FORMULAS[1]}`);
      expect(category('王五'), rel).toBe(`'${FORMULAS[2]}`);
      expect(category('赵六'), rel).toBe(`'${FORMULAS[3]}`);
      // No cell of the file begins with a character a spreadsheet would evaluate.
      for (const r of rows) for (const [k, v] of Object.entries(r)) expect(v, `${rel} ${k}`).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
      // Amounts and counts: bare numbers (no apostrophe, no quotes, no thousands separators).
      const amounts = rows.map((r) => r['月保障金额（元）']);
      expect(amounts.sort(), rel).toEqual(['1120', '1120', '1680', '560', '560', '565.5']);
      expect(raw, rel).toMatch(/,1680,/);
      expect(rows.map((r) => r['保障人数']).sort(), rel).toEqual(['1', '1', '1', '2', '2', '3']);
    }
  });

  it('HTML in a cell stays as written in the CSV (it is data, not markup) and the JSON keeps the original text', () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(site.dir, 'data/dibao.csv'), 'utf8').slice(1), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r['户主姓名'])).toContain(IMG);
    const json = JSON.parse(readFileSync(join(site.dir, 'data/dibao.json'), 'utf8')) as Record<string, unknown>[];
    expect(json.map((r) => r['保障类别'])).toContain(FORMULAS[0]);
    expect(json.find((r) => r['户主姓名'] === '王五')?.['月保障金额（元）']).toBe(1680);
  });
});

describe('in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveDir(site.dir);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the village page runs no injected markup: no <img>, no dialog, the cell text is visible', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    for (const path of [`place/${VILLAGE}/`, 'datasets/dibao/']) {
      await page.goto(server.url + path, { waitUntil: 'load' });
      await page.waitForTimeout(200);
      // A long list on a dataset page is folded: open it as a reader would.
      for (const summary of await page.locator('details.fold > summary').all()) await summary.click();
      expect(await page.evaluate(() => document.querySelectorAll('img').length), path).toBe(0);
      await expect.poll(() => page.getByText(IMG, { exact: true }).first().isVisible()).toBe(true);
      await expect.poll(() => page.getByText(SCRIPT, { exact: true }).first().isVisible()).toBe(true);
    }
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
  it('the search page shows a hostile name from the index as text: no <img>, no dialog', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });
    await page.goto(`${server.url}search/?q=onerror`, { waitUntil: 'load' });
    const result = page.locator('#search-results > li').first();
    await result.waitFor({ timeout: 15_000 });
    expect(await result.locator('a').getAttribute('href')).toBe(`/place/${VILLAGE}/`);
    expect(await result.innerText()).toContain('<img src=x onerror=alert('); // the excerpt, as text
    expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
