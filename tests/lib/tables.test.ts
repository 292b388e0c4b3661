import { describe, expect, it } from 'vitest';
import { DuplicateIndex, FingerprintMap, hash64, memorySpill, RowLocations, TotalsTracker } from '../../src/lib/tables.ts';

describe('hash64', () => {
  it('is deterministic and tells close strings apart', () => {
    expect(hash64('2024-06\u0001城关镇\u0001王家村\u0001张三')).toEqual(hash64('2024-06\u0001城关镇\u0001王家村\u0001张三'));
    expect(hash64('张三')).not.toEqual(hash64('张四'));
    expect(hash64('ab')).not.toEqual(hash64('ba'));
    const [lo, hi] = hash64('');
    expect(hi).not.toBe(0); // 0 marks an empty slot
    expect(lo).toBeGreaterThanOrEqual(0);
  });
});

describe('FingerprintMap', () => {
  it('stores the first value for a key and returns it on the next sighting', () => {
    const m = new FingerprintMap();
    expect(m.getOrSet('a', 1)).toBeUndefined();
    expect(m.getOrSet('b', 2)).toBeUndefined();
    expect(m.getOrSet('a', 3)).toBe(1);
    expect(m.size).toBe(2);
  });

  it('keeps every key and value when it grows', () => {
    const m = new FingerprintMap(4);
    for (let i = 0; i < 5000; i++) expect(m.getOrSet(`key-${i}`, i)).toBeUndefined();
    expect(m.size).toBe(5000);
    for (let i = 0; i < 5000; i += 7) expect(m.getOrSet(`key-${i}`, -1)).toBe(i);
    expect(m.size).toBe(5000);
  });
});

describe('RowLocations', () => {
  it('turns a number back into the file and spreadsheet row it was made from', () => {
    const locs = new RowLocations();
    const a = locs.startFile(); locs.endFile(120);
    const b = locs.startFile(); locs.endFile(0); // an unreadable file with no rows
    const c = locs.startFile(); locs.endFile(5_000_000);
    const d = locs.startFile();
    expect(locs.decode(locs.encode(a, 1))).toEqual({ file: a, row: 1 });
    expect(locs.decode(locs.encode(a, 120))).toEqual({ file: a, row: 120 });
    expect(locs.decode(locs.encode(c, 1))).toEqual({ file: c, row: 1 });
    expect(locs.decode(locs.encode(c, 5_000_000))).toEqual({ file: c, row: 5_000_000 });
    expect(locs.decode(locs.encode(d, 7))).toEqual({ file: d, row: 7 });
    expect(b).toBe(1);
  });
});

describe('TotalsTracker', () => {
  const yuan = (value: number, column = '月保障金额') => ({ value, column, tolerance: 0.01, perRow: 0.005 });
  const count = (value: number, column = '保障人数') => ({ value, column, tolerance: 0 });

  it('accepts a 合计 that matches every data row and reports one that does not', () => {
    const t = new TotalsTracker();
    t.add(['persons', 'amount'], { persons: 3, amount: 1234.5 });
    t.add(['persons', 'amount'], { persons: 2, amount: 350 });
    t.add(['persons', 'amount'], { persons: 1, amount: undefined }); // a value that did not parse adds nothing
    expect(t.compare('合计', { persons: count(6), amount: yuan(1584.5) })).toEqual([]);
    const t2 = new TotalsTracker();
    t2.add(['amount'], { amount: 1234.5 });
    t2.add(['amount'], { amount: 350 });
    expect(t2.compare('合计', { amount: yuan(1600) })).toEqual([{ label: '合计', column: '月保障金额', written: 1600, computed: 1584.5, rows: 2 }]);
  });

  it('checks each 小计 against the rows since the previous total, and 总计 against all rows', () => {
    const t = new TotalsTracker();
    t.add(['n'], { n: 1 });
    t.add(['n'], { n: 2 });
    expect(t.compare('小计', { n: count(3) })).toEqual([]);
    t.add(['n'], { n: 4 });
    expect(t.compare('小计', { n: count(5) })).toEqual([{ label: '小计', column: '保障人数', written: 5, computed: 4, rows: 1 }]);
    expect(t.compare('总计', { n: count(7) })).toEqual([]);
  });

  it('accepts a 合计 per village followed by a 总计', () => {
    const t = new TotalsTracker();
    t.add(['n'], { n: 10 });
    expect(t.compare('合计', { n: count(10) })).toEqual([]);
    t.add(['n'], { n: 5 });
    t.add(['n'], { n: 5 });
    expect(t.compare('合计', { n: count(10) })).toEqual([]);
    expect(t.compare('总计', { n: count(20) })).toEqual([]);
    t.add(['n'], { n: 1 });
    expect(t.compare('合计', { n: count(2) })).toHaveLength(1);
  });

  it('allows rounding of half a unit per summed row, counted over the rows actually summed', () => {
    // Three rows written in 万元 to 2 decimals may each be off by 50 元.
    const wan = (value: number) => ({ value, column: '资金规模（万元）', tolerance: 0.01, perRow: 50 });
    const t = new TotalsTracker();
    for (let i = 0; i < 3; i++) t.add(['amount'], { amount: 3333.33 });
    expect(t.compare('小计', { amount: wan(10000) })).toEqual([]);
    t.add(['amount'], { amount: 200 });
    // One row: 100 元 off is more than rounding.
    expect(t.compare('小计', { amount: wan(300) })).toHaveLength(1);
  });

  it('compares to the 分, not to floating-point noise', () => {
    const t = new TotalsTracker();
    for (let i = 0; i < 10; i++) t.add(['amount'], { amount: 0.1 });
    expect(t.compare('合计', { amount: { value: 1, column: '金额', tolerance: 0 } })).toEqual([]);
  });
});

describe('DuplicateIndex', () => {
  it('reports repeats at once while in memory, and repeats among spilled keys at the end, first occurrence first', () => {
    const idx = new DuplicateIndex(memorySpill(), 3);
    expect(idx.seen('a', 1)).toBeUndefined();
    expect(idx.seen('b', 2)).toBeUndefined();
    expect(idx.seen('a', 3)).toBe(1); // still in memory
    expect(idx.seen('c', 4)).toBeUndefined(); // fills memory (3 keys)
    expect(idx.seen('d', 5)).toBeUndefined(); // spilled
    expect(idx.seen('b', 6)).toBe(2); // a spilled-phase repeat of a key in memory: known at once
    expect(idx.seen('e', 7)).toBeUndefined();
    expect(idx.seen('d', 8)).toBeUndefined(); // repeat of a spilled key: found at the end
    expect(idx.seen('e', 9)).toBeUndefined();
    expect(idx.seen('d', 10)).toBeUndefined();
    expect(idx.finish()).toEqual([{ location: 8, first: 5 }, { location: 9, first: 7 }, { location: 10, first: 5 }]);
  });

  it('spills thousands of keys through full buffers and finds every repeat', () => {
    const idx = new DuplicateIndex(memorySpill(), 10);
    for (let i = 0; i < 20_000; i++) idx.seen(`k${i}`, i + 1);
    for (let i = 0; i < 20_000; i += 1000) idx.seen(`k${i + 500}`, 100_000 + i);
    const found = idx.finish();
    expect(found).toHaveLength(20);
    expect(found[0]).toEqual({ location: 100_000, first: 501 });
  });
});
