// 下载图表 in Chromium: every chart gets SVG and PNG buttons (with JavaScript); the files they
// download are the chart (the SVG parses and carries the chart's title, the PNG is a real image of
// it). Without JavaScript the buttons are absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureDir, launchChromium, sampleSite, SCREENSHOT_DIR, serveDir, type StaticServer } from '../helpers/site.ts';

interface Region { level: string; url: string }

let browser: Browser;
let server: StaticServer;
let villageUrl: string;

beforeAll(async () => {
  const dir = (await sampleSite()).dir;
  const regions = (JSON.parse(readFileSync(join(dir, 'data', 'manifest.json'), 'utf8')) as { regions: Region[] }).regions;
  villageUrl = regions.find((r) => r.level === 'village')!.url;
  [browser, server] = await Promise.all([launchChromium(), serveDir(dir)]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function download(page: Page, button: ReturnType<Page['locator']>): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), button.click()]);
  const stream = await dl.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return { name: dl.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

describe('chart downloads', () => {
  it('every chart on a village page offers SVG and PNG, and both files are that chart', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url + villageUrl);
    const charts = page.locator('svg.sl-chart');
    const count = await charts.count();
    expect(count).toBeGreaterThan(1);
    expect(await page.locator('p.dl:visible').count()).toBe(count);

    const chart = charts.first();
    const title = (await chart.locator('title').textContent())!;
    const box = chart.locator('xpath=following-sibling::p[contains(@class,"dl")][1]');
    await expect(box.textContent()).resolves.toContain('下载图表');

    const svg = await download(page, box.getByRole('button', { name: 'SVG' }));
    expect(svg.name).toMatch(/\.svg$/);
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    // It parses as an SVG document of its own, titled like the chart, with its marks.
    const parsed = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      const root = doc.documentElement;
      return { error: doc.querySelector('parsererror')?.textContent ?? null, name: root.localName, ns: root.namespaceURI, title: root.querySelector('title')?.textContent, marks: root.querySelectorAll('path, rect, line, circle').length };
    }, text);
    expect(parsed).toMatchObject({ error: null, name: 'svg', ns: 'http://www.w3.org/2000/svg', title });
    expect(parsed.marks).toBeGreaterThan(3);
    expect(svg.name.replace(/\.svg$/, '')).toBe(title.replace(/[\\/:*?"<>|\s]+/g, '_'));

    const png = await download(page, box.getByRole('button', { name: 'PNG' }));
    expect(png.name).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Twice the chart's size, and more than a blank canvas would take.
    const width = png.bytes.readUInt32BE(16), height = png.bytes.readUInt32BE(20);
    expect(width).toBe(2 * Number(await chart.getAttribute('width')));
    expect(height).toBe(2 * Number(await chart.getAttribute('height')));
    expect(png.bytes.length).toBeGreaterThan(5000);
    // Kept for a person to look at, next to the other screenshots.
    writeFileSync(join(ensureDir(SCREENSHOT_DIR), 'chart-download.png'), png.bytes);
    writeFileSync(join(SCREENSHOT_DIR, 'chart-download.svg'), svg.bytes);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('without JavaScript there are no download buttons (and the chart is still there)', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + villageUrl);
    expect(await page.locator('svg.sl-chart').count()).toBeGreaterThan(1);
    // The buttons are in the HTML (so nothing moves when JavaScript wires them up) but not shown.
    expect(await page.locator('p.dl').count()).toBeGreaterThan(1);
    expect(await page.locator('p.dl:visible').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'SVG' }).count()).toBe(0);
    await context.close();
  });
});
