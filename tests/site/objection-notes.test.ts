// The 公示期 shown is the current list's: when this year's 公示 note cannot be read, the village
// page, its notice-board sheet and the dataset page show no window, never last year's as if it were
// current, and the check warns the office with the file and row of the unreadable line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, makeTempDir, SAMPLE_DATA, type BuiltSite } from '../helpers/site.ts';

let site: BuiltSite;
let village: string;
const text = (rel: string) => readFileSync(join(site.dir, rel), 'utf8').replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  const data = join(makeTempDir('sunlight-objection-'), 'data');
  cpSync(SAMPLE_DATA, data, { recursive: true });
  const file = join(data, 'projects', '2026.csv');
  writeFileSync(file, readFileSync(file, 'utf8').replace('公示时间：2026年3月2日起', '公示时间：2026年3月2日至'));
  site = await buildSite(data, { asOf: '2026-12-01' });
  const manifest = JSON.parse(readFileSync(join(site.dir, 'data', 'manifest.json'), 'utf8')) as { regions: { name: string; url: string }[] };
  village = manifest.regions.find((r) => r.name === '王家村')!.url;
}, 200_000);
afterAll(() => site?.cleanup());

describe('an unreadable 公示期 for this year\'s projects', () => {
  it('the village page, its print view and the dataset page show no window from 2025', () => {
    for (const page of [`${village}index.html`, `${village}print/index.html`, 'datasets/projects/index.html']) {
      expect(text(page), page).not.toMatch(/公示期：?\s*2025年3月2日/);
      expect(text(page), page).not.toContain('公示期已于 2025年');
    }
  });

  it('the check report names the file and row of the line it could not read', () => {
    const report = readFileSync(join(site.root, 'reports', 'check-report.json'), 'utf8');
    const files = (JSON.parse(report) as { files: { path: string; issues: { code: string; row?: number; message: string }[] }[] }).files;
    const issue = files.find((f) => f.path === 'projects/2026.csv')!.issues.find((i) => i.message.includes('读不出公示期'));
    // Row 27 as Excel numbers it (a cell above holds a line break, so it is the file's 28th line).
    expect(issue).toMatchObject({ code: 'type-error', row: 27 });
  });
});
