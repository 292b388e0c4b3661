/**
 * The check: reads every file of a data folder the way offices export them and reports every
 * problem before anything is published. Stages, in order for each file:
 *   read → decode → parse → map headers → validate rows → check tables → filter privacy → (sink)
 * The file system is injected (DataSource) and accepted public rows go to an optional sink, so the
 * same function serves `npm run check`, the site build and the tests.
 */
import { z } from 'zod';
import { decodeChunks, decoderLabel, peek, sniff, type Encoding } from './decode.ts';
import { DATASET_BY_FOLDER } from './datasets/index.ts';
import { detectHeader, type HeaderResult, type MappedColumn } from './headers.ts';
import { fileContext, villageWordAfter, type FileContext } from './context.ts';
import { parseObjectionWindow, RULE_DAYS } from './site/objection-window.ts';
import type { Issue } from './issues.ts';
import { parseCsv, parseCsvText } from './parse.ts';
import { findPii, maskIdentifier } from './pii.ts';
import { RegionRegistry, regionsFromRecords, type Region } from './regions.ts';
import type { DatasetSpec } from './schema.ts';
import { parseSiteConfig, DEFAULT_SITE, SITE_URL_MISSING, type SiteConfig } from './site-config.ts';
import type { DataSource } from './source.ts';
import { DuplicateIndex, memorySpill, RowLocations, TotalsTracker, type SpillStore } from './tables.ts';
import { classify, parseCell, publicPart, validateRecord, type Row } from './validate.ts';
import { UNIT_FACTOR, cleanText, periodLabel } from './values.ts';

z.config(z.locales.zhCN());

export interface FileReport {
  path: string;
  dataset: string | null;
  encoding: Encoding | null;
  rows: number;
  issues: Issue[];
  /** Issues left out of `issues` once a code passed the per-file limit, by code. */
  omitted?: Record<string, number>;
  /** Place and period read from the file name or title row. */
  context?: { township?: string; village?: string; period?: string; source: FileContext['source'] };
  /** Published notes below the table (公示期, 监督电话). */
  notes?: string[];
  title?: string;
}

export interface CheckReport {
  ok: boolean;
  summary: { files: number; rows: number; errors: number; warnings: number };
  files: FileReport[];
}

export interface RowOrigin { file: string; row: number }
export interface PlaceIds { township?: Region; village?: Region }

/** Receives accepted rows, already reduced to public columns. */
export interface RowSink {
  accept(dataset: DatasetSpec, row: Row, place: PlaceIds, origin: RowOrigin): void;
  /** A file's rows are final only when the whole check succeeded; the sink may keep them per file. */
  fileDone?(report: FileReport): void;
}

export type Progress = { kind: 'file-start'; path: string; index: number; total: number } | { kind: 'file-done'; report: FileReport; index: number; total: number };

export interface CheckOptions {
  source: DataSource;
  sink?: RowSink;
  onProgress?: (p: Progress) => void;
  /** Called once the site settings and regions are read, before any data file. */
  onContext?: (regions: RegionRegistry, site: SiteConfig) => void;
  /**
   * Where duplicate indexes spill past their in-memory part (a folder on disk for large inputs);
   * `memoryEntries` keys per index stay in memory. Defaults: memory, 1 million.
   */
  spill?: () => SpillStore;
  memoryEntries?: number;
  /** Issues kept per code per file; the rest are counted in `omitted`. */
  maxIssuesPerCode?: number;
}

export interface CheckResult {
  report: CheckReport;
  regions: RegionRegistry;
  site: SiteConfig;
}

/** Files read ahead of the one being checked. */
const PREFETCH = 4;
const DATA_EXT = /\.(csv|tsv|txt)$/i;
/** Files Windows, macOS and WPS leave in folders by themselves. */
const SYSTEM_FILE = /(^|\/)(Thumbs\.db|desktop\.ini|\.DS_Store|~\$[^/]*)$/i;
const SPREADSHEET_EXT = /\.(xlsx|xls|xlsm|et|ods|numbers|pdf|doc|docx|wps)$/i;

