// The notice board (公开栏): a village's print view printed to PDF by Debian's Chromium, as an office
// would print it. The PDF must be A4, a sensible number of pages, carry the title, the period, the
// 公示期, the contact and the names, and its QR code must decode to the village's page online.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import type { Browser, Page } from 'playwright-core';
import { ensureDir, launchChromium, makeTempDir, SAMPLE_DATA, sampleSite, SCREENSHOT_DIR, serveDir, type StaticServer } from '../helpers/site.ts';
import { decodeQrSvg, decodeRgba } from '../helpers/qr-decode.ts';

interface Region { code: string | null; name: string; level: string; parent: string | null; url: string }

const A4 = [595.28, 841.89]; // points
let browser: Browser;
let server: StaticServer;
let siteDir: string;
let site: { url: string; contact: string; publisher: string };
let village: Region;
let townshipName: string;
let recipient: string;

beforeAll(async () => {
  siteDir = (await sampleSite()).dir;
  site = JSON.parse(readFileSync(join(SAMPLE_DATA, 'site.json'), 'utf8')) as typeof site;
  const regions = (JSON.parse(readFileSync(join(siteDir, 'data', 'manifest.json'), 'utf8')) as { regions: Region[] }).regions;
  village = regions.find((r) => r.level === 'village')!;
  townshipName = regions.find((r) => r.code === village.parent)!.name;
  // A recipient from the village's online page: the first name in its 低保 list.
  const { document } = parseHTML(readFileSync(join(siteDir, village.url, 'index.html'), 'utf8'));
  recipient = document.querySelector('#dibao tbody tr td')!.textContent!.trim();
  [browser, server] = await Promise.all([launchChromium(), serveDir(siteDir)]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPrint(options: { javaScriptEnabled?: boolean; deviceScaleFactor?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 794, height: 1123 }, ...options });
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient')));
  const page = await context.newPage();
  const res = await page.goto(`${server.url}${village.url}print/`, { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
  return page;
}

/** [width, height] of every page in the PDF, from each page's /MediaBox. */
function mediaBoxes(pdf: Buffer): number[][] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])]);
}

function pdfToText(file: string): string {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`pdftotext failed (${r.error?.message ?? r.stderr}). Install it with: apt-get install poppler-utils`);
  return r.stdout;
}

