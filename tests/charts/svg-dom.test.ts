import * as Plot from '@observablehq/plot';
import {parseHTML} from 'linkedom';
import {describe, expect, it} from 'vitest';
import {swatchLegend} from '../../src/lib/charts/render.ts';
import {SvgDocument, type SvgElement} from '../../src/lib/charts/svg-dom.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

interface AnyNode {
  nodeType: number;
  localName?: string;
  textContent: string | null;
  childNodes: ArrayLike<AnyNode>;
  attributes?: ArrayLike<{name: string; value: string}>;
}

/** One serializer for both documents, so any difference comes from the DOM. */
function markup(node: AnyNode, attrs: (el: AnyNode) => [string, string][]): string {
  if (node.nodeType === 3) return `#${node.textContent}`;
  if (node.nodeType !== 1) return '';
  const inner = Array.from(node.childNodes, (c) => markup(c, attrs)).join('');
  const a = attrs(node).map(([k, v]) => ` ${k}="${v}"`).join('');
  // Plot numbers clip/marker ids with process-wide counters that both runs advance.
  return `<${node.localName}${a}>${inner}</${node.localName}>`.replace(/plot-(clip|marker|pattern)-\d+/g, 'plot-$1-N');
}

const linkedomAttrs = (el: AnyNode): [string, string][] => Array.from(el.attributes ?? [], (a) => [a.name, a.value] as [string, string]).reverse();
const svgDomAttrs = (el: AnyNode): [string, string][] => [...(el as unknown as SvgElement).attrs];

function renderBoth(options: Plot.PlotOptions): {linkedom: string; svgDom: string} {
  const {document: ld} = parseHTML('<!doctype html><html><body></body></html>');
  const a = Plot.plot({...options, document: ld as unknown as Document}) as unknown as AnyNode;
  const b = Plot.plot({...options, document: new SvgDocument() as unknown as Document}) as unknown as AnyNode;
  return {linkedom: markup(a, linkedomAttrs), svgDom: markup(b, svgDomAttrs)};
}

const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
const trend = months.map((period, i) => ({period, value: i === 2 ? Number.NaN : 10 + i * 3}));
const bars = [
  {label: '王家村', value: 1200, note: '<b>&"x"'},
  {label: '李家村\n二组', value: 800, note: 'a'},
  {label: '张庄', value: -300, note: 'b'},
];

// The marks and options the chart builders use (src/lib/charts/*), plus the DOM paths Plot takes for them.
const cases: [string, Plot.PlotOptions][] = [
  [
    'line with gaps, dots, a marker, clipping and a labelled last point',
    {
      width: 400,
      height: 230,
      x: {type: 'point', domain: months, tickFormat: (d: string) => `${d.slice(5)}月\n${d.slice(0, 4)}`},
      y: {domain: [0, 30], grid: true, ticks: [0, 10, 20, 30]},
      marks: [
        Plot.ruleY([0]),
        Plot.lineY(trend, {x: 'period', y: 'value', stroke: '#2b6cb0', marker: 'circle', clip: true}),
        Plot.dot(trend, {x: 'period', y: 'value', fill: '#2b6cb0', title: (d: {value: number}) => `值 ${d.value}`}),
        Plot.text(trend.slice(-1), {x: 'period', y: 'value', text: (d: {value: number}) => `${d.value}户`, dy: -10}),
      ],
    },
  ],
  [
    'horizontal bars with multi-line labels, a title channel and negative values',
    {
      width: 400,
      marginLeft: 90,
      y: {type: 'band', domain: bars.map((b) => b.label)},
      marks: [
        Plot.barX(bars, {x: 'value', y: 'label', fill: '#2b6cb0', title: 'note'}),
        Plot.text(bars, {x: 'value', y: 'label', text: (d: {value: number}) => String(d.value), textAnchor: 'start', dx: 4}),
        Plot.ruleX([0]),
      ],
    },
  ],
  [
    'rects, a custom render mark (swatch legend) and an empty-data message',
    {
      width: 300,
      height: 160,
      marginTop: 30,
      x: {domain: [0, 10]},
      y: {domain: [0, 5]},
      marks: [
        Plot.rect([{x1: 1, x2: 3, y1: 0, y2: 4}], {x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: '#ccc', fillOpacity: 0.5}),
        swatchLegend([{label: '收入', color: '#2b6cb0'}, {label: '支出 <&>', color: '#c05621'}], {note: '单位：万元'}),
        Plot.text(['暂无数据'], {frameAnchor: 'middle', fontSize: 14, fill: '#666'}),
      ],
    },
  ],
  [
    'links (href wraps marks in <a>)',
    {
      width: 200,
      height: 100,
      marks: [Plot.dot([1, 2, 3], {x: (d: number) => d, href: (d: number) => `#p${d}`, target: '_blank'})],
    },
  ],
];

