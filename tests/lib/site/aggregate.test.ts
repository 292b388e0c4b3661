// The aggregate stage (src/lib/site/aggregate.ts) driven through buildSite over a small in-memory
// county: the place pages up and down the hierarchy, the dataset pages, the home page, the quality
// data, the manifest, and what must never be in any of it.
import { beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '../../../src/lib/datasets/index.ts';
import type { DatasetPage, PlacePage, SiteModel, TableData } from '../../../src/lib/site/model.ts';
import { AS_OF, build, en, zh, CODES, files, json, PERSON_NAMES, SECRETS, type Built } from './fixture.ts';
import { decodeQrSvg } from '../../helpers/qr-decode.ts';

let b: Built;
let site: SiteModel;
const place = (id: string) => json<PlacePage>(b.model, `places/${id}.json`);
const datasetPage = (id: string) => json<DatasetPage>(b.model, `datasets/${id}.json`);

beforeAll(async () => {
  b = await build();
  if (!b.result.ok) throw new Error(JSON.stringify(b.result.report.files.filter((f) => f.issues.some((i) => i.severity === 'error'))));
  site = json<SiteModel>(b.model, 'site.json');
});

/** A table's column of numbers (sort values), by column key. */
function numbers(t: TableData, key: string): (number | null)[] {
  const j = t.columns.findIndex((c) => c.key === key);
  expect(j, `column ${key} in ${t.caption}`).toBeGreaterThanOrEqual(0);
  return t.sortValues!.map((r) => r[j]!);
}
const sum = (xs: (number | null)[]) => Math.round(xs.reduce<number>((a, x) => a + (x ?? 0), 0) * 100) / 100;

describe('the build', () => {
  it('succeeds, renders the pages once from the model it returns, and writes site.json with it', () => {
    expect(b.result.ok).toBe(true);
    expect(b.rendered).toHaveLength(1);
    expect(b.result.ok && b.result.model).toBe(b.rendered[0]);
    expect(site).toEqual(JSON.parse(JSON.stringify(b.rendered[0])));
    expect(site.asOf).toBe(AS_OF);
    expect(site.site).toMatchObject({ title: '阳光县三务公开', publisher: '阳光县民政局' });
  });

  it('writes one model file per place and per dataset', () => {
    expect([...b.model.files.keys()].sort()).toEqual([
      ...DATASETS.map((d) => `datasets/${d.id}.json`).sort(),
      ...Object.values(CODES).map((c) => `places/${c}.json`).sort(),
      'site.json',
      // The change log's release overlay (src/lib/changes/): no place or dataset overlays without --previous.
      'changes/release.json',
      'timeliness.json',
    ].sort());
  });
});

describe('the hierarchy', () => {
  it('the root is the county; places list parents before children with code, level, parent and url', () => {
    expect(site.root).toEqual({ id: CODES.county, code: CODES.county, name: '阳光县', level: 'county', url: `place/${CODES.county}/` });
    expect(site.topChildren.map((p) => p.name)).toEqual(['东风镇', '清河乡']);
    expect(site.places.map((p) => [p.name, p.level, p.parent ?? null])).toEqual([
      ['阳光县', 'county', null],
      ['东风镇', 'township', CODES.county],
      ['红星村', 'village', CODES.dongfeng],
      ['向阳村', 'village', CODES.dongfeng],
      ['清河乡', 'township', CODES.county],
      ['清河村', 'village', CODES.qinghe],
    ]);
    for (const p of site.places) expect(p.url).toBe(`place/${p.id}/`);
  });

  it('a village page has its ancestors top-down and no children', () => {
    const v = place(CODES.hongxing);
    expect(v.place).toMatchObject({ name: '红星村', level: 'village', code: CODES.hongxing, parent: CODES.dongfeng });
    expect(v.ancestors.map((a) => a.name)).toEqual(['阳光县', '东风镇']);
    expect(v.children).toEqual([]);
    expect(v.childTable).toBeUndefined();
  });

  it('township and county pages list their children, and childTable rows link to the child pages', () => {
    for (const [id, kids] of [[CODES.county, ['东风镇', '清河乡']], [CODES.dongfeng, ['红星村', '向阳村']], [CODES.qinghe, ['清河村']]] as const) {
      const p = place(id);
      expect(p.children.map((c) => c.name)).toEqual(kids);
      const t = p.childTable!;
      expect(t.rows.map((r) => r[0])).toEqual(kids);
      expect(t.links).toEqual(p.children.map((c) => c.url));
      for (const c of p.children) {
        expect(c.url).toBe(`place/${c.id}/`);
        expect(b.model.files.has(`places/${c.id}.json`), c.id).toBe(true);
        expect(place(c.id).ancestors.at(-1)!.id).toBe(id);
      }
    }
  });

  it('childTable columns are the headline of each dataset the children have', () => {
    const t = place(CODES.dongfeng).childTable!;
    expect(t.caption).toContain('东风镇');
    expect(t.columns.map((c) => c.key)).toEqual(['name', 'dibao', 'tekun', 'projects', 'finance', 'works', 'party-dues', 'pension']);
    expect(t.columns.slice(1).every((c) => c.numeric)).toBe(true);
    // 向阳村 has no 特困, works or party dues.
    expect(t.rows).toEqual([
      ['红星村', '3 户', '1 人', '12.30万元', '1,200.5元', '20.00万元', '3,600元', '1 人'],
      ['向阳村', '3 户', '—', '30.00万元', '2,500元', '—', '—', '1 人'],
    ]);
    // 清河乡 has a single village with every dataset.
    expect(place(CODES.qinghe).childTable!.rows).toEqual([['清河村', '3 户', '1 人', '40.00万元', '800元', '10.00万元', '2,300元', '1 人']]);
  });

  it("a township's headline figures are the sums of its villages', the county's the sums of its townships'", () => {
    const county = place(CODES.county).childTable!;
    const byTownship = [place(CODES.dongfeng).childTable!, place(CODES.qinghe).childTable!];
    for (const key of ['dibao', 'tekun', 'projects', 'finance', 'works', 'party-dues', 'pension']) {
      expect(numbers(county, key), key).toEqual(byTownship.map((t) => sum(numbers(t, key))));
    }
    expect(county.rows).toEqual([
      ['东风镇', '6 户', '1 人', '42.30万元', '3,700.5元', '20.00万元', '3,600元', '2 人'],
      ['清河乡', '3 户', '1 人', '40.00万元', '800元', '10.00万元', '2,300元', '1 人'],
    ]);
  });

  it('the page contact is a number from the data, else the office in site.json', () => {
    // 红星村: the 监督电话 under the 低保 list.
    expect(place(CODES.hongxing).contact).toBe('0838-1234567');
    // 清河乡 has no number of its own in the data.
    expect(place(CODES.qinghe).contact).toBe('县民政局 0838-7654321');
  });
});

describe('the dataset pages', () => {
  it('every dataset has a page whose info matches the downloads', () => {
    expect(site.datasets.map((d) => d.id)).toEqual(DATASETS.map((d) => d.id));
    for (const d of site.datasets) {
      const page = datasetPage(d.id);
      expect(page.info).toEqual(d);
      const csv = b.downloads.files.get(`${d.id}.csv`)!;
      // Rows: CSV lines minus header and final CRLF.
      expect(csv.split('\r\n').length - 2, d.id).toBe(d.rows);
      expect(d.download.csvBytes).toBe(Buffer.byteLength(csv));
      expect(d.download.csv).toBe(`data/${d.id}.csv`);
    }
    expect(site.datasets.map((d) => [d.id, d.rows, d.files])).toEqual([
      ['dibao', 25, 3], ['tekun', 2, 1], ['projects', 5, 2], ['finance', 7, 2], ['works', 2, 1], ['party-dues', 2, 1], ['pension', 3, 1],
    ]);
  });

  it('periods and the latest period per dataset', () => {
    const by = Object.fromEntries(site.datasets.map((d) => [d.id, [d.periods, d.latestPeriod]]));
    expect(by).toEqual({
      dibao: [['2026-08', '2026-09', '2026-10'], '2026-10'],
      tekun: [['2026-10'], '2026-10'],
      projects: [['2025', '2026'], '2026'],
      finance: [['2026Q2', '2026Q3'], '2026Q3'],
      works: [[], undefined],
      'party-dues': [['2026'], '2026'],
      pension: [['2026-10'], '2026-10'],
    });
  });

  it('byPlace has one row per township with its headline, linking to the township pages', () => {
    const t = datasetPage('dibao').byPlace!;
    expect(t.rows).toEqual([['东风镇', '6 户'], ['清河乡', '3 户']]);
    expect(t.links).toEqual([`place/${CODES.dongfeng}/`, `place/${CODES.qinghe}/`]);
    expect(numbers(t, 'dibao')).toEqual([6, 3]);
    expect(datasetPage('works').byPlace!.rows).toEqual([['东风镇', '20.00万元'], ['清河乡', '10.00万元']]);
    expect(datasetPage('finance').byPlace!.rows).toEqual([['东风镇', '3,700.5元'], ['清河乡', '800元']]);
  });

  it('the columns described on the page are the download headers', () => {
    const cols = datasetPage('tekun').info.columns;
    expect(cols.map((c) => c.name)).toEqual(['乡镇', '村', '姓名', '供养方式', '生活自理能力', '月供养金额（元）', '发放年月', '区划代码']);
    expect(cols.find((c) => c.name === '月供养金额（元）')).toMatchObject({ type: 'money', unit: '元' });
  });
});

describe('the home page', () => {
  it('shows each dataset headline for the whole county with its period', () => {
    expect(zh(site.home.figures)).toEqual([
      { label: '低保对象（户）', value: '9 户', note: '2026年10月' },
      { label: '特困供养人员（人）', value: '2 人', note: '2026年10月' },
      { label: '衔接资金项目（计划资金）', value: '82.30万元', note: '2026年' },
      { label: '村级财务（本季度支出）', value: '4,500.5元', note: '2026年第三季度' },
      { label: '村级工程项目（合同金额）', value: '30.00万元' },
      { label: '党费收缴（实缴党费）', value: '5,900元', note: '2026年' },
      { label: '城乡居民养老金领取（人）', value: '3 人', note: '2026年10月' },
    ]);
  });

  it('gives the same headlines in English', () => {
    expect(en(site.home.figures)).toEqual([
      { label: 'Dibao (households)', value: '9 households', note: 'Oct 2026' },
      { label: 'Extreme-poverty support (people)', value: '2 people', note: 'Oct 2026' },
      { label: 'Transition fund projects (planned funds)', value: '823,000 yuan', note: '2026' },
      { label: 'Village finance (spending this quarter)', value: '4,500.5 yuan', note: 'Q3 2026' },
      { label: 'Village works (contract amount)', value: '300,000 yuan' },
      { label: 'Party dues (dues paid)', value: '5,900 yuan', note: '2026' },
      { label: "Residents' pension (people)", value: '3 people', note: 'Oct 2026' },
    ]);
    expect(site.home.charts.map((c) => c.en?.title)).toEqual([expect.stringContaining('dibao'), expect.stringContaining('transition fund'), expect.stringContaining('income and spending')]);
  });

  it('lists the latest period of every dataset and links to its page; charts dibao, projects, finance', () => {
    expect(site.home.latest.map((l) => [l.dataset, l.period, l.url])).toEqual([
      ['dibao', '2026年10月', 'datasets/dibao/'],
      ['tekun', '2026年10月', 'datasets/tekun/'],
      ['projects', '2026年', 'datasets/projects/'],
      ['finance', '2026年第三季度', 'datasets/finance/'],
      ['works', '', 'datasets/works/'],
      ['party-dues', '2026年', 'datasets/party-dues/'],
      ['pension', '2026年10月', 'datasets/pension/'],
    ]);
    expect(site.home.charts).toHaveLength(3);
    expect(site.home.charts.map((c) => c.table.caption)).toEqual([expect.stringContaining('低保'), expect.stringContaining('衔接资金'), expect.stringContaining('财务')]);
  });
});

describe('the quality data', () => {
  it('counts what the check corrected or flagged', () => {
    const q = datasetPage('dibao').quality;
    expect(q.files.map((f) => [f.path, f.rows, f.errors, f.warnings])).toEqual([
      ['dibao/2026-08.csv', 8, 0, 1], ['dibao/2026-09.csv', 8, 0, 1], ['dibao/2026-10.csv', 9, 0, 1],
    ]);
    expect(q.files.every((f) => f.encoding === 'UTF-8')).toBe(true);
    expect(q.counts).toEqual([
      { code: 'context-from-name', label: expect.any(String), labelEn: 'Place or period read from the file name or title', severity: 'info', count: 3 },
      { code: 'private-column-dropped', label: expect.any(String), labelEn: 'Personal-data column not published', severity: 'warning', count: 3 },
    ]);
    expect(q.lines[0]).toBe('共 3 个文件，25 行数据通过检查并公开。');
    expect(q.lines.some((l) => l.includes('身份证号') && l.includes('联系电话') && l.includes('已删除'))).toBe(true);
    expect(q.files[2]!.notes).toEqual(['表中没有「发放年月」列，按文件名取为「2026年10月」']);
    expect(datasetPage('works').quality.counts).toEqual([{ code: 'payment-exceeds-contract', label: expect.any(String), labelEn: expect.any(String), severity: 'warning', count: 1 }]);
  });

  it('says the same in English, the dropped headers kept as the offices wrote them', () => {
    const q = datasetPage('dibao').quality;
    expect(q.linesEn?.[0]).toBe('3 files with 25 rows passed the check and are published.');
    expect(q.droppedColumns).toEqual(expect.arrayContaining(['身份证号', '联系电话']));
    expect(q.linesEn!.filter((l) => /[\u3400-\u9fff]/.test(l))).toEqual([]);
    expect(q.files[2]!.notesEn).toEqual(['Month taken from the file name: Oct 2026']);
    expect(q.files.every((f) => f.encodingEn === 'UTF-8')).toBe(true);
  });

  it('holds no row contents: no person names, IDs or phones (the withheld note named 冯甲 with a mobile)', () => {
    const tekun = datasetPage('tekun').quality;
    expect(tekun.counts.find((c) => c.code === 'pii-exposed')?.count).toBe(1);
    // The check's own message quotes the note; the quality data must not.
    const msg = b.result.report.files.find((f) => f.path === 'tekun/2026-10.csv')!.issues.find((i) => i.code === 'pii-exposed')!.message;
    expect(msg).toContain('冯甲');
    for (const d of DATASETS) {
      const text = JSON.stringify(datasetPage(d.id).quality);
      for (const n of PERSON_NAMES) expect(text, `${d.id} quality`).not.toContain(n);
      for (const s of SECRETS) expect(text, `${d.id} quality`).not.toContain(s);
    }
  });
});

describe('privacy', () => {
  it('the input really holds IDs and phones (the scan is not vacuous)', () => {
    const input = Object.values(files()).join('\n');
    expect(SECRETS.length).toBeGreaterThan(30);
    for (const s of SECRETS) expect(input).toContain(s);
  });

  it('no resident ID or phone number of the input is in any model file or download', () => {
    expect(SECRETS.length).toBeGreaterThan(30);
    for (const out of [b.model, b.downloads]) {
      for (const [path, text] of out.files) {
        for (const s of SECRETS) expect(text.includes(s), `${s} in ${path}`).toBe(false);
        for (const s of SECRETS.filter((x) => x.length === 18)) expect(text.includes(s.slice(0, 17)), `${s} in ${path}`).toBe(false);
      }
    }
  });

  it('no table in the model has a private column', () => {
    const titles: string[] = [];
    const keys: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) { v.forEach(walk); return; }
      if (!v || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.columns)) {
        for (const c of o.columns as unknown[]) {
          if (typeof c === 'string') titles.push(c); // chart tables
          else { const x = c as { key?: string; title?: string; name?: string }; titles.push(x.title ?? '', x.name ?? ''); keys.push(x.key ?? ''); }
        }
      }
      Object.values(o).forEach(walk);
    };
    for (const text of b.model.files.values()) walk(JSON.parse(text));
    expect(titles.length).toBeGreaterThan(100);
    for (const t of ['身份证号', '联系电话', '银行账号', '家庭住址', '家庭月收入']) expect(titles.filter((s) => s.startsWith(t)), t).toEqual([]);
    for (const k of ['idNumber', 'phone', 'bankAccount', 'address']) expect(keys).not.toContain(k);
  });
});

