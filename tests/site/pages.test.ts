// What a resident reads on the pages agrees with the data journalists download: the home page's
// headline figures, the words on the charts, the "latest data" line of each section; and what a
// phone shows is legible: chart text, month labels, figure cards, wide tables.
// (Written after looking at the screenshots of the sample build.)
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import Papa from 'papaparse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatPeriodZh, formatYuan } from '../../src/lib/charts/format.ts';
import { launchChromium, sampleSite, serveDir, type StaticServer } from '../helpers/site.ts';

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

// ------------------------------------------------------------------ place figures and tables

/** The region codes a download row counts under: its own and every one above it. */
function chainOf(code: string): string[] {
  const parent = new Map(regions.map((r) => [r.code, r.parent]));
  const out: string[] = [];
  for (let c: string | null | undefined = code; c; c = parent.get(c)) out.push(c);
  return out;
}

function figuresOf(section: Element): Map<string, { value: string; note: string }> {
  return new Map([...section.querySelectorAll('.figs > div')].map((d) => {
    const dds = [...d.querySelectorAll('dd')].map((x) => (x.textContent ?? '').trim());
    return [(d.querySelector('dt')?.textContent ?? '').trim(), { value: dds[0] ?? '', note: dds[1] ?? '' }];
  }));
}

function tableOf(section: Element): { headers: string[]; rows: string[][] } | undefined {
  const table = [...section.querySelectorAll('table')].find((t) => !t.closest('figure'));
  if (!table) return undefined;
  return {
    headers: [...table.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim()),
    rows: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
  };
}

describe('place pages: yearly ledgers', () => {
  const cases = [
    { id: 'projects', period: '年度', amount: ['计划资金', '资金规模（元）'], paid: ['已拨付', '已拨付资金（元）'] },
    { id: 'party-dues', period: '期间', amount: ['实缴党费', '实缴金额（元）'] },
  ] as const;

  it.each(cases)('every $id figure on a county, township or village page is that place’s latest period, and says which', (c) => {
    const { id, period, amount } = c;
    const paid = 'paid' in c ? c.paid : undefined;
    const rows = download(id);
    const got: string[] = [], want: string[] = [];
    for (const r of regions) {
      const section = doc(`${r.url}index.html`).querySelector(`section#${id}`);
      const mine = rows.filter((row) => chainOf(row['区划代码']!).includes(r.code!));
      if (!section || !mine.length) { expect(!!section, `${r.name}: section iff rows`).toBe(mine.length > 0); continue; }
      const p = latest(mine.map((row) => row[period]!));
      const current = mine.filter((row) => row[period] === p);
      const figs = figuresOf(section);
      const line = (label: string, f?: { value: string; note: string }) => `${r.name} ${label}: ${f?.value} ｜ ${f?.note.split('，')[0]}`;
      got.push(line(amount[0], figs.get(amount[0])));
      want.push(line(amount[0], { value: formatYuan(sum(current, amount[1])), note: formatPeriodZh(p) }));
      if (paid) {
        got.push(line(paid[0], figs.get(paid[0])));
        want.push(line(paid[0], { value: formatYuan(sum(current, paid[1])), note: formatPeriodZh(p) }));
      }
      // the first card counts the rows (「条目数」, whatever its label)
      got.push(line('count', [...figs.values()][0]));
      want.push(line('count', { value: `${current.length} ${id === 'projects' ? '个' : '条'}`, note: formatPeriodZh(p) }));
      expect(section.querySelector('.meta')?.textContent, r.name).toContain(`最新数据：${formatPeriodZh(p)}`);
      // The chart speaks of the same period and its figures add up to the headline.
      // The chart (none for a single bar) speaks of the same period and its figures add up to the headline.
      const chart = section.querySelector('figure');
      if (!chart) { expect(current.length, `${r.name}: a chart unless there is one row`).toBe(1); continue; }
      expect(chart.querySelector('h3')?.textContent, r.name).toContain(formatPeriodZh(p));
      const chartRows = [...chart.querySelectorAll('tbody tr')].map((tr) => Number((tr.querySelectorAll('td')[1]?.textContent ?? '').replace(/,/g, '')));
      expect(formatYuan(chartRows.reduce((a, b) => a + b, 0)), `${r.name} chart total`).toBe(formatYuan(sum(current, amount[1])));
    }
    expect(got).toEqual(want);
    expect(got.length).toBeGreaterThan(10);
  });

  it.each(cases)('the $id table lists every period on file for the place, newest first', ({ id, period }) => {
    const rows = download(id);
    for (const r of regions) {
      const section = doc(`${r.url}index.html`).querySelector(`section#${id}`);
      if (!section) continue;
      const mine = rows.filter((row) => chainOf(row['区划代码']!).includes(r.code!));
      const table = tableOf(section)!;
      const j = table.headers.indexOf(period);
      expect(j, `${r.name}: a ${period} column`).toBeGreaterThanOrEqual(0);
      const shown = table.rows.map((row) => row[j]!);
      expect(shown.length, r.name).toBe(Math.min(500, mine.length));
      expect(shown, `${r.name}: newest first`).toEqual([...shown].sort().reverse());
      expect(new Set(shown), r.name).toEqual(new Set(mine.map((row) => formatPeriodZh(row[period]!))));
    }
  });
});

