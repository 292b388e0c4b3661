import { describe, expect, it } from 'vitest';
import { closest, editDistance, levelOfCode, normPlace, RegionRegistry, regionsFromRecords } from '../../src/lib/regions.ts';
import { REGIONS_CSV } from './helpers.ts';

const records = (text: string) => text.trim().split('\n').map((l) => l.split(','));
const registry = () => new RegionRegistry(regionsFromRecords(records(REGIONS_CSV)).regions, true);
const names = (r: ReturnType<RegionRegistry['resolve']>) =>
  r.ok ? { township: r.township?.name, village: r.village?.name } : { column: r.column, message: r.message };

describe('levelOfCode / normPlace / closest', () => {
  it('derives the level from the 12-digit code', () => {
    expect(levelOfCode('510000000000')).toBe('province');
    expect(levelOfCode('510100000000')).toBe('prefecture');
    expect(levelOfCode('510122000000')).toBe('county');
    expect(levelOfCode('510122100000')).toBe('township');
    expect(levelOfCode('510122100201')).toBe('village');
    expect(levelOfCode('5101221002')).toBeUndefined();
  });

  it('treats committee names as the place', () => {
    expect(normPlace('王家村委会')).toBe('王家村');
    expect(normPlace('王家村村委会')).toBe('王家村');
    expect(normPlace('王家村村民委员会')).toBe('王家村');
    expect(normPlace('和平社区居民委员会')).toBe('和平社区');
    expect(normPlace('城关镇人民政府')).toBe('城关镇');
    expect(normPlace(' 王家村\u3000')).toBe('王家村');
  });

  it('suggests the closest known name, but not a far-fetched one', () => {
    expect(editDistance('王家庄', '王家村')).toBe(1);
    expect(closest('王家庄', ['李家村', '王家村', '河口村'])).toBe('王家村');
    expect(closest('城官镇', ['城关镇', '河口乡'])).toBe('城关镇');
    expect(closest('大石头沟村', ['王家村', '河口村'])).toBeUndefined();
  });
});

describe('regionsFromRecords', () => {
  it('reads codes, names and parents, and pads 6- and 9-digit codes', () => {
    const { regions, problems } = regionsFromRecords(records([
      '区划代码,名称,上级代码',
      '510122,示例县,',
      '510122100,城关镇,510122',
      '510122100201,王家村委会,',
    ].join('\n')));
    expect(problems).toEqual([]);
    expect(regions).toEqual([
      { id: '510122000000', code: '510122000000', name: '示例县', level: 'county' },
      { id: '510122100000', code: '510122100000', name: '城关镇', level: 'township', parent: '510122000000' },
      // parent implied by the code; the name normalised
      { id: '510122100201', code: '510122100201', name: '王家村', level: 'village', parent: '510122100000' },
    ]);
  });

  it('reports bad rows with their spreadsheet row and column', () => {
    const { regions, problems } = regionsFromRecords(records([
      '区划代码,名称,上级代码',
      '510122000000,示例县,',
      '51012210,城关镇,',
      '510122101000,,',
      '510122000000,重复县,',
      '510122102000,新镇,510199000000',
    ].join('\n')));
    expect(regions.map((r) => r.name)).toEqual(['示例县', '新镇']);
    expect(problems).toEqual([
      { row: 3, column: '区划代码', message: '区划代码「51012210」应为 12 位数字' },
      { row: 4, column: '名称', message: '名称为空' },
      { row: 5, column: '区划代码', message: '区划代码 510122000000 重复' },
      { row: 6, column: '上级代码', message: '「新镇」的上级代码 510199000000 不在表中' },
    ]);
  });

  it('says when the header is missing', () => {
    expect(regionsFromRecords([['a', 'b']]).problems[0]!.message).toContain('区划代码,名称,上级代码');
  });
});

