/**
 * Write stage for journalists: each dataset as CSV (UTF-8 with BOM so Excel opens it, Chinese
 * headers, formula injection neutralised) and JSON, streamed while the check runs; then the
 * Frictionless data package, the manifest and SHA256SUMS. Only public columns exist here.
 */
import { createHash } from 'node:crypto';
import type { FileReport, PlaceIds, RowOrigin, RowSink } from '../check.ts';
import type { OutputFiles, Writer } from '../output.ts';
import { enumOptions, type ColumnDef, type DatasetSpec } from '../schema.ts';
import type { Row } from '../validate.ts';

export interface DownloadColumn { key: string; header: string; def?: ColumnDef }

/** The public columns of a dataset as downloads name them (unit in the header), plus 区划代码. */
export function downloadColumns(dataset: DatasetSpec): DownloadColumn[] {
  const cols: DownloadColumn[] = dataset.columns.filter((c) => c.public).map((def) => ({
    key: def.key,
    header: def.kind === 'money' ? `${def.title}（元）` : def.title,
    def,
  }));
  cols.push({ key: '__code', header: '区划代码' });
  return cols;
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (= + - @, tab, CR, and their
 * full-width forms) gets a leading apostrophe (OWASP's advice); numbers stay numbers.
 */
export function csvCell(v: string | number | undefined | null): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = v;
  if (/^[=+\-@\t\r＝＋－＠]/.test(s)) s = "'" + s;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: (string | number | undefined | null)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export const BOM = '\uFEFF';

/**
 * A download being written: text is encoded into one reused buffer and written when it is full.
 * Joining each batch's row strings and encoding the result took 2.4 times as long (rows are built
 * by concatenation, and a join flattens every one of them again).
 */
class EncodedStream {
  bytes = 0;
  private readonly writer: Writer;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  constructor(writer: Writer) { this.writer = writer; }
  write(s: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (this.used + s.length * 3 > BUFFER_BYTES) {
      this.flush();
      if (s.length * 3 > BUFFER_BYTES) { const b = Buffer.from(s); this.writer.write(b); this.bytes += b.length; return; }
    }
    this.used += this.buffer.write(s, this.used, 'utf8');
  }
  flush(): void {
    if (!this.used) return;
    this.writer.write(this.buffer.subarray(0, this.used));
    this.bytes += this.used;
    this.used = 0;
  }
  close(): void { this.flush(); this.writer.close(); }
}

const BUFFER_BYTES = 256 * 1024;

/**
 * A small file's text encoded into one reused, growing buffer (the page tables: a CSV per place
 * and dataset). `bytes()` is valid until the next `reset()`; writers do not keep it (output.ts).
 */
export class Utf8Builder {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  reset(): this { this.used = 0; return this; }
  append(s: string): this {
    const need = this.used + s.length * 3;
    if (need > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.buffer.length * 2));
      this.buffer.copy(bigger, 0, 0, this.used);
      this.buffer = bigger;
    }
    this.used += this.buffer.write(s, this.used, 'utf8');
    return this;
  }
  bytes(): Uint8Array { return this.buffer.subarray(0, this.used); }
}

interface OpenDataset {
  columns: DownloadColumn[];
  /** Each column's `"header":` in a JSON row, after a comma but the first's. */
  jsonKeys: string[];
  csv: EncodedStream;
  json: EncodedStream;
  rows: number;
  files: Set<string>;
}

export interface DownloadStats { rows: number; files: number; csvBytes: number; jsonBytes: number; csvSha256: string; jsonSha256: string }

/** Streams accepted rows into data/<id>.csv and data/<id>.json. */
export class DownloadSink implements RowSink {
  private open = new Map<string, OpenDataset>();
  private readonly out: OutputFiles;
  private readonly dir: string;
  constructor(out: OutputFiles, dir = '') { this.out = out; this.dir = dir ? dir + '/' : ''; }

  private start(dataset: DatasetSpec): OpenDataset {
    const columns = downloadColumns(dataset);
    const d: OpenDataset = {
      columns,
      jsonKeys: columns.map((c, i) => `${i ? ',' : ''}${JSON.stringify(c.header)}:`),
      csv: new EncodedStream(this.out.open(`${this.dir}${dataset.id}.csv`)),
      json: new EncodedStream(this.out.open(`${this.dir}${dataset.id}.json`)),
      rows: 0, files: new Set(),
    };
    d.csv.write(BOM + csvLine(columns.map((c) => c.header)));
    d.json.write('[');
    this.open.set(dataset.id, d);
    return d;
  }

