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

const QUOTES_MESSAGE = '引号没有配对（某个单元格以 " 开头却没有结束），这一行之后的内容可能被并入同一格；请在 Excel 中检查这一行，改正后重新另存为 CSV Unbalanced quote: check this row in Excel and export again';

/**
 * A quote problem at each row papaparse names, once per row: it reports an unclosed quote both as
 * 「MissingQuotes」 and 「InvalidQuotes」 on the same row, and a clerk should read one warning.
 */
function addQuoteProblems(errors: readonly Papa.ParseError[], firstRow: number, problems: ParseProblem[]): void {
  for (const e of errors) {
    if (e.type !== 'Quotes' || problems.length >= 50) continue;
    const row = firstRow + (e.row ?? 0);
    if (problems.some((p) => p.row === row)) continue;
    problems.push({ row, message: QUOTES_MESSAGE });
  }
}

/** A whole small file at once: the same records as the streamed parse, without a stream per file. */
export function parseCsvText(text: string, sink: ParseSink): { delimiter: string; problems: ParseProblem[] } {
  const results = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimitersToGuess: [',', '\t', ';', '|'] });
  const problems: ParseProblem[] = [];
  addQuoteProblems(results.errors, 1, problems);
  // A final line break is not a row of its own in Excel.
  const data = results.data;
  if (data.length > 1 && data[data.length - 1]!.length === 1 && data[data.length - 1]![0] === '') data.pop();
  sink.rows(data, 1);
  return { delimiter: results.meta.delimiter || ',', problems };
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
        addQuoteProblems(results.errors, base, problems);
        nextRow += results.data.length;
        try { sink.rows(results.data, base); } catch (err) { reject(err); }
      },
      complete() { resolve(); },
      error(err: Error) { reject(err); },
    } as Papa.ParseLocalConfig<string[], NodeJS.ReadableStream>);
  });
  return { delimiter, problems };
}
