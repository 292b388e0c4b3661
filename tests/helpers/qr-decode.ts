// Reads back a QR code the build drew as SVG (src/lib/site/qr.ts), with an independent decoder
// (jsQR): the path's rectangles become a bitmap, and jsQR must find and decode the code in it.
import jsQR from 'jsqr';

/** Dark modules from the SVG's `M x y h w v1 h-w z` runs, in viewBox units (quiet zone included). */
export function modulesFromSvg(svg: string): { size: number; dark: boolean[][] } {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  if (!size) throw new Error('no square viewBox in the QR SVG');
  const d = /<path[^>]* d="([^"]*)"/.exec(svg)?.[1] ?? '';
  const dark = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let i = 0; i < w; i++) dark[y]![x + i] = true;
  }
  return { size, dark };
}

/**
 * A later sheet's code (`<use href="#id"/>`, src/lib/site/qr.ts repeatedQrSvg) with the path it refers
 * to put in its place; `findPath(id)` returns that path's markup (from the page, or the first code).
 */
export function withUseResolved(svg: string, findPath: (id: string) => string | undefined): string {
  return svg.replace(/<use href="#([^"]+)"\s*\/?>(?:<\/use>)?/, (_, id: string) => {
    const path = findPath(id);
    if (!path) throw new Error(`the QR code refers to #${id}, which is not on the page`);
    return path;
  });
}

/** Decodes the QR code in an SVG drawn by qrSvg: rasterised at `scale` pixels per module. */
export function decodeQrSvg(svg: string, scale = 6): string | undefined {
  const { size, dark } = modulesFromSvg(svg);
  const px = size * scale;
  const rgba = new Uint8ClampedArray(px * px * 4);
  for (let y = 0; y < px; y++) for (let x = 0; x < px; x++) {
    const v = dark[Math.floor(y / scale)]![Math.floor(x / scale)] ? 0 : 255;
    const i = (y * px + x) * 4;
    rgba[i] = rgba[i + 1] = rgba[i + 2] = v;
    rgba[i + 3] = 255;
  }
  return decodeRgba(rgba, px, px);
}

export function decodeRgba(rgba: Uint8ClampedArray, width: number, height: number): string | undefined {
  return jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' })?.data;
}
