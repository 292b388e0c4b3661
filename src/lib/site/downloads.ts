/**
 * Write stage for journalists: each dataset as CSV (UTF-8 with BOM so Excel opens it, Chinese
 * headers, formula injection neutralised) and JSON, streamed while the check runs; then the
 * Frictionless data package, the manifest and SHA256SUMS. Only public columns exist here.
 */
import { createHash, type Hash } from 'node:crypto';
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

interface OpenDataset {
  columns: DownloadColumn[];
  csv: Writer;
  json: Writer;
  csvHash: Hash;
  jsonHash: Hash;
  csvBytes: number;
  jsonBytes: number;
  rows: number;
  files: Set<string>;
  /** Text not yet written: rows are hashed and written in batches, not one by one. */
  csvPending: string[];
  jsonPending: string[];
  pendingChars: number;
}

const BATCH_CHARS = 128 * 1024;

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
      csv: this.out.open(`${this.dir}${dataset.id}.csv`),
      json: this.out.open(`${this.dir}${dataset.id}.json`),
      csvHash: createHash('sha256'), jsonHash: createHash('sha256'), csvBytes: 0, jsonBytes: 0, rows: 0, files: new Set(),
      csvPending: [], jsonPending: [], pendingChars: 0,
    };
    this.emit(d, 'csv', BOM + csvLine(columns.map((c) => c.header)));
    this.emit(d, 'json', '[');
    this.open.set(dataset.id, d);
    return d;
  }

  private emit(d: OpenDataset, which: 'csv' | 'json', s: string): void {
    (which === 'csv' ? d.csvPending : d.jsonPending).push(s);
    d.pendingChars += s.length;
    if (d.pendingChars >= BATCH_CHARS) this.flush(d);
  }

  private flush(d: OpenDataset): void {
    // Encoded to UTF-8 once, then written, hashed and counted as bytes.
    if (d.csvPending.length) {
      const b = Buffer.from(d.csvPending.join(''));
      d.csv.write(b); d.csvHash.update(b); d.csvBytes += b.length;
      d.csvPending = [];
    }
    if (d.jsonPending.length) {
      const b = Buffer.from(d.jsonPending.join(''));
      d.json.write(b); d.jsonHash.update(b); d.jsonBytes += b.length;
      d.jsonPending = [];
    }
    d.pendingChars = 0;
  }

  accept(dataset: DatasetSpec, row: Row, place: PlaceIds, origin: RowOrigin): void {
    const d = this.open.get(dataset.id) ?? this.start(dataset);
    const code = place.village?.code ?? place.township?.code ?? '';
    const cells = d.columns.map((c) => (c.key === '__code' ? code : row[c.key]));
    this.emit(d, 'csv', csvLine(cells));
    const obj: Record<string, string | number | null> = {};
    d.columns.forEach((c, i) => { obj[c.header] = cells[i] ?? null; });
    this.emit(d, 'json', (d.rows === 0 ? '\n' : ',\n') + JSON.stringify(obj));
    d.rows++;
    d.files.add(origin.file);
  }

  fileDone(_report: FileReport): void {}

  /** Closes every file; returns per-dataset sizes and checksums. */
  finish(): Map<string, DownloadStats> {
    const stats = new Map<string, DownloadStats>();
    for (const [id, d] of this.open) {
      this.emit(d, 'json', '\n]\n');
      this.flush(d);
      d.csv.close();
      d.json.close();
      stats.set(id, { rows: d.rows, files: d.files.size, csvBytes: d.csvBytes, jsonBytes: d.jsonBytes, csvSha256: d.csvHash.digest('hex'), jsonSha256: d.jsonHash.digest('hex') });
    }
    return stats;
  }
}

const TABLE_SCHEMA_TYPE: Record<string, string> = {
  integer: 'integer', money: 'number', date: 'date', month: 'yearmonth', year: 'year',
};

/** A Frictionless Data Package describing every download (Table Schema per resource). */
export function dataPackage(opts: { name: string; title: string; publisher: string; asOf: string; datasets: { spec: DatasetSpec; stats: DownloadStats }[] }): object {
  return {
    profile: 'tabular-data-package',
    name: opts.name,
    title: opts.title,
    ...(opts.publisher ? { contributors: [{ title: opts.publisher, role: 'publisher' }] } : {}),
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
      // A tabular-data-package may only hold Tabular Data Resources, whose files must be CSV: the
      // JSON twin of each CSV is listed in manifest.json and SHA256SUMS instead.
      return [
        { name: spec.id, path: `${spec.id}.csv`, format: 'csv', mediatype: 'text/csv', encoding: 'utf-8-sig', bytes: stats.csvBytes, hash: `sha256:${stats.csvSha256}`, title: spec.title, description: spec.description, schema: { fields } },
      ];
    }),
  };
}

/** SHA256SUMS for every file under data/, paths relative to data/ (run `sha256sum -c` inside it). */
export function sha256Sums(out: OutputFiles, dir = ''): string {
  const lines: string[] = [];
  for (const path of out.list(dir)) {
    const rel = dir ? path.slice(dir.length + 1) : path;
    if (rel === 'SHA256SUMS') continue;
    lines.push(`${out.sha256?.(path) ?? createHash('sha256').update(out.readFile(path)).digest('hex')}  ${rel}`);
  }
  return lines.join('\n') + '\n';
}
