// Every byte the build writes is scanned for the personal identifiers present in the inputs:
// ID numbers, mobile numbers and bank-card-like numbers must never reach the public site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import Papa from 'papaparse';
import { DATASETS } from '../../src/lib/datasets/index.ts';
import { buildSite, decodeInput, listFiles, makeTempDir, sampleSite, SAMPLE_DATA, type BuiltSite } from '../helpers/site.ts';

const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19\uFF38\uFF58]/g;
/** ０-９, Ｘ, ｘ → ASCII: clerks' exports mix both. */
const ascii = (s: string) => s.replace(FULL_WIDTH_DIGIT, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
/** Digits, optionally grouped by single spaces or hyphens (6222 0212 3456 7894, 138-1234-5678), maybe ending in X. */
const DIGIT_RUN = /\d(?:[ -]?\d)*(?:[ -]?[Xx])?/g;
const compact = (s: string) => s.replace(/[ -]/g, '').toUpperCase();

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

interface Identifiers { ids: Set<string>; mobiles: Set<string>; cards: Set<string> }

/** The identifiers a text holds, compacted (no spaces or hyphens, X upper-case). */
function identifiersIn(text: string, into: Identifiers): void {
  for (const m of ascii(text).matchAll(DIGIT_RUN)) {
    const c = compact(m[0]);
    if (/^\d{17}[\dX]$/.test(c)) into.ids.add(c);
    else if (/^(?:0?86)?1[3-9]\d{9}$/.test(c)) into.mobiles.add(c.slice(-11));
    else if (/^\d{16,19}$/.test(c)) into.cards.add(c); // 16, 17 or 19 digits (18 is taken as an ID above)
    if (/^\d{18}$/.test(c) && luhn(c)) into.cards.add(c); // an 18-digit card is both; keep it in both sets
  }
}

function inputIdentifiers(dataDir: string): Identifiers & { files: number; gbkFiles: number } {
  const found: Identifiers = { ids: new Set(), mobiles: new Set(), cards: new Set() };
  let files = 0;
  let gbkFiles = 0;
  for (const rel of listFiles(dataDir)) {
    const { text, encoding } = decodeInput(readFileSync(join(dataDir, rel)));
    files++;
    if (encoding === 'gb18030') gbkFiles++;
    identifiersIn(text, found);
  }
  return { ...found, files, gbkFiles };
}

interface Hit { file: string; kind: string; value: string }

/**
 * A file's bytes as the scan reads them: gzip-compressed files (Pagefind's index, fragments and
 * metadata under pagefind/) are decompressed first, since their compressed bytes hide any digits.
 */
function readForScan(path: string): Buffer {
  const buf = readFileSync(path);
  return buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf) : buf;
}

/** Looks for every secret in every output file: any digit run whose compacted form contains one. */
function scanOutput(dir: string, secrets: Identifiers): { files: string[]; bytes: number; hits: Hit[] } {
  const kinds = new Map<string, string>();
  for (const v of secrets.ids) kinds.set(v, 'ID number');
  for (const v of secrets.mobiles) kinds.set(v, 'mobile number');
  for (const v of secrets.cards) kinds.set(v, kinds.has(v) ? 'ID number / bank card' : 'bank card');
  const lengths = [...new Set([...kinds.keys()].map((k) => k.length))];
  const files = listFiles(dir);
  const hits: Hit[] = [];
  let bytes = 0;
  for (const file of files) {
    const buf = readForScan(join(dir, file));
    bytes += buf.length;
    const text = ascii(new TextDecoder('utf-8').decode(buf));
    for (const m of text.matchAll(DIGIT_RUN)) {
      const c = compact(m[0]);
      if (c.length < 11) continue;
      for (const len of lengths) {
        for (let i = 0; i + len <= c.length; i++) {
          const kind = kinds.get(c.slice(i, i + len));
          if (kind) hits.push({ file, kind, value: c.slice(i, i + len) });
        }
      }
    }
  }
  return { files, bytes, hits };
}

