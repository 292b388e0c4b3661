// Shared helpers for the chart tests (not a test file itself).
import {parseHTML} from 'linkedom';

export interface ParsedSvg {
  document: Document;
  root: Element;
}

/** Parses chart markup the way a browser would meet it: inside an HTML body. */
export function parseSvg(svg: string): ParsedSvg {
  const {document} = parseHTML(`<!doctype html><html><body>${svg}</body></html>`) as unknown as {document: Document};
  const root = document.body.firstElementChild;
  if (!root) throw new Error('no element in chart markup');
  return {document, root};
}

/** Every `id` attribute in the SVG. */
export function idsOf(svg: string): string[] {
  const {root} = parseSvg(svg);
  const ids: string[] = [];
  const walk = (el: Element): void => {
    const id = el.getAttribute('id');
    if (id != null) ids.push(id);
    for (const child of Array.from(el.children)) walk(child);
  };
  walk(root);
  return ids;
}

/** Every fragment reference: `url(#x)` anywhere and `href="#x"` / `xlink:href="#x"`. */
export function refsOf(svg: string): string[] {
  const refs: string[] = [];
  for (const m of svg.matchAll(/url\(#([^)]+)\)/g)) refs.push(m[1] as string);
  for (const m of svg.matchAll(/href="#([^"]*)"/g)) refs.push(m[1] as string);
  return refs;
}

/** All elements (depth first) matching a predicate. */
export function findAll(root: Element, pred: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (el: Element): void => {
    if (pred(el)) out.push(el);
    for (const child of Array.from(el.children)) walk(child);
  };
  walk(root);
  return out;
}

export const XSS = '<img src=x onerror=alert(1)>';
