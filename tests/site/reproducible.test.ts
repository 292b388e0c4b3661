// Two builds of the same data with the same --as-of give byte-identical sites, wherever they are
// built: a mirror can check what it serves, and a diff between two releases shows only real changes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, listFiles, PROJECT_ROOT, SAMPLE_DATA, sampleSite, treeDigest, type BuiltSite } from '../helpers/site.ts';

let first: BuiltSite;
let second: BuiltSite;
beforeAll(async () => {
  // The shared build of the sample and a second, independent build into another folder.
  [first, second] = await Promise.all([sampleSite(), buildSite(SAMPLE_DATA)]);
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

it('the output does not mention where it was built (no temp folder or project path in any file)', () => {
  const leaks: string[] = [];
  for (const f of listFiles(second.dir)) {
    const text = readFileSync(join(second.dir, f), 'utf8');
    for (const p of [second.root, PROJECT_ROOT, tmpdir() + '/']) if (text.includes(p)) leaks.push(`${f}: ${p}`);
  }
  expect(leaks).toEqual([]);
});
