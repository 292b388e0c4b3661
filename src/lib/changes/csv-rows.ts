/** A published CSV download read back as rows (papaparse, streamed), for the comparison. */
import { parseCsv, parseCsvText } from '../parse.ts';
import type { DataSource } from '../source.ts';
import type { RowSource } from './compare.ts';

async function* utf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8'); // drops the BOM the downloads start with
  for await (const c of chunks) { const s = decoder.decode(c, { stream: true }); if (s) yield s; }
  const rest = decoder.decode();
  if (rest) yield rest;
}

export function csvRows(source: DataSource, path: string): RowSource {
  return {
    // The first line only: the downloads' headers never hold line breaks.
    async header() {
      let head = '';
      for await (const t of utf8(source.read(path))) {
        head += t;
        const nl = head.indexOf('\n');
        if (nl >= 0) { head = head.slice(0, nl); break; }
        if (head.length > 1 << 20) break;
      }
      let first: string[] = [];
      parseCsvText(head.replace(/\r$/, ''), { rows(records) { first = records[0] ?? []; } });
      return first;
    },
    async rows(visit) {
      await parseCsv(utf8(source.read(path)), { rows(records) { for (const r of records) visit(r); } });
    },
  };
}

export async function readText(source: DataSource, path: string): Promise<string> {
  let s = '';
  for await (const t of utf8(source.read(path))) s += t;
  return s;
}
