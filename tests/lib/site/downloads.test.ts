// The downloads journalists get (src/lib/site/downloads.ts): CSV cells a spreadsheet cannot run as
// formulas, the streamed CSV/JSON twins with their checksums, the Frictionless data package and
// SHA256SUMS.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DATASET_BY_ID, DATASETS } from '../../../src/lib/datasets/index.ts';
import { memoryOutput } from '../../../src/lib/output.ts';
import type { Region } from '../../../src/lib/regions.ts';
import { csvCell, csvLine, dataPackage, downloadColumns, DownloadSink, sha256Sums, Utf8Builder, type DownloadStats } from '../../../src/lib/site/downloads.ts';

const sha256 = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');
const dibao = DATASET_BY_ID.get('dibao')!;
const tekun = DATASET_BY_ID.get('tekun')!;
const projects = DATASET_BY_ID.get('projects')!;
const finance = DATASET_BY_ID.get('finance')!;

const township: Region = { id: '510199100000', code: '510199100000', name: '东风镇', level: 'township' };
const village: Region = { id: '510199100201', code: '510199100201', name: '红星村', level: 'village', parent: township.id };

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+', "'+"],
    ['-', "'-"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['\t=1+1', "'\t=1+1"],
    ['＝1+1', "'＝1+1"],
    ['＋86', "'＋86"],
    ['－5', "'－5"],
    ['＠cmd', "'＠cmd"],
  ])('text that a spreadsheet would run (%j) gets a leading apostrophe', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it('neutralised cells are still quoted when they need it', () => {
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvCell('=SUM(A1,B1)')).toBe(`"'=SUM(A1,B1)"`);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('=1\n+1')).toBe(`"'=1\n+1"`);
  });

  it('numbers stay plain numbers, negatives included', () => {
    expect(csvCell(1234.5)).toBe('1234.5');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(NaN)).toBe('');
    expect(csvCell(Infinity)).toBe('');
  });

  it('quotes, commas, newlines and edge spaces are quoted the RFC 4180 way', () => {
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell(' lead')).toBe('" lead"');
    expect(csvCell('trail ')).toBe('"trail "');
  });

  it('ordinary text and empty cells are left alone', () => {
    expect(csvCell('张三')).toBe('张三');
    expect(csvCell('a-b=c')).toBe('a-b=c');
    expect(csvCell('2026-10')).toBe('2026-10');
    expect(csvCell('')).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
  });

  it('csvLine joins cells with commas and ends with CRLF', () => {
    expect(csvLine(['张三', 2, '=x', undefined, 'a,b'])).toBe(`张三,2,'=x,,"a,b"\r\n`);
  });
});

describe('downloadColumns', () => {
  it('lists public columns only, money headers with （元）, and ends with 区划代码', () => {
    const cols = downloadColumns(dibao);
    expect(cols.map((c) => c.header)).toEqual(['乡镇', '村', '户主姓名', '保障人数', '月保障金额（元）', '保障类别', '认定日期', '发放年月', '区划代码']);
    for (const spec of DATASETS) {
      const headers = downloadColumns(spec).map((c) => c.header);
      for (const c of spec.columns.filter((x) => !x.public)) expect(headers, `${spec.id}.${c.key}`).not.toContain(c.title);
      expect(headers.at(-1)).toBe('区划代码');
    }
  });

  it('a 万元 column is still downloaded in 元', () => {
    expect(downloadColumns(projects).find((c) => c.key === 'amount')!.header).toBe('资金规模（元）');
  });
});

/** Streams a few 特困 rows (plus one 低保 row) through a DownloadSink into memory. */
function sinkRun() {
  const out = memoryOutput();
  const sink = new DownloadSink(out, 'data');
  sink.accept(tekun, { township: '东风镇', village: '红星村', name: '冯甲', careMode: '分散', amount: 800, period: '2026-10',
    // Even if a private value reached the sink it must not be written.
    idNumber: '510199198001011234', phone: '13912345678' }, { township, village }, { file: 'tekun/a.csv', row: 2 });
  sink.accept(tekun, { township: '东风镇', name: '=HYPERLINK("x")', careMode: '集中', selfCare: '全自理', amount: 950.5, period: '2026-10' }, { township }, { file: 'tekun/a.csv', row: 3 });
  sink.accept(tekun, { township: '东风镇', village: '红星村', name: '王, "小"五', careMode: '集中', amount: 1000, period: '2026-11' }, { township, village }, { file: 'tekun/b.csv', row: 2 });
  sink.accept(dibao, { township: '东风镇', village: '红星村', name: '张三', persons: 2, amount: 550, period: '2026-10' }, { township, village }, { file: 'dibao/x.csv', row: 2 });
  const stats = sink.finish();
  return { out, stats };
}

