// What a resident reads on the pages agrees with the data journalists download: the home page's
// headline figures, the words on the charts, the "latest data" line of each section.
// (Written after looking at the screenshots of the sample build.)
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import Papa from 'papaparse';
import { formatYuan } from '../../src/lib/charts/format.ts';
import { sampleSite } from '../helpers/site.ts';

interface Region { code: string | null; name: string; level: string; parent: string | null; url: string }

let site: string;
let regions: Region[];
beforeAll(async () => {
  site = (await sampleSite()).dir;
  regions = (JSON.parse(readFileSync(join(site, 'data', 'manifest.json'), 'utf8')) as { regions: Region[] }).regions;
});

const doc = (rel: string) => parseHTML(readFileSync(join(site, rel), 'utf8')).document;
function download(id: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(join(site, 'data', `${id}.csv`), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
}
const sum = (rows: Record<string, string>[], col: string) => Math.round(rows.reduce((a, r) => a + (Number(r[col]) || 0), 0) * 100) / 100;
const latest = (values: string[]) => values.reduce((a, b) => (b > a ? b : a));

describe('home page', () => {
  it('each headline figure equals what the downloads give for the period printed under it', () => {
    const figures = new Map([...doc('index.html').querySelectorAll('.figs > div')].map((d) => {
      const dds = [...d.querySelectorAll('dd')].map((x) => (x.textContent ?? '').trim());
      return [(d.querySelector('dt')?.textContent ?? '').trim(), { value: dds[0], note: dds[1] ?? '' }];
    }));

    const dibao = download('dibao');
    const month = latest(dibao.map((r) => r['发放年月']!));
    const tekun = download('tekun');
    const pension = download('pension');
    const projects = download('projects');
    const year = latest(projects.map((r) => r['年度']!));
    const dues = download('party-dues');
    const duesYear = latest(dues.map((r) => r['期间']!));
    const finance = download('finance');
    const quarter = finance.filter((r) => r['日期']! >= '2026-07-01' && r['日期']! <= '2026-09-30');

    const expected: Record<string, { value: string; note?: string }> = {
      '低保对象（户）': { value: `${dibao.filter((r) => r['发放年月'] === month).length} 户`, note: '2026年10月' },
      '特困供养人员（人）': { value: `${tekun.filter((r) => r['发放年月'] === month).length} 人`, note: '2026年10月' },
      '城乡居民养老金领取（人）': { value: `${pension.filter((r) => r['发放年月'] === month).length} 人`, note: '2026年10月' },
      '村级财务（本季度支出）': { value: formatYuan(sum(quarter, '支出（元）')), note: '2026年第三季度' },
      '村级工程项目（合同金额）': { value: formatYuan(sum(download('works'), '合同金额（元）')) },
      // Figures that say "2026年" must be 2026's, not the sum of every year on file.
      '衔接资金项目（计划资金）': { value: formatYuan(sum(projects.filter((r) => r['年度'] === year), '资金规模（元）')), note: `${year}年` },
      '党费收缴（实缴党费）': { value: formatYuan(sum(dues.filter((r) => r['期间'] === duesYear), '实缴金额（元）')), note: `${duesYear}年` },
    };
    const got: Record<string, { value: string; note?: string }> = {};
    for (const [label, e] of Object.entries(expected)) {
      const f = figures.get(label);
      got[label] = f ? { value: f.value!, ...(e.note !== undefined ? { note: f.note } : {}) } : { value: '(missing)' };
    }
    expect(got).toEqual(expected);
  });
});

describe('place pages', () => {
  it('the 村级工程项目 chart speaks of 合同金额 and 已支付 (its own columns), not 计划金额 / 已拨付', () => {
    const township = regions.find((r) => r.level === 'township' && doc(`${r.url}index.html`).querySelector('section#works svg'))!;
    expect(township, 'a township with a works chart').toBeDefined();
    const section = doc(`${township.url}index.html`).querySelector('section#works')!;
    const svg = section.querySelector('svg')!;
    const title = svg.querySelector('title')?.textContent ?? '';
    expect(title).toContain('合同金额');
    const words = [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '').join(' ');
    const headers = [...section.querySelectorAll('figure table th')].map((t) => (t.textContent ?? '').trim());
    expect({ legend: /合同金额/.test(words) && /已支付/.test(words), wrongLegend: /计划金额|已拨付/.test(words), headers: headers.filter((h) => /计划|拨付/.test(h)) })
      .toEqual({ legend: true, wrongLegend: false, headers: [] });
  });

  it('a section that shows data never says 暂无最新数据 ("no latest data")', () => {
    const bad: string[] = [];
    for (const r of regions) {
      for (const s of doc(`${r.url}index.html`).querySelectorAll('section.ds')) {
        const meta = s.querySelector('.meta')?.textContent ?? '';
        const hasData = s.querySelectorAll('tbody tr').length > 0;
        if (hasData && meta.includes('暂无最新数据')) bad.push(`${r.name} #${s.getAttribute('id')}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
