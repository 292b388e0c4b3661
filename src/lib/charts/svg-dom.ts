// A small DOM for rendering Plot charts at build time.
//
// Plot and d3-selection only create detached SVG nodes, set attributes and
// text, and insert children: a general DOM (linkedom) spends a tenth of a
// chart's time giving every node an event-listener map it never uses, and
// much of the rest in garbage collection. This document implements just the
// part of the DOM that Plot 0.6 and d3-selection call when rendering static
// marks, keeps attributes in the order they were first set, and is read back
// by render.ts's serializer. Anything outside that part throws, so an
// upgrade of Plot that needs more fails a test instead of drawing wrong.

const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** DOCUMENT_POSITION_PRECEDING / FOLLOWING, as d3's selection.order() reads them. */
const PRECEDING = 2;
const FOLLOWING = 4;

export type SvgChild = SvgElement | SvgText;

export class SvgText {
  readonly nodeType = 3;
  parentNode: SvgElement | null = null;
  readonly ownerDocument: SvgDocument;
  data: string;
  constructor(ownerDocument: SvgDocument, data: string) {
    this.ownerDocument = ownerDocument;
    this.data = data;
  }
  get textContent(): string {
    return this.data;
  }
  set textContent(value: string | null) {
    this.data = value == null ? '' : String(value);
  }
  get nodeValue(): string {
    return this.data;
  }
  cloneNode(): SvgText {
    return new SvgText(this.ownerDocument, this.data);
  }
  remove(): void {
    this.parentNode?.removeChild(this);
  }
}

/** `element.style`: each property is written through to the `style` attribute, as browsers do. */
class SvgStyle {
  private readonly props = new Map<string, string>();
  private readonly owner: SvgElement;
  constructor(owner: SvgElement) {
    this.owner = owner;
  }
  setProperty(name: string, value: string | null, priority?: string): void {
    if (value == null || value === '') {
      this.removeProperty(name);
      return;
    }
    this.props.set(name, priority ? `${value} !${priority}` : String(value));
    this.sync();
  }
  removeProperty(name: string): string {
    const old = this.props.get(name) ?? '';
    if (this.props.delete(name)) this.sync();
    return old;
  }
  getPropertyValue(name: string): string {
    return this.props.get(name) ?? '';
  }
  /** Called when the `style` attribute itself is set. */
  reset(text: string): void {
    this.props.clear();
    for (const decl of text.split(';')) {
      const colon = decl.indexOf(':');
      if (colon > 0) this.props.set(decl.slice(0, colon).trim(), decl.slice(colon + 1).trim());
    }
  }
  private sync(): void {
    const text = [...this.props].map(([k, v]) => `${k}:${v}`).join(';');
    if (text === '') this.owner.attrs.delete('style');
    else this.owner.attrs.set('style', text);
  }
}

export class SvgElement {
  readonly nodeType = 1;
  parentNode: SvgElement | null = null;
  readonly childNodes: SvgChild[] = [];
  /** Attributes in the order they were first set (a Map keeps that order). */
  readonly attrs = new Map<string, string>();
  private styleDecl: SvgStyle | undefined;
  readonly ownerDocument: SvgDocument;
  readonly namespaceURI: string;
  readonly localName: string;

  constructor(ownerDocument: SvgDocument, namespaceURI: string, localName: string) {
    this.ownerDocument = ownerDocument;
    this.namespaceURI = namespaceURI;
    this.localName = localName;
  }