describe('DownloadSink', () => {
  it('writes a UTF-8 BOM and the Chinese headers with （元） and 区划代码', () => {
    const { out } = sinkRun();
    const text = out.files.get('data/tekun.csv')!;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('乡镇,村,姓名,供养方式,生活自理能力,月供养金额（元）,发放年月,区划代码');
    expect(lines[1]).toBe('东风镇,红星村,冯甲,分散,,800,2026-10,510199100201');
    // A township-level row gets the township code; the formula is neutralised and quoted.
    expect(lines[2]).toBe(`东风镇,,"'=HYPERLINK(""x"")",集中,全自理,950.5,2026-10,510199100000`);
    expect(lines[3]).toBe('东风镇,红星村,"王, ""小""五",集中,,1000,2026-11,510199100201');
    expect(lines.slice(4)).toEqual(['']);
  });

  it('writes a JSON array with the same field names, raw values and null for empty cells', () => {
    const { out } = sinkRun();
    const rows = JSON.parse(out.files.get('data/tekun.json')!) as Record<string, unknown>[];
    expect(rows).toHaveLength(3);
    const headers = downloadColumns(tekun).map((c) => c.header);
    for (const r of rows) expect(Object.keys(r)).toEqual(headers);
    expect(rows[0]).toEqual({ 乡镇: '东风镇', 村: '红星村', 姓名: '冯甲', 供养方式: '分散', 生活自理能力: null, '月供养金额（元）': 800, 发放年月: '2026-10', 区划代码: '510199100201' });
    // JSON is not a spreadsheet: the text is kept as written.
    expect(rows[1]!['姓名']).toBe('=HYPERLINK("x")');
    expect(rows[1]!['村']).toBeNull();
  });

  it('each row is exactly what csvLine and JSON.stringify of the row keyed by its headers give', () => {
    const out = memoryOutput();
    const sink = new DownloadSink(out, 'data');
    const odd: Record<string, string | number | undefined>[] = [
      { township: '东风镇', village: '红星村', name: '行一\n行二', careMode: ' 集中', amount: Number.NaN, period: '2026-10' },
      { township: '东风镇', name: '引号"\u2028\\', selfCare: '-1', amount: Number.POSITIVE_INFINITY, period: '＝2026' },
      { township: '东风镇', village: '红星村', name: '@x', careMode: '', amount: -0.5, period: undefined },
    ];
    odd.forEach((row, i) => sink.accept(tekun, row, row.village ? { township, village } : { township }, { file: 'tekun/a.csv', row: i + 2 }));
    sink.finish();
    const columns = downloadColumns(tekun);
    const cells = odd.map((row) => columns.map((c) => (c.key === '__code' ? (row.village ? village.code : township.code) : row[c.key])));
    expect(out.files.get('data/tekun.csv')).toBe('\uFEFF' + csvLine(columns.map((c) => c.header)) + cells.map(csvLine).join(''));
    const objects = cells.map((r) => Object.fromEntries(columns.map((c, i) => [c.header, r[i] ?? null])));
    expect(out.files.get('data/tekun.json')).toBe('[' + objects.map((o) => '\n' + JSON.stringify(o)).join(',') + '\n]\n');
  });

  it('never writes a private value', () => {
    const { out } = sinkRun();
    for (const [path, text] of out.files) {
      expect(text, path).not.toContain('510199198001011234');
      expect(text, path).not.toContain('13912345678');
      expect(text, path).not.toContain('身份证号');
    }
  });

  it('counts rows and distinct source files per dataset, and one CSV/JSON pair per dataset', () => {
    const { out, stats } = sinkRun();
    expect([...out.files.keys()].sort()).toEqual(['data/dibao.csv', 'data/dibao.json', 'data/tekun.csv', 'data/tekun.json']);
    expect(stats.get('tekun')).toMatchObject({ rows: 3, files: 2 });
    expect(stats.get('dibao')).toMatchObject({ rows: 1, files: 1 });
  });

  it('sizes and sha256 match a recomputation over the bytes written', () => {
    const { out, stats } = sinkRun();
    for (const id of ['tekun', 'dibao']) {
      const s = stats.get(id)!;
      const csv = out.readFile(`data/${id}.csv`);
      const json = out.readFile(`data/${id}.json`);
      expect(s.csvBytes).toBe(csv.length);
      expect(s.jsonBytes).toBe(json.length);
      expect(s.csvSha256).toBe(sha256(csv));
      expect(s.jsonSha256).toBe(sha256(json));
    }
    expect(stats.get('tekun')!.csvSha256).not.toBe(stats.get('dibao')!.csvSha256);
  });

  it('a download of many megabytes is written whole: every row once, in order, Chinese text intact across writes', () => {
    const out = memoryOutput();
    const sink = new DownloadSink(out, 'data');
    const rows = 20_000;
    // Long Chinese names (3 bytes each in UTF-8) and one over-long cell cross the writer's buffer many times.
    for (let i = 0; i < rows; i++) {
      const name = i === 777 ? '长'.repeat(200_000) : `${'欧阳'.repeat(20)}${i}`;
      sink.accept(dibao, { township: '东风镇', village: '红星村', name, persons: 2, amount: 550 + i, period: '2026-10' }, { township, village }, { file: 'dibao/x.csv', row: i + 2 });
    }
    const s = sink.finish().get('dibao')!;
    const csv = out.files.get('data/dibao.csv')!;
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(rows + 2);
    expect(lines[1]).toBe(`东风镇,红星村,${'欧阳'.repeat(20)}0,2,550,,,2026-10,510199100201`);
    expect(lines[778]).toBe(`东风镇,红星村,${'长'.repeat(200_000)},2,1327,,,2026-10,510199100201`);
    expect(lines[rows]).toBe(`东风镇,红星村,${'欧阳'.repeat(20)}${rows - 1},2,${550 + rows - 1},,,2026-10,510199100201`);
    const json = JSON.parse(out.files.get('data/dibao.json')!) as Record<string, unknown>[];
    expect(json).toHaveLength(rows);
    expect(json[rows - 1]!['月保障金额（元）']).toBe(550 + rows - 1);
    expect(s.csvBytes).toBe(Buffer.byteLength(csv));
    expect(s.csvBytes).toBeGreaterThan(2_000_000);
    expect(s.csvSha256).toBe(sha256(out.readFile('data/dibao.csv')));
  });
});

