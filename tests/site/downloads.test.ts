// The downloads journalists rely on: checksums that `sha256sum -c` accepts, a Frictionless data
// package that describes the CSVs exactly, a manifest that matches the files, CSVs Excel opens,
// and money as plain numbers in 元.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { AS_OF, decodeInput, listFiles, SAMPLE_DATA, sampleSite, sha256 } from '../helpers/site.ts';

interface Field { name: string; title?: string; type: string; unit?: string; description?: string; constraints?: { required?: boolean; enum?: string[] } }
interface Resource { name: string; path: string; format?: string; mediatype?: string; encoding?: string; bytes?: number; hash?: string; schema: { fields: Field[] } }
interface DataPackage { profile?: string; name: string; resources: Resource[] }
interface Manifest {
  asOf: string;
  datasets: { id: string; title: string; rows: number; files: Record<string, string> }[];
  regions: { code: string | null; name: string; level: string; parent: string | null; url: string }[];
}

let site: string;
let data: string;
let pkg: DataPackage;
let manifest: Manifest;
beforeAll(async () => {
  site = (await sampleSite()).dir;
  data = join(site, 'data');
  pkg = JSON.parse(readFileSync(join(data, 'datapackage.json'), 'utf8')) as DataPackage;
  manifest = JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8')) as Manifest;
});

function readCsv(path: string): { bom: boolean; header: string[]; rows: string[][] } {
  const text = readFileSync(path, 'utf8');
  const bom = text.startsWith('\uFEFF');
  const parsed = Papa.parse<string[]>(bom ? text.slice(1) : text, { skipEmptyLines: true });
  expect(parsed.errors, path).toEqual([]);
  const [header = [], ...rows] = parsed.data;
  return { bom, header, rows };
}

const csvFiles = () => listFiles(data).filter((f) => f.endsWith('.csv'));

describe('SHA256SUMS', () => {
  it('`sha256sum -c SHA256SUMS` inside data/ passes', () => {
    const r = spawnSync('sha256sum', ['--check', '--strict', 'SHA256SUMS'], { cwd: data, encoding: 'utf8' });
    expect(r.error, 'sha256sum (coreutils) must be installed').toBeUndefined();
    expect(`${r.status}\n${r.stderr}`).toBe('0\n');
    expect(r.stdout).not.toMatch(/FAILED/);
  });

  it('covers every file under data/ (a journalist can check everything they download)', () => {
    const listed = readFileSync(join(data, 'SHA256SUMS'), 'utf8').trimEnd().split('\n').map((l) => l.slice(66));
    expect(listed.sort()).toEqual(listFiles(data).filter((f) => f !== 'SHA256SUMS'));
  });

  it('is not vacuous: a changed byte makes the check fail', () => {
    const line = readFileSync(join(data, 'SHA256SUMS'), 'utf8').split('\n').find((l) => l.endsWith('  dibao.csv'))!;
    const bad = line.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const r = spawnSync('sha256sum', ['--check', '--strict', '-'], { cwd: data, encoding: 'utf8', input: bad + '\n' });
    expect(r.status).not.toBe(0);
  });
});