/** Shared across files: duplicate records and the same person listed twice. */
class CrossFileState {
  readonly filePaths: string[] = [];
  readonly keys = new Map<string, { dataset: DatasetSpec; index: DuplicateIndex }>();
  /** (period, ID) across 低保 and 特困: a person cannot receive both, nor twice. */
  readonly assistancePersons: DuplicateIndex;
  readonly pensionPersons: DuplicateIndex;
  private readonly newIndex: () => DuplicateIndex;
  constructor(newIndex: () => DuplicateIndex) {
    this.newIndex = newIndex;
    this.assistancePersons = newIndex();
    this.pensionPersons = newIndex();
  }
  keysOf(d: DatasetSpec): DuplicateIndex {
    let m = this.keys.get(d.id);
    if (!m) { m = { dataset: d, index: this.newIndex() }; this.keys.set(d.id, m); }
    return m.index;
  }
  readonly locations = new RowLocations();
  where(v: number): string {
    const { file, row } = this.locations.decode(v);
    return `${this.filePaths[file] ?? '?'} 第 ${row} 行`;
  }
}

class IssueCollector {
  readonly issues: Issue[] = [];
  readonly omitted: Record<string, number> = {};
  errors = 0;
  warnings = 0;
  private perCode = new Map<string, number>();
  private readonly max: number;
  private readonly budget: { left: number };
  /** `budget` is shared by every file of a run: past it, issues are only counted, so memory stays bounded. */
  constructor(max: number, budget: { left: number } = { left: Infinity }) { this.max = max; this.budget = budget; }
  add(i: Issue): void {
    if (i.severity === 'error') this.errors++;
    else if (i.severity === 'warning') this.warnings++;
    const n = (this.perCode.get(i.code) ?? 0) + 1;
    this.perCode.set(i.code, n);
    if (n > this.max || this.budget.left <= 0) this.omitted[i.code] = (this.omitted[i.code] ?? 0) + 1;
    else { this.issues.push(i); this.budget.left--; }
  }
}

