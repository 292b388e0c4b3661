import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, lookUpName, nameIndexFiles, type NameBucket, type NameIndex, type NamesRecord } from '../../../src/lib/search/name-index.ts';

const place = (i: number, names: string[], where = '示例县 · 城关镇'): NamesRecord => ({ url: `place/v${i}/`, title: `村${i}`, where, level: 'village', kind: '村', names });

/** The index and its buckets, parsed back from the files. */
function parsed(records: NamesRecord[], perBucket?: number): { index: NameIndex; buckets: NameBucket[]; paths: string[] } {
  const files = nameIndexFiles(records, perBucket);
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  const index = JSON.parse(byPath.get('index.json')!) as NameIndex;
  return { index, buckets: index.buckets.map((_, b) => JSON.parse(byPath.get(`b${b}.json`)!) as NameBucket), paths: files.map((f) => f.path) };
}

/** What the search page does: the query's bucket, then the names that start with it. */
function search(records: NamesRecord[], query: string, perBucket?: number): { url: string; names: string[] }[] {
  const { index, buckets } = parsed(records, perBucket);
  const b = bucketOf(index, query.trim());
  return b < 0 ? [] : lookUpName(buckets[b]!, query).map((m) => ({ url: index.places[m.place]![0], names: m.names }));
}

describe('nameIndexFiles', () => {
  it('lists each place once, with its where shared, and each name once with the places that list it', () => {
    const { index, buckets, paths } = parsed([place(1, ['王小明', '李红']), place(2, ['王小明', '张三'], '示例县 · 河西乡'), place(3, ['李红'])]);
    expect(paths).toEqual(['index.json', 'b0.json']);
    expect(index.where).toEqual(['示例县 · 城关镇', '示例县 · 河西乡']);
    expect(index.places).toEqual([['place/v1/', '村1', 0, 'village', '村'], ['place/v2/', '村2', 1, 'village', '村'], ['place/v3/', '村3', 0, 'village', '村']]);
    // Sorted by the first character's code point: 张 U+5F20, 李 U+674E, 王 U+738B.
    expect(buckets).toEqual([[['张三', 1], ['李红', 0, 2], ['王小明', 0, 1]]]);
  });

  it('cuts buckets between first characters only, and says where each starts', () => {
    const names = [...'王李张刘陈'].flatMap((s) => Array.from({ length: 3 }, (_, k) => `${s}${'一二三'[k]}`));
    const { index, buckets } = parsed([place(1, names)], 4);
    // Each surname's three names stay together; a bucket closes once it holds 4 or more.
    expect(buckets.map((b) => b.map(([n]) => n[0]).join(''))).toEqual(['刘刘刘张张张', '李李李王王王', '陈陈陈']);
    expect(index.buckets).toEqual([0, '李'.codePointAt(0), '陈'.codePointAt(0)]);
    expect(bucketOf(index, '刘一')).toBe(0);
    expect(bucketOf(index, 'A')).toBe(0); // below every name: the first bucket, which has no match
    expect(bucketOf(index, '王')).toBe(1);
    expect(bucketOf(index, '陈三')).toBe(2);
    expect(bucketOf(index, '𠀀')).toBe(2);
  });

  it('collapses whitespace in names, leaves out empty ones, and writes nothing but the index for a county without names', () => {
    expect(parsed([place(1, [' 阿依古丽  买买提 ', '  '])]).buckets).toEqual([[['阿依古丽 买买提', 0]]]);
    const empty = parsed([place(1, [])]);
    expect(empty.paths).toEqual(['index.json']);
    expect(empty.index.buckets).toEqual([]);
    expect(bucketOf(empty.index, '王')).toBe(-1);
  });

  it('gives the same bytes for the same records', () => {
    const records = [place(1, ['王小明', '李红']), place(2, ['𠀀强', '王小'])];
    expect(nameIndexFiles(records, 1)).toEqual(nameIndexFiles(structuredClone(records), 1));
  });
});

describe('looking a name up', () => {
  const county = [place(1, ['王小明', '王小红']), place(2, ['张王小']), place(3, ['王小']), place(4, ['王大明', '王小明'])];

  it('finds places listing the whole name first, then those with longer names that start with it', () => {
    expect(search(county, '王小')).toEqual([
      { url: 'place/v3/', names: ['王小'] },
      { url: 'place/v1/', names: ['王小明', '王小红'] },
      { url: 'place/v4/', names: ['王小明'] },
    ]);
    expect(search(county, '王小明').map((r) => r.url)).toEqual(['place/v1/', 'place/v4/']);
  });

  it('does not match characters from the middle of a name, and trims the query', () => {
    expect(search(county, '小明')).toEqual([]);
    expect(search(county, '  王大明 ')).toEqual([{ url: 'place/v4/', names: ['王大明'] }]);
    expect(search(county, '   ')).toEqual([]);
  });

  it('finds exactly the places whose names start with the query, whatever the names and bucket size', () => {
    const chars = ['王', '李', '张', '小', '明', '·', '𠀀', 'a', ' '];
    const name = fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
    fc.assert(fc.property(
      fc.array(fc.array(name, { maxLength: 6 }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 5 }),
      name,
      (lists, perBucket, query) => {
        const records = lists.map((names, i) => place(i, names));
        const q = query.replace(/\s+/g, ' ').trim();
        const expected = records
          .map((r) => ({ url: r.url, names: [...new Set(r.names.map((n) => n.replace(/\s+/g, ' ').trim()))].filter((n) => q && n.startsWith(q)) }))
          .filter((r) => r.names.length);
        const got = search(records, query, perBucket);
        expect(got.map((r) => r.url).sort()).toEqual(expected.map((r) => r.url).sort());
        for (const r of got) expect(r.names.sort()).toEqual(expected.find((e) => e.url === r.url)!.names.sort());
        // Places with the whole name come first.
        const whole = got.map((r) => r.names.includes(q));
        expect(whole).toEqual([...whole].sort((a, b) => Number(b) - Number(a)));
      },
    ), { numRuns: 500 });
  });
});
