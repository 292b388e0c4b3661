// Timeliness as residents see it: a village that stopped publishing its 低保 list is shown as
// overdue on its own page, on its township's page and on the county overview; the others are on
// time; site.json's frequency overrides reach the pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { decodeInput, makeTempDir, runBuild, SAMPLE_DATA } from '../helpers/site.ts';

const VILLAGE = '王家村';
let root: string;
let site: string;
let places: { name: string; level: string; url: string }[];

/** Drops the village's rows (and the 合计 row, which no longer adds up) from one month's 低保 list. */
function dropVillage(file: string): void {
  const { text } = decodeInput(readFileSync(file));
  const lines = text.split(/\r?\n/).filter((l) => {
    const cells = l.split(',').slice(0, 3);
    return !cells.includes(VILLAGE) && !cells.some((c) => c.includes('合计'));
  });
  writeFileSync(file, lines.join('\n'));
}

beforeAll(async () => {
  root = makeTempDir('sunlight-timeliness-');
  const data = join(root, 'data');
  cpSync(SAMPLE_DATA, data, { recursive: true });
  for (const m of ['2026-08', '2026-09', '2026-10']) dropVillage(join(data, 'dibao', `${m}.csv`));
  const config = JSON.parse(readFileSync(join(data, 'site.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(data, 'site.json'), JSON.stringify({ ...config, frequencies: { tekun: 'yearly' } }));
  site = join(root, 'site');
  const run = await runBuild({ data, out: site, asOf: '2026-11-22' });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  places = (JSON.parse(readFileSync(join(site, 'data', 'manifest.json'), 'utf8')) as { regions: typeof places }).regions;
}, 180_000);
afterAll(() => { if (root) rmSync(root, { recursive: true, force: true }); });

const doc = (rel: string) => parseHTML(readFileSync(join(site, rel), 'utf8')).document;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const pageOf = (name: string) => `${places.find((p) => p.name === name)!.url}index.html`;

describe('timeliness', () => {
  it('the village page says its 低保 list is one month overdue, two months missing, and when August’s was due', () => {
    const item = doc(pageOf(VILLAGE)).querySelector('#timeliness li[data-dataset="dibao"]');
    expect(text(item)).toContain('逾期 1 个月');
    expect(text(item)).toContain('最新公开：2026年7月');
    expect(text(item)).toContain('2026年8月的应于2026年9月30日前公开');
    expect(text(item)).toContain('共缺 2 期');
    // Its other lists are on time.
    expect(text(doc(pageOf(VILLAGE)).querySelector('#timeliness li[data-dataset="finance"]'))).toContain('按时更新');
  });

  it('a neighbouring village is on time, with the next list due at the end of December', () => {
    const item = doc(pageOf('李庄村')).querySelector('#timeliness li[data-dataset="dibao"]');
    expect(text(item)).toContain('按时更新');
    expect(text(item)).toContain('下一期（2026年11月）应于2026年12月31日前公开');
  });

  it('the county overview counts the township’s villages and lists the late one, linked to its page', () => {
    const d = doc('timeliness/index.html');
    const town = places.find((p) => p.name === '城关镇')!;
    const row = [...d.querySelectorAll('#tl-townships tbody tr')].find((r) => text(r.querySelector('th')) === '城关镇')!;
    expect(text(row.querySelector('td[data-dataset="dibao"]'))).toBe('逾期 1');
    expect(text(row.querySelector('td[data-dataset="finance"]'))).toBe('全部按时');
    expect(row.querySelector('th a')!.getAttribute('href')).toBe(`/${town.url}#timeliness`);
    expect(text(d.querySelector('#tl-totals tr[data-dataset="dibao"] td'))).toBe('按时 14 · 逾期 1');
    const late = [...d.querySelectorAll('section[data-group] .tl-late li')];
    expect(late.map(text)).toEqual([expect.stringMatching(/^王家村 · 低保对象：逾期 1 个月 （最新 2026年7月；2026年8月的应于2026年9月30日前公开，共缺 2 期）/)]);
    expect(text(late[0]!.closest('section')!.querySelector('h3'))).toBe('城关镇');
    expect(late[0]!.querySelector('a')!.getAttribute('href')).toBe(`/${places.find((p) => p.name === VILLAGE)!.url}`);
    expect(text(d.querySelector('main .meta'))).toContain('其中 1 个有逾期未公开的内容');
  });

  it('the township page shows the same, and the home and county pages link to the overview', () => {
    const t = doc(pageOf('城关镇'));
    expect(text(t.querySelector('#timeliness .tl-late'))).toMatch(/王家村 · 低保对象：逾期 1 个月/);
    expect(doc('index.html').querySelector('a[href="/timeliness/"]')).toBeTruthy();
    const county = places.find((p) => p.level === 'county')!;
    expect(doc(`${county.url}index.html`).querySelector('a[href="/timeliness/"]')).toBeTruthy();
  });

  it('site.json frequencies override the dataset’s: 特困 is judged yearly and its page says so', () => {
    expect(text(doc(pageOf(VILLAGE)).querySelector('#timeliness li[data-dataset="tekun"]'))).toContain('下一期（2026年）应于2027年3月31日前公开');
    expect(text(doc('datasets/tekun/index.html').querySelector('main .meta'))).toContain('更新频率：每年');
  });
});