export async function runCheck(opts: CheckOptions): Promise<CheckResult> {
  const { source } = opts;
  const max = opts.maxIssuesPerCode ?? 200;
  // At most this many issues are kept with their text in one run; the rest are counted per code.
  const budget = { left: 100_000 };
  const all = await source.list();
  const files: FileReport[] = [];
  let errors = 0;
  let warnings = 0;
  const tally = (r: FileReport, c: IssueCollector) => { errors += c.errors; warnings += c.warnings; files.push(r); };

  // Site settings and the region list come first: every data file is read against them.
  let site = DEFAULT_SITE;
  if (all.includes('site.json')) {
    const c = new IssueCollector(max, budget);
    const text = await readText(source, 'site.json');
    const parsed = parseSiteConfig(text);
    site = parsed.config;
    for (const m of parsed.problems) c.add({ severity: 'error', code: 'type-error', message: m });
    if (!parsed.problems.length && !site.url) c.add({ severity: 'info', code: 'site-url-missing', message: SITE_URL_MISSING });
    tally({ path: 'site.json', dataset: null, encoding: 'utf-8', rows: 0, issues: c.issues }, c);
  }
  let regions = new RegionRegistry([], false);
  const regionFile = all.find((p) => /^regions\.(csv|txt)$/i.test(p));
  if (regionFile) {
    const c = new IssueCollector(max, budget);
    const records: string[][] = [];
    const enc = await readRecords(startRead(source, regionFile), (recs) => { for (const r of recs) records.push(r); }, c);
    const { regions: list, problems } = regionsFromRecords(records);
    for (const p of problems) c.add({ severity: 'error', code: 'constraint-error', ...(p.row ? { row: p.row } : {}), ...(p.column ? { column: p.column } : {}), message: p.message });
    regions = new RegionRegistry(list, list.length > 0);
    tally({ path: regionFile, dataset: 'regions', encoding: enc, rows: list.length, issues: c.issues }, c);
  }

  opts.onContext?.(regions, site);
  const dataFiles = all.filter((p) => p !== 'site.json' && p !== regionFile);
  const state = new CrossFileState(() => new DuplicateIndex((opts.spill ?? memorySpill)(), opts.memoryEntries));
  // Read the next data file while this one is checked: thousands of small files would otherwise
  // leave the CPU idle on every open and read.
  const isRead = (p: string) => DATA_EXT.test(p) && DATASET_BY_FOLDER.has(p.slice(0, Math.max(0, p.indexOf('/'))));
  const readList = dataFiles.filter(isRead);
  const prefetched = new Map<string, Promise<Peeked>>();
  const prefetch = (p: string | undefined) => { if (p !== undefined && !prefetched.has(p)) prefetched.set(p, startRead(source, p)); };
  const folderOf = (p: string) => (p.includes('/') ? p.slice(0, p.indexOf('/')) : '');
  const isChecked = (p: string) => DATASET_BY_FOLDER.has(folderOf(p)) && (DATA_EXT.test(p) || SPREADSHEET_EXT.test(p));
  const total = dataFiles.filter(isChecked).length;
  let readIndex = 0;
  let index = 0;
  for (const path of dataFiles) {
    if (isRead(path)) { prefetch(path); readIndex++; for (let k = 0; k < PREFETCH; k++) prefetch(readList[readIndex + k]); }
    const dataset = DATASET_BY_FOLDER.get(folderOf(path));
    const c = new IssueCollector(max, budget);
    if (!dataset || !isChecked(path)) {
      if (DATA_EXT.test(path) || SPREADSHEET_EXT.test(path)) {
        c.add({ severity: 'warning', code: 'unknown-file', message: `不在数据集文件夹中，已忽略；请放入 ${[...DATASET_BY_FOLDER.keys()].join('、')} 之一 File outside a dataset folder, ignored` });
        tally({ path, dataset: null, encoding: null, rows: 0, issues: c.issues }, c);
      } else if (dataset && !SYSTEM_FILE.test(path)) {
        // A month saved without its extension (Windows hides them) or a renamed copy would
        // otherwise be missing from the site without a word.
        c.add({ severity: 'warning', code: 'unknown-file', message: `文件名不以 .csv 结尾，没有读取；如果这是要公开的数据，请在 Excel 中另存为「CSV UTF-8」（文件名以 .csv 结尾）；如果是备份，请移出 ${dataset.folder} 文件夹 Not a .csv file, not read` });
        tally({ path, dataset: null, encoding: null, rows: 0, issues: c.issues }, c);
      }
      continue;
    }
    index++;
    opts.onProgress?.({ kind: 'file-start', path, index, total });
    state.filePaths.push(path);
    state.locations.startFile();
    const read = prefetched.get(path);
    prefetched.delete(path);
    const report = await checkFile(() => read ?? startRead(source, path), path, dataset, regions, state, state.filePaths.length - 1, c, opts.sink);
    tally(report, c);
    opts.sink?.fileDone?.(report);
    opts.onProgress?.({ kind: 'file-done', report, index, total });
  }

  // Repeats found among the keys the duplicate indexes spilled (large inputs only): reported now,
  // against the file and row where they stand. Those rows already reached the sink, but an error
  // here fails the check, so nothing is published.
  const byPath = new Map(files.map((f) => [f.path, f]));
  const late = (index: DuplicateIndex, make: (first: number) => { severity: 'error' | 'warning'; code: string; column?: string; message: string }) => {
    for (const { location, first } of index.finish()) {
      const { file, row } = state.locations.decode(location);
      const report = byPath.get(state.filePaths[file] ?? '');
      if (!report) continue;
      const issue = { ...make(first), row };
      if (issue.severity === 'error') { errors++; report.rows--; } else warnings++;
      if (report.issues.filter((i) => i.code === issue.code).length < max) report.issues.push(issue);
      else (report.omitted ??= {})[issue.code] = (report.omitted[issue.code] ?? 0) + 1;
    }
  };
  for (const { dataset, index } of state.keys.values()) {
    late(index, (first) => ({ severity: dataset.duplicateSeverity, code: 'duplicate-row',
      message: `与 ${state.where(first)} 是同一条记录（${dataset.key.map((k) => dataset.columns.find((d) => d.key === k)!.title).join('+')} 相同），请删除重复行 Duplicate record` }));
  }
  for (const index of [state.assistancePersons, state.pensionPersons]) {
    late(index, (first) => ({ severity: 'error', code: 'duplicate-person', column: '身份证号',
      message: `身份证号与 ${state.where(first)} 相同：同一人同一期不能重复享受，请核实 Same person listed twice` }));
  }

  const rows = files.reduce((a, f) => a + (f.dataset && f.dataset !== 'regions' ? f.rows : 0), 0);
  const dataCount = files.filter((f) => f.dataset && f.dataset !== 'regions').length;
  if (dataCount === 0) {
    errors++;
    files.push({ path: '.', dataset: null, encoding: null, rows: 0, issues: [{ severity: 'error', code: 'empty-file',
      message: `数据文件夹中没有数据文件。请把 CSV 放入 ${[...DATASET_BY_FOLDER.keys()].join('、')} 等子文件夹 No data files found` }] });
  }
  return {
    report: { ok: errors === 0, summary: { files: files.length, rows, errors, warnings }, files },
    regions,
    site,
  };
}

