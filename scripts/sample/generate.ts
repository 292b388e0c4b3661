/**
 * Sample-data generator entry point (used by scripts/generate-sample.ts and the tests).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COUNTY_PHONE, LAST_MONTH } from './context.ts';
import type { Context } from './context.ts';
import { csvLine, newStats } from './csv.ts';
import type { WriteStats } from './csv.ts';
import { monthKey, monthsEnding } from './dates.ts';
import { writeFinance } from './finance.ts';
import { REGIONS_HEADER } from './headers.ts';
import { writePartyDues } from './party.ts';
import { writeProjects, writeWorks } from './projects.ts';
import { buildRegions, defaultTownships } from './regions.ts';
import type { Regions } from './regions.ts';
import { writeDibao, writePension, writeTekun } from './welfare.ts';

export type GenerateOptions = {
  out: string;
  villages: number;
  /** Defaults to 3 for ≤15 villages, else ceil(villages / 15). */
  townships?: number;
  months: number;
  seed: number;
  cleanOnly: boolean;
};

export const DEFAULTS = { out: 'data', villages: 15, months: 12, seed: 20261, cleanOnly: false } as const;

/** Everything the generator writes inside the output directory; only these are removed beforehand. */
export const OUTPUT_ENTRIES = ['site.json', 'regions.csv', 'dibao', 'tekun', 'pension', 'projects', 'finance', 'works', 'party-dues'] as const;

export type GenerateSummary = WriteStats & { out: string; villages: number; townships: number; counties: number; months: number; seed: number; cleanOnly: boolean };

function writeSite(ctx: Context): void {
  const county = ctx.regions.counties[0];
  const site = {
    title: '示例县三务公开',
    publisher: '示例县人民政府办公室',
    contact: COUNTY_PHONE,
    county: county?.name ?? '示例县',
    // example.gov.cn is not a real host: it shows where printed notices' QR codes point.
    url: 'https://sanwu.example.gov.cn/',
  };
  const text = JSON.stringify(site, null, 2) + '\n';
  writeFileSync(join(ctx.out, 'site.json'), text);
  ctx.stats.files++;
  ctx.stats.bytes += Buffer.byteLength(text);
}

function writeRegions(ctx: Context, regions: Regions): void {
  const lines: string[] = [csvLine(REGIONS_HEADER)];
  let bytes = 0;
  const path = join(ctx.out, 'regions.csv');
  writeFileSync(path, '');
  const flush = (): void => {
    const text = lines.join('');
    writeFileSync(path, text, { flag: 'a' });
    bytes += Buffer.byteLength(text);
    lines.length = 0;
  };
  lines[0] += '\n';
  for (const c of regions.counties) lines.push(csvLine([c.code, c.name, '']) + '\n');
  for (const t of regions.townships) lines.push(csvLine([t.code, t.name, t.county.code]) + '\n');
  for (const v of regions.villages) {
    lines.push(csvLine([v.code, v.name, v.township.code]) + '\n');
    if (lines.length >= 4096) flush();
  }
  flush();
  ctx.stats.files++;
  ctx.stats.rows += regions.counties.length + regions.townships.length + regions.villages.length;
  ctx.stats.bytes += bytes;
}

function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be an integer between ${min} and ${max} (got ${value})`);
}

export function generateSample(options: GenerateOptions): GenerateSummary {
  checkInt('--villages', options.villages, 1, 1_400_000);
  checkInt('--months', options.months, 1, 240);
  checkInt('--seed', options.seed, -2147483648, 4294967295);
  const townships = options.townships ?? defaultTownships(options.villages);
  checkInt('--townships', townships, 1, 7000);
  const regions = buildRegions(options.seed >>> 0, options.villages, townships);
  const out = resolve(options.out);

  // Remove only what this run is about to write; anything else in `out` is left alone.
  mkdirSync(out, { recursive: true });
  for (const entry of OUTPUT_ENTRIES) rmSync(join(out, entry), { recursive: true, force: true });

  const ctx: Context = {
    seed: options.seed >>> 0,
    clean: options.cleanOnly,
    out,
    regions,
    months: monthsEnding(LAST_MONTH, options.months),
    stats: newStats(),
  };
  writeSite(ctx);
  writeRegions(ctx, regions);
  writeDibao(ctx);
  writeTekun(ctx);
  writePension(ctx);
  writeProjects(ctx);
  writeFinance(ctx);
  writeWorks(ctx);
  writePartyDues(ctx);
  return {
    ...ctx.stats,
    out,
    villages: regions.villages.length,
    townships: regions.townships.length,
    counties: regions.counties.length,
    months: ctx.months.length,
    seed: options.seed,
    cleanOnly: options.cleanOnly,
  };
}

export function describeMonths(months: number): string {
  const list = monthsEnding(LAST_MONTH, months);
  return `${monthKey(list[0] ?? LAST_MONTH)}…${monthKey(LAST_MONTH)}`;
}
