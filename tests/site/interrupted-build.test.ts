// A build killed at any moment (SIGKILL: no handler of its own runs) leaves the published site
// exactly as it was, leaves no page renderer running, and the next build succeeds and leaves no
// temporary folder behind. A kill between the two renames of the swap leaves no output folder at
// all: the next build puts the previous site back first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, PROJECT_ROOT, runBuild, SAMPLE_DATA, sampleSite, treeDigest, type BuildRun } from '../helpers/site.ts';

let root: string;
let out: string;
let cacheDir: string;
let before: string[];
const killedPids: number[] = [];

beforeAll(async () => {
  root = makeTempDir('sunlight-kill-');
  out = join(root, 'site');
  cacheDir = join(root, 'cache');
  cpSync((await sampleSite()).dir, out, { recursive: true, preserveTimestamps: true });
  before = treeDigest(out);
  expect(before.length).toBeGreaterThan(100);
});
afterAll(() => { if (root) rmSync(root, { recursive: true, force: true }); });

/** What a build leaves next to the output: site.tmp-*, site.old-*, site.model-*, site.trash-*. */
const debris = () => readdirSync(root).filter((n) => n.startsWith('site.'));

/**
 * What is left after a while: a replaced site and the leftovers of killed builds are deleted by a
 * process of their own that the build does not wait for (node-background-delete.ts).
 */
async function debrisSoon(list: () => string[] = debris, ms = 60_000): Promise<string[]> {
  for (const t0 = Date.now(); Date.now() - t0 < ms; await new Promise((r) => setTimeout(r, 200))) if (!list().length) return [];
  return list();
}

function childrenOf(pid: number): number[] {
  try { return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number); } catch { return []; }
}