type Field = { name: string; title: string; type: string; unit?: string; constraints?: { required?: boolean; enum?: string[] } };
type Resource = { name: string; path: string; format: string; encoding: string; bytes: number; hash: string; schema: { fields: Field[] } };
type Package = { profile: string; name: string; title: string; version: string; contributors?: { title: string; role: string }[]; resources: Resource[] };

describe('dataPackage', () => {
  const stats = (n: number): DownloadStats => ({ rows: n, files: 1, csvBytes: 100 + n, jsonBytes: 200 + n, csvSha256: 'a'.repeat(64), jsonSha256: 'b'.repeat(64) });
  const pkg = dataPackage({ name: 'sunlight-disclosures', title: '阳光县三务公开', publisher: '阳光县民政局', asOf: '2026-11-22',
    datasets: [{ spec: tekun, stats: stats(3) }, { spec: projects, stats: stats(5) }] }) as Package;

  it('is a tabular data package with one CSV resource per dataset', () => {
    expect(pkg.profile).toBe('tabular-data-package');
    expect(pkg.version).toBe('2026-11-22');
    expect(pkg.contributors).toEqual([{ title: '阳光县民政局', role: 'publisher' }]);
    expect(pkg.resources.map((r) => [r.name, r.path, r.format, r.encoding])).toEqual([
      ['tekun', 'tekun.csv', 'csv', 'utf-8'],
      ['projects', 'projects.csv', 'csv', 'utf-8'],
    ]);
    // Every resource declares itself tabular, as a tabular-data-package requires.
    expect(pkg.resources.map((r) => (r as Resource & { profile?: string }).profile)).toEqual(['tabular-data-resource', 'tabular-data-resource']);
    expect(pkg.resources[0]).toMatchObject({ bytes: 103, hash: `sha256:${'a'.repeat(64)}` });
  });

  it('declares the row key as the primary key where the check refuses duplicates, and none for the finance ledger', () => {
    const withFinance = dataPackage({ name: 'x', title: 'x', publisher: '', asOf: '2026-11-22', datasets: [{ spec: tekun, stats: stats(1) }, { spec: finance, stats: stats(1) }] }) as Package;
    const [t, f] = withFinance.resources.map((r) => (r.schema as { primaryKey?: string[] }).primaryKey);
    expect(t).toEqual(['发放年月', '乡镇', '村', '姓名']);
    for (const h of t!) expect(withFinance.resources[0]!.schema.fields.map((x) => x.name)).toContain(h);
    expect(f).toBeUndefined();
  });

  it('declares the office\'s licence when site.json gives one, and none otherwise', () => {
    const licensed = dataPackage({ name: 'x', title: 'x', publisher: '', asOf: '2026-11-22', license: { name: 'CC-BY-4.0', title: '知识共享署名 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' }, datasets: [] }) as Package & { licenses?: unknown };
    expect(licensed.licenses).toEqual([{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: '知识共享署名 4.0' }]);
    expect((pkg as Package & { licenses?: unknown }).licenses).toBeUndefined();
  });

  it('field names are exactly the download headers, in order', () => {
    expect(pkg.resources[0]!.schema.fields.map((f) => f.name)).toEqual(downloadColumns(tekun).map((c) => c.header));
    expect(pkg.resources[1]!.schema.fields.map((f) => f.name)).toEqual(downloadColumns(projects).map((c) => c.header));
  });

  it('carries enum constraints (required or not), types and the 元 unit', () => {
    const f = (name: string) => pkg.resources[0]!.schema.fields.find((x) => x.name === name)!;
    expect(f('供养方式').constraints).toEqual({ required: true, enum: ['集中', '分散'] });
    expect(f('生活自理能力').constraints).toEqual({ enum: ['全自理', '部分丧失', '完全丧失'] });
    expect(f('姓名').constraints).toEqual({ required: true });
    expect(f('月供养金额（元）')).toMatchObject({ type: 'number', unit: '元 (CNY)' });
    expect(f('发放年月').type).toBe('yearmonth');
    expect(f('区划代码')).toMatchObject({ type: 'string' });
    expect(f('区划代码').constraints).toBeUndefined();
    const nature = pkg.resources[1]!.schema.fields.find((x) => x.name === '建设性质')!;
    expect(nature.constraints).toEqual({ enum: ['新建', '续建', '改建', '扩建', '维修', '维修改造'] });
    expect(pkg.resources[1]!.schema.fields.find((x) => x.name === '年度')!.type).toBe('year');
  });

  it('has no contributors without a publisher', () => {
    const bare = dataPackage({ name: 'x', title: 'x', publisher: '', asOf: '2026-11-22', datasets: [] }) as Package;
    expect(bare.contributors).toBeUndefined();
    expect(bare.resources).toEqual([]);
  });
});

