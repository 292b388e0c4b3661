import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { generateSample } from '../scripts/sample/generate.ts';
import { encodeGb18030, canEncodeGb18030 } from '../scripts/sample/gbk.ts';
import { idCheckDigit, isValidIdNumber } from '../scripts/sample/people.ts';
import { buildRegions } from '../scripts/sample/regions.ts';

const root = mkdtempSync(join(tmpdir(), 'sunlight-sample-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** Minimal RFC 4180 parser (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
function isStrictUtf8(bytes: Uint8Array): boolean {
  try { strictUtf8.decode(bytes); return true; } catch { return false; }
}
function decodeAny(bytes: Uint8Array): string {
  return isStrictUtf8(bytes) ? strictUtf8.decode(bytes).replace(/^\uFEFF/, '') : new TextDecoder('gb18030').decode(bytes);
}
const readCsv = (path: string): string[][] => parseCsv(decodeAny(readFileSync(path)));
const halfWidth = (s: string): string => s.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
/** Cents from 1,234.50 / ¥350 / ５６０ / 80万 (万 only where noted). */
const cents = (s: string, wan = false): number => {
  const t = halfWidth(s).replace(/[,¥]/g, '').replace(/万$/, '');
  return t === '' || t === '—' ? 0 : Math.round(Number(t) * (wan ? 1_000_000 : 100));
};

const options = { villages: 15, months: 12, seed: 20261, cleanOnly: false };
let a: string;
let b: string;
let clean: string;

beforeAll(() => {
  a = join(root, 'a');
  b = join(root, 'b');
  clean = join(root, 'clean');
  generateSample({ ...options, out: a });
  generateSample({ ...options, out: b });
  generateSample({ ...options, out: clean, cleanOnly: true });
});

describe('determinism', () => {
  it('writes byte-identical output for the same seed', () => {
    const fa = listFiles(a).map((p) => relative(a, p));
    const fb = listFiles(b).map((p) => relative(b, p));
    expect(fa).toEqual(fb);
    expect(fa.length).toBe(2 + 12 + 12 + 3 + 2 + 15 * 4 + 1 + 2);
    for (const f of fa) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });

  it('writes different data for a different seed', () => {
    const other = join(root, 'other-seed');
    generateSample({ ...options, seed: 7, out: other });
    expect(readFileSync(join(other, 'dibao/2026-10.csv')).equals(readFileSync(join(a, 'dibao/2026-10.csv')))).toBe(false);
  });
});

describe('encodings', () => {
  it('has exactly two GB18030 dibao files (CRLF) and one UTF-8 file with BOM', () => {
    const files = listFiles(a);
    const gbk = files.filter((p) => !isStrictUtf8(readFileSync(p))).map((p) => relative(a, p));
    expect(gbk).toEqual(['dibao/2025-12.csv', 'dibao/2026-05.csv']);
    for (const f of gbk) {
      const bytes = readFileSync(join(a, f));
      const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      expect(text).not.toContain('\uFFFD');
      expect(text.startsWith('城关镇等3个乡镇')).toBe(true);
      expect(text).toContain('序号,乡镇,村,户主姓名');
      expect(text.split('\r\n').length).toBeGreaterThan(100);
      expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    }
    const bom = files.filter((p) => readFileSync(p).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).map((p) => relative(a, p));
    expect(bom).toEqual(['dibao/2026-02.csv']);
    // Everything else: LF only.
    for (const p of files) if (!gbk.includes(relative(a, p))) expect(readFileSync(p, 'utf8')).not.toContain('\r');
  });

  it('clean-only output is plain UTF-8 with the header on line 1 and no private columns', () => {
    for (const p of listFiles(clean)) {
      const bytes = readFileSync(p);
      expect(isStrictUtf8(bytes), p).toBe(true);
      expect(bytes[0]).not.toBe(0xef);
      if (!p.endsWith('.csv')) continue;
      const header = readCsv(p)[0]!;
      expect(header).not.toContain('身份证号');
      expect(header).not.toContain('联系电话');
      expect(header.join('')).not.toMatch(/公示|公开|计划/);
    }
  });
});

describe('GBK encoder', () => {
  it('round-trips every character of the two-byte table and ASCII', () => {
    const decoder = new TextDecoder('gb18030');
    let all = '';
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\uFFFD') all += ch;
      }
    }
    for (let c = 0; c < 0x80; c++) all += String.fromCharCode(c);
    expect(all.length).toBeGreaterThan(21000);
    const bytes = encodeGb18030(all);
    expect(decoder.decode(bytes)).toBe(all);
    expect(new TextDecoder('gbk').decode(encodeGb18030('低保对象公示，合计：５６０（元）'))).toBe('低保对象公示，合计：５６０（元）');
    expect([...encodeGb18030('啊a')]).toEqual([0xb0, 0xa1, 0x61]);
  });

  it('throws instead of writing ? for characters outside the table', () => {
    expect(() => encodeGb18030('小𣵦村')).toThrow(RangeError);
    expect(() => encodeGb18030('¥350')).toThrow(/U\+00A5/);
    expect(canEncodeGb18030('¥')).toBe(false);
    expect(canEncodeGb18030('王家村')).toBe(true);
  });
});