describe('svg-dom renders Plot charts exactly as a full DOM (linkedom) does', () => {
  for (const [name, options] of cases) {
    it(name, () => {
      const {linkedom, svgDom} = renderBoth(options);
      expect(svgDom.length).toBeGreaterThan(200);
      expect(svgDom).toBe(linkedom);
    });
  }
});

describe('svg-dom node semantics', () => {
  it('moves a node that is inserted elsewhere and keeps children in order', () => {
    const doc = new SvgDocument();
    const g = doc.createElementNS(SVG_NS, 'g');
    const a = g.appendChild(doc.createElementNS(SVG_NS, 'a'));
    const b = g.appendChild(doc.createElementNS(SVG_NS, 'b'));
    const c = doc.createElementNS(SVG_NS, 'c');
    g.insertBefore(c, a);
    expect(g.childNodes.map((n) => (n as SvgElement).localName)).toEqual(['c', 'a', 'b']);
    g.insertBefore(b, c); // already a child: moves
    expect(g.childNodes.map((n) => (n as SvgElement).localName)).toEqual(['b', 'c', 'a']);
    const other = doc.createElementNS(SVG_NS, 'g');
    other.appendChild(c);
    expect(g.childNodes).toHaveLength(2);
    expect(c.parentNode).toBe(other);
    expect(a.compareDocumentPosition(b)).toBe(2); // b now precedes a
    expect(b.compareDocumentPosition(a)).toBe(4);
    expect(g.compareDocumentPosition(a)).toBe(4);
  });

  it('keeps attributes in first-set order, updates in place, and writes style through', () => {
    const el = new SvgDocument().createElementNS(SVG_NS, 'rect');
    el.setAttribute('x', 1);
    el.setAttribute('y', 2);
    el.setAttribute('x', 3);
    el.style.setProperty('fill-opacity', '0.5');
    el.style.setProperty('stroke', 'red');
    el.style.removeProperty('fill-opacity');
    expect([...el.attrs]).toEqual([
      ['x', '3'],
      ['y', '2'],
      ['style', 'stroke:red'],
    ]);
    el.removeAttribute('x');
    el.setAttribute('x', 4);
    expect([...el.attrs.keys()]).toEqual(['y', 'style', 'x']);
  });

  it('replaces children when textContent is set, and reads text through descendants', () => {
    const doc = new SvgDocument();
    const text = doc.createElementNS(SVG_NS, 'text');
    text.appendChild(doc.createElementNS(SVG_NS, 'tspan')).textContent = '王家村';
    text.appendChild(doc.createTextNode(' 12户'));
    expect(text.textContent).toBe('王家村 12户');
    text.textContent = '';
    expect(text.childNodes).toHaveLength(0);
  });

  it('refuses what it does not implement instead of drawing something wrong', () => {
    const doc = new SvgDocument();
    const g = doc.createElementNS(SVG_NS, 'g');
    expect(() => g.querySelector('g > rect')).toThrow(/unsupported selector/);
    expect(() => g.getBBox()).toThrow(/no layout/);
    expect(() => g.insertBefore(doc.createElementNS(SVG_NS, 'a'), doc.createElementNS(SVG_NS, 'b'))).toThrow(/reference node/);
  });
});
