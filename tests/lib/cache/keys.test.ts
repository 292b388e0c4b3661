import { describe, expect, it } from 'vitest';
import { dataStageKey, placeInputs, placePageKeys, placePageSiteView, reusablePages, sha256Hex, type FileDigest } from '../../../src/lib/cache/keys.ts';

const f = (path: string, content: string): FileDigest => ({ path, sha256: sha256Hex(content) });
const inputs = [f('dibao/2026-10.csv', 'a'), f('regions.csv', 'r'), f('site.json', '{}')];
const base = { code: 'c1', asOf: '2026-11-22', base: '/', inputs };

describe('dataStageKey', () => {
  it('does not depend on the order files were listed in', () => {
    expect(dataStageKey({ ...base, inputs: [...inputs].reverse() })).toBe(dataStageKey(base));
  });

  it('changes with any file content, file name, added file, --as-of, --base or the code', () => {
    const k = dataStageKey(base);
    const variants = [
      { ...base, inputs: [f('dibao/2026-10.csv', 'b'), inputs[1]!, inputs[2]!] },
      { ...base, inputs: [f('dibao/2026-11.csv', 'a'), inputs[1]!, inputs[2]!] },
      { ...base, inputs: [...inputs, f('tekun/2026-10.csv', '')] },
      { ...base, asOf: '2026-11-23' },
      { ...base, base: '/gov/' },
      { ...base, code: 'c2' },
    ].map(dataStageKey);
    expect(new Set([k, ...variants]).size).toBe(variants.length + 1);
  });
});

describe('place page keys', () => {
  const ids = ['p1', 'p2'];
  const model = [f('site.json', 'S'), f('places/p1.json', '1'), f('places/p2.json', '2'), f('datasets/dibao.json', 'D'), f('changes/places/p1.json', 'c1')];
  const keysOf = (files: FileDigest[], extra: Partial<Parameters<typeof placePageKeys>[0]> = {}) =>
    placePageKeys({ code: 'c', base: '/', siteView: 'v', inputs: placeInputs(files, ids), langs: ['zh', 'en'], ...extra });

  it('a place owns every model file named <dir>/<id>.json; dataset pages are not its input; anything else is shared', () => {
    const { own, shared } = placeInputs([...model, f('changes.json', 'x')], ids);
    expect(own.get('p1')!.map((x) => x.path)).toEqual(['places/p1.json', 'changes/places/p1.json']);
    expect(own.get('p2')!.map((x) => x.path)).toEqual(['places/p2.json']);
    expect(shared.map((x) => x.path)).toEqual(['changes.json']);
  });

  it('one key per place and language, and one for its print view, under the page files Astro writes', () => {
    expect([...keysOf(model).keys()].sort()).toEqual(['en/place/p1/index.html', 'en/place/p2/index.html', 'place/p1/index.html', 'place/p1/print/index.html', 'place/p2/index.html', 'place/p2/print/index.html']);
  });

  it('changing a place file or its overlay changes only that place; shared inputs change all; dataset pages none', () => {
    const k = keysOf(model);
    const changed = (files: FileDigest[]) => { const n = keysOf(files); return [...k.keys()].filter((p) => k.get(p) !== n.get(p)).sort(); };
    expect(changed(model.map((x) => (x.path === 'places/p2.json' ? f(x.path, '2b') : x)))).toEqual(['en/place/p2/index.html', 'place/p2/index.html', 'place/p2/print/index.html']);
    expect(changed(model.map((x) => (x.path === 'changes/places/p1.json' ? f(x.path, 'c2') : x)))).toEqual(['en/place/p1/index.html', 'place/p1/index.html', 'place/p1/print/index.html']);
    expect(changed([...model, f('changes/places/p2.json', 'new')])).toEqual(['en/place/p2/index.html', 'place/p2/index.html', 'place/p2/print/index.html']);
    expect(changed([...model, f('timeliness.json', 't')])).toHaveLength(6);
    expect(changed(model.map((x) => (x.path === 'datasets/dibao.json' ? f(x.path, 'D2') : x)))).toEqual([]);
    expect(keysOf(model, { siteView: 'w' }).get('place/p1/index.html')).not.toBe(k.get('place/p1/index.html'));
    expect(keysOf(model, { base: '/gov/' }).get('place/p1/index.html')).not.toBe(k.get('place/p1/index.html'));
    expect(keysOf(model, { code: 'd' }).get('place/p1/index.html')).not.toBe(k.get('place/p1/index.html'));
  });
});

describe('placePageSiteView', () => {
  const site = {
    asOf: '2026-11-22', site: { title: 'T' }, places: [{ id: 'p1' }],
    home: { figures: [{ label: 'x', value: '1' }] },
    datasets: [{ id: 'dibao', title: '低保', rows: 10, files: 2, periods: ['2026-10'], download: { csvSha256: 'aa', csvBytes: 5 } }],
  };
  const view = (s: unknown) => JSON.stringify(placePageSiteView(s));

  it('ignores the home page and the download figures, which change with any row anywhere', () => {
    const other = { ...site, home: { figures: [] }, datasets: [{ ...site.datasets[0]!, rows: 11, files: 3, download: { csvSha256: 'bb', csvBytes: 6 } }] };
    expect(view(other)).toBe(view(site));
  });

  it('keeps what place pages show: the date, the site config, the places and dataset titles and periods', () => {
    for (const other of [
      { ...site, asOf: '2026-12-01' },
      { ...site, site: { title: 'U' } },
      { ...site, places: [{ id: 'p1' }, { id: 'p2' }] },
      { ...site, datasets: [{ ...site.datasets[0]!, title: '低保2' }] },
      { ...site, datasets: [{ ...site.datasets[0]!, periods: ['2026-11'] }] },
    ]) expect(view(other)).not.toBe(view(site));
  });
});

describe('reusablePages', () => {
  const keys = new Map([['place/a/index.html', 'k1'], ['place/b/index.html', 'k2'], ['place/c/index.html', 'k3']]);
  const id = { size: 10, mtimeMs: 5, ino: 7 };
  const previous = new Map([
    ['place/a/index.html', { key: 'k1', ...id }],
    ['place/b/index.html', { key: 'old', ...id }],
    ['place/c/index.html', { key: 'k3', ...id }],
  ]);

  it('only pages with the same key whose file is still the one indexed', () => {
    expect(reusablePages(keys, previous, () => id)).toEqual(['place/a/index.html', 'place/c/index.html']);
    expect(reusablePages(keys, previous, (p) => (p.includes('/c/') ? { ...id, mtimeMs: 6 } : id))).toEqual(['place/a/index.html']);
    expect(reusablePages(keys, previous, (p) => (p.includes('/a/') ? undefined : id))).toEqual(['place/c/index.html']);
    expect(reusablePages(keys, new Map(), () => id)).toEqual([]);
  });
});