describe('dibao and pension', () => {
  it('ID numbers are 18 digits with valid ISO 7064 MOD 11-2 check digits, unique per file', () => {
    expect(idCheckDigit('36042619910101007')).toBe('1');
    expect(idCheckDigit('34052419800101001')).toBe('X');
    let checked = 0;
    for (const dir of ['dibao', 'pension']) {
      for (const name of readdirSync(join(a, dir))) {
        const rows = readCsv(join(a, dir, name));
        const h = rows.findIndex((r) => r.includes('身份证号'));
        const col = rows[h]!.indexOf('身份证号');
        const ids = rows.slice(h + 1).map((r) => r[col] ?? '').filter((x) => x !== '');
        for (const id of ids) expect(isValidIdNumber(id), `${dir}/${name}: ${id}`).toBe(true);
        expect(new Set(ids).size).toBe(ids.length);
        checked += ids.length;
      }
    }
    expect(checked).toBeGreaterThan(6000);
  });

  it('dibao files have a title row, a correct 合计 row, notes and one full-width amount', () => {
    let fullWidth = 0;
    for (const name of readdirSync(join(a, 'dibao'))) {
      const rows = readCsv(join(a, 'dibao', name));
      expect(rows[0]![0]).toMatch(/^城关镇等3个乡镇\d{4}年\d{1,2}月低保对象公示$/);
      expect(rows[0]!.slice(1).every((c) => c === '')).toBe(true);
      const header = rows[1]!;
      expect(header.length).toBe(11);
      const notes = rows.slice(-2).map((r) => r[0]);
      expect(notes[0]).toMatch(/^公示期：/);
      expect(notes[1]).toBe('监督电话：0999-1234567');
      const total = rows[rows.length - 3]!;
      expect(total[0] === '合计' || total[1] === '合计').toBe(true);
      const data = rows.slice(2, -3);
      const pi = header.indexOf('保障人数');
      const ai = header.indexOf('月保障金额（元）');
      fullWidth += data.filter((r) => /[０-９]/.test(r[ai]!)).length;
      expect(Number(total[pi])).toBe(data.reduce((s, r) => s + Number(r[pi]), 0));
      expect(Number(total[ai])).toBe(data.reduce((s, r) => s + Number(halfWidth(r[ai]!)), 0));
      expect(data.length).toBeGreaterThan(15 * 20);
      for (const r of data) {
        expect(r[header.indexOf('联系电话')]).toMatch(/^1[3-9]\d{9}$/);
        expect(['A类', 'B类', 'C类']).toContain(r[header.indexOf('保障类别')]);
      }
    }
    expect(fullWidth).toBe(1);
  });
});

describe('finance', () => {
  it('has one file per village and quarter, no 乡镇/村 columns, and exactly one of 收入/支出 per row', () => {
    const names = readdirSync(join(a, 'finance'));
    expect(names.length).toBe(15 * 4);
    expect(names).toContain('城关镇王家村-2026Q3.csv');
    expect(names.filter((n) => n.startsWith('城关镇王家村-')).sort()).toEqual(
      ['2025Q4', '2026Q1', '2026Q2', '2026Q3'].map((q) => `城关镇王家村-${q}.csv`),
    );
    for (const name of names) {
      expect(name).toMatch(/^.+[镇乡].+(村|社区)-\d{4}Q[1-4]\.csv$/);
      for (const dir of [a, clean]) {
        const rows = readCsv(join(dir, 'finance', name));
        const h = dir === a ? 1 : 0;
        if (dir === a) expect(rows[0]![0]).toMatch(/^.+\d{4}年第[1-4]季度财务收支公开$/);
        expect(rows[h]).toEqual(['日期', '凭证号', '科目', '摘要', '收入', '支出', '经手人']);
        const data = rows.slice(h + 1);
        expect(data.length).toBeGreaterThanOrEqual(8);
        expect(data.length).toBeLessThanOrEqual(20);
        for (const r of data) expect((cents(r[4]!) > 0) !== (cents(r[5]!) > 0)).toBe(true);
      }
    }
  });
});