/** Every private column name the data contract knows (titles and the aliases clerks use). */
const PRIVATE_HEADERS = new Set<string>(['身份证号', '联系电话']);
for (const d of DATASETS) for (const c of d.columns) if (!c.public) { PRIVATE_HEADERS.add(c.title); for (const a of c.aliases) PRIVATE_HEADERS.add(a); }

function csvHeader(text: string): string[] {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return (Papa.parse<string[]>(first).data[0] ?? []).map((s) => s.trim());
}

/** Header-like places in the output that name a private column (download headers, JSON keys, schema fields, table headers). */
function privateHeadersIn(dir: string): string[] {
  const bad: string[] = [];
  const isPrivate = (h: string) => PRIVATE_HEADERS.has(h.trim()) || /身份证|联系电话/.test(h);
  for (const rel of listFiles(dir)) {
    const text = readFileSync(join(dir, rel), 'utf8');
    if (rel.endsWith('.csv')) {
      for (const h of csvHeader(text)) if (isPrivate(h)) bad.push(`${rel}: CSV header 「${h}」`);
    } else if (rel === 'data/datapackage.json') {
      const pkg = JSON.parse(text) as { resources: { name: string; schema: { fields: { name: string }[] } }[] };
      for (const r of pkg.resources) for (const f of r.schema.fields) if (isPrivate(f.name)) bad.push(`${rel}: field 「${f.name}」 of ${r.name}`);
    } else if (rel.startsWith('data/') && rel.endsWith('.json')) {
      const v = JSON.parse(text) as unknown;
      if (Array.isArray(v)) for (const row of v.slice(0, 50)) for (const k of Object.keys(row as object)) if (isPrivate(k)) bad.push(`${rel}: key 「${k}」`);
    } else if (rel.endsWith('.html')) {
      const { document } = parseHTML(text);
      for (const th of document.querySelectorAll('th')) {
        const t = (th.textContent ?? '').trim();
        if (isPrivate(t)) bad.push(`${rel}: table header 「${t}」`);
      }
    }
  }
  return [...new Set(bad)];
}