describe('datapackage.json', () => {
  it('has exactly one CSV resource per dataset, and every resource is one the tabular profile allows', () => {
    const ids = manifest.datasets.map((d) => d.id).sort();
    const csv = pkg.resources.filter((r) => r.path.endsWith('.csv'));
    expect(csv.map((r) => r.name).sort()).toEqual(ids);
    expect(csv.map((r) => r.path).sort()).toEqual(ids.map((id) => `${id}.csv`));
    // A tabular-data-package may only hold Tabular Data Resources, whose files must be CSV.
    if (pkg.profile === 'tabular-data-package') expect(pkg.resources.filter((r) => !r.path.endsWith('.csv')).map((r) => r.path)).toEqual([]);
  });

  it("each resource's schema.fields names equal the CSV header cells, in order", () => {
    for (const r of pkg.resources.filter((x) => x.path.endsWith('.csv'))) {
      const { header } = readCsv(join(data, r.path));
      expect(r.schema.fields.map((f) => f.name), r.path).toEqual(header);
    }
  });

  it('each resource states the real size and sha256 of its file', () => {
    for (const r of pkg.resources) {
      const bytes = readFileSync(join(data, r.path));
      if (r.bytes !== undefined) expect(r.bytes, r.path).toBe(bytes.length);
      if (r.hash !== undefined) expect(r.hash, r.path).toBe(`sha256:${sha256(bytes)}`);
    }
  });

  it('every CSV cell fits its field: types, required, enum constraints', () => {
    const PATTERN: Record<string, RegExp> = {
      integer: /^-?\d+$/, number: /^-?\d+(\.\d+)?$/, date: /^\d{4}-\d{2}-\d{2}$/, yearmonth: /^\d{4}-(0[1-9]|1[0-2])$/, year: /^\d{4}$/,
    };
    const problems: string[] = [];
    for (const r of pkg.resources.filter((x) => x.path.endsWith('.csv'))) {
      const { header, rows } = readCsv(join(data, r.path));
      r.schema.fields.forEach((f, j) => {
        expect(header[j]).toBe(f.name);
        for (const [i, row] of rows.entries()) {
          const v = row[j] ?? '';
          const where = `${r.path} row ${i + 2} ${f.name}=${JSON.stringify(v)}`;
          if (v === '') { if (f.constraints?.required) problems.push(`${where}: required`); continue; }
          const p = PATTERN[f.type];
          if (p && !p.test(v)) problems.push(`${where}: not a ${f.type}`);
          if (f.constraints?.enum && !f.constraints.enum.includes(v)) problems.push(`${where}: not in enum`);
        }
      });
    }
    expect(problems.slice(0, 20), `${problems.length} cells do not fit the schema`).toEqual([]);
  });

  it('an enum column that is also required keeps both constraints (供养方式: 集中 / 分散)', () => {
    const tekun = pkg.resources.find((r) => r.name === 'tekun')!;
    const mode = tekun.schema.fields.find((f) => f.name === '供养方式')!;
    expect(mode.constraints).toEqual({ required: true, enum: ['集中', '分散'] });
  });

  it('money fields are numbers with the unit 元', () => {
    for (const r of pkg.resources.filter((x) => x.path.endsWith('.csv'))) {
      for (const f of r.schema.fields.filter((x) => x.name.endsWith('（元）'))) {
        expect(f.type, `${r.path} ${f.name}`).toBe('number');
        expect(f.unit, `${r.path} ${f.name}`).toMatch(/元/);
      }
    }
  });
});

