// The built notice-board print views and objection windows, read from the sample build's HTML: which
// print pages exist, what they hold and leave out, the links to them, and a site without `url`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { buildSite, makeTempDir, SAMPLE_DATA, sampleSite, type BuiltSite } from '../helpers/site.ts';
import { decodeQrSvg, withUseResolved } from '../helpers/qr-decode.ts';

interface Region { code: string | null; name: string; level: string; parent: string | null; url: string }

let dir: string;
let regions: Region[];
let datasets: string[];
let siteUrl: string;
const doc = (path: string) => parseHTML(readFileSync(join(dir, path, 'index.html'), 'utf8')).document;

beforeAll(async () => {
  dir = (await sampleSite()).dir;
  const manifest = JSON.parse(readFileSync(join(dir, 'data', 'manifest.json'), 'utf8')) as { regions: Region[]; datasets: { id: string }[] };
  regions = manifest.regions;
  datasets = manifest.datasets.map((d) => d.id);
  siteUrl = (JSON.parse(readFileSync(join(SAMPLE_DATA, 'site.json'), 'utf8')) as { url: string }).url;
});

describe('print views', () => {
  it('exist for every village and dataset, in Chinese only, and for nothing else', () => {
    for (const r of regions) expect(existsSync(join(dir, r.url, 'print', 'index.html')), r.name).toBe(r.level === 'village');
    for (const d of datasets) expect(existsSync(join(dir, 'datasets', d, 'print', 'index.html')), d).toBe(true);
    expect(existsSync(join(dir, 'en', regions.find((r) => r.level === 'village')!.url, 'print'))).toBe(false);
  });

  it('hold one sheet per dataset: title, QR code, contact; no navigation, no charts', () => {
    for (const v of regions.filter((r) => r.level === 'village')) {
      const d = doc(`${v.url}print/`);
      expect(d.documentElement.getAttribute('lang')).toBe('zh-CN');
      expect(d.querySelectorAll('nav, header.top, .toc, figure, table[data-sortable]').length, v.name).toBe(0);
      const sheets = [...d.querySelectorAll('article.sheet')];
      const online = doc(v.url).querySelectorAll('section.ds').length;
      expect(sheets.length, v.name).toBe(online);
      for (const s of sheets) {
        expect(s.querySelector('h1')!.textContent).toMatch(new RegExp(`^${v.name}.+(公示|公开)$`));
        expect(s.querySelectorAll('svg').length).toBe(1);
        // Later sheets refer to the first sheet's code (<use>): resolved against this page.
        const qr = withUseResolved(s.querySelector('svg.qr')!.outerHTML, (id) => d.getElementById(id)?.outerHTML);
        expect(decodeQrSvg(qr)).toBe(siteUrl + v.url);
        expect(s.querySelector('.sheet-f')!.textContent).toMatch(/监督电话：.*\d/);
        expect(s.querySelector('.sheet-f')!.textContent).toContain('数据截至：2026年11月22日');
      }
      expect(d.querySelector(`h1`)!.textContent).toBe(`${v.name}低保对象公示`);
    }
  });

  it('say when the 公示期 ended, and where the end follows the rule, say so', () => {
    const v = regions.find((r) => r.level === 'village')!;
    const text = doc(`${v.url}print/`).body.textContent!.replace(/\s+/g, '');
    expect(text).toContain('公示期：2026年10月1日至10月7日（公示期已于2026年10月7日结束）');
    // Project plans give only 「公示时间：2026年3月2日起」: 10 days for fund projects.
    expect(text).toContain('公示期：2026年3月2日至3月11日');
    expect(text).toContain('结束日期按规定的10天公示期推算');
  });

  it('a fund-project sheet prints this year\'s projects and notes only; the page online keeps every year', () => {
    const sheetOf = (d: Document) => [...d.querySelectorAll('article.sheet')].find((s) => s.querySelector('h1')!.textContent!.endsWith('衔接资金项目公示'))!;
    const yearsIn = (t: Element) => new Set([...t.querySelectorAll('tbody tr')].map((tr) => tr.querySelector('td')!.textContent));
    let villages = 0;
    for (const v of regions.filter((r) => r.level === 'village')) {
      const online = doc(v.url).querySelector('#projects table');
      if (!online || yearsIn(online).size < 2) continue;
      villages++;
      const sheet = sheetOf(doc(`${v.url}print/`) as unknown as Document);
      const text = sheet.textContent!.replace(/\s+/g, '');
      expect([...yearsIn(sheet.querySelector('table')!)], v.name).toEqual(['2026年']);
      expect(text).toContain(`${v.name}衔接资金项目（2026年）`);
      expect(text).toContain('公开期间：2026年');
      // The figures above the list are that list's: 项目数 counts its rows.
      expect(text).toContain(`项目数${sheet.querySelectorAll('tbody tr').length}个`);
      // 2025's 「公示时间：2025年3月2日起」 stays with 2025's list online.
      expect(text, v.name).not.toContain('2025年3月');
    }
    expect(villages).toBeGreaterThan(0);
    const county = sheetOf(doc('datasets/projects/print/') as unknown as Document);
    expect([...yearsIn(county.querySelector('table')!)]).toEqual(['2026年']);
    const [, n] = county.textContent!.replace(/\s+/g, '').match(/项目数(\d+)个/)!;
    expect(county.querySelectorAll('tbody tr').length).toBe(Number(n));
  });

  it('the county-wide print shows the list when short, else each township', () => {
    const dibao = doc('datasets/dibao/print/');
    const rows = dibao.querySelectorAll('.sheet-t tbody tr').length;
    const townships = regions.filter((r) => r.level === 'township').length;
    expect(rows).toBe(townships); // 600-odd households: too long, one row per township
    expect(dibao.body.textContent).toContain('各村名单见各村的公开栏打印页');
    const works = doc('datasets/works/print/');
    expect(works.querySelectorAll('.sheet-t tbody tr').length).toBeGreaterThan(townships);
  });

  it('are linked from the village and dataset pages', () => {
    const v = regions.find((r) => r.level === 'village')!;
    expect(doc(v.url).querySelector(`a[href="/${v.url}print/"]`)).not.toBeNull();
    for (const d of datasets) expect(doc(`datasets/${d}/`).querySelector(`a[href="/datasets/${d}/print/"]`), d).not.toBeNull();
  });
});