function running(pid: number): boolean {
  try { return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8')); } catch { return false; }
}

async function gone(pid: number, ms: number): Promise<boolean> {
  for (const t0 = Date.now(); Date.now() - t0 < ms; await new Promise((r) => setTimeout(r, 100))) if (!running(pid)) return true;
  return !running(pid);
}

/** Runs a build and SIGKILLs it when its stdout matches `at`, or after `at` ms. */
async function killedBuild(at: RegExp | number): Promise<{ run: BuildRun; renderers: number[] }> {
  let renderers: number[] = [];
  const run = await runBuild({
    data: SAMPLE_DATA, out, extra: ['--cache-dir', cacheDir],
    onSpawn: (child) => {
      let done = false;
      const kill = () => {
        if (done) return;
        done = true;
        renderers = childrenOf(child.pid!);
        killedPids.push(child.pid!);
        child.kill('SIGKILL');
      };
      if (typeof at === 'number') setTimeout(kill, at);
      else {
        let seen = '';
        child.stdout.on('data', (s: string) => { seen += s; if (at.test(seen)) kill(); });
      }
    },
  });
  return { run, renderers };
}

/** The pid of a process that has exited (what a killed build's folders are named after). */
function deadPid(): number {
  const r = spawnSync('true');
  return r.pid!;
}

describe('a build killed mid-way', () => {
  // [label, when, whether the page renderer is running by then]
  const points: [string, RegExp | number, boolean][] = [
    ['during the check', /检查数据/, false],
    ['while the model is written', /生成页面数据/, false],
    ['while the downloads are packaged (the renderer already waiting)', /打包下载文件/, true],
    // By the time the build awaits the pages, a small site's renderer may already be done (it
    // renders while the downloads are packaged, which the point above kills in): running or not.
    ['when the build awaits the pages', /生成网页/, false],
    ['after 1.5 s', 1500, false],
    ['after 6 s', 6000, false],
  ];
  for (const [label, at, rendering] of points) {
    it(`${label}: the previous site is byte-identical and the page renderer does not outlive the build`, async () => {
      const { run, renderers } = await killedBuild(at);
      if (run.signal !== 'SIGKILL') {
        // Finished before the kill (a fast machine): it must then have published the same site.
        expect(run.code, run.stdout + run.stderr).toBe(0);
      }
      expect(treeDigest(out)).toEqual(before);
      if (rendering && run.signal === 'SIGKILL') expect(renderers.length).toBeGreaterThan(0);
      for (const pid of renderers) expect(await gone(pid, 10_000), `renderer ${pid} still running`).toBe(true);
    }, 180_000);
  }

  it('the next build succeeds, publishes the same bytes, and leaves no debris from the killed ones', async () => {
    expect(killedPids.length).toBeGreaterThan(0);
    const run = await runBuild({ data: SAMPLE_DATA, out, extra: ['--cache-dir', cacheDir] });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(treeDigest(out)).toEqual(before);
    expect(await debrisSoon()).toEqual([]);
    const staging = readdirSync(join(PROJECT_ROOT, '.sunlight-cache')).filter((n) => killedPids.some((p) => n.startsWith(`astro-${p}`) || n.startsWith(`astro-cache-${p}`)));
    expect(staging).toEqual([]);
    expect(await debrisSoon(() => readdirSync(join(cacheDir, 'data')).filter((n) => n.includes('.tmp-') || n.includes('.old-')))).toEqual([]);
  }, 180_000);

  it('a build restoring from the cache, killed, then built again: same bytes, no debris', async () => {
    const { run } = await killedBuild(/数据未变|生成网页/);
    expect(treeDigest(out)).toEqual(before);
    if (run.signal === 'SIGKILL') {
      const again = await runBuild({ data: SAMPLE_DATA, out, extra: ['--cache-dir', cacheDir] });
      expect(again.code, again.stdout + again.stderr).toBe(0);
    }
    expect(treeDigest(out)).toEqual(before);
    expect(await debrisSoon()).toEqual([]);
  }, 180_000);
});

describe('a build killed during the swap', () => {
  /** The state a kill between `out → out.old-<pid>` and `new → out` leaves. */
  function killBetweenRenames(): string {
    const aside = join(root, `site.old-${deadPid()}`);
    renameSync(out, aside);
    return aside;
  }

  it('between the two renames, then a build that fails the check: the previous site is back, unchanged', async () => {
    const bad = join(root, 'bad-data');
    cpSync(SAMPLE_DATA, bad, { recursive: true });
    writeFileSync(join(bad, 'dibao', '2026-11.csv'), '乡镇,村,户主姓名,保障人数,月保障金额（元）,保障类别,发放年月\n城关镇,王家村,测试户,两人,560,A类,2026-11\n');
    killBetweenRenames();
    expect(existsSync(out)).toBe(false);
    const run = await runBuild({ data: bad, out, extra: ['--cache-dir', cacheDir] });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/已恢复原网站/);
    expect(treeDigest(out)).toEqual(before);
    expect(await debrisSoon()).toEqual([]);
  }, 180_000);

  it('between the two renames, or while deleting the old site, then a good build: published, nothing left over', async () => {
    killBetweenRenames();
    // What other killed builds leave: a half-deleted old site, a staging folder, a model folder.
    for (const name of [`site.trash-${deadPid()}`, `site.tmp-${deadPid()}`, `site.model-${deadPid()}`]) {
      mkdirSync(join(root, name, 'place'), { recursive: true });
      writeFileSync(join(root, name, 'place', 'index.html'), 'partial');
    }
    const run = await runBuild({ data: SAMPLE_DATA, out, extra: ['--cache-dir', cacheDir] });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/已恢复原网站/);
    expect(treeDigest(out)).toEqual(before);
    expect(await debrisSoon()).toEqual([]);
  }, 180_000);
});

describe('the page renderer of a killed build', () => {
  it('exits on its own, even while busy (it is started with scripts/lib/exit-with-parent.mjs preloaded)', async () => {
    // A stand-in build starts a renderer that then keeps its main thread busy for a minute, and is SIGKILLed.
    const watchdog = join(PROJECT_ROOT, 'scripts', 'lib', 'exit-with-parent.mjs');
    const parentCode = `
      const { spawn } = require('node:child_process');
      const c = spawn(process.execPath, ['--import', ${JSON.stringify('file://' + watchdog)}, '-e', 'setTimeout(() => { for (const t = Date.now(); Date.now() - t < 60000;); }, 300)'],
        { stdio: 'ignore', env: { ...process.env, SUNLIGHT_PARENT_PID: String(process.pid) } });
      console.log(c.pid);
      setInterval(() => {}, 1000);`;
    const { spawn } = await import('node:child_process');
    const parent = spawn(process.execPath, ['-e', parentCode], { stdio: ['ignore', 'pipe', 'inherit'] });
    const rendererPid = await new Promise<number>((ok) => parent.stdout.once('data', (d: Buffer) => ok(Number(String(d).trim()))));
    await new Promise((r) => setTimeout(r, 800));
    expect(running(rendererPid)).toBe(true);
    parent.kill('SIGKILL');
    expect(await gone(rendererPid, 5_000)).toBe(true);
  });
});
