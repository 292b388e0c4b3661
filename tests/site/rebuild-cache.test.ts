// Rebuilds with unchanged inputs take the data stage from the cache and unchanged place pages from
// the previous output, and still publish exactly the bytes a build from scratch publishes. A change
// to a data file or an option misses the cache; a damaged cache entry is not used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, makeTempDir, runBuild, SAMPLE_DATA, treeDigest, type BuildRun } from '../helpers/site.ts';

let root: string;
let data: string;
let cache: string;
let first: string[];

const HIT = /数据未变，使用缓存/;
const DOUBTFUL = /缓存不可用/;
const reusedCount = (run: BuildRun) => Number(/复用 (\d+) 个未变的地区页面/.exec(run.stdout)?.[1] ?? 0);
/** Place pages in every language, and villages' print views: what the build may reuse. */
const placePages = (dir: string) => listFiles(dir).filter((f) => /(^|\/)place\/[^/]+\/(print\/)?index\.html$/.test(f));

async function build(name: string, opts: { data?: string; asOf?: string; extra?: string[] } = {}): Promise<BuildRun> {
  const run = await runBuild({ data: opts.data ?? data, out: join(root, name, 'site'), asOf: opts.asOf, extra: ['--cache-dir', cache, ...(opts.extra ?? [])] });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return run;
}
const site = (name: string) => join(root, name, 'site');
const entries = () => readdirSync(join(cache, 'data')).filter((n) => /^[0-9a-f]{64}$/.test(n));

beforeAll(async () => {
  root = makeTempDir('sunlight-cache-');
  data = join(root, 'data');
  cache = join(root, 'cache');
  cpSync(SAMPLE_DATA, data, { recursive: true });
  const run = await build('a');
  expect(run.stdout).not.toMatch(HIT);
  expect(reusedCount(run)).toBe(0);
  first = treeDigest(site('a'));
});
afterAll(() => { if (root) rmSync(root, { recursive: true, force: true }); });

describe('unchanged inputs', () => {
  it('a second build restores the data stage from the cache: same bytes, and the check report is still written', async () => {
    const run = await build('b');
    expect(run.stdout).toMatch(HIT);
    expect(treeDigest(site('b'))).toEqual(first);
    // The office still gets its report (and its summary on screen) from a cached build.
    expect(readFileSync(join(root, 'b', 'reports', 'check-report.json'))).toEqual(readFileSync(join(root, 'a', 'reports', 'check-report.json')));
    expect(readFileSync(join(root, 'b', 'reports', 'check-report.html'))).toEqual(readFileSync(join(root, 'a', 'reports', 'check-report.html')));
    expect(run.stdout).toMatch(/检查了 \d+ 个文件/);
  }, 300_000);

  it('rebuilding into the same folder reuses every place page, and the site is byte-identical', async () => {
    const run = await build('a');
    expect(run.stdout).toMatch(HIT);
    expect(reusedCount(run)).toBe(placePages(site('a')).length);
    expect(treeDigest(site('a'))).toEqual(first);
  }, 300_000);

  it('--no-cache builds everything again (and publishes the same bytes)', async () => {
    const run = await build('a', { extra: ['--no-cache'] });
    expect(run.stdout).not.toMatch(HIT);
    expect(reusedCount(run)).toBe(0);
    expect(treeDigest(site('a'))).toEqual(first);
  }, 300_000);
});