describe('the downloads folder', () => {
  interface Manifest { asOf: string; datasets: { id: string; rows: number; files: { csv: string; json: string } }[]; regions: { code: string | null; name: string; level: string; parent: string | null; url: string }[] }

  it('manifest.json lists the datasets and every region with code, name, level, parent and url', () => {
    const m = json<Manifest>(b.downloads, 'manifest.json');
    expect(m.asOf).toBe(AS_OF);
    expect(m.datasets.map((d) => [d.id, d.rows])).toEqual(site.datasets.map((d) => [d.id, d.rows]));
    expect(m.regions).toEqual([
      { code: CODES.county, name: '阳光县', level: 'county', parent: null, url: `place/${CODES.county}/` },
      { code: CODES.dongfeng, name: '东风镇', level: 'township', parent: CODES.county, url: `place/${CODES.dongfeng}/` },
      { code: CODES.hongxing, name: '红星村', level: 'village', parent: CODES.dongfeng, url: `place/${CODES.hongxing}/` },
      { code: CODES.xiangyang, name: '向阳村', level: 'village', parent: CODES.dongfeng, url: `place/${CODES.xiangyang}/` },
      { code: CODES.qinghe, name: '清河乡', level: 'township', parent: CODES.county, url: `place/${CODES.qinghe}/` },
      { code: CODES.qingheVillage, name: '清河村', level: 'village', parent: CODES.qinghe, url: `place/${CODES.qingheVillage}/` },
    ]);
  });

  it('SHA256SUMS covers every file in data/, page tables included', () => {
    const listed = b.downloads.files.get('SHA256SUMS')!.trimEnd().split('\n').map((l) => l.slice(66));
    expect(listed).toEqual([...b.downloads.files.keys()].filter((p) => p !== 'SHA256SUMS').sort());
    expect(listed).toContain('datapackage.json');
    expect(listed).toContain(`places/${CODES.hongxing}/dibao.csv`);
  });

  it('the page-table links in the model point at CSVs that exist', () => {
    const links: string[] = [];
    for (const text of b.model.files.values()) for (const m of text.matchAll(/"csv":"(data\/places\/[^"]+)"/g)) links.push(m[1]!);
    expect(links.length).toBeGreaterThan(10);
    for (const l of links) expect(b.downloads.files.has(decodeURIComponent(l.slice('data/'.length))), l).toBe(true);
  });

  it('a page table CSV opens in Excel: BOM, Chinese headers with （元）, one line per row of the page table', () => {
    const csv = b.downloads.files.get(`places/${CODES.hongxing}/dibao.csv`)!;
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^乡镇,村,户主姓名,.*月保障金额（元）.*,发放年月$/);
    const table = place(CODES.hongxing).sections.find((s) => s.dataset === 'dibao')!.table!;
    expect(lines.slice(1, -1)).toHaveLength(table.rows.length);
    expect(lines[lines.length - 1]).toBe('');
  });
});