describe('manifest.json', () => {
  it(`speaks as of ${AS_OF}`, () => {
    expect(manifest.asOf).toBe(AS_OF);
  });

  it('lists every dataset with a row count that matches its CSV and JSON downloads', () => {
    expect(manifest.datasets.length).toBe(7);
    for (const d of manifest.datasets) {
      expect(d.files.csv, d.id).toBe(`data/${d.id}.csv`);
      expect(d.files.json, d.id).toBe(`data/${d.id}.json`);
      const { rows } = readCsv(join(site, d.files.csv!));
      expect(rows.length, d.id).toBe(d.rows);
      const json = JSON.parse(readFileSync(join(site, d.files.json!), 'utf8')) as unknown[];
      expect(json.length, d.id).toBe(d.rows);
      expect(d.rows, d.id).toBeGreaterThan(0);
    }
  });

  it('lists every region of regions.csv with code, name, level, parent and a url whose page exists', () => {
    const input = Papa.parse<string[]>(decodeInput(readFileSync(join(SAMPLE_DATA, 'regions.csv'))).text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.slice(1);
    const byCode = new Map(manifest.regions.map((r) => [r.code, r]));
    expect(manifest.regions.length).toBe(input.length);
    for (const [code, name, parent] of input) {
      const r = byCode.get(code!);
      expect(r, code).toBeDefined();
      expect(Object.keys(r!).sort()).toEqual(['code', 'level', 'name', 'parent', 'url']);
      expect(r!.name).toBe(name);
      expect(r!.parent ?? '').toBe(parent ?? '');
      expect(r!.level).toBe(!parent ? 'county' : byCode.get(parent)?.parent ? 'village' : 'township');
      expect(r!.url).toBe(`place/${code}/`);
      expect(r!.url.startsWith('/'), 'url is relative to the site root').toBe(false);
      expect(existsSync(join(site, r!.url, 'index.html')), r!.url).toBe(true);
    }
  });
});

describe('CSV downloads', () => {
  it('every CSV (whole datasets and per-place tables) starts with the UTF-8 BOM and has Chinese headers', () => {
    const files = csvFiles();
    expect(files.length).toBeGreaterThan(7);
    for (const f of files) {
      const bytes = readFileSync(join(data, f));
      expect([...bytes.subarray(0, 3)], f).toEqual([0xef, 0xbb, 0xbf]);
      const { header } = readCsv(join(data, f));
      expect(header.every((h) => /[\u4e00-\u9fff]/.test(h)), `${f}: ${header.join(',')}`).toBe(true);
    }
  });

  it('money columns hold plain numbers in 元 (no ¥, no thousands separators, no 万), in every CSV', () => {
    let cells = 0;
    for (const f of csvFiles()) {
      const { header, rows } = readCsv(join(data, f));
      header.forEach((h, j) => {
        if (!h.endsWith('（元）')) return;
        for (const row of rows) {
          const v = row[j] ?? '';
          if (v === '') continue;
          cells++;
          expect(v, `${f} ${h}`).toMatch(/^-?\d+(\.\d{1,2})?$/);
        }
      });
    }
    expect(cells).toBeGreaterThan(1000);
  });

  it('JSON downloads carry the same money as numbers', () => {
    for (const d of manifest.datasets) {
      const json = JSON.parse(readFileSync(join(site, d.files.json!), 'utf8')) as Record<string, unknown>[];
      const { header, rows } = readCsv(join(site, d.files.csv!));
      header.forEach((h, j) => {
        if (!h.endsWith('（元）')) return;
        json.forEach((o, i) => {
          const v = o[h];
          const cell = rows[i]![j]!;
          if (cell === '') expect(v ?? null, `${d.id} ${h}`).toBeNull();
          else expect(v, `${d.id} ${h} row ${i}`).toBe(Number(cell));
        });
      });
    }
  });

  it('amounts are converted to 元 from what the clerks typed (万元 columns ×10000, "456400.00" → 456400)', () => {
    // 村级工程项目: 合同金额（元） as typed.
    const works = readCsv(join(data, 'works.csv'));
    const col = (t: { header: string[] }, h: string) => { const j = t.header.indexOf(h); expect(j, h).toBeGreaterThanOrEqual(0); return j; };
    const wIn = Papa.parse<string[]>(decodeInput(readFileSync(join(SAMPLE_DATA, 'works', '2026.csv'))).text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const inHeader = { header: wIn[0]! };
    let checked = 0;
    for (const row of wIn.slice(1)) {
      const out = works.rows.find((r) => r[col(works, '项目名称')] === row[col(inHeader, '项目名称')]);
      expect(out, row.join(',')).toBeDefined();
      expect(Number(out![col(works, '合同金额（元）')])).toBe(Number(row[col(inHeader, '合同金额（元）')]!.replace(/,/g, '')));
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
    // 衔接资金项目: 资金规模（万元） in the input ("80万", "46.68"), 元 in the download.
    const projects = readCsv(join(data, 'projects.csv'));
    for (const year of ['2025', '2026']) {
      const rows = Papa.parse<string[]>(decodeInput(readFileSync(join(SAMPLE_DATA, 'projects', `${year}.csv`))).text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
      const head = rows.findIndex((r) => r.includes('资金规模（万元）'));
      const jName = rows[head]!.indexOf('项目名称');
      const jWan = rows[head]!.indexOf('资金规模（万元）');
      for (const r of rows.slice(head + 1).filter((x) => /^\d+$/.test(x[0] ?? ''))) {
        const wan = Number(r[jWan]!.replace(/万元?$/, ''));
        const out = projects.rows.find((o) => o[col(projects, '年度')] === year && o[col(projects, '项目名称')] === r[jName]);
        expect(out, `${year} ${r[jName]}`).toBeDefined();
        expect(Number(out![col(projects, '资金规模（元）')]), `${year} ${r[jName]} ${r[jWan]}`).toBe(Math.round(wan * 10000));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});
