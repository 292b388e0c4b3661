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
