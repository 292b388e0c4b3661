import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/lib/check.ts';
import { cacheRemovalsSettled, dataStageCache } from '../../src/lib/node-data-cache.ts';

const KEYS = ['a', 'b', 'c', 'd'].map((c) => c.repeat(64));
const report = { ok: true, files: [], summary: { errors: 0, warnings: 0 } } as unknown as CheckReport;

let root: string;
beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'sunlight-data-cache-')); });
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A build's model, downloads and site folders with a few files, as the data stage leaves them. */
function stageOutput(name: string): { modelDir: string; downloadsDir: string; siteDir: string } {
  const dirs = { modelDir: join(root, name, 'model'), downloadsDir: join(root, name, 'data'), siteDir: join(root, name, 'root') };
  for (const d of Object.values(dirs)) mkdirSync(join(d, 'places'), { recursive: true });
  writeFileSync(join(dirs.modelDir, 'site.json'), JSON.stringify({ places: [] }));
  for (let i = 0; i < 50; i++) writeFileSync(join(dirs.downloadsDir, 'places', `${i}.csv`), `row ${i}\n`);
  writeFileSync(join(dirs.siteDir, 'feed.xml'), '<feed/>');
  return dirs;
}

describe('data-stage cache: replaced and pruned entries', () => {
  it('are gone from the cache as soon as store() returns, and deleted from disk by the time the removals settle', async () => {
    const dir = join(root, 'cache');
    // Three builds with different inputs: entries a, b, c, each used a second later than the one before.
    for (const [i, key] of KEYS.slice(0, 3).entries()) {
      const cache = dataStageCache({ dir, key, ...stageOutput(`build-${i}`), read: true, keep: 2 });
      cache.store(report);
      utimesSync(join(dir, key), new Date(1e12 + i * 1000), new Date(1e12 + i * 1000));
    }
    await cacheRemovalsSettled();
    expect(readdirSync(dir).sort()).toEqual([KEYS[1], KEYS[2]]);

    // The fourth prunes b: it is renamed aside at once (no reader can find it half deleted) …
    const cache = dataStageCache({ dir, key: KEYS[3]!, ...stageOutput('build-3'), read: true, keep: 2 });
    cache.store(report);
    const now = readdirSync(dir);
    expect(now).not.toContain(KEYS[1]);
    expect(now).toEqual(expect.arrayContaining([KEYS[2], KEYS[3]]));
    // … and deleted by the time the build ends, leaving nothing aside.
    await cacheRemovalsSettled();
    expect(readdirSync(dir).sort()).toEqual([KEYS[2], KEYS[3]]);
  });

  it('an entry stored again under the same key replaces the old one, which is deleted', async () => {
    const dir = join(root, 'cache');
    dataStageCache({ dir, key: KEYS[0]!, ...stageOutput('first'), read: true }).store(report);
    const again = stageOutput('second');
    writeFileSync(join(again.modelDir, 'site.json'), JSON.stringify({ places: [], second: true }));
    dataStageCache({ dir, key: KEYS[0]!, ...again, read: true }).store(report);
    await cacheRemovalsSettled();
    expect(readdirSync(dir)).toEqual([KEYS[0]]);
    const restored = stageOutput('third');
    rmSync(restored.modelDir, { recursive: true });
    rmSync(restored.downloadsDir, { recursive: true });
    rmSync(restored.siteDir, { recursive: true });
    const hit = dataStageCache({ dir, key: KEYS[0]!, ...restored, read: true }).restore();
    expect(hit?.model).toMatchObject({ second: true });
  });

  it('removes what a killed build set aside (its process is gone)', async () => {
    const dir = join(root, 'cache');
    const deadPid = 2 ** 22 + 12345; // above pid_max on Linux: never a live process
    mkdirSync(join(dir, `${KEYS[0]}.old-${deadPid}-0`, 'model'), { recursive: true });
    mkdirSync(join(dir, `${KEYS[1]}.tmp-${deadPid}`), { recursive: true });
    dataStageCache({ dir, key: KEYS[2]!, ...stageOutput('build'), read: true }).store(report);
    await cacheRemovalsSettled();
    expect(readdirSync(dir)).toEqual([KEYS[2]]);
  });
});