describe('place pages: words and numbers', () => {
  it('calls each place what its name says (红星社区 is a 社区, 城关镇 a 镇, 柳河乡 a 乡)', () => {
    const kinds: Record<string, string> = {};
    for (const r of regions) {
      const meta = (doc(`${r.url}index.html`).querySelector('h1 + .meta')?.textContent ?? '').split(' · ');
      kinds[r.name] = meta.find((m) => !m.startsWith('区划代码') && !regions.some((x) => x.name === m)) ?? '';
    }
    const expected = Object.fromEntries(regions.map((r) => [r.name, /社区$/.test(r.name) ? '社区' : /村$/.test(r.name) ? '村' : /镇$/.test(r.name) ? '镇' : /乡$/.test(r.name) ? '乡' : /街道$/.test(r.name) ? '街道' : /县$/.test(r.name) ? '县' : '?']));
    expect(kinds).toEqual(expected);
    expect(kinds['红星社区']).toBe('社区');
  });

  it('money in every page table has two decimals, as the charts have (50.30, not 50.3)', () => {
    const bad: string[] = [];
    let cells = 0;
    for (const r of regions) {
      for (const section of doc(`${r.url}index.html`).querySelectorAll('section.ds')) {
        const table = tableOf(section);
        if (!table) continue;
        table.headers.forEach((h, j) => {
          if (!/（万?元）$/.test(h)) return;
          for (const row of table.rows) {
            cells++;
            if (!/^(-?\d{1,3}(,\d{3})*\.\d{2}|—)$/.test(row[j]!)) bad.push(`${r.name} ${h}: ${row[j]}`);
          }
        });
      }
    }
    expect(bad).toEqual([]);
    expect(cells).toBeGreaterThan(100);
  });
});

// ---------------------------------------------------------------------- in Chromium

