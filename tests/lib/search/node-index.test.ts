import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pagefindIndexer } from '../../../src/lib/search/node-index.ts';
import type { NameBucket, NameIndex } from '../../../src/lib/search/name-index.ts';
import type { SearchRecord } from '../../../src/lib/search/records.ts';

const record = (url: string, content: string): SearchRecord => ({
  url, content, language: 'zh-cn', meta: { title: url, where: '', level: 'village', kind: '村' },
});

/** Every file under dir with its bytes, by relative path. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    out.set(relative(dir, p), readFileSync(p).toString('base64'));
  }
  return out;
}

/** The site's records plus people's names in three counties, in the order the build gives them. */
async function build(dir: string, groups = ['c1', 'c1', 'c2', 'c3', 'c3']): Promise<{ records: number }> {
  const ix = pagefindIndexer(dir);
  try {
    ix.add(record('place/c1/', '一号县'));
    groups.forEach((g, i) => {
      ix.add(record(`place/v${i}/`, `村${i} 王家村`));
      ix.addNames({ url: `place/v${i}/`, title: `村${i}`, where: '一号县', level: 'village', kind: '村', names: [`张${i}华`, `李${i}明`] }, g);
    });
    ix.done();
    return await ix.written;
  } finally {
    ix.close();
  }
}

describe('pagefindIndexer', () => {
  let root: string;
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'sl-index-')); });
  afterEach(() => { rmSync(root, { recursive: true, force: true }); });

  it("writes the site's index and one name index per group, with that group's places and names", async () => {
    const dir = join(root, 'pagefind');
    const stats = await build(dir);
    expect(stats.records).toBe(11);
    expect(statSync(join(dir, 'pagefind.js')).isFile()).toBe(true);
    expect(readdirSync(join(dir, 'names')).sort()).toEqual(['c1', 'c2', 'c3']);
    const read = <T>(...p: string[]) => JSON.parse(readFileSync(join(dir, 'names', ...p), 'utf8')) as T;
    const c3 = read<NameIndex>('c3', 'index.json');
    expect(c3.places.map((p) => p[0])).toEqual(['place/v3/', 'place/v4/']);
    const names = c3.buckets.flatMap((_, b) => read<NameBucket>('c3', `b${b}.json`));
    expect(names.map(([n, ...places]) => [n, places])).toEqual([['张3华', [0]], ['张4华', [1]], ['李3明', [0]], ['李4明', [1]]]);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('writes the same bytes every time', async () => {
    await build(join(root, 'a'));
    await build(join(root, 'b'));
    const a = tree(join(root, 'a'));
    expect(a.size).toBeGreaterThan(10);
    expect(tree(join(root, 'b'))).toEqual(a);
  }, 120_000);

  it("fails with a message when a group's records are not contiguous", async () => {
    await expect(build(join(root, 'x'), ['c1', 'c2', 'c1'])).rejects.toThrow(/name index c1: its places are not contiguous/);
  }, 60_000);
});
