// Build-time SVG rendering of Observable Plot charts.
//
// Plot renders into a small purpose-built document (svg-dom.ts); the resulting SVG is then cleaned up
// so that it is deterministic, accessible, small, and safe to inline into a
// page that works with JavaScript off. See renderPlot() for the details.

import * as Plot from '@observablehq/plot';
import {scaleLinear} from 'd3';
import {isSvgElement, SvgDocument, type SvgChild, type SvgElement} from './svg-dom.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The class on every chart's root `<svg>` (instead of Plot's `plot-d6a7b5`). */
export const CHART_CLASS = 'sl-chart';

/**
 * Root font size (px, in viewBox units) shared by every chart. A 360 px phone
 * shows a chart in a 328 px column, i.e. at 328/400 of its size: 14 px text
 * renders at 11.5 px there, and at 14 px on a desktop.
 */
export const CHART_FONT_SIZE = 14;

/**
 * Default viewBox width. Charts are drawn this wide and shrink with their
 * column (never grow past it); see {@link CHART_FONT_SIZE}.
 */
export const CHART_WIDTH = 400;

/**
 * The stylesheet charts rely on; the page layout inlines it once. It replaces
 * the `<style>` Plot puts into every SVG. The essential sizing is also set
 * inline on each `<svg>` so a chart still fits a phone without this sheet.
 */
export const chartCss =
  `.${CHART_CLASS}{display:block;max-width:100%;height:auto;overflow:visible}` +
  `.${CHART_CLASS} text{white-space:pre}`;

/** Inline style put on each root `<svg>`: shrink to the container, keep the aspect ratio. */
const ROOT_STYLE = 'max-width:100%;height:auto';

/** Chart ids end up in `id` attributes and `url(#…)` references, so keep them plain. */
const CHART_ID_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Ids Plot takes from its process-wide counters. */
const PLOT_ID_RE = /^plot-(clip|marker|pattern)-\d+$/;

/** Attributes whose numbers we round to 2 decimals to keep the markup small. */
const GEOMETRY_ATTRS = new Set([
  'd', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'points',
]);

// One document for the whole process: Plot only uses it to create detached nodes.
const document = new SvgDocument();

export interface ChartMeta {
  /** Unique on the page; prefixes every id in the SVG. `[A-Za-z][A-Za-z0-9_-]*`. */
  id: string;
  /** Short accessible name, becomes `<title>`. Plain text. */
  title: string;
  /** What the chart shows, becomes `<desc>`. Plain text. */
  description: string;
}

/** The figures behind a chart, rendered by the page as an HTML table under it. */
export interface ChartTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

/**
 * A chart's words in English, for the English pages: the SVG is rendered once (its axis labels
 * stay Chinese); the English page swaps in this title and description and shows the table with
 * these column names.
 */
export interface ChartEnglish {
  title: string;
  description: string;
  columns: string[];
}

export interface ChartResult {
  svg: string;
  table: ChartTable;
  en?: ChartEnglish;
}

function elements(root: SvgElement): SvgElement[] {
  const out: SvgElement[] = [];
  const walk = (el: SvgElement): void => {
    out.push(el);
    for (const child of el.childNodes) if (isSvgElement(child)) walk(child);
  };
  walk(root);
  return out;
}

/** Escapes text content. Also drops C0 control characters (other than tab/newline), which HTML forbids. */
export function escapeText(s: string): string {
  if (!TEXT_ESCAPES.test(s)) return s; // most text needs nothing: skip the four passes
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  if (!ATTR_ESCAPES.test(s)) return s;
  return escapeText(s).replace(/"/g, '&quot;');
}

const TEXT_ESCAPES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f&<>]/;
const ATTR_ESCAPES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f&<>"]/;

export function roundNumbers(value: string): string {
  if (!value.includes('.')) return value;
  return value.replace(/-?\d*\.\d{3,}(?:e[-+]?\d+)?/gi, (m) => {
    const n = Math.round(Number(m) * 100) / 100;
    return String(Object.is(n, -0) ? 0 : n);
  });
}

/**
 * One attribute as {@link renderPlot} writes it (` name="value"`): geometry rounded to 2 decimals,
 * the value escaped. Shared with the charts that write their SVG directly, so both agree byte for byte.
 */
export function svgAttr(name: string, value: string | number): string {
  const text = String(value);
  return ` ${name}="${escapeAttr(GEOMETRY_ATTRS.has(name) ? roundNumbers(text) : text)}"`;
}

/**
 * Serializes with SVG-in-HTML rules: attribute values and text escaped,
 * attributes in the order they were first set, empty elements self-closed.
 */
function serialize(node: SvgChild): string {
  if (!isSvgElement(node)) return escapeText(node.data);
  let out = `<${node.localName}`;
  for (const [name, value] of node.attrs) out += svgAttr(name, value);
  if (node.childNodes.length === 0) return `${out}/>`;
  out += '>';
  for (const child of node.childNodes) out += serialize(child);
  return `${out}</${node.localName}>`;
}

/**
 * Renders Plot options to standalone SVG markup, at build time.
 *
 * - Deterministic: Plot's counter-based `plot-clip-N`/`plot-marker-N`/
 *   `plot-pattern-N` ids, and every `url(#…)`/`href="#…"` to them, become
 *   `${id}-clip-1`, `${id}-marker-1`, … numbered within this chart; Plot's
 *   inline `<style>` is dropped (see {@link chartCss}); the class is always
 *   `sl-chart`; Plot's "⚠️ check the console" badge is removed (builders are
 *   tested not to trigger Plot warnings). Coordinates are rounded to 2 decimals.
 * - Accessible: `role="img"`, `aria-labelledby` → `<title id="${id}-title">`,
 *   `aria-describedby` → `<desc id="${id}-desc">`, both first children and
 *   escaped. Plot's per-mark `aria-*` attributes are dropped (an `img` has no
 *   accessible children anyway).
 * - Responsive: keeps the `viewBox` and intrinsic width/height, adds
 *   `style="max-width:100%;height:auto"`; the font family is inherited from
 *   the page (Plot's `system-ui` attribute is removed).
 *
 * `title`, `subtitle`, `caption`, `style` and legends in `options` are ignored: the
 * result is always a bare `<svg>` (no `<figure>`).
 */
export function renderPlot(options: Plot.PlotOptions, meta: ChartMeta): string {
  if (!CHART_ID_RE.test(meta.id)) {
    throw new Error(`renderPlot: chart id must match ${CHART_ID_RE}, got ${JSON.stringify(meta.id)}`);
  }
  const rest: Plot.PlotOptions = {...options};
  delete rest.title;
  delete rest.subtitle;
  delete rest.caption;
  delete rest.style; // the root gets ROOT_STYLE below; svg-dom has no camelCase style properties
  delete rest.ariaLabel;
  delete rest.ariaDescription;
  const node = Plot.plot({
    ...rest,
    figure: false,
    className: CHART_CLASS,
    document: document as unknown as Document,
  }) as unknown as SvgElement;
  if (node.localName !== 'svg') throw new Error(`renderPlot: expected an <svg>, Plot returned <${node.localName}>`);
  const svg = node;

  // Drop Plot's <style> and its warning badge (a top-level <text> with "⚠️").
  for (const child of [...svg.childNodes]) {
    if (!isSvgElement(child)) continue;
    if (child.localName === 'style') svg.removeChild(child);
    else if (child.localName === 'text' && (child.textContent ?? '').startsWith('\u26a0')) svg.removeChild(child);
  }

  // Renumber Plot's ids within this chart, in document order, per kind.
  const all = elements(svg);
  const renamed = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const el of all) {
    const id = el.attrs.get('id');
    if (id == null) continue;
    const m = PLOT_ID_RE.exec(id);
    if (!m) continue;
    const kind = m[1] as string;
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    const next = `${meta.id}-${kind}-${n}`;
    renamed.set(id, next);
    el.attrs.set('id', next);
  }
  if (renamed.size > 0) {
    for (const el of all) {
      for (const [name, value] of el.attrs) {
        let v = value.replace(/url\(#([^)\s]+)\)/g, (whole, ref: string) => {
          const to = renamed.get(ref);
          return to ? `url(#${to})` : whole;
        });
        if ((name === 'href' || name === 'xlink:href') && v.startsWith('#')) v = `#${renamed.get(v.slice(1)) ?? v.slice(1)}`;
        if (v !== value) el.attrs.set(name, v);
      }
    }
  }

  // Per-mark aria attributes are noise under role="img".
  for (const el of all) {
    if (el === svg) continue;
    el.attrs.delete('aria-label');
    el.attrs.delete('aria-description');
    el.attrs.delete('aria-hidden');
  }

  // Root: inherit the page font, fixed font size, accessible name, sizing.
  svg.removeAttribute('font-family');
  svg.removeAttribute('aria-label');
  svg.removeAttribute('aria-description');
  svg.setAttribute('font-size', String(CHART_FONT_SIZE));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${meta.id}-title`);
  svg.setAttribute('aria-describedby', `${meta.id}-desc`);
  svg.setAttribute('style', ROOT_STYLE);

  const titleEl = document.createElementNS(SVG_NS, 'title');
  titleEl.setAttribute('id', `${meta.id}-title`);
  titleEl.textContent = meta.title;
  const descEl = document.createElementNS(SVG_NS, 'desc');
  descEl.setAttribute('id', `${meta.id}-desc`);
  descEl.textContent = meta.description;
  svg.insertBefore(descEl, svg.firstChild);
  svg.insertBefore(titleEl, descEl);

  return serialize(svg);
}

/**
 * The opening of a chart written directly (without Plot): the root `<svg>` with the attributes
 * {@link renderPlot} gives it, in the same order, then `<title>` and `<desc>`. Close with `</svg>`.
 */
export function chartOpen(meta: ChartMeta, width: number, height: number): string {
  if (!CHART_ID_RE.test(meta.id)) {
    throw new Error(`chartOpen: chart id must match ${CHART_ID_RE}, got ${JSON.stringify(meta.id)}`);
  }
  return (
    `<svg${svgAttr('class', CHART_CLASS)}${svgAttr('fill', 'currentColor')}${svgAttr('font-size', CHART_FONT_SIZE)}` +
    `${svgAttr('text-anchor', 'middle')}${svgAttr('width', width)}${svgAttr('height', height)}` +
    `${svgAttr('viewBox', `0 0 ${width} ${height}`)}${svgAttr('role', 'img')}` +
    `${svgAttr('aria-labelledby', `${meta.id}-title`)}${svgAttr('aria-describedby', `${meta.id}-desc`)}${svgAttr('style', ROOT_STYLE)}>` +
    `<title${svgAttr('id', `${meta.id}-title`)}>${escapeText(meta.title)}</title>` +
    `<desc${svgAttr('id', `${meta.id}-desc`)}>${escapeText(meta.description)}</desc>`
  );
}

/**
 * A chart-sized SVG that only says `message` (default 暂无数据), for series
 * with nothing to plot. Same root attributes as any other chart.
 */
export function renderEmpty(meta: ChartMeta, {width, height, message = '暂无数据'}: {width: number; height: number; message?: string}): string {
  return renderPlot(
    {
      width,
      height,
      margin: 0,
      marks: [Plot.text([message], {frameAnchor: 'middle', fontSize: 14, fill: '#666'})],
    },
    meta,
  );
}

/**
 * Rough rendered width of `text` in px at `fontSize`: CJK and full-width
 * characters count 1em, everything else about 0.6em. Used for margins and
 * truncation, since there is no layout engine at build time.
 */
export function textWidth(text: string, fontSize: number = CHART_FONT_SIZE): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x2e80 || (c >= 0x2010 && c <= 0x2027)) em += 1; // CJK, full-width, dashes/ellipsis
    else if (ch === ' ' || ch === '.' || ch === ',' || ch === ':' || ch === ';' || ch === '|') em += 0.3;
    else em += 0.62;
  }
  return Math.ceil(em * fontSize);
}

/** Shortens `text` with `…` so that it fits `maxWidth` px (see {@link textWidth}). */
export function truncate(text: string, maxWidth: number, fontSize: number = CHART_FONT_SIZE): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = Array.from(text);
  while (chars.length > 0 && textWidth(`${chars.join('')}…`, fontSize) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

export interface LegendItem {
  label: string;
  color: string;
}

/**
 * A Plot render-function mark drawing a text legend (swatch + label pairs,
 * then an optional plain-text `note` such as `单位：万元`) in the top margin,
 * starting at `x`. Reserve about 22 px of `marginTop` for it.
 */
export function swatchLegend(
  items: readonly LegendItem[],
  {x = 0, y = 4, note}: {x?: number; y?: number; note?: string} = {},
): Plot.RenderFunction {
  return (_index, _scales, _values, _dimensions, context) => {
    const doc = context.document;
    const g = doc.createElementNS(SVG_NS, 'g');
    g.setAttribute('transform', `translate(${x},${y})`);
    g.setAttribute('text-anchor', 'start');
    let cx = 0;
    for (const {label, color} of items) {
      const rect = doc.createElementNS(SVG_NS, 'rect');
      rect.setAttribute('x', String(cx));
      rect.setAttribute('y', '2');
      rect.setAttribute('width', '12');
      rect.setAttribute('height', '12');
      rect.setAttribute('fill', color);
      const text = doc.createElementNS(SVG_NS, 'text');
      text.setAttribute('x', String(cx + 16));
      text.setAttribute('y', '12');
      text.textContent = label;
      g.append(rect, text);
      cx += 16 + textWidth(label) + 14;
    }
    if (note) {
      const text = doc.createElementNS(SVG_NS, 'text');
      text.setAttribute('x', String(cx));
      text.setAttribute('y', '12');
      text.setAttribute('fill', '#555');
      text.textContent = note;
      g.append(text);
    }
    return g;
  };
}

/**
 * Which of `count` evenly spaced axis labels to draw so that none collide.
 * `spacing` is the distance between neighbouring slots and `labelWidth` the
 * widest label (px, centred labels), which keep at least `gap` px between
 * them. The step is the smallest of `steps` that leaves room (past the last
 * one, multiples of it); labels go on the slots where `(i + offset) % step`
 * is 0 (so that, with `offset` = the first month's index − 1, every step of
 * 1, 2, 3, 4, 6 or 12 months labels January), and always on the first and the
 * last slot, dropping a label too close to either. With room for only one
 * label, that is the last.
 */
export function thinTicks(
  count: number,
  spacing: number,
  labelWidth: number,
  {gap = 6, steps = [1, 2, 3, 4, 6, 12], offset = 0}: {gap?: number; steps?: readonly number[]; offset?: number} = {},
): number[] {
  if (count <= 0) return [];
  const need = Math.max(1, Math.ceil((labelWidth + gap) / Math.max(spacing, 1e-6)));
  const largest = steps[steps.length - 1] ?? 1;
  const step = steps.find((s) => s >= need) ?? largest * Math.ceil(need / largest);
  const last = count - 1;
  if (last < need) return [last];
  const out = [0];
  for (let i = 1; i < last; i++) if ((((i + offset) % step) + step) % step === 0 && i >= need && last - i >= need) out.push(i);
  out.push(last);
  return out;
}

/** Widest line (px) of any of `labels` (lines split at `\n`), see {@link textWidth}. */
export function labelWidth(labels: readonly string[], fontSize: number = CHART_FONT_SIZE): number {
  let w = 0;
  for (const l of labels) for (const line of l.split('\n')) w = Math.max(w, textWidth(line, fontSize));
  return w;
}

/**
 * A zero-based, "nice" linear domain covering `values`, and its tick values
 * (about `count`), computed up front so margins can be sized to the labels.
 */
export function niceZeroDomain(values: readonly number[], count = 4): {domain: [number, number]; ticks: number[]} {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) hi = 1;
  const scale = scaleLinear().domain([lo, hi]).nice(count);
  const [a = lo, b = hi] = scale.domain();
  return {domain: [a, b], ticks: scale.ticks(count)};
}
