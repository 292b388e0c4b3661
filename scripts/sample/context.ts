/** Shared state handed to every dataset writer. */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { CsvWriter } from './csv.ts';
import type { CsvWriterOptions, WriteStats } from './csv.ts';
import type { YearMonth } from './dates.ts';
import type { Regions } from './regions.ts';

export type Context = {
  seed: number;
  /** --clean-only: UTF-8, single header line, no title/total/note rows, no private columns, no deliberate warnings. */
  clean: boolean;
  out: string;
  regions: Regions;
  /** Disclosure months, oldest first (default 2025-11 … 2026-10). */
  months: YearMonth[];
  stats: WriteStats;
};

export const LAST_MONTH: YearMonth = { year: 2026, month: 10 };
export const COUNTY_PHONE = '0999-1234567';

/** Stream tags for mixSeed so every dataset draws from its own independent sequence. */
export const TAG = {
  dibao: 0x4442,
  tekun: 0x544b,
  pension: 0x504e,
  projects: 0x504a,
  finance: 0x4649,
  works: 0x574b,
  party: 0x5044,
} as const;

export function openCsv(ctx: Context, relative: string, options: CsvWriterOptions = {}): CsvWriter {
  const path = join(ctx.out, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  return new CsvWriter(path, ctx.stats, options);
}

/** `示例县` or, for a multi-county synthetic province, `示例县等3个县`. */
export function countyLabel(ctx: Context): string {
  const first = ctx.regions.counties[0]?.name ?? '示例县';
  return ctx.regions.counties.length > 1 ? `${first}等${ctx.regions.counties.length}个县` : first;
}

/** Formats an integer number of cents as `1234.50` (grouped: `1,234.50`). */
export function yuan(cents: number, grouped = false): string {
  const whole = Math.floor(cents / 100);
  const frac = String(cents % 100).padStart(2, '0');
  return (grouped ? groupThousands(whole) : String(whole)) + '.' + frac;
}

export function groupThousands(n: number): string {
  const s = String(n);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return out;
}

/** Formats hundredths of 万元 with at most two decimals and no trailing zeros: 3550 → `35.5`, 8000 → `80`. */
export function wan(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths % 100;
  if (frac === 0) return String(whole);
  return frac % 10 === 0 ? `${whole}.${frac / 10}` : `${whole}.${String(frac).padStart(2, '0')}`;
}

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';
export function fullWidthDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => FULL_WIDTH_DIGITS[Number(d)] as string);
}
