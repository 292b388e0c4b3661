// Two builds of the same data with the same --as-of give byte-identical sites, wherever they are
// built: a mirror can check what it serves, and a diff between two releases shows only real changes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSite, listFiles, makeTempDir, PROJECT_ROOT, runBuild, SAMPLE_DATA, sampleSite, treeDigest, type BuiltSite } from '../helpers/site.ts';

let first: BuiltSite;
let second: BuiltSite;
beforeAll(async () => {
  // The shared build of the sample and a second, independent build into another folder. The second
  // shares its place pages between two renderers, as a large build does (scripts/build.ts), and
  // redoes the data stage (a cached one starts no second renderer).
  [first, second] = await Promise.all([sampleSite(), buildSite(SAMPLE_DATA, { env: { SUNLIGHT_PAGE_RENDERERS: '2', SUNLIGHT_SECOND_RENDERER_MIN_PLACES: '0' }, extra: ['--no-cache'] })]);
});
afterAll(() => second?.cleanup());

it('two builds of data/ with the same --as-of are byte-identical (sorted list of path + sha256)', () => {
  expect(first.dir).not.toBe(second.dir);
  const a = treeDigest(first.dir);
  const b = treeDigest(second.dir);
  expect(a.length).toBeGreaterThan(100);
  const onlyA = a.filter((x) => !b.includes(x));
  const onlyB = b.filter((x) => !a.includes(x));
  expect({ onlyInFirst: onlyA, onlyInSecond: onlyB }).toEqual({ onlyInFirst: [], onlyInSecond: [] });
  // A successful build leaves nothing else next to the output: just the site and the check report.
  expect(readdirSync(second.root).sort()).toEqual(['reports', 'site']);
  console.log(`sample build: ${(first.run.ms / 1000).toFixed(1)} s and ${(second.run.ms / 1000).toFixed(1)} s (${a.length} entries)`);
});

it('a build whose place pages two renderers shared is the same bytes as one renderer\'s', () => {
  const shared = Number(/第二个渲染进程生成了 (\d+) 个地区的页面/.exec(second.run.stdout)?.[1]);
  // The sample has 19 places: the build reserves a quarter of those left for the second renderer.
  expect(shared).toBeGreaterThanOrEqual(4);
  expect(first.run.stdout).not.toMatch(/第二个渲染进程/);
  expect(treeDigest(second.dir)).toEqual(treeDigest(first.dir));
});

it('the output does not mention where it was built (no temp folder or project path in any file)', () => {
  const leaks: string[] = [];
  for (const f of listFiles(second.dir)) {
    const text = readFileSync(join(second.dir, f), 'utf8');
    for (const p of [second.root, PROJECT_ROOT, tmpdir() + '/']) if (text.includes(p)) leaks.push(`${f}: ${p}`);
  }
  expect(leaks).toEqual([]);
});

it('a copy of data/ written in another order with other timestamps gives the same bytes, with and without the cache', async () => {
  const root = makeTempDir('sunlight-repro-');
  try {
    // Files created in reverse order (so the folder lists them differently) with scattered mtimes.
    const copy = join(root, 'data');
    listFiles(SAMPLE_DATA).reverse().forEach((f, i) => {
      mkdirSync(dirname(join(copy, f)), { recursive: true });
      copyFileSync(join(SAMPLE_DATA, f), join(copy, f));
      const t = new Date(Date.UTC(2001, 0, 1) + i * 7_777_777);
      utimesSync(join(copy, f), t, t);
    });
    const cache = join(root, 'cache');
    const fresh = await runBuild({ data: copy, out: join(root, 'fresh', 'site'), extra: ['--cache-dir', cache] });
    expect(fresh.code, fresh.stdout + fresh.stderr).toBe(0);
    expect(fresh.stdout).not.toMatch(/使用缓存/);
    expect(treeDigest(join(root, 'fresh', 'site'))).toEqual(treeDigest(first.dir));
    // The original folder has the same contents: a cache hit, and still the same bytes.
    const hit = await runBuild({ data: SAMPLE_DATA, out: join(root, 'hit', 'site'), extra: ['--cache-dir', cache] });
    expect(hit.code, hit.stdout + hit.stderr).toBe(0);
    expect(hit.stdout).toMatch(/使用缓存/);
    expect(treeDigest(join(root, 'hit', 'site'))).toEqual(treeDigest(first.dir));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}, 300_000);
