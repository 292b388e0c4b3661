/**
 * Validate-rows stage: one record at a time, cells are normalised by their column's kind, then the
 * dataset's zod schema checks the row. Zod issues become Chinese messages naming the column as the
 * file wrote it. Title, total (合计/小计) and notes rows are told apart from data rows here.
 */
import type { z } from 'zod';
import type { MappedColumn } from './headers.ts';
import type { Issue } from './issues.ts';
import { findPii, PII_LABEL } from './pii.ts';
import { enumOptions, type ColumnDef, type DatasetSpec, type RuleParams } from './schema.ts';
import {
  cleanText, isBlank, isScientificMangled, parseDate, parseInteger, parseMoney, parseMonth, parsePeriod, parseYear,
  toHalfWidth, type Parsed,
} from './values.ts';

export type Row = Record<string, string | number | undefined>;

export type Classified =
  | { kind: 'blank' }
  | { kind: 'note'; text: string }
  | { kind: 'total'; label: string }
  | { kind: 'data' };

/** 合计, 本月合计, 本年累计, 城关镇小计, 全村合计; spaces are removed before matching. */
const TOTAL_RE = /^(?:(?:本[页月季年度]{1,2}|全[县镇乡村]|[\u4e00-\u9fff]{1,12}?[县镇乡村组区]|[一二三四第0-9]{1,3}[季月组])?(?:合计|总计|小计|累计)|合计数)$/;
/** A sentence in the first cell that begins with the label: 合计：2户4人，金额1716元. */
const TOTAL_SENTENCE_RE = /^(?:合计|总计|小计)[:：]\S/;
const NOTE_RE = /^(公示期|公示时间|公示日期|监督电话|举报电话|投诉电话|监督举报|联系电话|制表|填表|审核|审批|负责人|备注|说明|注[:：]|注[0-9一二三]|注释|单位[:：]|数据来源|村务监督|村委会|公开时间|公开日期|经办人|复核|附注)/;
/** A signature line spread over cells (制表人：张三 | 审核人：李四 | 日期：…): a note label with a colon. */
const NOTE_LABEL_RE = /^(公示期|公示时间|公示日期|监督电话|举报电话|投诉电话|制表|填表|审核|审批|负责人|备注|说明|经办人|复核)[^:：]{0,4}[:：]/;

export function classify(cells: string[]): Classified {
  let nonEmpty = 0;
  let first = '';
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (c === '') continue;
    const t = cleanText(c);
    if (t === '') continue;
    nonEmpty++;
    if (nonEmpty === 1) first = t;
    // Total labels are short and end with 计 (合计, 本月合计, 城关镇小计), or start a sentence.
    if (i < 5 && t.length <= 20) {
      const last = t.charCodeAt(t.length - 1);
      if (last === 0x8ba1 /* 计 */ || last === 0x6570 /* 数 */ || last === 0x3a || last === 0xff1a) {
        const label = t.replace(/\s/g, '').replace(/[:：]$/, '');
        if (TOTAL_RE.test(label)) return { kind: 'total', label };
      }
    }
    if (nonEmpty === 1 && i < 5 && TOTAL_SENTENCE_RE.test(t)) return { kind: 'total', label: t.slice(0, 2) };
    if (nonEmpty > 2 && !NOTE_LABEL_RE.test(first)) return { kind: 'data' };
  }
  if (nonEmpty === 0) return { kind: 'blank' };
  if ((nonEmpty <= 2 && NOTE_RE.test(first)) || NOTE_LABEL_RE.test(first)) return { kind: 'note', text: cells.map(cleanText).filter(Boolean).join(' ') };
  return { kind: 'data' };
}

const TEXT_KINDS = new Set(['text', 'person-name', 'org', 'township', 'village', 'contact', 'enum']);

/** Cell → typed value for one column. */
export function parseCell(def: ColumnDef, mapped: MappedColumn | undefined, raw: string): Parsed<string | number> {
  switch (def.kind) {
    case 'integer': return parseInteger(raw);
    case 'money': return parseMoney(raw, mapped?.unit ?? def.unit ?? '元');
    case 'date': return parseDate(raw);
    case 'month': return parseMonth(raw);
    case 'year': return parseYear(raw);
    case 'period': return parsePeriod(raw);
    case 'enum': return { ok: true, value: normaliseEnum(def, raw) };
    default: return { ok: true, value: cleanText(raw) };
  }
}

/** 集中供养 → 集中, 部分丧失生活自理能力 → 部分丧失: clerks write the long forms. */
function normaliseEnum(def: ColumnDef, raw: string): string {
  const t = toHalfWidth(cleanText(raw)).replace(/\s/g, '');
  const options = enumOptions(def);
  if (options.includes(t)) return t;
  const hits = options.filter((o) => t.includes(o));
  return hits.length === 1 ? hits[0]! : t;
}