  get tagName(): string {
    return this.namespaceURI === XHTML_NS ? this.localName.toUpperCase() : this.localName;
  }
  get nodeName(): string {
    return this.tagName;
  }
  get firstChild(): SvgChild | null {
    return this.childNodes[0] ?? null;
  }
  get lastChild(): SvgChild | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }
  get children(): SvgElement[] {
    return this.childNodes.filter((n): n is SvgElement => n.nodeType === 1);
  }
  get isConnected(): boolean {
    return false;
  }
  get style(): SvgStyle {
    if (!this.styleDecl) {
      this.styleDecl = new SvgStyle(this);
      const text = this.attrs.get('style');
      if (text != null) this.styleDecl.reset(text);
    }
    return this.styleDecl;
  }
  set style(text: string) {
    this.setAttribute('style', text);
  }

  getAttribute(name: string): string | null {
    return this.attrs.get(name) ?? null;
  }
  hasAttribute(name: string): boolean {
    return this.attrs.has(name);
  }
  setAttribute(name: string, value: unknown): void {
    const text = String(value);
    this.attrs.set(name, text);
    if (name === 'style') this.styleDecl?.reset(text);
  }
  setAttributeNS(_ns: string | null, name: string, value: unknown): void {
    this.setAttribute(name, value);
  }
  removeAttribute(name: string): void {
    this.attrs.delete(name);
    if (name === 'style') this.styleDecl?.reset('');
  }
  removeAttributeNS(_ns: string | null, name: string): void {
    this.removeAttribute(name);
  }

  get textContent(): string {
    let out = '';
    for (const child of this.childNodes) out += child.textContent;
    return out;
  }
  set textContent(value: string | null) {
    for (const child of this.childNodes) child.parentNode = null;
    this.childNodes.length = 0;
    const text = value == null ? '' : String(value);
    if (text !== '') this.appendChild(new SvgText(this.ownerDocument, text));
  }

  appendChild<T extends SvgChild>(node: T): T {
    return this.insertBefore(node, null);
  }
  insertBefore<T extends SvgChild>(node: T, ref: SvgChild | null | undefined): T {
    if ((node as unknown) === this) throw new Error('svg-dom: cannot insert a node into itself');
    if (ref != null && ref.parentNode !== this) throw new Error('svg-dom: the reference node is not a child of this element');
    if (node === ref) return node;
    node.parentNode?.removeChild(node);
    if (ref == null) this.childNodes.push(node);
    else this.childNodes.splice(this.childNodes.indexOf(ref), 0, node);
    node.parentNode = this;
    return node;
  }
  removeChild<T extends SvgChild>(node: T): T {
    const at = this.childNodes.indexOf(node);
    if (at < 0) throw new Error('svg-dom: not a child of this element');
    this.childNodes.splice(at, 1);
    node.parentNode = null;
    return node;
  }
  append(...nodes: (SvgChild | string)[]): void {
    for (const node of nodes) this.appendChild(typeof node === 'string' ? new SvgText(this.ownerDocument, node) : node);
  }
  remove(): void {
    this.parentNode?.removeChild(this);
  }
  replaceWith(...nodes: (SvgChild | string)[]): void {
    const parent = this.parentNode;
    if (!parent) return;
    for (const node of nodes) parent.insertBefore(typeof node === 'string' ? new SvgText(this.ownerDocument, node) : node, this);
    parent.removeChild(this);
  }
  cloneNode(deep = false): SvgElement {
    const copy = new SvgElement(this.ownerDocument, this.namespaceURI, this.localName);
    for (const [k, v] of this.attrs) copy.attrs.set(k, v);
    if (deep) for (const child of this.childNodes) copy.appendChild(child.cloneNode(true));
    return copy;
  }

  /** Only plain tag-name selectors (`g`, `rect`), which is all Plot's static marks use. */
  querySelectorAll(selector: string): SvgElement[] {
    const tag = plainTag(selector);
    const out: SvgElement[] = [];
    const walk = (el: SvgElement): void => {
      for (const child of el.childNodes) {
        if (child.nodeType !== 1) continue;
        if (child.localName === tag) out.push(child);
        walk(child);
      }
    };
    walk(this);
    return out;
  }
  querySelector(selector: string): SvgElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }

  /** Enough for d3's selection.order(): preceding (2) or following (4) in tree order. */
  compareDocumentPosition(other: SvgChild): number {
    if ((other as unknown) === this) return 0;
    const a = pathFromRoot(this);
    const b = pathFromRoot(other);
    if (a[0] !== b[0]) throw new Error('svg-dom: nodes are in different trees');
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    // One contains the other: the container precedes.
    if (i === a.length) return FOLLOWING;
    if (i === b.length) return PRECEDING;
    const parent = a[i - 1] as SvgElement;
    return parent.childNodes.indexOf(a[i] as SvgChild) < parent.childNodes.indexOf(b[i] as SvgChild) ? FOLLOWING : PRECEDING;
  }

  // Plot wires listeners only for interactive marks, which never run at build time.
  addEventListener(): void {}
  removeEventListener(): void {}
  dispatchEvent(): boolean {
    throw new Error('svg-dom: events are not supported at build time');
  }
  getBBox(): never {
    throw new Error('svg-dom: there is no layout at build time (getBBox)');
  }
}

function plainTag(selector: string): string {
  if (!/^[a-zA-Z][a-zA-Z0-9-]*$/.test(selector)) throw new Error(`svg-dom: unsupported selector ${JSON.stringify(selector)}`);
  return selector;
}

function pathFromRoot(node: SvgChild): (SvgElement | SvgText)[] {
  const path: (SvgElement | SvgText)[] = [];
  for (let n: SvgElement | SvgText | null = node; n; n = n.parentNode) path.push(n);
  return path.reverse();
}

export class SvgDocument {
  readonly nodeType = 9;
  readonly documentElement: SvgElement;
  readonly defaultView = null;
  constructor() {
    this.documentElement = new SvgElement(this, XHTML_NS, 'html');
  }
  createElementNS(namespace: string | null, qualifiedName: string): SvgElement {
    const colon = qualifiedName.indexOf(':');
    return new SvgElement(this, namespace ?? XHTML_NS, colon < 0 ? qualifiedName : qualifiedName.slice(colon + 1));
  }
  createElement(name: string): SvgElement {
    return new SvgElement(this, XHTML_NS, name.toLowerCase());
  }
  createTextNode(data: string): SvgText {
    return new SvgText(this, String(data));
  }
}

/** Child elements only (no text nodes). */
export function isSvgElement(node: SvgChild): node is SvgElement {
  return node.nodeType === 1;
}
