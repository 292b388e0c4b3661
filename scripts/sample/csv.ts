/**
 * Batched CSV file writer: rows are serialised into a small in-memory batch that
 * is encoded and written with writeSync whenever it passes ~256K characters, so
 * memory stays bounded no matter how many rows a file gets.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { encodeGb18030 } from './gbk.ts';

export type Encoding = 'utf8' | 'utf8-bom' | 'gb18030';
export type Cell = string | number;

export type WriteStats = { files: number; rows: number; bytes: number };

export function newStats(): WriteStats {
  return { files: 0, rows: 0, bytes: 0 };
}

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180 field quoting: quote when the field holds a comma, quote, CR or LF. */
export function csvCell(value: Cell): string {
  const s = typeof value === 'number' ? String(value) : value;
  if (!NEEDS_QUOTES.test(s)) return s;
  return '"' + s.replaceAll('"', '""') + '"';
}

export function csvLine(cells: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ',';
    line += csvCell(cells[i] ?? '');
  }
  return line;
}

const FLUSH_AT = 1 << 18;
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

export type CsvWriterOptions = { encoding?: Encoding; eol?: '\n' | '\r\n' };

export class CsvWriter {
  readonly path: string;
  readonly encoding: Encoding;
  readonly eol: string;
  readonly stats: WriteStats;
  fd: number;
  batch: string[] = [];
  batchChars = 0;
  bytes = 0;
  rows = 0;

  constructor(path: string, stats: WriteStats, options: CsvWriterOptions = {}) {
    this.path = path;
    this.stats = stats;
    this.encoding = options.encoding ?? 'utf8';
    this.eol = options.eol ?? '\n';
    this.fd = openSync(path, 'w');
    if (this.encoding === 'utf8-bom') this.writeBytes(BOM);
  }

  /** A data record (counted in the row statistics). */
  row(cells: readonly Cell[]): void {
    this.rows++;
    this.raw(csvLine(cells));
  }

  /** A non-data line: header, title, total or note row (not counted as a row). */
  line(cells: readonly Cell[]): void {
    this.raw(csvLine(cells));
  }

  private raw(line: string): void {
    const text = line + this.eol;
    this.batch.push(text);
    this.batchChars += text.length;
    if (this.batchChars >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.batch.length === 0) return;
    const text = this.batch.join('');
    this.batch = [];
    this.batchChars = 0;
    this.writeBytes(this.encoding === 'gb18030' ? encodeGb18030(text) : Buffer.from(text, 'utf8'));
  }

  private writeBytes(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    this.bytes += bytes.length;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
    this.stats.files++;
    this.stats.rows += this.rows;
    this.stats.bytes += this.bytes;
  }
}

/** Pads a row with empty cells up to width (Excel writes the whole used range). */
export function padRow(cells: readonly Cell[], width: number): Cell[] {
  const out = cells.slice();
  while (out.length < width) out.push('');
  return out;
}
