// Random and mutated data folders for the fuzz tests (not a test file itself). A case is a recipe
// (plain data, so fast-check prints it and shrinks it on failure): which files, taken from the
// real sample in data/ or generated, and the mutations applied to each, in order: text edits,
// then an encoding, then byte edits.
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { CheckReport } from '../../src/lib/check.ts';
import { DATASETS } from '../../src/lib/datasets/index.ts';
import { CODE_LABEL } from '../../src/lib/issues.ts';
import { canEncodeGb18030, encodeGb18030 } from '../../scripts/sample/gbk.ts';
import { decodeInput, SAMPLE_DATA } from '../helpers/site.ts';
import { bankCard, residentId } from '../lib/helpers.ts';

/** Runs per property: FUZZ_RUNS scales every count (FUZZ_RUNS=20000 for a long run). */
export function runs(defaultRuns: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isFinite(n) && n > 0 ? Math.max(1, Math.round((n * defaultRuns) / 1000)) : defaultRuns;
}

/** FUZZ_SEED reproduces a run; fast-check prints the seed and the failing case's path on failure. */
export const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

// ------------------------------------------------------------------------------- the sample

interface SampleFile { path: string; lines: string[] }

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [relative(SAMPLE_DATA, p).split(sep).join('/')];
  });
}

const SAMPLE: SampleFile[] = walk(SAMPLE_DATA).map((path) => ({ path, lines: decodeInput(readFileSync(join(SAMPLE_DATA, path))).text.split(/\r?\n/) }));
export const SAMPLE_REGIONS = SAMPLE.find((f) => f.path === 'regions.csv')!.lines.join('\n');
export const SAMPLE_SITE = SAMPLE.find((f) => f.path === 'site.json')!.lines.join('\n');
const SAMPLE_DATA_FILES = SAMPLE.filter((f) => f.path.includes('/'));
const VILLAGES = SAMPLE_REGIONS.split('\n').slice(1).map((l) => l.split(',')[1]!).filter(Boolean);

// --------------------------------------------------------------------------------- cells

const HEADERS = [...new Set(DATASETS.flatMap((d) => d.columns.flatMap((c) => [c.title, ...c.aliases])))];

/** Cells as offices (and Excel, and accidents) write them. */
export const cellArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(
    '１２３４', '1,234.50', '¥350', '3万元', '80万', '-5', '-0', '1e308', '1e-320', 'NaN', 'Infinity', '0x1F', '00012', '12.', '.5', '1.2.3',
    '—', '-', '/', '', ' ', '\t', '=SUM(A1:A9)', '+1', '@cmd', '-2+3', '＝1+1', '"', '""', '"a,b"', 'a\nb', 'a\r\nb', '\r',
    '合计', '小计', '总计', '合 计', '2024年6月1日', '2024/6/1', '2024.06.01', '202406', '2024年6月', '45000', '5.11999E+17', '2026-13',
    '2026Q5', '0000-00', '2026-02-30', '\u0000', '\uFFFD', '\uD800', '😀', '𠀀', '王家村', '不存在村', '城关镇', 'A类', '已完工',
    '51*************234', '13800138000', '138 0013 8000', bankCard(), residentId(7), residentId(8, '999901'),
  ) },
  { weight: 3, arbitrary: fc.constantFrom(...VILLAGES) },
  { weight: 3, arbitrary: fc.constantFrom(...HEADERS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: -1e9, max: 1e12 }).map(String) },
  { weight: 1, arbitrary: fc.double({ noNaN: false }).map(String) },
  // Huge cells: rare, since a column copy spreads one to every line.
  { weight: 1, arbitrary: fc.nat(100_000).map((n) => 'x'.repeat(n)) },
);

// ------------------------------------------------------------------------------- recipes

export type TextOp =
  | { op: 'shuffleHeader'; seed: number }
  | { op: 'renameHeader'; col: number; name: string }
  | { op: 'dupColumn'; col: number }
  | { op: 'dropColumn'; col: number }
  | { op: 'addColumn'; name: string; value: string }
  | { op: 'setCell'; line: number; col: number; value: string }
  | { op: 'insertLine'; line: number; cells: string[] }
  | { op: 'deleteLine'; line: number }
  | { op: 'dupLine'; line: number }
  | { op: 'totalRow'; line: number; amount: string };

export type ByteOp =
  | { op: 'flip'; at: number; byte: number }
  | { op: 'truncate'; at: number }
  | { op: 'junk'; at: number; bytes: number[] };

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be' | 'latin1';