describe('projects and works', () => {
  it('fund sources add up to 资金规模 and the 合计 row is correct', () => {
    for (const year of ['2025', '2026']) {
      const rows = readCsv(join(a, 'projects', `${year}.csv`));
      expect(rows[0]![0]).toBe(`示例县${year}年度巩固拓展脱贫攻坚成果和乡村振兴项目计划`);
      expect(rows[2]!.slice(8, 13)).toEqual(['中央衔接资金', '省级衔接资金', '市级衔接资金', '县级衔接资金', '其他资金']);
      const totalAt = rows.findIndex((r) => r[0] === '合计');
      const data = rows.slice(3, totalAt);
      const total = rows[totalAt]!;
      // Below the 合计 row: the start of the 公示 (its end follows the 10-day rule) and the phones.
      expect(rows.slice(totalAt + 1).map((r) => r[0])).toEqual([`公示时间：${year}年3月2日起`, expect.stringMatching(/^注：.*监督举报电话/)]);
      let sum = 0;
      for (const r of data) {
        const amount = cents(r[7]!, true);
        expect(r.slice(8, 13).reduce((s, v) => s + cents(v, true), 0)).toBe(amount);
        expect(cents(r[18]!, true)).toBeLessThanOrEqual(amount);
        expect(['产业发展', '基础设施', '就业项目', '乡村建设']).toContain(r[2]);
        expect(['未开工', '在建', '已完工']).toContain(r[17]);
        sum += amount;
      }
      expect(cents(total[7]!, true)).toBe(sum);
      expect(data.filter((r) => r[7]!.endsWith('万')).length).toBe(year === '2026' ? 1 : 0);
    }
  });

  it('works: exactly one row paid more than its contract (none in clean-only)', () => {
    const over = (dir: string) =>
      readCsv(join(dir, 'works', '2026.csv')).slice(1).filter((r) => r.length > 1 && cents(r[6]!) > cents(r[5]!)).length;
    expect(over(a)).toBe(1);
    expect(over(clean)).toBe(0);
  });
});

describe('regions', () => {
  it('writes the sample county, three townships and fifteen villages', () => {
    const rows = readCsv(join(a, 'regions.csv')).filter((r) => r.length > 1);
    expect(rows[0]).toEqual(['区划代码', '名称', '上级代码']);
    expect(rows.slice(1, 5)).toEqual([
      ['999901000000', '示例县', ''],
      ['999901100000', '城关镇', '999901000000'],
      ['999901101000', '青石镇', '999901000000'],
      ['999901200000', '柳河乡', '999901000000'],
    ]);
    expect(rows.length).toBe(1 + 1 + 3 + 15);
    expect(JSON.parse(readFileSync(join(a, 'site.json'), 'utf8'))).toMatchObject({
      title: '示例县三务公开', publisher: '示例县人民政府办公室', contact: '0999-1234567',
    });
  });

  it('keeps codes and names unique for a big synthetic province', () => {
    const r = buildRegions(20261, 20000, 1334);
    expect(r.counties.length).toBe(14);
    expect(new Set(r.townships.map((t) => t.name)).size).toBe(r.townships.length);
    expect(new Set(r.villages.map((v) => v.code)).size).toBe(r.villages.length);
    expect(new Set(r.villages.map((v) => v.township.name + v.name)).size).toBe(r.villages.length);
    for (const v of r.villages) expect(v.code).toMatch(/^9999\d{2}(1\d\d|2\d\d)(00[1-9]|[23]\d\d)$/);
    for (const t of r.townships) expect(t.name).toMatch(/^[^镇乡]+\d*[镇乡]$/);
  });
});

describe('CLI', () => {
  it('deletes only the dataset entries it writes, and prints a summary line', () => {
    const out = join(root, 'cli');
    mkdirSync(join(out, 'dibao'), { recursive: true });
    writeFileSync(join(out, 'dibao', 'stale.csv'), 'old');
    writeFileSync(join(out, 'keep.txt'), 'mine');
    mkdirSync(join(out, 'other'));
    writeFileSync(join(out, 'other', 'x.csv'), 'mine');
    const node = join(process.cwd(), 'node_modules/.bin/node');
    const r = spawnSync(node, ['scripts/generate-sample.ts', '--out', out, '--villages', '4', '--months', '3', '--seed', '5'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^generate-sample: \d+ files, \d+ rows, \d+ bytes/);
    expect(existsSync(join(out, 'dibao', 'stale.csv'))).toBe(false);
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(out, 'other', 'x.csv'), 'utf8')).toBe('mine');
    expect(readdirSync(join(out, 'dibao')).sort()).toEqual(['2026-08.csv', '2026-09.csv', '2026-10.csv']);

    const bad = spawnSync(node, ['scripts/generate-sample.ts', '--villages', 'many'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--villages/);
  });
});