/** Shared empty list: most rows have no issue, so none is allocated for them. */
const NO_ISSUES: Issue[] = [];
function withIssue(list: Issue[], issue: Issue): Issue[] {
  if (list === NO_ISSUES) return [issue];
  list.push(issue);
  return list;
}
function hasContext(context: Row): boolean {
  for (const _ in context) return true;
  return false;
}

const ID_SHAPE = /^\d{17}[\dX]$/;
const CACHE_LIMIT = 20000;

/** Dates, months and amounts repeat down a column; parsing each distinct text once saves a third of the time. */
function cachedParse(mc: MappedColumn, raw: string): Parsed<string | number> {
  const cache = mc.cache!;
  let p = cache.get(raw);
  if (p === undefined) {
    p = parseCell(mc.def, mc, raw);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(raw, p);
  }
  return p;
}

/**
 * Text kinds whose column schemas (schema.ts `col.text`, `col.personName`…) constrain only the
 * length of the already-trimmed text: their verdict is cached by length, not by value.
 */
const LENGTH_ONLY_KINDS = new Set(['text', 'person-name', 'org', 'township', 'village', 'contact']);

interface CheckedColumn { def: ColumnDef; byLength: boolean; verdicts: Map<string | number | undefined, readonly z.core.$ZodIssue[] | null> }
const checkedCache = new WeakMap<DatasetSpec, CheckedColumn[]>();

/** Columns the schema validates: the public ones and the ID number (used for duplicates). */
function checkedColumns(dataset: DatasetSpec): CheckedColumn[] {
  let list = checkedCache.get(dataset);
  if (!list) {
    list = dataset.columns.filter((c) => c.public || c.kind === 'id-number')
      .map((def) => ({ def, byLength: LENGTH_ONLY_KINDS.has(def.kind), verdicts: new Map() }));
    checkedCache.set(dataset, list);
  }
  return list;
}

/** The column schema's issues for one value (null when valid), remembered per distinct value. */
function columnVerdict(col: CheckedColumn, value: string | number | undefined): readonly z.core.$ZodIssue[] | null {
  const key = col.byLength && typeof value === 'string' ? value.length : value;
  let v = col.verdicts.get(key);
  if (v === undefined) {
    const r = col.def.schema.safeParse(value);
    v = r.success ? null : r.error.issues;
    if (col.verdicts.size >= CACHE_LIMIT) col.verdicts.clear();
    col.verdicts.set(key, v);
  }
  return v;
}

export interface RowResult {
  /** The normalised row, or undefined when it has errors. */
  row: Row | undefined;
  /** Whatever parsed, even for rows with errors (for 合计 checks). */
  values: Row;
  issues: Issue[];
}

/**
 * Validates one data record. `context` fills columns the table lacks (from the file name or title).
 * Returns the normalised row (undefined when it has errors) and its issues.
 */