describe('a village printed for the notice board', () => {
  it('prints to A4 PDF pages, one sheet per dataset, with the title, period, 公示期, contact and names', async () => {
    const page = await openPrint();
    const sheets = await page.locator('article.sheet').count();
    expect(sheets).toBeGreaterThanOrEqual(5);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
    await page.context().close();
    const file = join(makeTempDir('sunlight-print-'), 'village.pdf');
    writeFileSync(file, pdf);

    const boxes = mediaBoxes(pdf);
    // Every sheet starts a page; none of the sample's lists needs more than two A4 pages.
    expect(boxes.length).toBeGreaterThanOrEqual(sheets);
    expect(boxes.length).toBeLessThanOrEqual(sheets * 2);
    for (const [w, h] of boxes) {
      expect(Math.abs(w! - A4[0]!)).toBeLessThan(1.5);
      expect(Math.abs(h! - A4[1]!)).toBeLessThan(1.5);
    }

    const text = pdfToText(file).replace(/\s+/g, '');
    expect(text).toContain(`${village.name}低保对象公示`);
    expect(text).toContain(townshipName);
    expect(text).toContain('公开期间：2026年10月');
    expect(text).toContain('公示期：2026年10月1日至10月7日');
    expect(text).toContain('公示期已于2026年10月7日结束');
    expect(text).toContain(`监督电话：${site.contact}`);
    expect(text).toContain(`发布单位：${site.publisher}`);
    expect(text).toContain('数据截至：2026年11月22日');
    expect(text).toContain(recipient);
    expect(text).toContain(`${site.url}${village.url}`);
    // Every printed page says where to object: a list running onto a second page repeats the title
    // and the 监督电话 above its column headers, so a page posted alone still carries them.
    for (let i = 1; i <= boxes.length; i++) {
      const r = spawnSync('pdftotext', ['-enc', 'UTF-8', '-f', String(i), '-l', String(i), file, '-'], { encoding: 'utf8' });
      expect(r.stdout.replace(/\s+/g, ''), `page ${i}`).toContain(`监督电话：${site.contact}`);
    }
    // No navigation, no charts, no instructions or button on paper.
    expect(text).not.toContain('打印说明');
    expect(text).not.toContain('返回');
    expect(text).not.toContain('跳到正文');
  });

  it('its QR code decodes to the village page online, from the SVG and as Chromium draws it', async () => {
    const page = await openPrint({ deviceScaleFactor: 3 });
    const want = `${site.url}${village.url}`;
    const svgs = await page.locator('svg.qr').evaluateAll((els) => els.map((e) => e.outerHTML));
    expect(svgs.length).toBe(await page.locator('article.sheet').count());
    expect(decodeQrSvg(svgs[0]!)).toBe(want);
    // Rasterised by the browser (as it prints), read back by jsQR.
    const { width, height, data } = await page.evaluate(async (svg) => {
      const img = new Image();
      img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg.replace('<svg ', '<svg xmlns="http://www.w3.org/2000/svg" width="264" height="264" '));
      await img.decode();
      const c = document.createElement('canvas');
      c.width = c.height = 264;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      return { width: 264, height: 264, data: [...g.getImageData(0, 0, 264, 264).data] };
    }, svgs[0]!);
    expect(decodeRgba(new Uint8ClampedArray(data), width, height)).toBe(want);
    // The later sheets draw the first one's path (<use>): what Chromium puts on the last sheet.
    const last = page.locator('svg.qr').last();
    expect(await last.evaluate((e) => e.querySelector('use')?.getAttribute('href'))).toMatch(/^#/);
    const png = (await last.screenshot({ scale: 'device' })).toString('base64');
    const shot = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + b64;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      return { width: img.width, height: img.height, data: [...g.getImageData(0, 0, img.width, img.height).data] };
    }, png);
    expect(decodeRgba(new Uint8ClampedArray(shot.data), shot.width, shot.height)).toBe(want);
    await page.context().close();
  });

  it('shows the 打印 button only with JavaScript, and never prints it', async () => {
    const withJs = await openPrint();
    // The inline script runs before `load`; the wait only allows for a slow machine.
    await withJs.locator('.print-btn').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await withJs.locator('.print-btn').isVisible()).toBe(true);
    await withJs.emulateMedia({ media: 'print' });
    expect(await withJs.locator('.print-btn').isVisible()).toBe(false);
    expect(await withJs.locator('.print-help').isVisible()).toBe(false);
    await withJs.context().close();
    const noJs = await openPrint({ javaScriptEnabled: false });
    expect(await noJs.locator('.print-btn').isVisible()).toBe(false);
    expect(await noJs.locator('.print-help').isVisible()).toBe(true);
    await noJs.context().close();
  });

  it('looks like a notice at A4 (screenshot for a person to check)', async () => {
    const page = await openPrint();
    await page.emulateMedia({ media: 'print' });
    const file = join(ensureDir(SCREENSHOT_DIR), 'print-village-a4.png');
    await page.screenshot({ path: file });
    // The first sheet's title and footer fit the first A4 page at 96 dpi (794 × 1123 px).
    const box = await page.locator('article.sheet').first().locator('h1').boundingBox();
    expect(box!.y).toBeLessThan(200);
    await page.context().close();
  });
});

describe('a village page printed from the browser (File → Print), with JavaScript on', () => {
  it('keeps every table header (the sort buttons hold their text) and the wide 衔接资金 table within the page', async () => {
    // 703 px: A4's 210 mm less the 12 mm margins of the print stylesheet, the width print lays out in.
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 703, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${server.url}${village.url}`, { waitUntil: 'load' });
    // The enhancements run after the first paint: wait until the headers are sort buttons.
    await expect.poll(() => page.locator('#dibao th button').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    // Nothing is wider than the page: no column is cut off at the right edge.
    const overflow = await page.evaluate(() => [...document.querySelectorAll('table')].filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((t) => t.querySelector('caption')?.textContent ?? t.id));
    expect(overflow).toEqual([]);
    // Every sort button is printed (its text is the column's header).
    const hidden = await page.evaluate(() => [...document.querySelectorAll('th > button')].filter((b) => getComputedStyle(b).display === 'none' || b.getBoundingClientRect().width === 0).map((b) => b.textContent));
    expect(hidden).toEqual([]);
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    await context.close();
    const file = join(makeTempDir('sunlight-print-'), 'village-page.pdf');
    writeFileSync(file, pdf);
    const text = pdfToText(file).replace(/\s+/g, '');
    expect(text).toContain('户主姓名');
    expect(text).toContain('保障人数');
  });
});