  accept(dataset: DatasetSpec, row: Row, place: PlaceIds, origin: RowOrigin): void {
    const d = this.open.get(dataset.id) ?? this.start(dataset);
    const code = place.village?.code ?? place.township?.code ?? '';
    // Both lines by concatenation: the same text as csvLine and JSON.stringify of an object keyed
    // by the headers, without building the array and the object for every row (this runs on the
    // thread that every accepted row of a province passes through).
    const { columns, jsonKeys } = d;
    let csv = '';
    let json = d.rows === 0 ? '\n{' : ',\n{';
    for (let i = 0; i < columns.length; i++) {
      const key = columns[i]!.key;
      const v = key === '__code' ? code : row[key];
      csv += i ? ',' + csvCell(v) : csvCell(v);
      json += jsonKeys[i]! + (v === undefined || v === null ? 'null' : JSON.stringify(v));
    }
    d.csv.write(csv + '\r\n');
    d.json.write(json + '}');
    d.rows++;
    d.files.add(origin.file);
  }

  fileDone(_report: FileReport): void {}

  /** Closes every file; returns per-dataset sizes and checksums. */
  finish(): Map<string, DownloadStats> {
    const stats = new Map<string, DownloadStats>();
    for (const [id, d] of this.open) {
      d.json.write('\n]\n');
      d.csv.close();
      d.json.close();
      stats.set(id, { rows: d.rows, files: d.files.size, csvBytes: d.csv.bytes, jsonBytes: d.json.bytes, csvSha256: fileSha256(this.out, `${this.dir}${id}.csv`), jsonSha256: fileSha256(this.out, `${this.dir}${id}.json`) });
    }
    return stats;
  }
}

const TABLE_SCHEMA_TYPE: Record<string, string> = {
  integer: 'integer', money: 'number', date: 'date', month: 'yearmonth', year: 'year',
};

/** A Frictionless Data Package describing every download (Table Schema per resource). */
export function dataPackage(opts: { name: string; title: string; publisher: string; asOf: string; license?: { name?: string; title: string; url?: string }; datasets: { spec: DatasetSpec; stats: DownloadStats }[] }): object {
  const l = opts.license;
  return {
    profile: 'tabular-data-package',
    name: opts.name,
    title: opts.title,
    ...(opts.publisher ? { contributors: [{ title: opts.publisher, role: 'publisher' }] } : {}),
    ...(l ? { licenses: [{ ...(l.name ? { name: l.name } : {}), ...(l.url ? { path: l.url } : {}), title: l.title }] } : {}),
    version: opts.asOf,
    description: '三务公开数据（仅含可公开字段；身份证号、电话、银行账号、住址等个人信息从不发布）。Disclosure data; personal data is never published.',
    resources: opts.datasets.flatMap(({ spec, stats }) => {
      const fields = downloadColumns(spec).map((c) => ({
        name: c.header,
        title: c.def ? c.def.titleEn : 'Statistical area code',
        type: c.def ? TABLE_SCHEMA_TYPE[c.def.kind] ?? 'string' : 'string',
        description: c.def ? c.def.description : '12 位统计用区划代码（村或乡镇） 12-digit statistical area code of the village or township',
        ...(c.def?.kind === 'money' ? { unit: '元 (CNY)' } : {}),
        ...(c.def && (c.def.required || c.def.kind === 'enum') ? {
          constraints: { ...(c.def.required ? { required: true } : {}), ...(c.def.kind === 'enum' ? { enum: enumOptions(c.def) } : {}) },
        } : {}),
      }));
      // A record's key is a primary key where the check refuses the same key twice and every part
      // of it is required (recipient lists, projects); ledgers may repeat a key, with a warning.
      const columns = downloadColumns(spec);
      const keyHeaders = spec.key.map((k) => columns.find((c) => c.key === k));
      const primaryKey = spec.duplicateSeverity === 'error' && keyHeaders.every((c) => c?.def?.required) ? keyHeaders.map((c) => c!.header) : undefined;
      // A tabular-data-package may only hold Tabular Data Resources, whose files must be CSV: the
      // JSON twin of each CSV is listed in manifest.json and SHA256SUMS instead. The CSV files start
      // with a byte-order mark so that Excel reads them as UTF-8; the encoding's IANA name is utf-8
      // (readers that follow the WHATWG Encoding Standard skip the mark).
      return [
        { profile: 'tabular-data-resource', name: spec.id, path: `${spec.id}.csv`, format: 'csv', mediatype: 'text/csv', encoding: 'utf-8', bytes: stats.csvBytes, hash: `sha256:${stats.csvSha256}`, title: spec.title, description: spec.description, schema: { fields, ...(primaryKey ? { primaryKey } : {}) } },
      ];
    }),
  };
}

/** sha256 (hex) of a written file: from the output when it knows it (node-output.ts `hashes`), else of its bytes. */
export function fileSha256(out: OutputFiles, path: string): string {
  return out.sha256?.(path) ?? createHash('sha256').update(out.readFile(path)).digest('hex');
}

/** SHA256SUMS for every file under data/, paths relative to data/ (run `sha256sum -c` inside it). */
export function sha256Sums(out: OutputFiles, dir = ''): string {
  const lines: string[] = [];
  for (const path of out.list(dir)) {
    const rel = dir ? path.slice(dir.length + 1) : path;
    if (rel === 'SHA256SUMS') continue;
    lines.push(`${fileSha256(out, path)}  ${rel}`);
  }
  return lines.join('\n') + '\n';
}
