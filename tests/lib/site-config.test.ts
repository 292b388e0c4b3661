// site.json: frequency overrides per dataset, with clear messages for unknown ids and values.
import { describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../../src/lib/site-config.ts';

describe('site.json frequencies', () => {
  it('accepts an override per known dataset id', () => {
    const r = parseSiteConfig(JSON.stringify({ frequencies: { dibao: 'quarterly', works: 'yearly' } }));
    expect(r.problems).toEqual([]);
    expect(r.config.frequencies).toEqual({ dibao: 'quarterly', works: 'yearly' });
  });

  it('names an unknown dataset id and lists the valid ones', () => {
    const r = parseSiteConfig(JSON.stringify({ frequencies: { dibo: 'monthly' } }));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toContain('frequencies.dibo');
    expect(r.problems[0]).toContain('没有编号为「dibo」的数据集');
    expect(r.problems[0]).toContain('dibao、tekun');
  });

  it('names a frequency that is not one of the four', () => {
    const r = parseSiteConfig(JSON.stringify({ frequencies: { tekun: 'weekly' } }));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/frequencies\.tekun.*monthly（每月）/);
  });
});

describe('site.json license', () => {
  it('accepts the reuse terms the office chose', () => {
    const r = parseSiteConfig(JSON.stringify({ license: { name: 'CC-BY-4.0', title: '知识共享署名 4.0 国际许可协议', url: 'https://creativecommons.org/licenses/by/4.0/' } }));
    expect(r.problems).toEqual([]);
    expect(r.config.license).toEqual({ name: 'CC-BY-4.0', title: '知识共享署名 4.0 国际许可协议', url: 'https://creativecommons.org/licenses/by/4.0/' });
  });

  it('has no default, and names a licence without a title or with a bad url', () => {
    expect(parseSiteConfig('{}').config.license).toBeUndefined();
    const r = parseSiteConfig(JSON.stringify({ license: { name: 'CC-BY-4.0', url: 'ftp://x' } }));
    expect(r.problems.some((p) => p.includes('license.title'))).toBe(true);
    expect(r.problems.some((p) => p.includes('license.url'))).toBe(true);
  });
});
