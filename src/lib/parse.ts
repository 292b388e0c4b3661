/**
 * Parse stage: CSV text → records (arrays of cells), streamed through papaparse.
 * A record's spreadsheet row number is its index + 1: a quoted cell with a line break is still one
 * row in Excel, and blank lines are rows too.
 */
import Papa from 'papaparse';
import { Readable } from 'node:stream';

export interface ParseProblem { row: number; message: string }

export interface ParseSink {
  /** Records in order; `firstRow` is the spreadsheet row number of records[0]. */
  rows(records: string[][], firstRow: number): void;
}

export async function parseCsv(text: AsyncIterable<string>, sink: ParseSink): Promise<{ delimiter: string; problems: ParseProblem[] }> {
  let nextRow = 1;
  let delimiter = ',';
  const problems: ParseProblem[] = [];
  await new Promise<void>((resolve, reject) => {
    Papa.parse(Readable.from(text, { objectMode: true }) as NodeJS.ReadableStream, {
      header: false,
      skipEmptyLines: false,
      delimitersToGuess: [',', '\t', ';', '|'],
      chunk(results: Papa.ParseResult<string[]>) {
        delimiter = results.meta.delimiter || delimiter;
        const base = nextRow;
        for (const e of results.errors) {
          if (e.type === 'Quotes' && problems.length < 50) problems.push({ row: base + (e.row ?? 0), message: '引号没有配对（某个单元格以 " 开头却没有结束），这一行之后的内容可能被并入同一格' });
        }
        nextRow += results.data.length;
        try { sink.rows(results.data, base); } catch (err) { reject(err); }
      },
      complete() { resolve(); },
      error(err: Error) { reject(err); },
    } as Papa.ParseLocalConfig<string[], NodeJS.ReadableStream>);
  });
  return { delimiter, problems };
}