function expectNoReportInside(site: BuiltSite): void {
  const files = listFiles(site.dir);
  expect(files.filter((f) => /(^|\/)reports?\//.test(f) || /check-report/.test(f))).toEqual([]);
  // It is written next to the output instead, where the office finds it.
  expect(existsSync(join(dirname(site.dir), 'reports', 'check-report.html'))).toBe(true);
  expect(existsSync(join(dirname(site.dir), 'reports', 'check-report.json'))).toBe(true);
}

describe('privacy scan of the sample build', () => {
  let site: BuiltSite;
  let secrets: ReturnType<typeof inputIdentifiers>;
  beforeAll(async () => {
    secrets = inputIdentifiers(SAMPLE_DATA);
    site = await sampleSite();
  });

  it('finds the identifiers in the inputs, GBK files included (the scan is not vacuous)', () => {
    expect(secrets.ids.size).toBeGreaterThan(500);
    expect(secrets.mobiles.size).toBeGreaterThan(500);
    // The sample has no bank cards; the small county below has.
    expect(secrets.gbkFiles).toBeGreaterThan(0);
    for (const rel of listFiles(SAMPLE_DATA)) {
      const { text, encoding } = decodeInput(readFileSync(join(SAMPLE_DATA, rel)));
      if (encoding !== 'gb18030') continue;
      expect(text, `${rel} decoded as GB18030`).toContain('户主姓名');
      const inFile: Identifiers = { ids: new Set(), mobiles: new Set(), cards: new Set() };
      identifiersIn(text, inFile);
      expect(inFile.ids.size, rel).toBeGreaterThan(100);
    }
  });

  it('no ID number, mobile number or bank-card number from the inputs appears in any file the build wrote', () => {
    const { files, bytes, hits } = scanOutput(site.dir, secrets);
    expect(files.length).toBeGreaterThan(100);
    expect(bytes).toBeGreaterThan(1_000_000);
    expect(hits.slice(0, 20), `${hits.length} identifiers published`).toEqual([]);
  });

  it('the scan would catch a leak (self-test on a copy of one output file with one ID added)', () => {
    const dir = makeTempDir('sunlight-leak-');
    const id = [...secrets.ids][0]!;
    const mobile = [...secrets.mobiles][0]!;
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'x.csv'), readFileSync(join(site.dir, 'data', 'dibao.csv'), 'utf8') + `a,${id.slice(0, 6)} ${id.slice(6)},${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}\r\n`);
    const kinds = scanOutput(dir, secrets).hits.map((h) => h.kind).sort();
    rmSync(dir, { recursive: true, force: true });
    expect(kinds).toEqual(['ID number', 'mobile number']);
  });

  it('no private column (身份证号, 联系电话, …) is named in any download header, JSON key, schema field or table header', () => {
    expect(privateHeadersIn(site.dir)).toEqual([]);
  });

  it("the scan reads the search index decompressed: Pagefind's index, fragments and metadata, with the names they hold", () => {
    const pagefind = listFiles(site.dir).filter((f) => f.startsWith('pagefind/') && /\.pf_(?:index|fragment|meta)$/.test(f));
    expect(pagefind.filter((f) => f.endsWith('.pf_index')).length).toBeGreaterThan(0);
    expect(pagefind.filter((f) => f.endsWith('.pf_fragment')).length).toBeGreaterThan(15);
    expect(pagefind.filter((f) => f.endsWith('.pf_meta')).length).toBe(1);
    for (const f of pagefind) expect(readForScan(join(site.dir, f)).subarray(0, 12).toString('latin1'), f).toBe('pagefind_dcd');
    // The published names are in there (so a private value would be too, if it ever got in).
    const fragments = pagefind.filter((f) => f.endsWith('.pf_fragment')).map((f) => readForScan(join(site.dir, f)).toString('utf8')).join('\n');
    const name = readFileSync(join(site.dir, 'data', 'dibao.csv'), 'utf8').split(/\r?\n/)[1]!.split(',')[2]!;
    expect(fragments.replace(/\u200b/g, '')).toContain(name);
  });

  it('the scan would catch an identifier inside a compressed search index (self-test on a small Pagefind index)', async () => {
    const dir = makeTempDir('sunlight-leak-pagefind-');
    const id = [...secrets.ids][0]!;
    const mobile = [...secrets.mobiles][0]!;
    const pagefind = await import('pagefind');
    const { index } = await pagefind.createIndex({});
    await index!.addCustomRecord({ url: 'place/x/', content: `王家村 王大明 ${id} ${mobile}`, language: 'zh-cn', meta: { title: '王家村' } });
    await index!.writeFiles({ outputPath: join(dir, 'pagefind') });
    await pagefind.close();
    const hits = scanOutput(dir, secrets).hits;
    rmSync(dir, { recursive: true, force: true });
    const where = (kind: string) => [...new Set(hits.filter((h) => h.kind === kind).map((h) => h.file.replace(/_[0-9a-f]+\./, '_*.')))].sort();
    // Found in the fragment (the record's text) and in the word index, both gzip-compressed on disk
    // (and in the metadata too when the word happens to bound an index chunk).
    for (const kind of ['ID number', 'mobile number']) expect(where(kind), kind).toEqual(expect.arrayContaining(['pagefind/fragment/zh-cn_*.pf_fragment', 'pagefind/index/zh-cn_*.pf_index']));
  });

  it('the check report (with masked identifiers, for the office) is written next to the output, never into it', () => {
    expectNoReportInside(site);
  });
});

// The sample has no bank cards, addresses or incomes, and its IDs never end in X: a small county
// that has every kind of private column, in the formats clerks type them.
const REGIONS = ['区划代码,名称,上级代码', '510122000000,示例县,', '510122100000,城关镇,510122000000', '510122100201,王家村,510122100000', '510122100202,李家村,510122100000'];

function residentId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += (first17.charCodeAt(i) - 48) * w[i]!;
  return first17 + '10X98765432'[s % 11]!;
}
function card(body: string): string {
  for (let d = 0; d < 10; d++) if (luhn(body + d)) return body + d;
  throw new Error('unreachable');
}
const group4 = (s: string) => s.replace(/(\d{4})(?=\d)/g, '$1 ');