describe('unchanged inputs, republished with --previous', () => {
  it('the data stage still comes from the cache; the comparison is redone and the site equals a clean build with the same --previous', async () => {
    // The previous release had 李文 at 1160; this one corrects nothing, so the old release differs from
    // the data by one amount: an earlier release built from data edited back the other way.
    const oldData = join(root, 'old-data');
    cpSync(data, oldData, { recursive: true });
    const file = join(oldData, 'dibao', '2026-10.csv');
    const text = readFileSync(file, 'utf8');
    const edited = text.replace(/(柳河乡,杨柳村,李文,[^,]*,[^,]*,\d+,)1160,/, '$11100,').replace(',合计,,,,,1318,695175,', ',合计,,,,,1318,695115,');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    await build('old', { data: oldData, asOf: '2026-10-22' });

    const run = await build('p', { extra: ['--previous', site('old')] });
    expect(run.stdout).toMatch(HIT);
    const changes = JSON.parse(readFileSync(join(site('p'), 'data', 'changes.json'), 'utf8')) as { previous: unknown; datasets: { id: string; changed: { changes: unknown[] }[] }[] };
    expect(changes.previous).toEqual({ asOf: '2026-10-22' });
    expect(changes.datasets.find((d) => d.id === 'dibao')!.changed[0]!.changes).toEqual([{ column: '月保障金额（元）', old: '1100', new: '1160' }]);

    const clean = await runBuild({ data, out: site('p-clean'), extra: ['--no-cache', '--previous', site('old')] });
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(treeDigest(site('p'))).toEqual(treeDigest(site('p-clean')));
    // And the cache entry was not changed by the comparison: a build without --previous is still `first`.
    const again = await build('b');
    expect(again.stdout).toMatch(HIT);
    expect(treeDigest(site('b'))).toEqual(first);
  }, 300_000);
});

describe('changed inputs', () => {
  it('another --as-of misses the cache (and the manifest says so)', async () => {
    const run = await build('c', { asOf: '2026-11-23' });
    expect(run.stdout).not.toMatch(HIT);
    expect(JSON.parse(readFileSync(join(site('c'), 'data', 'manifest.json'), 'utf8')).asOf).toBe('2026-11-23');
    expect(entries().length).toBeLessThanOrEqual(2); // the cache keeps the last two keys
  }, 300_000);

  it('one village corrected: the data stage runs again, only the pages it touches render again, and the result equals a clean build', async () => {
    const before = new Map(treeDigest(site('a')).map((l) => l.split('  ') as [string, string]));
    // 杨柳村's 李文 gets 1200 instead of 1160 a month; the total row follows.
    const file = join(data, 'dibao', '2026-10.csv');
    const text = readFileSync(file, 'utf8');
    const changed = text.replace(/(柳河乡,杨柳村,李文,[^,]*,[^,]*,\d+,)1160,/, '$11200,').replace(',合计,,,,,1318,695175,', ',合计,,,,,1318,695215,');
    expect(changed).not.toBe(text);
    writeFileSync(file, changed);

    const run = await build('a');
    expect(run.stdout).not.toMatch(HIT);
    const total = placePages(site('a')).length;
    const reused = reusedCount(run);
    expect(reused).toBeGreaterThan(0);
    expect(reused).toBeLessThan(total);

    const clean = await runBuild({ data, out: site('clean'), extra: ['--no-cache'] });
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(treeDigest(site('a'))).toEqual(treeDigest(site('clean')));
    // The corrected village's page did change (it was rendered again, not reused).
    const village = placePages(site('a')).find((f) => readFileSync(join(site('a'), f), 'utf8').includes('<h1>杨柳村</h1>'))!;
    expect(village).toBeDefined();
    expect(treeDigest(site('a')).find((l) => l.startsWith(`${village}  `))).not.toBe(`${village}  ${before.get(village)}`);
  }, 300_000);
});

describe('a damaged cache entry is not used', () => {
  it('a cached file changed (e.g. edited through the published folder, which shares it): full build, same bytes', async () => {
    await build('d'); // the current data, cached
    const reference = treeDigest(site('d'));
    for (const e of entries()) appendFileSync(join(cache, 'data', e, 'downloads', 'dibao.csv'), '\n1,2,3\n');
    rmSync(site('d'), { recursive: true });
    const run = await build('d');
    expect(run.stdout).toMatch(DOUBTFUL);
    expect(run.stdout).not.toMatch(HIT);
    expect(treeDigest(site('d'))).toEqual(reference);
  }, 300_000);

  it('an entry with a file missing (partial): full build, same bytes', async () => {
    const reference = treeDigest(site('d'));
    for (const e of entries()) unlinkSync(join(cache, 'data', e, 'model', 'site.json'));
    rmSync(site('d'), { recursive: true });
    const run = await build('d');
    expect(run.stdout).toMatch(DOUBTFUL);
    expect(treeDigest(site('d'))).toEqual(reference);
    // The damaged entry was replaced by a good one: the next build hits again.
    rmSync(site('d'), { recursive: true });
    expect((await build('d')).stdout).toMatch(HIT);
    expect(treeDigest(site('d'))).toEqual(reference);
  }, 300_000);
});