describe('objection windows on the online pages', () => {
  it('the village page shows the 公示期 of its lists and that it ended', () => {
    const v = regions.find((r) => r.level === 'village')!;
    const d = doc(v.url);
    const win = d.querySelector('#dibao .win')!;
    expect(win.getAttribute('data-state')).toBe('ended');
    expect(win.textContent!.replace(/\s+/g, '')).toContain('2026年10月1日至10月7日');
    expect(win.textContent).toContain('公示期已于 2026年10月7日结束');
    expect(d.querySelector('#finance .win')).toBeNull(); // accounts carry no 公示期
  });

  it('the dataset page shows the latest 公示期 its files state', () => {
    expect(doc('datasets/dibao/').querySelector('.win')!.textContent).toContain('2026年10月1日至10月7日');
    expect(doc('datasets/projects/').querySelector('.win')!.textContent).toContain('2026年3月2日至3月11日');
    expect(doc('datasets/finance/').querySelector('.win')).toBeNull();
  });
});

describe('a site without url', () => {
  let built: BuiltSite;
  beforeAll(async () => {
    // A small copy of the sample: regions, one month of 低保, and site.json without url.
    const data = join(makeTempDir('sunlight-nourl-'), 'data');
    mkdirSync(join(data, 'dibao'), { recursive: true });
    cpSync(join(SAMPLE_DATA, 'regions.csv'), join(data, 'regions.csv'));
    cpSync(join(SAMPLE_DATA, 'dibao', '2026-10.csv'), join(data, 'dibao', '2026-10.csv'));
    const site = JSON.parse(readFileSync(join(SAMPLE_DATA, 'site.json'), 'utf8')) as Record<string, unknown>;
    delete site.url;
    writeFileSync(join(data, 'site.json'), JSON.stringify(site));
    built = await buildSite(data);
  }, 180_000);
  afterAll(() => built?.cleanup());

  it('prints the page path and a note instead of a QR code, and the build and check report say so', () => {
    const v = regions.find((r) => r.level === 'village')!;
    const d = parseHTML(readFileSync(join(built.dir, v.url, 'print', 'index.html'), 'utf8')).document;
    expect(d.querySelector('svg.qr')).toBeNull();
    expect(d.querySelector('.sheet-f')!.textContent).toContain(`网上查看：/${v.url}`);
    expect(d.querySelector('.sheet-f .noprint')!.textContent).toContain('site.json');
    expect(built.run.stdout).toContain('site.json 没有填写网站地址 url');
    const report = JSON.parse(readFileSync(join(built.root, 'reports', 'check-report.json'), 'utf8')) as { files: { path: string; issues: { code: string }[] }[] };
    expect(report.files.find((f) => f.path === 'site.json')!.issues.map((i) => i.code)).toContain('site-url-missing');
  });
});