export function validateRecord(
  dataset: DatasetSpec,
  columns: readonly MappedColumn[],
  cells: string[],
  rowNumber: number,
  context: Row,
): RowResult {
  let issues: Issue[] = NO_ISSUES;
  const row: Row = hasContext(context) ? { ...context } : {};
  let failed = false;

  for (const mc of columns) {
    const def = mc.def;
    if (!def.public && def.kind !== 'id-number') continue; // other private columns are never read
    const raw = cells[mc.index] ?? '';
    if (raw.length === 0) continue;
    if (raw.includes('\uFFFD')) {
      issues = withIssue(issues, { severity: 'error', code: 'encoding-error', row: rowNumber, column: mc.header,
        message: `「${mc.header}」中有无法识别的字符（乱码），请用 Excel 另存为「CSV UTF-8」后重新导出 Undecodable characters` });
      failed = true;
      continue;
    }
    // Text cells are searched for personal data as written; typed cells below, only when their
    // value could hold an identifier (a date never can; an amount only from 10 digits up).
    if (def.public && raw.length >= 7 && TEXT_KINDS.has(def.kind)) {
      const pii = findPii(raw, def.kind === 'contact');
      if (pii) {
        issues = withIssue(issues, { severity: 'error', code: 'pii-exposed', row: rowNumber, column: mc.header,
          message: `公开列「${mc.header}」中有${PII_LABEL[pii.kind]}，不能公开；请删除或脱敏后重新导出 Personal data in a public column` });
        failed = true;
        continue;
      }
    }
    if (isBlank(raw)) continue;
    if (def.kind === 'id-number') {
      // Exports keep Excel from mangling IDs by writing them as ="5101…" or '5101…: the same ID.
      const id = ID_SHAPE.test(raw) ? raw : toHalfWidth(cleanText(raw)).replace(/\s/g, '').replace(/^=?"(.*)"$|^'(.*)$/, '$1$2');
      if (isScientificMangled(id)) {
        issues = withIssue(issues, { severity: 'warning', code: 'mangled-id', row: rowNumber, column: mc.header,
          message: `「${mc.header}」被 Excel 改成了科学计数法（如 5.11999E+17），后几位已丢失，无法核查重复享受；请把该列设为「文本」格式后重新导出 ID mangled by Excel` });
      } else row[def.key] = id.toUpperCase();
      continue;
    }
    const p = mc.cache ? cachedParse(mc, raw) : parseCell(def, mc, raw);
    if (def.public && raw.length >= 7 && !TEXT_KINDS.has(def.kind) && (!p.ok || (typeof p.value === 'number' && Math.abs(p.value) >= 1e9))) {
      const pii = findPii(raw);
      if (pii) {
        issues = withIssue(issues, { severity: 'error', code: 'pii-exposed', row: rowNumber, column: mc.header,
          message: `公开列「${mc.header}」中有${PII_LABEL[pii.kind]}，不能公开；请删除或脱敏后重新导出 Personal data in a public column` });
        failed = true;
        continue;
      }
    }
    if (!p.ok) {
      issues = withIssue(issues, { severity: 'error', code: 'type-error', row: rowNumber, column: mc.header, message: `「${mc.header}」：${p.reason} Wrong format` });
      failed = true;
      continue;
    }
    row[def.key] = p.value;
  }

  // The dataset's zod schema, applied column by column: each distinct value of a column is checked
  // once (names, places, amounts and months repeat), then the cross-column rules run on the row.
  // This is what `dataset.schema.safeParse(row)` does, at a fraction of the cost per row.
  let zodIssues: z.core.$ZodIssue[] | undefined;
  for (const col of checkedColumns(dataset)) {
    const verdict = columnVerdict(col, row[col.def.key]);
    if (verdict) for (const zi of verdict) (zodIssues ??= []).push({ ...zi, path: [col.def.key, ...zi.path] } as z.core.$ZodIssue);
  }
  if (zodIssues === undefined && dataset.rules) {
    dataset.rules(row, { addIssue: (i) => { (zodIssues ??= []).push(i as unknown as z.core.$ZodIssue); } });
  }
  if (zodIssues === undefined) return { row: failed ? undefined : row, values: row, issues };
  const headerOf = (key: string) => columns.find((c) => c.def.key === key)?.header ?? dataset.columns.find((c) => c.key === key)?.title ?? key;
  for (const zi of zodIssues) {
    const key = String(zi.path[0] ?? '');
    if (issues.some((i) => i.row === rowNumber && i.column === headerOf(key) && i.severity === 'error')) continue;
    const mapped = zodIssue(zi, headerOf(key), row[key]);
    issues = withIssue(issues, { ...mapped, row: rowNumber, column: headerOf(key) });
    if (mapped.severity === 'error') failed = true;
  }
  return { row: failed ? undefined : row, values: row, issues };
}

/** Zod issue → report code and a message a clerk can act on (in the spirit of Starlight's error map). */
export function zodIssue(zi: z.core.$ZodIssue, column: string, value: unknown): Omit<Issue, 'row' | 'column'> {
  const shown = value === undefined || value === '' ? '空' : `「${String(value)}」`;
  switch (zi.code) {
    case 'custom': {
      const p = zi.params as RuleParams | undefined;
      return { severity: p?.severity ?? 'error', code: p?.code ?? 'constraint-error', message: zi.message };
    }
    case 'invalid_type':
      if (value === undefined) return { severity: 'error', code: 'missing-value', message: `「${column}」为空，这一列必须填写 Required value missing` };
      return { severity: 'error', code: 'type-error', message: `「${column}」的值 ${shown} 类型不对 Wrong type` };
    case 'too_small':
      if (zi.origin === 'string') return { severity: 'error', code: 'missing-value', message: `「${column}」为空，这一列必须填写 Required value missing` };
      return { severity: 'error', code: 'constraint-error', message: `「${column}」为 ${shown}，不能小于 ${String(zi.minimum)} Value too small` };
    case 'too_big':
      if (zi.origin === 'string') return { severity: 'error', code: 'constraint-error', message: `「${column}」太长（超过 ${String(zi.maximum)} 个字），请核对是否多个单元格被合并 Text too long` };
      return { severity: 'error', code: 'constraint-error', message: `「${column}」为 ${shown}，不能大于 ${String(zi.maximum)} Value too large` };
    case 'invalid_value':
      return { severity: 'error', code: 'constraint-error', message: `「${column}」为 ${shown}，应为 ${zi.values.map(String).join('、')} 之一 Not an allowed value` };
    case 'invalid_format':
      return { severity: 'error', code: 'type-error', message: `「${column}」的值 ${shown} 格式不对 Wrong format` };
    case 'not_multiple_of':
      return { severity: 'error', code: 'constraint-error', message: `「${column}」应为整数 Must be whole` };
    default:
      return { severity: 'error', code: 'constraint-error', message: `「${column}」：${zi.message}` };
  }
}

/** The public part of a row: only columns the schema declares public ever leave this function. */
export function publicPart(dataset: DatasetSpec, row: Row): Row {
  const out: Row = {};
  for (const c of dataset.columns) if (c.public && row[c.key] !== undefined) out[c.key] = row[c.key];
  return out;
}

export { TEXT_KINDS };
