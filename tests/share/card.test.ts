import { describe, expect, it } from 'vitest';
import { monthlyTrendChart } from '../../src/lib/charts/monthly-trend.ts';
import { CARD_HEIGHT, CARD_WIDTH, chartMarks, shareCardSvg } from '../../src/lib/share/card.ts';
import { parseHTML } from 'linkedom';

const chart = monthlyTrendChart({
  id: 'dibao-trend', title: '城关镇低保对象户数（按月）', description: '每月户数', unitLabel: '户',
  series: ['2026-07', '2026-08', '2026-09', '2026-10'].map((period, i) => ({ period, value: 400 + i })),
});

describe('share card', () => {
  it('keeps the chart marks and drops its text (unreadable in a thumbnail)', () => {
    const marks = chartMarks(chart.svg, { x: 60, y: 190, width: 1080, height: 360 });
    expect(marks).toMatch(/^<svg x="60" y="190" width="1080" height="360" viewBox="0 0 400 \d+"/);
    expect(marks).not.toMatch(/<text|<title|<desc/);
    expect((marks.match(/<(path|circle|line)\b/g) ?? []).length).toBeGreaterThan(3);
    expect(chartMarks('<p>not a chart</p>', { x: 0, y: 0, width: 1, height: 1 })).toBe('');
  });

  it('is a 1200×630 SVG with the title, the figures and the site, all escaped', () => {
    const svg = shareCardSvg({ title: '王家村 <b>&', subtitle: '低保户数 52 户 · 月保障金额合计 1.2万元', footer: '示例县三务公开', chartSvg: chart.svg, fontFamily: 'Noto Sans CJK SC' });
    const { document } = parseHTML(`<div>${svg}</div>`);
    const root = document.querySelector('svg')!;
    expect([root.getAttribute('width'), root.getAttribute('height')]).toEqual([String(CARD_WIDTH), String(CARD_HEIGHT)]);
    const texts = [...root.querySelectorAll(':scope > text')].map((t) => t.textContent);
    expect(texts).toEqual(['王家村 <b>&', '低保户数 52 户 · 月保障金额合计 1.2万元', '示例县三务公开']);
    expect(svg).not.toContain('<b>');
  });

  it('shortens a title that would run off the card', () => {
    const svg = shareCardSvg({ title: '很长的名字'.repeat(20), subtitle: '', footer: 'x', fontFamily: 'F' });
    const title = /font-weight="bold">([^<]*)<\/text>/.exec(svg)![1]!;
    expect(title.endsWith('…')).toBe(true);
    // 56 px characters in a 1080 px line.
    expect(title.length).toBeLessThanOrEqual(Math.floor(1080 / 56) + 1);
    expect(title.length).toBeGreaterThan(10);
  });
});