describe('in Chromium, on a 360 px phone and a 1280 px desktop', () => {
  let browser: Browser;
  let server: StaticServer;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), serveDir(site)]);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, width: 360 | 1280): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: width === 360 ? 780 : 900 }, deviceScaleFactor: width === 360 ? 2 : 1 });
    contexts.push(context);
    const page = await context.newPage();
    const res = await page.goto(server.url + path, { waitUntil: 'load' });
    expect(res?.status(), path).toBe(200);
    return page;
  }
  const village = () => regions.find((r) => r.name === '王家村')!;
  const township = () => regions.find((r) => r.name === '城关镇')!;

  it('the month labels under a trend chart never overlap on a phone, and the first and latest months are labelled', async () => {
    const page = await open(village().url, 360);
    const charts = await page.evaluate(() => [...document.querySelectorAll('svg[aria-labelledby$="-trend-title"]')].map((svg) => {
      const labels = [...svg.querySelectorAll('text')].filter((t) => /^\d{1,2}月/.test(t.textContent ?? '')).map((t) => {
        const b = t.getBoundingClientRect();
        return { text: t.textContent ?? '', left: b.left, right: b.right };
      }).sort((a, b) => a.left - b.left);
      const rows = [...(svg.closest('figure')?.querySelectorAll('tbody tr') ?? [])].map((tr) => tr.querySelector('td')?.textContent ?? '');
      return { id: svg.getAttribute('aria-labelledby'), labels, first: rows[0], last: rows[rows.length - 1] };
    }));
    expect(charts.length).toBeGreaterThanOrEqual(3);
    for (const c of charts) {
      const overlaps = c.labels.slice(1).filter((l, i) => l.left < c.labels[i]!.right + 2).map((l, i) => `${c.labels[i]!.text}|${l.text}`);
      expect(overlaps, c.id!).toEqual([]);
      expect(c.labels[0]!.text, c.id!).toBe(c.first!.replace(/^(\d+)年(\d+)月$/, '$2月$1年'));
      expect(c.labels[c.labels.length - 1]!.text.replace(/\d+年$/, ''), c.id!).toBe(c.last!.replace(/^\d+年/, ''));
    }
  });

  it('chart text is at least 11 px on a phone', async () => {
    for (const r of [{ url: '' }, township(), village()]) {
      const page = await open(r.url, 360);
      const sizes = await page.evaluate(() => [...document.querySelectorAll('svg.sl-chart text')].map((t) => {
        const px = parseFloat(getComputedStyle(t).fontSize) * ((t as SVGGraphicsElement).getScreenCTM()?.a ?? 0);
        return { text: t.textContent ?? '', px: Math.round(px * 10) / 10 };
      }));
      expect(sizes.length).toBeGreaterThan(20);
      expect(sizes.filter((s) => s.px < 11), r.url || 'home').toEqual([]);
    }
  });

  it.each([360, 1280] as const)('figure values stay on one line inside their cards at %i px', async (width) => {
    for (const r of [{ url: '' }, township(), village()]) {
      const page = await open(r.url, width);
      const bad = await page.evaluate(() => [...document.querySelectorAll('.figs > div')].flatMap((card) => {
        const dd = card.querySelector('dd')!;
        const range = document.createRange();
        range.selectNodeContents(dd);
        const lines = new Set([...range.getClientRects()].map((b) => Math.round(b.top)));
        const right = range.getBoundingClientRect().right;
        const inner = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight);
        return lines.size !== 1 || right > inner + 0.5 ? [`${dd.textContent}: ${lines.size} lines, ${Math.round(right - inner)} px past the card`] : [];
      }));
      expect(bad, `${r.url || 'home'} at ${width}`).toEqual([]);
    }
  });

  it('a table wider than the phone says 「左右滑动查看更多」; one that fits does not', async () => {
    const page = await open(village().url, 360);
    // The hint is set by a ResizeObserver once a table comes on screen (an IntersectionObserver starts
    // it: sections far below are laid out only when scrolled near, content-visibility), so look at
    // each table as a reader reaches it, a few frames later.
    const tables = await page.evaluate(async () => {
      const out = [];
      for (const s of [...document.querySelectorAll('.scroll')].filter((e) => (e as HTMLElement).offsetParent)) {
        s.scrollIntoView({ block: 'center' });
        for (let i = 0; i < 4; i++) await new Promise((r) => requestAnimationFrame(r));
        out.push({
          caption: s.querySelector('caption')?.textContent ?? '',
          wide: s.scrollWidth > s.clientWidth + 1,
          hint: getComputedStyle(s.querySelector('caption') ?? s, '::after').content,
          // once scrolled sideways, the caption (and its hint) still start at the left edge and end on screen
          box: (() => {
            s.scrollLeft = s.scrollWidth;
            const c = s.querySelector('caption')?.getBoundingClientRect(), b = s.getBoundingClientRect();
            s.scrollLeft = 0;
            return c ? { left: Math.round(c.left - b.left), right: Math.round(c.right - b.right) } : { left: 0, right: 0 };
          })(),
        });
      }
      return out;
    });
    expect(tables.filter((t) => t.wide).length).toBeGreaterThan(2);
    expect(tables.filter((t) => !t.wide).length).toBeGreaterThan(0);
    for (const t of tables) {
      expect({ caption: t.caption, hint: t.wide ? /左右滑动查看更多/.test(t.hint) : t.hint === 'none' }).toEqual({ caption: t.caption, hint: true });
      expect(t.box.left, `${t.caption}: the caption stays on screen`).toBeGreaterThanOrEqual(0);
      expect(t.box.left, `${t.caption}: the caption stays on screen`).toBeLessThanOrEqual(2);
      expect(t.box.right, `${t.caption}: the caption stays on screen`).toBeLessThanOrEqual(0);
    }
  });

  it('the township overview table fits a 1280 px desktop without scrolling', async () => {
    const page = await open(township().url, 1280);
    const fit = await page.evaluate(() => { const s = document.querySelector('#children .scroll')!; return { scrollWidth: s.scrollWidth, clientWidth: s.clientWidth }; });
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.clientWidth);
  });
});
