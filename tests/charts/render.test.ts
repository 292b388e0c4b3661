import * as Plot from '@observablehq/plot';
import {parseHTML} from 'linkedom';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {CHART_FONT_SIZE, CHART_WIDTH, chartCss, renderPlot} from '../../src/lib/charts/render.ts';
import {XSS, idsOf, parseSvg, refsOf} from './helpers.ts';

const {document: rawDocument} = parseHTML('<!doctype html><html><body></body></html>');

const points = [
  {m: 'a', v: 3},
  {m: 'b', v: 5},
  {m: 'c', v: 4},
];

/** A chart that makes Plot allocate a clip id and a marker id. */
function clipped(id: string, title = '标题', description = '说明'): string {
  return renderPlot(
    {
      width: 300,
      height: 150,
      x: {type: 'band', domain: ['a', 'b', 'c']},
      marks: [Plot.lineY(points, {x: 'm', y: 'v', marker: 'circle', clip: true}), Plot.ruleY([0], {clip: 'frame'})],
    },
    {id, title, description},
  );
}

/** Bumps Plot's process-wide counters without going through renderPlot. */
function bumpPlotCounters(): void {
  Plot.plot({
    document: rawDocument as unknown as Document,
    x: {type: 'band'},
    marks: [Plot.lineY(points, {x: 'm', y: 'v', marker: 'arrow', clip: true})],
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('renderPlot determinism and ids', () => {
  it('renders the same chart byte-identically after other charts used clips and markers', () => {
    const first = clipped('trend-a');
    bumpPlotCounters();
    clipped('other');
    bumpPlotCounters();
    const second = clipped('trend-a');
    expect(second).toBe(first);
  });

  it('replaces Plot counter ids with ids numbered from 1 under the chart id', () => {
    bumpPlotCounters(); // make sure Plot's own counters are past 1
    const svg = clipped('cx');
    expect(svg).not.toMatch(/plot-(clip|marker|pattern)-/);
    const ids = idsOf(svg);
    expect(ids).toContain('cx-clip-1');
    expect(ids).toContain('cx-marker-1');
    for (const id of ids) expect(id.startsWith('cx-')).toBe(true);
  });

  it('every url(#…) and href="#…" resolves to an id inside the same SVG', () => {
    const svg = clipped('refs');
    const ids = new Set(idsOf(svg));
    const refs = refsOf(svg);
    expect(refs.length).toBeGreaterThanOrEqual(2); // clip-path and marker references
    for (const ref of refs) expect(ids.has(ref), `dangling reference #${ref}`).toBe(true);
  });

  it('rewrites href="#…" references too', () => {
    bumpPlotCounters();
    const svg = renderPlot(
      {
        width: 200,
        height: 100,
        marks: [
          Plot.ruleY([0], {clip: 'frame'}),
          // A render-function mark that links to the clip path Plot just made.
          (_i, _s, _v, _d, context) => {
            const clip = Array.from(context.ownerSVGElement.children).find((el) => el.localName === 'clipPath');
            const use = context.document.createElementNS('http://www.w3.org/2000/svg', 'use');
            use.setAttribute('href', `#${clip?.getAttribute('id')}`);
            return use;
          },
        ],
      },
      {id: 'uses', title: 't', description: 'd'},
    );
    expect(svg).toContain('href="#uses-clip-1"');
    expect(svg).toContain('clip-path="url(#uses-clip-1)"');
    const ids = new Set(idsOf(svg));
    for (const ref of refsOf(svg)) expect(ids.has(ref)).toBe(true);
  });

  it('drops Plot’s inline style and default class for sl-chart', () => {
    const svg = clipped('styled');
    expect(svg).not.toContain('<style');
    expect(svg).not.toContain('plot-d6a7b5');
    const {root} = parseSvg(svg);
    expect(root.getAttribute('class')).toBe('sl-chart');
    expect(chartCss).toContain('.sl-chart{');
    expect(chartCss).toContain('max-width:100%');
  });

  it('removes Plot’s warning badge', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // Numeric-looking strings on an implicit ordinal scale make Plot warn.
    const svg = renderPlot(
      {marks: [Plot.barY([{k: '1', v: 1}, {k: '2', v: 2}], {x: 'k', y: 'v'})]},
      {id: 'warned', title: 't', description: 'd'},
    );
    expect(console.warn).toHaveBeenCalled();
    expect(svg).not.toContain('\u26a0');
  });

  it('rejects ids that are unsafe in attributes and url() references', () => {
    for (const bad of ['', '1abc', 'a b', 'a"b', 'x)', 'x#y']) {
      expect(() => clipped(bad)).toThrow(/chart id/);
    }
  });
});

describe('renderPlot accessibility and sizing', () => {
  it('labels the SVG with a leading <title> and <desc>', () => {
    const svg = clipped('acc', '各村低保户数', '2026年6月各村低保户数，城关镇最多。');
    const {root, document} = parseSvg(svg);
    expect(root.localName).toBe('svg');
    expect(root.getAttribute('role')).toBe('img');
    const [first, second] = Array.from(root.children);
    expect(first?.localName).toBe('title');
    expect(first?.getAttribute('id')).toBe('acc-title');
    expect(first?.textContent).toBe('各村低保户数');
    expect(second?.localName).toBe('desc');
    expect(second?.getAttribute('id')).toBe('acc-desc');
    expect(second?.textContent).toBe('2026年6月各村低保户数，城关镇最多。');
    expect(root.getAttribute('aria-labelledby')).toBe('acc-title');
    expect(root.getAttribute('aria-describedby')).toBe('acc-desc');
    expect(document.getElementById('acc-title')).toBe(first);
    // Plot's own per-mark aria attributes are gone under role="img".
    expect(svg).not.toMatch(/<(?!svg)[a-z]+[^>]* aria-/i);
  });

  it('escapes title and description text', () => {
    const svg = clipped('xss', `${XSS} & "q"`, `</desc></svg>${XSS}<script>alert(2)</script>`);
    const {document, root} = parseSvg(svg);
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    expect(root.textContent).toContain(`${XSS} & "q"`);
    expect(root.textContent).toContain(`</desc></svg>${XSS}<script>alert(2)</script>`);
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; "q"');
  });

  it('scales down: viewBox kept, width capped by the container, page font inherited', () => {
    const {root} = parseSvg(clipped('size'));
    expect(root.getAttribute('viewBox')).toBe('0 0 300 150');
    expect(root.getAttribute('style')).toBe('max-width:100%;height:auto');
    expect(root.hasAttribute('font-family')).toBe(false);
    expect(root.getAttribute('font-size')).toBe(String(CHART_FONT_SIZE));
  });

  it('draws text that is still at least 11 px when a 360 px phone shrinks the chart to its 328 px column', () => {
    expect((CHART_FONT_SIZE * 328) / CHART_WIDTH).toBeGreaterThanOrEqual(11);
  });

  it('rounds long coordinates to two decimals', () => {
    const svg = renderPlot(
      {width: 300, height: 157, marks: [Plot.lineY([1, 3.3333, 2.1111, 7, 5.2], {stroke: 'black'})]},
      {id: 'round', title: 't', description: 'd'},
    );
    expect(svg).not.toMatch(/\d\.\d{3,}/);
  });
});
