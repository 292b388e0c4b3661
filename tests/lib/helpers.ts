// Shared fixtures for the data-check tests (not a test file itself).
import { runCheck, type CheckReport, type FileReport, type RowSink } from '../../src/lib/check.ts';
import type { Issue } from '../../src/lib/issues.ts';
import { idCheckDigit } from '../../src/lib/pii.ts';
import type { Row } from '../../src/lib/validate.ts';
import { memorySource } from '../../src/lib/source.ts';

/** A small county: 城关镇 (王家村, 李家村) and 河口乡 (河口村). Codes are 12-digit statistical codes. */
export const REGIONS_CSV = [
  '区划代码,名称,上级代码',
  '510122000000,示例县,',
  '510122100000,城关镇,510122000000',
  '510122100201,王家村,510122100000',
  '510122100202,李家村,510122100000',
  '510122101000,河口乡,510122000000',
  '510122101201,河口村,510122101000',
].join('\n') + '\n';

/** An 18-digit resident ID with a valid check digit (birth date 1980-01-01 + `seq`). */
export function residentId(seq: number, area = '510122'): string {
  const first17 = `${area}19800101${String(seq).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

/** The same ID with a wrong check digit: not an ID number by the standard. */
export function wrongCheckDigit(id: string): string {
  const good = id[17]!;
  return id.slice(0, 17) + (good === '1' ? '2' : '1');
}

/** A Luhn-valid bank card number (16 digits, starting 6222). */
export function bankCard(body = '622202123456789'): string {
  for (let d = 0; d < 10; d++) {
    const s = body + d;
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      let x = s.charCodeAt(s.length - 1 - i) - 48;
      if (i % 2 === 1) { x *= 2; if (x > 9) x -= 9; }
      sum += x;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}

/** UTF-16LE bytes with a BOM, as Excel's 「Unicode 文本」 saves them. */
export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff; out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = c & 0xff;
    out[3 + 2 * i] = c >> 8;
  }
  return out;
}

export function utf8Bom(text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

export function csv(lines: string[], eol = '\n'): string {
  return lines.join(eol) + eol;
}

export interface Accepted { dataset: string; row: Row; file: string; line: number; place: { township?: string; village?: string } }

export interface CheckRun {
  report: CheckReport;
  accepted: Accepted[];
  file(path: string): FileReport;
  issues(path: string, code?: string): Issue[];
}

/** Runs the whole check over in-memory files (with regions.csv unless `regions: false`), collecting accepted rows. */
export async function check(files: Record<string, string | Uint8Array>, opts: { regions?: boolean; chunkSize?: number; memoryEntries?: number } = {}): Promise<CheckRun> {
  const accepted: Accepted[] = [];
  const sink: RowSink = {
    accept(dataset, row, place, origin) {
      accepted.push({ dataset: dataset.id, row, file: origin.file, line: origin.row, place: { township: place.township?.name, village: place.village?.name } });
    },
  };
  const all = opts.regions === false ? files : { 'regions.csv': REGIONS_CSV, ...files };
  const { report } = await runCheck({ source: memorySource(all, opts.chunkSize), sink, ...(opts.memoryEntries ? { memoryEntries: opts.memoryEntries } : {}) });
  const file = (path: string) => {
    const f = report.files.find((x) => x.path === path);
    if (!f) throw new Error(`no report for ${path}; have ${report.files.map((x) => x.path).join(', ')}`);
    return f;
  };
  return {
    report,
    accepted,
    file,
    issues: (path, code) => file(path).issues.filter((i) => code === undefined || i.code === code),
  };
}

/** The issues of a file as compact `code@row:column` strings, errors and warnings only. */
export function brief(f: FileReport): string[] {
  return f.issues.filter((i) => i.severity !== 'info').map((i) => `${i.code}@${i.row ?? '-'}:${i.column ?? '-'}`);
}