export interface FileRecipe {
  path: string;
  /** A sample file (index into the data files, and how many of its lines to keep) or generated lines. */
  source: { sample: number; keep: number; tail: number } | { generated: string[][] };
  text: TextOp[];
  encoding: Encoding;
  bytes: ByteOp[];
}

export interface CaseRecipe {
  regions: 'sample' | 'none' | FileRecipe;
  site: 'sample' | 'none' | { json: string };
  files: FileRecipe[];
}

const frac = fc.double({ min: 0, max: 1, noNaN: true });
const small = fc.nat(40);

const textOpArb: fc.Arbitrary<TextOp> = fc.oneof(
  fc.record({ op: fc.constant('shuffleHeader' as const), seed: fc.nat() }),
  fc.record({ op: fc.constant('renameHeader' as const), col: small, name: fc.oneof(fc.constantFrom(...HEADERS), cellArb) }),
  fc.record({ op: fc.constant('dupColumn' as const), col: small }),
  fc.record({ op: fc.constant('dropColumn' as const), col: small }),
  fc.record({ op: fc.constant('addColumn' as const), name: fc.oneof(fc.constantFrom(...HEADERS, '身份证号', '备注', ''), cellArb), value: cellArb }),
  fc.record({ op: fc.constant('setCell' as const), line: fc.nat(60), col: small, value: cellArb }),
  fc.record({ op: fc.constant('insertLine' as const), line: fc.nat(60), cells: fc.array(cellArb, { maxLength: 14 }) }),
  fc.record({ op: fc.constant('deleteLine' as const), line: fc.nat(60) }),
  fc.record({ op: fc.constant('dupLine' as const), line: fc.nat(60) }),
  fc.record({ op: fc.constant('totalRow' as const), line: fc.nat(60), amount: cellArb }),
);

const byteOpArb: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: frac, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: frac }),
  fc.record({ op: fc.constant('junk' as const), at: frac, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }) }),
);

const folderArb = fc.constantFrom(...DATASETS.map((d) => d.folder), 'unknown', '');
const nameArb = fc.oneof(
  fc.constantFrom('2026-10.csv', '2026.csv', 'list.csv', 'x.xlsx', 'a.txt', 'b.tsv', '.csv', 'notes.pdf', '2026Q3.CSV'),
  fc.tuple(fc.constantFrom(...VILLAGES), fc.constantFrom('2026Q3', '2026-10', '2026', '2026年10月', '')).map(([v, p]) => `城关镇${v}-${p}.csv`),
  fc.string({ minLength: 1, maxLength: 10 }).map((s) => `${s.replace(/[/\0]/g, '_')}.csv`),
);

const generatedArb = fc.array(fc.array(cellArb, { maxLength: 12 }), { maxLength: 30 });

export const fileArb: fc.Arbitrary<FileRecipe> = fc.record({
  path: fc.oneof(
    { weight: 3, arbitrary: fc.constant('') }, // keep the sample file's own path
    { weight: 1, arbitrary: fc.tuple(folderArb, nameArb).map(([f, n]) => (f ? `${f}/${n}` : n)) },
  ),
  source: fc.oneof(
    { weight: 4, arbitrary: fc.record({ sample: fc.nat(SAMPLE_DATA_FILES.length - 1), keep: fc.integer({ min: 0, max: 40 }), tail: fc.nat(4) }) },
    { weight: 1, arbitrary: fc.record({ generated: generatedArb }) },
  ),
  text: fc.array(textOpArb, { maxLength: 5 }),
  encoding: fc.constantFrom<Encoding>('utf-8', 'utf-8', 'utf-8-bom', 'gb18030', 'gb18030', 'utf-16le', 'utf-16be', 'latin1'),
  bytes: fc.oneof({ weight: 3, arbitrary: fc.constant<ByteOp[]>([]) }, { weight: 1, arbitrary: fc.array(byteOpArb, { minLength: 1, maxLength: 3 }) }),
});

export const caseArb: fc.Arbitrary<CaseRecipe> = fc.record({
  regions: fc.oneof({ weight: 6, arbitrary: fc.constant('sample' as const) }, { weight: 1, arbitrary: fc.constant('none' as const) },
    { weight: 1, arbitrary: fileArb.map((f) => ({ ...f, path: 'regions.csv', source: { generated: SAMPLE_REGIONS.split('\n').map((l) => l.split(',')) } })) }),
  site: fc.oneof({ weight: 6, arbitrary: fc.constant('sample' as const) }, { weight: 1, arbitrary: fc.constant('none' as const) },
    { weight: 1, arbitrary: fc.oneof(fc.json(), fc.string(), fc.record({ frequencies: fc.dictionary(fc.constantFrom('dibao', 'works', 'dibo', ''), fc.constantFrom('monthly', 'yearly', 'weekly')) }).map((o) => JSON.stringify(o))).map((json) => ({ json })) }),
  files: fc.array(fileArb, { minLength: 1, maxLength: 3 }),
});

