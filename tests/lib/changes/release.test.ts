import { describe, expect, it } from 'vitest';
import { arrayRows } from '../../../src/lib/changes/compare.ts';
import { compareRelease, overlaysOf, type ReleaseInputs } from '../../../src/lib/changes/release.ts';
import { compareSpecOf } from '../../../src/lib/changes/stage.ts';
import { dibao } from '../../../src/lib/datasets/index.ts';

const H = ['乡镇', '村', '户主姓名', '保障人数', '月保障金额（元）', '保障类别', '认定日期', '发放年月', '区划代码'];
const row = (village: string, name: string, amount: string, code: string) => ['城关镇', village, name, '1', amount, '', '', '2026-09', code];
const A = [H, row('红星社区', '张三', '560', '1'), row('红星社区', '李四', '631', '1'), row('王家村', '王五', '480', '2')];
const B = [H, row('红星社区', '张三', '650', '1'), row('王家村', '王五', '480', '2')];

function inputs(asOf: string, prevAsOf: string, prev: string[][], cur: string[][], changes?: unknown): ReleaseInputs {
  return {
    asOf,
    current: { datasets: ['dibao'], source: () => arrayRows(cur) },
    previous: { asOf: prevAsOf, datasets: ['dibao'], source: () => arrayRows(prev), ...(changes ? { changes } : {}) },
    specOf: (id) => (id === 'dibao' ? compareSpecOf(dibao) : undefined),
    order: ['dibao'],
    placeOf: ({ code, village }) => ({ id: code, name: village }),
  };
}

describe('compareRelease', () => {
  it('says nothing was compared without a previous release', async () => {
    const f = await compareRelease({ ...inputs('2026-11-22', '', A, A), previous: undefined });
    expect(f.compared).toBe(false);
    expect(f.notices).toEqual([]);
  });

  it('carries corrections and withdrawals into later releases, and writes place files only where they stand', async () => {
    const b = await compareRelease(inputs('2026-12-22', '2026-11-22', A, B));
    expect(b.notices.map((n) => [n.kind, n.key['户主姓名']])).toEqual([['corrected', '张三'], ['withdrawn', '李四']]);
    const c = await compareRelease(inputs('2027-01-22', '2026-12-22', B, B, JSON.parse(JSON.stringify(b))));
    expect(c.datasets[0]!.counts).toMatchObject({ added: 0, removed: 0, changed: 0 });
    expect(c.notices).toEqual(b.notices);
    expect(c.releases.map((r) => r.asOf)).toEqual(['2027-01-22', '2026-12-22']);
    const o = overlaysOf(c, () => true);
    expect([...o.places.keys()]).toEqual(['1']);
    expect(o.places.get('1')!.notices.length).toBe(2);
    // Unchanged and without history: no place file at all.
    const quiet = await compareRelease(inputs('2027-01-22', '2026-12-22', B, B));
    expect(overlaysOf(quiet, () => true).places.size).toBe(0);
  });

  it('keeps a bounded history and reports a foreign changes.json', async () => {
    const b = await compareRelease({ ...inputs('2026-12-22', '2026-11-22', A, B), limits: { detailsPerKind: 10, historyReleases: 2, noticesPerDataset: 10 } });
    const c = await compareRelease({ ...inputs('2027-01-22', '2026-12-22', B, B, b), limits: { detailsPerKind: 10, historyReleases: 2, noticesPerDataset: 10 } });
    const d = await compareRelease({ ...inputs('2027-02-22', '2027-01-22', B, B, c), limits: { detailsPerKind: 10, historyReleases: 2, noticesPerDataset: 10 } });
    expect(c.notices.length).toBe(2);
    expect(d.notices).toEqual([]);
    expect(d.notes.map((n) => n.zh).join()).toMatch(/保留最近 2 次发布/);
    const odd = await compareRelease(inputs('2026-12-22', '2026-11-22', B, B, { hello: 1 }));
    expect(odd.notes[0]!.zh).toMatch(/格式不认识/);
  });

  it('a release built again against itself (same --as-of) is one release: nothing is said to be dropped from the history', async () => {
    const b = await compareRelease(inputs('2026-12-22', '2026-12-22', B, B));
    const again = await compareRelease(inputs('2026-12-22', '2026-12-22', B, B, JSON.parse(JSON.stringify(b))));
    expect(again.releases).toEqual([{ asOf: '2026-12-22', previous: '2026-12-22' }]);
    expect(again.notes.map((n) => n.zh).join()).not.toMatch(/保留最近/);
    expect(again).toEqual(b);
  });

  it('reports datasets added and removed between releases', async () => {
    const f = await compareRelease({ ...inputs('2026-12-22', '2026-11-22', A, B), current: { datasets: [], source: () => arrayRows([]) } });
    expect(f.datasets[0]!.status).toBe('dataset-removed');
    expect(f.notices.every((n) => n.kind === 'withdrawn')).toBe(true);
    expect(f.notices.length).toBe(3);
  });
});

describe('identical downloads', () => {
  it('are not read again when both releases give the same sha256', async () => {
    let reads = 0;
    const counting = (rows: string[][]) => { const s = arrayRows(rows); return { header: s.header, rows: async (v: (c: string[]) => void) => { reads++; await s.rows(v); } }; };
    const base = inputs('2027-01-22', '2026-12-22', B, B);
    const same = new Map([['dibao', 'ab'.repeat(32)]]);
    const f = await compareRelease({ ...base, previous: { ...base.previous!, rows: new Map([['dibao', 2]]), sha256: same, source: () => counting(B) }, current: { ...base.current, sha256: same, source: () => counting(B) } });
    expect(reads).toBe(0);
    expect(f.datasets[0]!.counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 2 });
    const other = await compareRelease({ ...base, previous: { ...base.previous!, rows: new Map([['dibao', 3]]), sha256: same, source: () => counting(A) }, current: { ...base.current, sha256: new Map([['dibao', 'cd'.repeat(32)]]), source: () => counting(B) } });
    expect(reads).toBeGreaterThan(0);
    expect(other.datasets[0]!.counts.removed).toBe(1);
  });
});