async function readText(source: DataSource, path: string): Promise<string> {
  const { head, complete, all } = await peek(source.read(path));
  const s = sniff(head, complete);
  if (s.kind !== 'text') return '';
  let out = '';
  for await (const t of decodeChunks(all, s.encoding, s.bomLength)) out += t;
  return out;
}

/** Read, decode and parse one file into record batches. Returns the encoding, or null if unreadable. */
type Peeked = Awaited<ReturnType<typeof peek>> | { error: Error };

/** Starts reading a file's first bytes; errors are kept for the report, not thrown. */
function startRead(source: DataSource, path: string): Promise<Peeked> {
  return peek(source.read(path)).catch((e: unknown) => ({ error: e as Error }));
}

async function readRecords(read: Promise<Peeked>, onRecords: (recs: string[][], firstRow: number) => void, c: IssueCollector): Promise<Encoding | null> {
  const peeked = await read;
  if ('error' in peeked) {
    c.add({ severity: 'error', code: 'unreadable-file', message: `无法读取文件：${peeked.error.message} Cannot read file` });
    return null;
  }
  const s = sniff(peeked.head, peeked.complete);
  if (s.kind === 'empty') {
    c.add({ severity: 'error', code: 'empty-file', message: '文件是空的，没有任何内容；请重新导出或删除此文件 Empty file' });
    await peeked.close();
    return null;
  }
  if (s.kind === 'not-csv') {
    c.add({ severity: 'error', code: 'not-csv', message: `${s.what}。${s.advice} Not a CSV file` });
    await peeked.close();
    return null;
  }
  // Small files arrive whole in the first read: parse them in one go; large ones stream.
  const { problems } = peeked.complete
    ? parseCsvText(new TextDecoder(decoderLabel(s.encoding), { ignoreBOM: true }).decode(peeked.head.subarray(s.bomLength)), { rows: onRecords })
    : await parseCsv(decodeChunks(peeked.all, s.encoding, s.bomLength), { rows: onRecords });
  for (const p of problems) c.add({ severity: 'warning', code: 'parse-error', row: p.row, message: p.message });
  return s.encoding;
}

const CONTEXT_LABEL: Record<string, string> = { township: '乡镇', village: '村', period: '期间', year: '年度' };