describe('sha256Sums', () => {
  function folder() {
    const out = memoryOutput();
    out.writeFile('data/dibao.csv', '\uFEFF乡镇,村\r\n东风镇,红星村\r\n');
    out.writeFile('data/places/510199100201/dibao.csv', 'a,b\r\n');
    out.writeFile('data/manifest.json', '{}\n');
    out.writeFile('data/SHA256SUMS', 'stale\n');
    out.writeFile('database.csv', 'not in data/');
    out.writeFile('model/site.json', '{}');
    return out;
  }

  it('lists every file of the folder except itself, relative to the folder, sorted', () => {
    const out = folder();
    const lines = sha256Sums(out, 'data').trimEnd().split('\n');
    expect(lines.map((l) => l.slice(66))).toEqual(['dibao.csv', 'manifest.json', 'places/510199100201/dibao.csv']);
    for (const l of lines) {
      expect(l).toMatch(/^[0-9a-f]{64} {2}\S/);
      expect(l.slice(0, 64)).toBe(sha256(out.readFile(`data/${l.slice(66)}`)));
    }
  });

  it('hashes the UTF-8 bytes as written (BOM included), in sha256sum format', () => {
    const out = folder();
    const text = sha256Sums(out, 'data');
    const bytes = Buffer.from('\uFEFF乡镇,村\r\n东风镇,红星村\r\n', 'utf8');
    expect(text).toContain(`${sha256(bytes)}  dibao.csv\n`);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('with the root folder, paths are the file paths themselves', () => {
    const out = memoryOutput();
    out.writeFile('a.csv', 'x');
    out.writeFile('SHA256SUMS', '');
    out.writeFile('sub/b.json', 'y');
    expect(sha256Sums(out, '')).toBe(`${sha256('x')}  a.csv\n${sha256('y')}  sub/b.json\n`);
  });
});

describe('Utf8Builder', () => {
  it('encodes appended text as UTF-8, growing past its first buffer, and starts afresh on reset', () => {
    const b = new Utf8Builder();
    b.append('\uFEFF乡镇,村\r\n');
    expect(Buffer.from(b.bytes()).toString('utf8')).toBe('\uFEFF乡镇,村\r\n');
    const long = '红星村'.repeat(40_000); // 360 KB of UTF-8: several times the first buffer
    b.reset().append('a,').append(long).append('\r\n');
    expect(b.bytes().length).toBe(2 + 360_000 + 2);
    expect(Buffer.from(b.bytes()).toString('utf8')).toBe(`a,${long}\r\n`);
    b.reset().append('x');
    expect(Buffer.from(b.bytes()).toString('utf8')).toBe('x');
  });
});
