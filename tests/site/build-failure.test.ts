// A build that finds errors publishes nothing: exit 1, the site already online stays exactly as it
// was (every byte, every timestamp), and no temporary folder is left behind. A build that cannot run
// at all exits 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { listFiles, makeTempDir, runBuild, SAMPLE_DATA, sampleSite, treeDigest } from '../helpers/site.ts';

let root: string;
let out: string;
let before: string[];
let mtimes: string[];
const BAD_HEADER = '乡镇,村,户主姓名,保障人数,月保障金额（元）,保障类别,发放年月';

/** A copy of the sample data with one more 低保 file holding the given data row. */
function badData(name: string, row: string): string {
  const dir = join(root, name);
  cpSync(SAMPLE_DATA, dir, { recursive: true });
  writeFileSync(join(dir, 'dibao', '2026-11.csv'), `${BAD_HEADER}\n${row}\n`);
  return dir;
}

const stamp = (dir: string) => listFiles(dir).map((f) => `${f} ${statSync(join(dir, f)).mtimeMs}`);
/** Anything next to the output that the build made: <out>.tmp-*, <out>.old-*, <out>.model-*. */
const debris = () => readdirSync(dirname(out)).filter((n) => n.startsWith(basename(out) + '.'));

beforeAll(async () => {
  root = makeTempDir('sunlight-fail-');
  out = join(root, 'site');
  // The site that is online: a real build of the sample (copied from the shared build).
  cpSync((await sampleSite()).dir, out, { recursive: true, preserveTimestamps: true });
  before = treeDigest(out);
  mtimes = stamp(out);
  expect(before.length).toBeGreaterThan(100);
});
afterAll(() => { if (root) rmSync(root, { recursive: true, force: true }); });

function expectUntouched(): void {
  expect(treeDigest(out)).toEqual(before);
  expect(stamp(out)).toEqual(mtimes);
  expect(debris()).toEqual([]);
}

describe('a build with check errors', () => {
  it('a non-numeric 保障人数: exits 1, says nothing was published, the previous site is byte-identical', async () => {
    const run = await runBuild({ data: badData('bad-number', '城关镇,王家村,测试户,两人,560,A类,2026-11'), out });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/错误 \[type-error\] dibao\/2026-11\.csv .*「保障人数」.*两人/);
    expect(run.stdout).toMatch(/：1 个错误/);
    expect(run.stderr).toMatch(/未发布/);
    expect(run.stderr).toMatch(/原有网站保持不变/);
    expectUntouched();
  });

  it('an unknown village: exits 1 and the previous site is byte-identical', async () => {
    const run = await runBuild({ data: badData('bad-village', '城关镇,不存在村,测试户,2,560,A类,2026-11'), out });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/错误 \[unknown-region\] dibao\/2026-11\.csv .*不存在村/);
    expectUntouched();
  });

  it('with no previous site: exits 1 and creates no output folder at all', async () => {
    const fresh = join(root, 'never');
    const run = await runBuild({ data: join(root, 'bad-number'), out: fresh });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/没有生成网站/);
    expect(existsSync(fresh)).toBe(false);
    expect(readdirSync(root).filter((n) => n.startsWith('never'))).toEqual([]);
  });
});

describe('a build that cannot run', () => {
  it('--data /nonexistent exits 2 and leaves the previous site alone', async () => {
    const run = await runBuild({ data: '/nonexistent', out });
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toMatch(/找不到数据文件夹/);
    expectUntouched();
  });

  it('running out of heap: stops with exit 2 and what to do, publishes nothing, leaves the previous site alone', async () => {
    // The guard's threshold lowered so the sample county reaches it at its first full collection
    // (scripts/lib/heap-guard.ts); --no-cache, so the data stage runs and allocates.
    const run = await runBuild({ data: SAMPLE_DATA, out, extra: ['--no-cache'], env: { SUNLIGHT_HEAP_GUARD_RATIO: '0.000001' } });
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toMatch(/内存不足.*原有网站保持不变/);
    expect(run.stderr).toMatch(/node --expose-gc --max-old-space-size=\d{4,} scripts\/build\.ts/);
    expect(run.stderr).not.toMatch(/FATAL ERROR|\n\s+at /); // no V8 abort, no stack trace
    expectUntouched();
  });

  it('a malformed --as-of exits 2 and leaves the previous site alone', async () => {
    const run = await runBuild({ data: SAMPLE_DATA, out, asOf: '2026-13-45' });
    expect(run.code).toBe(2);
    expectUntouched();
  });
});
