/**
 * The data contract. Each dataset is one zod object schema whose column schemas carry, in their
 * metadata, the Chinese header and its aliases, the kind of cell, the unit, and whether the column
 * may ever be published. Everything else (header mapping, validation, privacy, downloads, the Table
 * Schema in datapackage.json) is derived from these schemas.
 */
import { z } from 'zod';
import type { MoneyUnit } from './values.ts';

export type ColumnKind =
  | 'text' | 'person-name' | 'township' | 'village' | 'org'
  | 'integer' | 'money' | 'date' | 'month' | 'year' | 'period' | 'enum'
  | 'contact' | 'id-number' | 'private';

export interface ColumnMeta {
  /** Canonical Chinese header, as the site and downloads show it. */
  title: string;
  titleEn: string;
  /** Other headers clerks write for the same column. */
  aliases: readonly string[];
  kind: ColumnKind;
  /** Only public columns are ever written to any output. */
  public: boolean;
  required: boolean;
  /** Unit the cell is in when neither the header nor the cell says otherwise. */
  unit?: MoneyUnit;
  description: string;
  /** Figures that 合计/小计 rows add up. */
  summable?: boolean;
  /** May be taken from the file name or the title row when the table has no such column. */
  fromContext?: 'township' | 'village' | 'period' | 'year';
  /** Two-row headers: the merged parent cell (实施地点, 资金来源). */
  group?: string;
}

export interface ColumnDef extends ColumnMeta { key: string; schema: z.ZodType }

type Options = Partial<Omit<ColumnMeta, 'title' | 'titleEn' | 'kind' | 'description'>>;

function column<T extends z.ZodType>(base: T, kind: ColumnKind, title: string, titleEn: string, description: string, opts: Options = {}) {
  const meta: ColumnMeta = {
    title, titleEn, kind, description,
    aliases: opts.aliases ?? [],
    public: opts.public ?? true,
    required: opts.required ?? true,
    ...(opts.unit ? { unit: opts.unit } : {}),
    ...(opts.summable ? { summable: true } : {}),
    ...(opts.fromContext ? { fromContext: opts.fromContext } : {}),
    ...(opts.group ? { group: opts.group } : {}),
  };
  const s: z.ZodType = meta.required ? base : base.optional();
  return s.meta(meta as unknown as z.GlobalMeta);
}

const nonEmpty = z.string().trim().min(1);
const isoDate = z.iso.date();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const year = z.string().regex(/^\d{4}$/);
const period = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|Q[1-4])?$/);

/** Column builders: one per kind of cell, so the kinds stay consistent across datasets. */
export const col = {
  text: (title: string, titleEn: string, description: string, opts?: Options) => column(nonEmpty.max(500), 'text', title, titleEn, description, opts),
  personName: (title: string, titleEn: string, description: string, opts?: Options) =>
    column(nonEmpty.max(40), 'person-name', title, titleEn, description, opts),
  township: (opts?: Options) => column(nonEmpty.max(40), 'township', '乡镇', 'Township',
    '乡镇（街道）名称 Township or sub-district', { aliases: ['乡镇(街道)', '乡镇（街道）', '乡镇街道', '镇', '乡', '街道', '镇（街道）', '镇(街道)', '所属乡镇', '所在乡镇', '乡镇名称'], fromContext: 'township', ...opts }),
  village: (opts?: Options) => column(nonEmpty.max(40), 'village', '村', 'Village',
    '村（社区）名称 Village or community', { aliases: ['村(社区)', '村（社区）', '村社区', '所在村', '村居', '村屯', '社区', '村名', '行政村', '所属村', '村委会', '村(居)', '村（居）', '所在村屯', '村别'], fromContext: 'village', ...opts }),
  org: (title: string, titleEn: string, description: string, opts?: Options) => column(nonEmpty.max(100), 'org', title, titleEn, description, opts),
  integer: (title: string, titleEn: string, description: string, min: number, max: number, opts?: Options) =>
    column(z.int().min(min).max(max), 'integer', title, titleEn, description, opts),
  money: (title: string, titleEn: string, description: string, opts?: Options) =>
    column(z.number().nonnegative().max(1e11), 'money', title, titleEn, description, { unit: '元', ...opts }),
  date: (title: string, titleEn: string, description: string, opts?: Options) => column(isoDate, 'date', title, titleEn, description, opts),
  month: (title: string, titleEn: string, description: string, opts?: Options) => column(month, 'month', title, titleEn, description, opts),
  year: (title: string, titleEn: string, description: string, opts?: Options) => column(year, 'year', title, titleEn, description, opts),
  period: (title: string, titleEn: string, description: string, opts?: Options) => column(period, 'period', title, titleEn, description, opts),
  enumOf: <const V extends readonly [string, ...string[]]>(values: V, title: string, titleEn: string, description: string, opts?: Options) =>
    column(z.enum(values), 'enum', title, titleEn, description, opts),
  /** A public office number (监督电话): may hold landlines and hotlines. */
  contact: (opts?: Options) => column(nonEmpty.max(60), 'contact', '监督电话', 'Complaints phone',
    '监督举报电话（单位电话，可公开） Public office number for objections', { aliases: ['举报电话', '投诉电话', '监督举报电话', '咨询电话'], required: false, ...opts }),
  /** Never published; read only to find the same person twice. */
  idNumber: () => column(z.string(), 'id-number', '身份证号', 'Resident ID number',
    '公民身份号码：仅用于核查重复享受，永不公开 Used only to find duplicates; never published',
    { aliases: ['身份证号码', '公民身份号码', '身份证', '证件号码', '户主身份证号', '户主身份证号码', '身份证件号码', '证件号'], public: false, required: false }),
  private: (title: string, titleEn: string, aliases: readonly string[]) => column(z.string(), 'private', title, titleEn,
    '个人信息：不公开 Personal data: never published', { aliases, public: false, required: false }),
};

