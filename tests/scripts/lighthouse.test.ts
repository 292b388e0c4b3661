/** Reading Lighthouse reports and choosing the pages to audit (scripts/lib/lighthouse.ts). */
import { describe, expect, it } from 'vitest';
import { formatResult, isPerfect, pickVillage, summarise, type Lhr } from '../../scripts/lib/lighthouse.ts';

function report(over: { scores?: Partial<Record<string, number | null>>; audits?: Lhr['audits']; refs?: Record<string, { id: string; weight: number }[]> } = {}): Lhr {
  const cats = ['performance', 'accessibility', 'best-practices', 'seo'];
  const categories: Lhr['categories'] = {};
  for (const c of cats) categories[c] = { id: c, title: c, score: over.scores?.[c] === undefined ? 1 : over.scores[c]!, auditRefs: over.refs?.[c] ?? [] };
  return {
    requestedUrl: 'http://127.0.0.1:1/place/x/',
    categories,
    audits: {
      'total-blocking-time': { id: 'total-blocking-time', title: 'Total Blocking Time', score: 1, scoreDisplayMode: 'numeric', numericValue: 12 },
      ...over.audits,
    },
  };
}

describe('summarise', () => {
  it('a perfect report: four scores of 100, nothing failing', () => {
    const r = summarise(report());
    expect(r.scores).toEqual({ performance: 100, accessibility: 100, 'best-practices': 100, seo: 100 });
    expect(r.failing).toEqual([]);
    expect(r.metrics.TBT).toBe(12);
    expect(isPerfect(r)).toBe(true);
  });

  it('names the failing accessibility audit with the offending element and why', () => {
    const r = summarise(report({
      scores: { accessibility: 0.96 },
      refs: { accessibility: [{ id: 'color-contrast', weight: 7 }, { id: 'html-has-lang', weight: 7 }] },
      audits: {
        'color-contrast': {
          id: 'color-contrast', title: 'Background and foreground colors do not have a sufficient contrast ratio.', score: 0, scoreDisplayMode: 'binary',
          details: { type: 'table', items: [{ node: { selector: 'p.meta > span', snippet: '<span>', explanation: 'Fix any of the following:\n  Element has insufficient color contrast of 3.1' } }] },
        },
        'html-has-lang': { id: 'html-has-lang', title: 'has lang', score: 1, scoreDisplayMode: 'binary' },
      },
    }));
    expect(r.scores.accessibility).toBe(96);
    expect(isPerfect(r)).toBe(false);
    expect(r.failing.map((f) => [f.category, f.id])).toEqual([['accessibility', 'color-contrast']]);
    expect(r.failing[0]!.items[0]).toContain('p.meta > span');
    expect(r.failing[0]!.items[0]).toContain('insufficient color contrast of 3.1');
    const text = formatResult('village', r);
    expect(text).toContain('accessibility 96');
    expect(text).toContain('✗ [accessibility] color-contrast');
  });

  it('lists weighted performance metrics below 1, not zero-weight diagnostics', () => {
    const r = summarise(report({
      scores: { performance: 0.93 },
      refs: { performance: [{ id: 'total-blocking-time', weight: 30 }, { id: 'dom-size-insight', weight: 0 }] },
      audits: {
        'total-blocking-time': { id: 'total-blocking-time', title: 'Total Blocking Time', score: 0.7, scoreDisplayMode: 'numeric', numericValue: 320, displayValue: '320 ms' },
        'dom-size-insight': { id: 'dom-size-insight', title: 'Optimize DOM size', score: 0, scoreDisplayMode: 'metricSavings' },
      },
    }));
    expect(r.failing.map((f) => f.id)).toEqual(['total-blocking-time']);
    expect(formatResult('dataset', r)).toMatch(/TBT 320 ms[\s\S]*Total Blocking Time \(320 ms\)/);
  });

  it('a category Lighthouse could not score is not 100', () => {
    expect(isPerfect(summarise(report({ scores: { seo: null } })))).toBe(false);
  });

  it('a report with a runtime error (page did not load) throws with the reason', () => {
    expect(() => summarise({ ...report(), runtimeError: { code: 'ERRORED_DOCUMENT_REQUEST', message: 'status 404' } })).toThrow(/ERRORED_DOCUMENT_REQUEST/);
  });
});

describe('pickVillage', () => {
  const regions = [
    { code: '1', name: '县', level: 'county', url: 'place/1/' },
    { code: '2', name: '甲村', level: 'village', url: 'place/2/' },
    { code: '3', name: '乙村', level: 'village', url: 'place/3/' },
    { code: '4', name: '丙村', level: 'village', url: 'place/4/' },
  ];
  const section = '<section class="ds" id="x">';
  it('takes the village with the most datasets, then the larger page; never the county', () => {
    const pages: Record<string, string> = { 'place/1/': section.repeat(9), 'place/2/': section.repeat(6), 'place/3/': section.repeat(7), 'place/4/': section.repeat(7) + 'padding' };
    expect(pickVillage(regions, (u) => pages[u])).toBe('place/4/');
  });
  it('fails with a message when the site has no village page', () => {
    expect(() => pickVillage(regions.slice(0, 1), () => '')).toThrow(/no village/);
  });
});