async function checkFile(
  read: () => Promise<Peeked>, path: string, dataset: DatasetSpec, regions: RegionRegistry,
  state: CrossFileState, fileIndex: number, c: IssueCollector, sink: RowSink | undefined,
): Promise<FileReport> {
  if (SPREADSHEET_EXT.test(path)) {
    c.add({ severity: 'error', code: 'not-csv', message: '这是 Excel/WPS/PDF 文件，不是 CSV。请在 Excel 中「另存为」→「CSV UTF-8（逗号分隔）」后放入此文件夹 Save as CSV' });
    state.locations.endFile(0);
    return { path, dataset: dataset.id, encoding: null, rows: 0, issues: c.issues };
  }
  const pending: string[][] = [];
  let header: HeaderResult | undefined;
  let headerFailed = false;
  let skipRows = false;
  let accepted = 0;
  let rejectedSinceTotal = 0;
  let totalOnTop: { label: string; cells: string[]; rowNumber: number } | undefined;
  let headerWidth = Infinity;
  /** Rows whose month differs from the month in the file name: a copy of last month's sheet? */
  let otherMonth: { count: number; first: number; value: string } | undefined;
  let nameMonth: { key: string; month: string; header: string; source: string } | undefined;
  let context: Row = {};
  let fileCtx: FileContext | undefined;
  const notes: string[] = [];
  const totals = new TotalsTracker();
  const summable: MappedColumn[] = [];
  const summableKeys: string[] = [];
  const droppedContent = new Set<number>();
  const keys = state.keysOf(dataset);

  const setup = (records: string[][]) => {
    header = detectHeader(dataset, records);
    if (!header) {
      headerFailed = true;
      const need = dataset.columns.filter((d) => d.required).map((d) => d.title).join('、');
      c.add({ severity: 'error', code: 'no-header', message: `在前 20 行中找不到表头。「${dataset.title}」表应有这些列：${need}。请检查文件是否放错文件夹 No header row found` });
      return;
    }
    for (const i of header.issues) c.add(i);
    headerWidth = Math.max(records[header.lastHeaderIndex]?.length ?? 0, ...header.columns.map((m) => m.index + 1));
    fileCtx = fileContext(path, header.titleLines, regions);
    const periodColumn = header.columns.find((m) => m.def.key === dataset.periodKey && m.def.kind === 'month');
    if (periodColumn && fileCtx.month && fileCtx.source.period) nameMonth = { key: periodColumn.def.key, month: fileCtx.month, header: periodColumn.header, source: fileCtx.source.period };
    const mappedKeys = new Set(header.columns.map((m) => m.def.key));
    for (const def of dataset.columns) {
      if (mappedKeys.has(def.key) || !def.public) continue;
      const from = def.fromContext;
      const value = from === 'township' ? fileCtx.township : from === 'village' ? fileCtx.village
        : from === 'year' ? fileCtx.year
        : from === 'period' ? (def.kind === 'month' ? fileCtx.month : fileCtx.month ?? fileCtx.quarter ?? fileCtx.year) : undefined;
      if (value !== undefined) {
        context[def.key] = value;
        const src = fileCtx.source[from === 'year' ? 'period' : from!] ?? '文件名';
        c.add({ severity: 'info', code: 'context-from-name', column: def.title,
          message: `表中没有「${def.title}」列，按${src}取为「${def.kind === 'month' || def.kind === 'period' || def.kind === 'year' ? periodLabel(value) : value}」 ${def.titleEn} taken from the ${src === '文件名' ? 'file name' : 'title row'}` });
      } else if (def.required && from === 'village' && fileCtx.township && fileCtx.source.township === '文件名' && unknownVillageInName(fileCtx.township)) {
        // 城关镇王家庄-2026Q3.csv: the file does name a village, one the region table does not know.
        c.add({ severity: 'error', code: 'unknown-region', column: def.title, message: `文件名中的${unknownVillageInName(fileCtx.township)!}；表中也没有「${def.title}」列，请改正文件名中的村名 Unknown village in the file name` });
        skipRows = true;
      } else if (def.required) {
        const hint = from ? `；也可以在文件名或标题行写明${CONTEXT_LABEL[from]}（如「${from === 'village' || from === 'township' ? '城关镇王家村-2024Q2.csv' : '2024-06.csv'}」）` : '';
        c.add({ severity: 'error', code: 'missing-column', column: def.title,
          message: `缺少必需的列「${def.title}」（也可写作：${def.aliases.slice(0, 4).join('、') || '无'}）${hint} Missing required column` });
        skipRows = true;
      }
    }
    const priv = header.dropped.filter((d) => d.reason === 'private').map((d) => d.header);
    if (priv.length) c.add({ severity: 'warning', code: 'private-column-dropped', column: priv.join('、'),
      message: `以下列含个人信息，已从所有公开内容中删除：${priv.join('、')} Private columns dropped from every output` });
    const unknown = header.dropped.filter((d) => d.reason === 'unknown').map((d) => d.header);
    if (unknown.length) c.add({ severity: 'warning', code: 'unknown-column', column: unknown.join('、'),
      message: `以下列不在「${dataset.title}」的公开字段中，不会发布：${unknown.join('、')}。如需公开请联系维护者增加字段 Unknown columns are not published` });
    for (const m of header.columns) if (m.def.summable) { summable.push(m); summableKeys.push(m.def.key); }
    const remaining = records.slice(header.lastHeaderIndex + 1);
    processRecords(remaining, header.lastHeaderIndex + 2);
  };

  const processRecords = (records: string[][], firstRow: number) => {
    const h = header!;
    for (let i = 0; i < records.length; i++) {
      const cells = records[i]!;
      const rowNumber = firstRow + i;
      const kind = classify(cells);
      if (kind.kind === 'blank') continue;
      if (kind.kind === 'note') { addNote(kind.text, rowNumber); continue; }
      if (kind.kind === 'total') { checkTotal(kind.label, cells, rowNumber); continue; }
      for (const d of h.dropped) if (d.reason === 'blank' && (cells[d.index] ?? '').trim() !== '') droppedContent.add(d.index);
      if (cells.length > headerWidth) reportExtraCells(cells, rowNumber);
      if (skipRows) continue;
      const { row, values, issues } = validateRecord(dataset, h.columns, cells, rowNumber, context);
      for (const issue of issues) c.add(issue);
      // Totals sum every data row the office typed, accepted or not.
      totals.add(summableKeys, values);
      if (!row || !acceptRow(row, rowNumber)) { rejectedSinceTotal++; continue; }
      accepted++;
    }
  };

  // Cells to the right of the header's last column: usually an unquoted comma (1,234.50) that
  // moved the rest of the row one column over, so the values below are read from the wrong column.
  const reportExtraCells = (cells: string[], rowNumber: number) => {
    let last = cells.length - 1;
    while (last >= headerWidth && cells[last]!.trim() === '') last--;
    if (last < headerWidth) return;
    const extra = cells.slice(headerWidth, last + 1).map(cleanText).join('、');
    const shown = findPii(extra) ? '' : `（多出的「${extra.length > 20 ? `${extra.slice(0, 20)}…` : extra}」不会发布）`;
    c.add({ severity: 'warning', code: 'parse-error', row: rowNumber,
      message: `这一行有 ${last + 1} 格，比表头的 ${headerWidth} 列多${shown}：常见原因是单元格里有没加引号的逗号（如 1,234.50），使后面的内容错了列；请在 Excel 中检查这一行 Row has more cells than the header` });
  };

  const addNote = (text: string, rowNumber: number) => {
    const pii = findPii(text, /监督|举报|投诉|咨询/.test(text));
    if (pii) {
      c.add({ severity: 'warning', code: 'pii-exposed', row: rowNumber, message: `表下方的说明行含有个人信息，已不发布此行：「${text.slice(0, 12)}…」 A note row holds personal data and was withheld` });
      return;
    }
    // Published with the list: the 公示期 and the numbers to object to, also when a note mentions
    // them after something else (注：…；监督举报电话：12317，0999-1234567。).
    if (/^(公示期|公示时间|公示日期|监督电话|举报电话|投诉电话|监督举报|公开时间|公开日期)/.test(text) || /(监督|举报|投诉)(举报)?电话[:：]/.test(text)) notes.push(text);
    // A 公示期 line the site cannot read shows no window at all: the clerk must know before posting.
    if (/^(公示期|公示时间|公示日期)/.test(text)) {
      const ctx = { ...(fileCtx?.year ? { year: Number(fileCtx.year) } : {}), ...(fileCtx?.month ? { month: Number(fileCtx.month.slice(5)) } : {}), ...(RULE_DAYS[dataset.id] ? { ruleDays: RULE_DAYS[dataset.id] } : {}) };
      if (!parseObjectionWindow(text, ctx)) {
        c.add({ severity: 'warning', code: 'type-error', row: rowNumber,
          message: `读不出公示期「${text.length > 40 ? `${text.slice(0, 40)}…` : text}」的日期，网页和公开栏上不会显示公示期和是否已结束；请写成「公示期：2026年10月1日至10月7日」 The objection period cannot be read` });
      }
    }
  };

  const checkTotal = (label: string, cells: string[], rowNumber: number, atEnd = false) => {
    // A 合计 row right under the header totals the rows below it: compared when the table ends.
    if (!atEnd && totals.rowCount === 0 && !/小计/.test(label)) { totalOnTop = { label, cells, rowNumber }; return; }
    const written: Record<string, { value: number; column: string; tolerance: number; perRow?: number }> = {};
    for (const m of summable) {
      const raw = cells[m.index] ?? '';
      if (raw.trim() === '') continue;
      const p = parseCell(m.def, m, raw);
      if (!p.ok || typeof p.value !== 'number') continue;
      const factor = m.def.kind === 'money' ? UNIT_FACTOR[m.unit] : 0;
      // Each summed figure may be rounded to half the cell's unit (0.005 万元 = 50 元).
      written[m.def.key] = { value: p.value, column: m.header, tolerance: factor ? 0.01 : 0, perRow: factor ? 0.005 * factor : 0 };
    }
    // With rejected rows above, a mismatch may be their fault: say so, as a warning.
    const unsure = rejectedSinceTotal > 0;
    for (const t of totals.compare(label, written)) {
      // Money is shown in the unit the column is written in (0.1 万元, not 1,000).
      const m = summable.find((x) => x.header === t.column);
      const unit = m?.def.kind === 'money' ? m.unit : undefined;
      const fmt = (n: number) => unit ? `${fmtNumber(n / UNIT_FACTOR[unit], unit === '万元' ? 6 : 2)} ${unit}` : fmtNumber(n);
      c.add({ severity: unsure ? 'warning' : 'error', code: 'total-mismatch', row: rowNumber, column: t.column,
        message: `「${t.label}」行的「${t.column}」写的是 ${fmt(t.written)}，但${atEnd ? '下面' : '上面'} ${t.rows} 行加起来是 ${fmt(t.computed)}（相差 ${fmt(Math.round((t.written - t.computed) * 100) / 100)}），请核对${unsure ? `；上面有 ${rejectedSinceTotal} 行有错误，改正后再核对合计` : ''} Total does not match` });
    }
    if (!/小计/.test(label)) rejectedSinceTotal = 0;
  };

  const acceptRow = (row: Row, rowNumber: number): boolean => {
    // Place: resolve names to the region hierarchy.
    let place: PlaceIds = {};
    const township = row.township as string | undefined;
    const village = row.village as string | undefined;
    if (township || village) {
      const r = regions.resolve(township, village);
      if (!r.ok) {
        const col = r.column === 'township' ? headerOf('township') : headerOf('village');
        c.add({ severity: 'error', code: 'unknown-region', row: rowNumber, column: col, message: r.message });
        return false;
      }
      place = { township: r.township, village: r.village };
      if (r.township) row.township = r.township.name;
      if (r.village) row.village = r.village.name;
    }
    // The same record twice.
    let key = '';
    for (const k of dataset.key) { const v = row[k]; key += v === undefined ? '\u0001' : v + '\u0001'; }
    const loc = state.locations.encode(fileIndex, rowNumber);
    const prior = keys.seen(key, loc);
    if (prior !== undefined) {
      c.add({ severity: dataset.duplicateSeverity, code: 'duplicate-row', row: rowNumber,
        message: `与 ${state.where(prior)} 是同一条记录（${dataset.key.map((k) => dataset.columns.find((d) => d.key === k)!.title).join('+')} 相同），请删除重复行 Duplicate record` });
      if (dataset.duplicateSeverity === 'error') return false;
    }
    // The same person twice in one period (ID numbers are used here and never printed in full).
    const id = dataset.personIdKey ? row[dataset.personIdKey] : undefined;
    if (typeof id === 'string' && id.length >= 15 && dataset.periodKey) {
      const index = dataset.id === 'pension' ? state.pensionPersons : state.assistancePersons;
      const seen = index.seen(`${row[dataset.periodKey]}\u0001${id}`, loc);
      if (seen !== undefined) {
        c.add({ severity: 'error', code: 'duplicate-person', row: rowNumber, column: headerOf(dataset.personIdKey!),
          message: `身份证号 ${maskIdentifier(id)} 在 ${periodLabel(String(row[dataset.periodKey]))} 已出现在 ${state.where(seen)}：同一人同一期不能重复享受${dataset.id === 'pension' ? '' : '（低保与特困也不能同时享受）'}，请核实 Same person listed twice` });
        return false;
      }
    }
    if (nameMonth && row[nameMonth.key] !== nameMonth.month && typeof row[nameMonth.key] === 'string') {
      if (otherMonth) otherMonth.count++; else otherMonth = { count: 1, first: rowNumber, value: row[nameMonth.key] as string };
    }
    sink?.accept(dataset, publicPart(dataset, row), place, { file: state.filePaths[fileIndex]!, row: rowNumber });
    return true;
  };

  /** The unknown-region message for the village a file name gives after its township, if unknown. */
  const unknownVillageInName = (township: string): string | undefined => {
    const word = regions.closed ? villageWordAfter(path, township) : undefined;
    if (!word) return undefined;
    const r = regions.resolve(township, word);
    return r.ok ? undefined : r.message.replace(/ Unknown village$/, '');
  };

  const headerOf = (key: string) => header?.columns.find((m) => m.def.key === key)?.header ?? dataset.columns.find((d) => d.key === key)?.title ?? key;

  let lastRow = 0;
  const encoding = await readRecords(read(), (records, firstRow) => {
    lastRow = firstRow + records.length - 1;
    if (headerFailed) return;
    if (header) { processRecords(records, firstRow); return; }
    for (const r of records) pending.push(r);
    if (pending.length >= 25) { const p = pending.splice(0); setup(p); }
  }, c);
  if (!header && !headerFailed && encoding) {
    if (pending.length === 0 || pending.every((r) => r.every((x) => x.trim() === ''))) c.add({ severity: 'error', code: 'empty-file', message: '文件中没有内容 Empty file' });
    else setup(pending.splice(0));
  }
  if (otherMonth && nameMonth) {
    c.add({ severity: 'warning', code: 'period-mismatch', row: otherMonth.first, column: nameMonth.header,
      message: `${nameMonth.source}写的是${periodLabel(nameMonth.month)}，但表中有 ${otherMonth.count} 行的「${nameMonth.header}」是${periodLabel(otherMonth.value)}（第一处在这一行）：是不是复制了别的月份的表？请核对后改正表中月份或${nameMonth.source} The month in the ${nameMonth.source === '文件名' ? 'file name' : 'title'} and in the table differ` });
  }
  if (totalOnTop && totals.rowCount > 0) checkTotal(totalOnTop.label, totalOnTop.cells, totalOnTop.rowNumber, true);
  if (header && droppedContent.size) {
    c.add({ severity: 'warning', code: 'unknown-column', column: [...droppedContent].map((i) => `第 ${i + 1} 列`).join('、'),
      message: `${[...droppedContent].map((i) => `第 ${i + 1} 列`).join('、')}没有列名却有内容，不会发布；请补上列名 Columns without a header are not published` });
  }
  if (header && accepted === 0 && !skipRows && c.errors === 0) {
    c.add({ severity: 'warning', code: 'empty-file', message: '表头下面没有数据行 No data rows' });
  }

  state.locations.endFile(lastRow);
  const report: FileReport = { path, dataset: dataset.id, encoding, rows: accepted, issues: c.issues };
  if (Object.keys(c.omitted).length) report.omitted = c.omitted;
  if (fileCtx && (fileCtx.source.township || fileCtx.source.village || fileCtx.source.period)) {
    report.context = {
      ...(context.township ? { township: String(context.township) } : {}),
      ...(context.village ? { village: String(context.village) } : {}),
      ...(fileCtx.month ?? fileCtx.quarter ?? fileCtx.year ? { period: fileCtx.month ?? fileCtx.quarter ?? fileCtx.year } : {}),
      source: fileCtx.source,
    };
  }
  if (notes.length) report.notes = notes;
  if (header?.titleLines.length) {
    const t = header.titleLines.join(' ');
    if (!findPii(t)) report.title = t;
  }
  return report;
}

function fmtNumber(n: number, decimals = 2): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: decimals });
}