describe('RegionRegistry (closed: regions.csv given)', () => {
  it('resolves exact names, short names and committee names', () => {
    const r = registry();
    expect(names(r.resolve('城关镇', '王家村'))).toEqual({ township: '城关镇', village: '王家村' });
    expect(names(r.resolve('城关', '王家'))).toEqual({ township: '城关镇', village: '王家村' });
    expect(names(r.resolve('城关镇', '王家村村民委员会'))).toEqual({ township: '城关镇', village: '王家村' });
    expect(names(r.resolve('河口镇', '河口村'))).toEqual({ township: '河口乡', village: '河口村' });
    expect(names(r.resolve(undefined, '李家村'))).toEqual({ township: '城关镇', village: '李家村' });
  });

  it('finds the place at the start of a title row holding a huge cell, quickly (fuzz: 120,000 characters took seconds)', () => {
    const r = registry();
    const title = `城关镇王家村2026年10月低保公示${'x'.repeat(1_000_000)}`;
    const t0 = performance.now();
    const found = r.placesIn(title);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect([found.township?.name, found.village?.name]).toEqual(['城关镇', '王家村']);
  });

  it('finds the longest name in a file name, also with names of rare lengths and characters outside the BMP', () => {
    // 𡌶 (U+21336) is two UTF-16 units: lengths count characters, as the names do.
    const r = new RegionRegistry(regionsFromRecords(records(REGIONS_CSV + '510122100203,𡌶头村,510122100000\n510122100204,上王家村新区社区,510122100000\n')).regions, true);
    const found = (text: string) => { const p = r.placesIn(text); return [p.township?.name, p.village?.name]; };
    expect(found('城关镇𡌶头村-2026Q3')).toEqual(['城关镇', '𡌶头村']);
    expect(found('2026年城关镇上王家村新区社区财务公开')).toEqual(['城关镇', '上王家村新区社区']);
    // The longer name wins over the shorter one inside it (王家村), wherever each starts.
    expect(found('城关镇王家村上王家村新区社区')).toEqual(['城关镇', '上王家村新区社区']);
    expect(found('没有地名-2026Q3')).toEqual([undefined, undefined]);
  });

  it('suggests the closest known village or township', () => {
    const r = registry();
    expect(names(r.resolve('城关镇', '王家庄'))).toEqual({ column: 'village', message: expect.stringContaining('是不是「王家村」') });
    expect(names(r.resolve('城官镇', '王家村'))).toEqual({ column: 'township', message: expect.stringContaining('是不是「城关镇」') });
    expect(names(r.resolve('完全不同的地方', '王家村'))).toEqual({ column: 'township', message: expect.stringContaining('请核对名称或补充区划表') });
  });

  it('says which township a village belongs to when it is filed under another', () => {
    const r = registry();
    expect(names(r.resolve('城关镇', '河口村'))).toEqual({ column: 'village', message: expect.stringContaining('它属于「河口乡」') });
  });

  it('asks for the township when a village name exists in two townships', () => {
    const r = new RegionRegistry(regionsFromRecords(records(REGIONS_CSV + '510122101202,王家村,510122101000\n')).regions, true);
    const res = r.resolve(undefined, '王家村');
    expect(res.ok).toBe(false);
    expect(!res.ok && res.message).toContain('区划表中有 2 个「王家村」（城关镇、河口乡），请填写乡镇');
    expect(names(r.resolve('河口乡', '王家村'))).toEqual({ township: '河口乡', village: '王家村' });
  });

  it('lists regions parents first', () => {
    expect(registry().ordered().map((x) => x.name)).toEqual(['示例县', '城关镇', '王家村', '李家村', '河口乡', '河口村']);
  });
});

describe('RegionRegistry (open: no regions.csv)', () => {
  it('learns places from the data and merges spellings of the same place', () => {
    const r = new RegionRegistry([], false);
    expect(names(r.resolve('城关镇', '王家村'))).toEqual({ township: '城关镇', village: '王家村' });
    expect(names(r.resolve('城关镇', '王家村委会'))).toEqual({ township: '城关镇', village: '王家村' });
    expect(names(r.resolve('城关镇', '李家村'))).toEqual({ township: '城关镇', village: '李家村' });
    expect(r.villageNames().sort()).toEqual(['李家村', '王家村']);
    expect(r.townshipNames()).toEqual(['城关镇']);
  });
});