describe('without regions.csv', () => {
  const noRegions = () => { const f: Record<string, string> = files(); delete f['regions.csv']; return f; };
  let first: Built;
  let second: Built;
  beforeAll(async () => {
    first = await build(noRegions());
    second = await build(noRegions());
  });
  const ids = (x: Built) => json<SiteModel>(x.model, 'site.json').places.map((p) => [p.name, p.id]);

  it('places are learnt from the data under a synthetic county root', () => {
    expect(first.result.ok).toBe(true);
    const s = json<SiteModel>(first.model, 'site.json');
    expect(s.root.name).toBe('阳光县'); // site.json's county
    expect(s.places.map((p) => [p.name, p.level])).toEqual(expect.arrayContaining([['东风镇', 'township'], ['清河乡', 'township'], ['红星村', 'village'], ['向阳村', 'village'], ['清河村', 'village']]));
    expect(s.places).toHaveLength(6);
    expect(s.places.every((p) => p.code === undefined)).toBe(true);
    const regions = json<{ regions: { code: string | null }[] }>(first.downloads, 'manifest.json').regions;
    expect(regions.every((r) => r.code === null)).toBe(true);
  });

  it('ids are URL-safe and name the model files and urls', () => {
    const s = json<SiteModel>(first.model, 'site.json');
    for (const p of s.places) {
      expect(p.id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(p.url).toBe(`place/${p.id}/`);
      expect(first.model.files.has(`places/${p.id}.json`), p.name).toBe(true);
    }
    expect(new Set(s.places.map((p) => p.id)).size).toBe(6);
  });

  it('ids are the same in two builds, and do not move when another village appears', async () => {
    expect(ids(second)).toEqual(ids(first));
    const more = noRegions();
    more['dibao/2026-07.csv'] = '乡镇,村,户主姓名,保障人数,月保障金额\n安乐镇,安乐村,新户,1,300\n东风镇,新建村,新户乙,1,300\n';
    const third = await build(more);
    expect(third.result.ok).toBe(true);
    const before = new Map(ids(first) as [string, string][]);
    const after = new Map(ids(third) as [string, string][]);
    for (const [name, id] of before) expect(after.get(name), name).toBe(id);
    expect(after.size).toBe(9);
  });

  it('the hierarchy is still township → village', () => {
    const s = json<SiteModel>(first.model, 'site.json');
    const id = (n: string) => s.places.find((p) => p.name === n)!.id;
    const township = json<PlacePage>(first.model, `places/${id('东风镇')}.json`);
    expect(township.children.map((c) => c.name)).toEqual(expect.arrayContaining(['红星村', '向阳村']));
    expect(township.children).toHaveLength(2);
    const village = json<PlacePage>(first.model, `places/${id('红星村')}.json`);
    expect(village.ancestors.map((a) => a.name)).toEqual(['阳光县', '东风镇']);
    expect(village.sections.find((x) => x.dataset === 'dibao')!.changes).toMatchObject({ added: ['赵六'], removed: ['李四'] });
  });
});

describe('a failing check', () => {
  it('an error in one file: ok is false, nothing is rendered and no model is written', async () => {
    const bad = files();
    bad['dibao/2026-11.csv'] = '乡镇,村,户主姓名,保障人数,月保障金额\n东风镇,红星村,张三,两人,550\n';
    const r = await build(bad);
    expect(r.result.ok).toBe(false);
    expect(r.result.report.ok).toBe(false);
    const f = r.result.report.files.find((x) => x.path === 'dibao/2026-11.csv')!;
    expect(f.issues.some((i) => i.severity === 'error')).toBe(true);
    expect(r.rendered).toEqual([]);
    expect([...r.model.files.keys()]).toEqual([]);
    expect(r.downloads.files.has('SHA256SUMS')).toBe(false);
    expect(r.downloads.files.has('manifest.json')).toBe(false);
  });

  it('an unknown village is an error too', async () => {
    const bad = files();
    bad['pension/2026-11.csv'] = '乡镇,村,姓名,月养老金\n东风镇,不存在村,某人,180\n';
    const r = await build(bad);
    expect(r.result.ok).toBe(false);
    expect(r.rendered).toEqual([]);
  });
});

describe('the notice board QR code', () => {
  it('each village page carries the QR code of its page online (site.json url); townships and a site without a url have none', async () => {
    const f = files();
    f['site.json'] = JSON.stringify({ ...JSON.parse(f['site.json']!) as object, url: 'https://sanwu.example.gov.cn/sub/' });
    const withUrl = await build(f);
    const village = json<PlacePage>(withUrl.model, `places/${CODES.hongxing}.json`);
    expect(decodeQrSvg(village.printQr!.first)).toBe(`https://sanwu.example.gov.cn/sub/place/${CODES.hongxing}/`);
    expect(village.printQr!.first).toContain('aria-label="二维码：红星村网上公开页面 https://sanwu.example.gov.cn/sub/place/');
    expect(village.printQr!.again).toMatch(/<use href="#[\w-]+"\/>/);
    expect(json<PlacePage>(withUrl.model, `places/${CODES.dongfeng}.json`).printQr).toBeUndefined();
    expect(place(CODES.hongxing).printQr).toBeUndefined();
  });
});