/** Mostly valid folders (sample files cut short, re-encoded, under other site settings): many of them build. */
export const gentleCaseArb: fc.Arbitrary<CaseRecipe> = fc.record({
  regions: fc.constantFrom('sample' as const, 'sample' as const, 'none' as const),
  site: fc.oneof(fc.constant('sample' as const), fc.record({ frequencies: fc.dictionary(fc.constantFrom('dibao', 'finance', 'projects', 'works'), fc.constantFrom('monthly', 'quarterly', 'yearly', 'on-change')) }).map((o) => ({ json: JSON.stringify(o) }))),
  files: fc.array(fc.record({
    path: fc.constant(''),
    source: fc.record({ sample: fc.nat(SAMPLE_DATA_FILES.length - 1), keep: fc.integer({ min: 6, max: 40 }), tail: fc.nat(2) }),
    text: fc.constant<TextOp[]>([]),
    encoding: fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'gb18030', 'utf-16le'),
    bytes: fc.constant<ByteOp[]>([]),
  }), { minLength: 1, maxLength: 5 }),
});

// -------------------------------------------------------------------------------- applying

/** Cells of a CSV line, naively (the mutations do not need to respect quotes: offices do not either). */
const cellsOf = (line: string) => line.split(',');
const join_ = (cells: string[]) => cells.map((c) => (/[,"\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

/** The header line: the first of the first five lines with the most cells. */
function headerIndex(lines: string[]): number {
  let best = 0;
  for (let i = 0; i < Math.min(5, lines.length); i++) if (cellsOf(lines[i]!).length > cellsOf(lines[best] ?? '').length) best = i;
  return best;
}

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function applyText(lines: string[], op: TextOp): string[] {
  const out = [...lines];
  const h = headerIndex(out);
  const at = (n: number) => (out.length ? n % (out.length + 1) : 0);
  const width = cellsOf(out[h] ?? '').length || 1;
  switch (op.op) {
    case 'shuffleHeader': {
      const order = shuffle(Array.from({ length: width }, (_, i) => i), op.seed);
      return out.map((l, i) => (i < h ? l : order.map((j) => cellsOf(l)[j] ?? '').join(',')));
    }
    case 'renameHeader': { const c = cellsOf(out[h] ?? ''); c[op.col % width] = op.name; out[h] = join_(c); return out; }
    case 'dupColumn': return out.map((l, i) => (i < h ? l : (() => { const c = cellsOf(l); c.push(c[op.col % width] ?? ''); return c.join(','); })()));
    case 'dropColumn': return out.map((l, i) => (i < h ? l : cellsOf(l).filter((_, j) => j !== op.col % width).join(',')));
    case 'addColumn': return out.map((l, i) => (i < h ? l : `${l},${join_([i === h ? op.name : op.value])}`));
    case 'setCell': { const i = at(op.line); const c = cellsOf(out[i] ?? ''); c[op.col % width] = op.value; out[i] = c.map((x, j) => (j === op.col % width ? join_([x]) : x)).join(','); return out; }
    case 'insertLine': out.splice(at(op.line), 0, join_(op.cells)); return out;
    case 'deleteLine': out.splice(at(op.line) % Math.max(1, out.length), 1); return out;
    case 'dupLine': { const i = at(op.line) % Math.max(1, out.length); out.splice(i, 0, out[i] ?? ''); return out; }
    case 'totalRow': { const c = Array.from({ length: width }, () => ''); c[0] = '合计'; c[width - 1] = op.amount; out.splice(at(op.line), 0, join_(c)); return out; }
  }
}

function encode(text: string, enc: Encoding): Uint8Array {
  switch (enc) {
    case 'utf-8': return new TextEncoder().encode(text);
    case 'utf-8-bom': return new TextEncoder().encode('\uFEFF' + text);
    case 'gb18030': {
      // Characters GBK's two-byte table lacks (emoji, rare CJK) become '?', as Excel does.
      try { return encodeGb18030(text); } catch { /* some character is not in the table */ }
      let out = '';
      for (const ch of text) out += canEncodeGb18030(ch) ? ch : '?';
      return encodeGb18030(out);
    }
    case 'utf-16le': case 'utf-16be': {
      const b = new Uint8Array(2 + text.length * 2);
      const le = enc === 'utf-16le';
      b[0] = le ? 0xff : 0xfe; b[1] = le ? 0xfe : 0xff;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        b[2 + 2 * i] = le ? c & 0xff : c >> 8;
        b[3 + 2 * i] = le ? c >> 8 : c & 0xff;
      }
      return b;
    }
    case 'latin1': return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
  }
}

function applyBytes(b: Uint8Array, op: ByteOp): Uint8Array {
  const at = Math.floor(op.at * b.length);
  switch (op.op) {
    case 'flip': { if (!b.length) return b; const c = b.slice(); c[Math.min(at, b.length - 1)] = op.byte; return c; }
    case 'truncate': return b.slice(0, at);
    case 'junk': { const c = new Uint8Array(b.length + op.bytes.length); c.set(b.subarray(0, at)); c.set(op.bytes, at); c.set(b.subarray(at), at + op.bytes.length); return c; }
  }
}

export function fileBytes(r: FileRecipe): { path: string; bytes: Uint8Array } {
  let lines: string[];
  let path = r.path;
  if ('sample' in r.source) {
    const s = SAMPLE_DATA_FILES[r.source.sample % SAMPLE_DATA_FILES.length]!;
    lines = [...s.lines.slice(0, r.source.keep), ...(r.source.tail ? s.lines.slice(-r.source.tail) : [])];
    if (!path) path = s.path;
  } else {
    lines = r.source.generated.map(join_);
    if (!path) path = `${DATASETS[r.source.generated.length % DATASETS.length]!.folder}/generated.csv`;
  }
  for (const op of r.text) lines = applyText(lines, op);
  let bytes = encode(lines.join(r.text.length % 2 ? '\r\n' : '\n'), r.encoding);
  for (const op of r.bytes) bytes = applyBytes(bytes, op);
  return { path, bytes };
}

/** The data folder of a case, as path → bytes (later files with the same path win). */
export function caseFiles(c: CaseRecipe): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const enc = new TextEncoder();
  if (c.regions === 'sample') out['regions.csv'] = enc.encode(SAMPLE_REGIONS);
  else if (c.regions !== 'none') out['regions.csv'] = fileBytes(c.regions).bytes;
  if (c.site === 'sample') out['site.json'] = enc.encode(SAMPLE_SITE);
  else if (c.site !== 'none') out['site.json'] = enc.encode(c.site.json);
  for (const f of c.files) { const { path, bytes } = fileBytes(f); out[path] = bytes; }
  return out;
}

/** A resident ID with a valid check digit anywhere in a text (the outputs must hold none). */
export function findResidentIds(text: string, valid: (id: string) => boolean): string[] {
  return (text.match(/(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/g) ?? []).filter(valid);
}

// ------------------------------------------------------------------------------ the report

const SEVERITIES = new Set(['error', 'warning', 'info']);
/** Codes that are always about one record: the report must say which row. */
const ROW_CODES = new Set(['type-error', 'missing-value', 'constraint-error', 'duplicate-row', 'total-mismatch', 'duplicate-person', 'mangled-id', 'payment-exceeds-contract', 'payment-exceeds-budget', 'pii-exposed']);
const STACK = /\n\s+at\s|\bat .+:\d+:\d+\)?$|\[object Object\]/m;

/** What a report must be, whatever the input: the list of ways it is not (empty when fine). */
export function reportProblems(report: CheckReport, files: readonly string[]): string[] {
  const problems: string[] = [];
  let errors = 0;
  for (const f of report.files) {
    if (f.path !== '.' && !files.includes(f.path)) problems.push(`report names a file that is not in the input: ${f.path}`);
    if (!Number.isInteger(f.rows) || f.rows < 0) problems.push(`${f.path}: rows ${f.rows}`);
    for (const i of f.issues) {
      const where = `${f.path} ${i.code}@${i.row ?? '-'}`;
      if (!SEVERITIES.has(i.severity)) problems.push(`${where}: severity ${i.severity}`);
      if (typeof i.code !== 'string' || !(i.code in CODE_LABEL)) problems.push(`${where}: unknown code`);
      if (typeof i.message !== 'string' || i.message.trim().length < 4) problems.push(`${where}: empty message`);
      else if (STACK.test(i.message)) problems.push(`${where}: message looks like a stack trace: ${i.message.slice(0, 200)}`);
      if (i.row !== undefined && (!Number.isInteger(i.row) || i.row < 1)) problems.push(`${where}: row ${i.row}`);
      if (ROW_CODES.has(i.code) && f.dataset && f.dataset !== 'regions' && i.row === undefined) problems.push(`${where}: no row`);
      if (i.severity === 'error') errors++;
    }
  }
  if (errors > 0 && report.ok) problems.push('report is ok despite errors');
  if (report.ok !== (report.summary.errors === 0)) problems.push(`ok=${report.ok} but ${report.summary.errors} errors`);
  return problems;
}