/** Columns that real exports carry and that must never be published. */
export const privateColumns = {
  phone: () => col.private('联系电话', 'Phone', ['电话', '手机', '手机号', '手机号码', '联系方式', '电话号码', '联系手机']),
  bankAccount: () => col.private('银行账号', 'Bank account', ['银行卡号', '账号', '卡号', '开户账号', '银行账户', '存折号', '社保卡号', '开户银行', '开户行']),
  address: () => col.private('家庭住址', 'Address', ['住址', '地址', '家庭地址', '现住址', '户籍地址', '详细地址']),
  income: () => col.private('家庭月收入', 'Household income', ['家庭收入', '月收入', '人均收入', '家庭年收入']),
};

export type Frequency = 'monthly' | 'quarterly' | 'yearly' | 'on-change';

/** The part of zod's refinement context that cross-column rules use. */
export interface RuleContext {
  addIssue(issue: { code: 'custom'; path: string[]; input: unknown; message: string; params: RuleParams }): void;
}

/** A row as the rules see it: normalised values by column key. */
export type RuleRow = Record<string, string | number | undefined>;

export interface DatasetSpec<S extends z.ZodType = z.ZodType> {
  id: string;
  title: string;
  titleEn: string;
  description: string;
  /** Sub-folder of data/ holding this dataset's files. */
  folder: string;
  frequency: Frequency;
  /** Columns identifying one published record (used for duplicates and for change tracking). */
  key: readonly string[];
  /** Period column key for datasets published per period. */
  periodKey?: string;
  /** The row schema: column schemas with metadata, refined by the cross-column rules. */
  schema: S;
  /** The column schemas alone, keyed by column. */
  shape: Record<string, z.ZodType>;
  /** Cross-column rules (fund parts add up, one of income/spending…), as a zod refinement. */
  rules?: (row: RuleRow, ctx: RuleContext) => void;
  /** Same key twice is an error for recipient lists, a warning for ledgers. */
  duplicateSeverity: 'error' | 'warning';
  /** The column checked for the same person listed twice (dibao, tekun, pension). */
  personIdKey?: string;
  /** Derived from the schema's metadata. */
  columns: ColumnDef[];
}

/** Reads the column definitions back out of a zod object schema's metadata. */
export function columnsOf(schema: z.ZodObject): ColumnDef[] {
  return Object.entries(schema.shape).map(([key, s]) => {
    const meta = (s as z.ZodType).meta() as unknown as ColumnMeta | undefined;
    if (!meta?.title) throw new Error(`column ${key} has no metadata`);
    return { ...meta, key, schema: s as z.ZodType };
  });
}

export function defineDataset(spec: Omit<DatasetSpec, 'columns' | 'schema'>): DatasetSpec {
  const object = z.object(spec.shape);
  const rules = spec.rules;
  const schema = rules ? object.superRefine((row, ctx) => rules(row as RuleRow, ctx as unknown as RuleContext)) : object;
  return { ...spec, schema, columns: columnsOf(object) };
}

/** Issue parameters carried by zod custom issues so cross-column rules keep their report codes. */
export interface RuleParams { code: string; severity: 'error' | 'warning' }

/** The allowed values of an enum column (集中/分散 …), read from its zod schema. */
export function enumOptions(def: ColumnDef): string[] {
  let s = def.schema as z.ZodType & { unwrap?: () => z.ZodType; options?: string[] };
  while (!s.options && s.unwrap) s = s.unwrap() as typeof s;
  return s.options ?? [];
}