describe('privacy scan of a county with every kind of private column', () => {
  let site: BuiltSite;
  let dataDir: string;
  // Three ordinary IDs and one ending in X (written lower-case in the file).
  const ids: string[] = [];
  for (let i = 0, plain = 0, x = 0; plain < 3 || x < 1; i++) {
    const id = residentId(`510122${1950 + (i % 40)}0${(i % 9) + 1}1${i % 10}${String(i).padStart(3, '0')}`);
    if (id.endsWith('X')) { if (x++ === 0) ids[3] = id; } else if (plain < 3) ids[plain++] = id;
  }
  const cards = [card('622202123456789'), card('621700001234567890'), card('621483012345678901')];
  const mobiles = ['13812345678', '15987654321', '18600001111', '17712340000'];
  beforeAll(async () => {
    dataDir = makeTempDir('sunlight-private-');
    writeFileSync(join(dataDir, 'regions.csv'), REGIONS.join('\n') + '\n');
    mkdirSync(join(dataDir, 'dibao'));
    mkdirSync(join(dataDir, 'pension'));
    const rows = ['乡镇,村,户主姓名,身份证号,联系电话,银行卡号,家庭住址,家庭月收入,保障人数,月保障金额（元）,保障类别,发放年月'];
    const phones = [mobiles[0]!, `${mobiles[1]!.slice(0, 3)} ${mobiles[1]!.slice(3, 7)} ${mobiles[1]!.slice(7)}`, `+86 ${mobiles[2]}`, `${mobiles[3]!.slice(0, 3)}-${mobiles[3]!.slice(3, 7)}-${mobiles[3]!.slice(7)}`];
    const names = ['王大明', '王小红', '李建国', '李秀英'];
    names.forEach((name, i) => {
      const id = ids[i % ids.length]!;
      const c = cards[i % cards.length]!;
      rows.push(['城关镇', i < 2 ? '王家村' : '李家村', name, i === 3 ? id.toLowerCase() : id, phones[i], i % 2 ? group4(c) : c, `城关镇${i < 2 ? '王家村' : '李家村'}${i + 1}组${10 + i}号`, 600 + i, 1 + (i % 3), 500 * (1 + (i % 3)), 'A类', '2026-10'].join(','));
    });
    writeFileSync(join(dataDir, 'dibao', '2026-10.csv'), rows.join('\r\n') + '\r\n');
    const pension = ['乡镇,村,姓名,身份证号码,社保卡号,月养老金,领取起始年月,发放年月'];
    ids.slice(0, 3).forEach((id, i) => pension.push(['城关镇', '王家村', ['赵老汉', '钱阿婆', '孙大爷'][i], ascii(id).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)), cards[(i + 1) % cards.length], 200 + i, '2020-01', '2026-10'].join(',')));
    writeFileSync(join(dataDir, 'pension', '2026-10.csv'), pension.join('\n') + '\n');
    site = await buildSite(dataDir);
  });
  afterAll(() => {
    site?.cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('collects every planted identifier from the input (full-width digits and groupings included)', () => {
    const found = inputIdentifiers(dataDir);
    for (const id of ids) expect(found.ids).toContain(id);
    for (const m of mobiles) expect(found.mobiles).toContain(m);
    for (const c of cards) expect(found.cards).toContain(c);
  });

  it('publishes the public rows but none of the identifiers, addresses or incomes', () => {
    const found = inputIdentifiers(dataDir);
    const { hits } = scanOutput(site.dir, found);
    expect(hits).toEqual([]);
    const all = listFiles(site.dir).map((f) => readFileSync(join(site.dir, f), 'utf8')).join('\n');
    expect(all).toContain('王大明'); // the rows themselves are published
    for (const addr of ['1组10号', '2组11号', '3组12号', '4组13号']) expect(all).not.toContain(addr);
    expect(privateHeadersIn(site.dir)).toEqual([]);
    // The download has exactly the public columns (plus the area code), nothing else.
    expect(csvHeader(readFileSync(join(site.dir, 'data', 'dibao.csv'), 'utf8'))).toEqual(['乡镇', '村', '户主姓名', '保障人数', '月保障金额（元）', '保障类别', '认定日期', '发放年月', '区划代码']);
  });

  it('keeps the check report out of the output', () => {
    expectNoReportInside(site);
  });
});
