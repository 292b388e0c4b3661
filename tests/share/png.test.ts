// Share images with resvg and the system's CJK font: real Chinese glyphs (not boxes), identical
// bytes for identical input, and no images at all when no CJK font can be found.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFace } from '../../src/lib/share/font-face.ts';
import { CJK_FAMILY, findCjkFont, pngRenderer, preparedFont } from '../../src/lib/share/node-png.ts';
import { shareCardSvg } from '../../src/lib/share/card.ts';
import { makeTempDir } from '../helpers/site.ts';

const fontFile = findCjkFont();
const text = (s: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" font-family="${CJK_FAMILY}"><text x="10" y="45" font-size="40">${s}</text></svg>`;

describe('share images', () => {
  it('finds the CJK font the project needs (fonts-noto-cjk, which .ci/run installs)', () => {
    expect(fontFile, 'no CJK font: apt-get install fonts-noto-cjk').toBeTruthy();
  });

  it('reduces the font collection to one face without shaping tables', () => {
    const bytes = readFileSync(fontFile!);
    const face = extractFace(bytes, CJK_FAMILY)!;
    expect(face).toBeDefined();
    const tag = String.fromCharCode(...face.subarray(0, 4));
    expect(tag).toBe('OTTO');
    const view = new DataView(face.buffer, face.byteOffset, face.byteLength);
    const tables = Array.from({ length: view.getUint16(4) }, (_, i) => String.fromCharCode(...face.subarray(12 + 16 * i, 16 + 16 * i)));
    expect(tables).toContain('CFF ');
    expect(tables).toContain('cmap');
    expect(tables).not.toContain('GSUB');
    expect(face.length).toBeLessThan(bytes.length);
    expect(extractFace(bytes, 'No Such Family')).toBeUndefined();
    expect(extractFace(new Uint8Array([1, 2, 3]), CJK_FAMILY)).toBeUndefined();
  });

  it('draws Chinese characters (different characters, different pixels), the same bytes every time', async () => {
    const r = await pngRenderer(preparedFont(fontFile!, join(makeTempDir('sunlight-font-'), 'fonts')));
    const [a, a2, b, blank] = await Promise.all([r.render(text('城关')), r.render(text('城关')), r.render(text('王家')), r.render(text(''))]);
    expect([...a.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(Buffer.compare(a, a2)).toBe(0);
    // A missing glyph draws the same box for every character; real glyphs differ.
    expect(Buffer.compare(a, b)).not.toBe(0);
    expect(Buffer.compare(a, blank)).not.toBe(0);
  });

  it('renders a whole card reproducibly at 1200×630', async () => {
    const r = await pngRenderer(preparedFont(fontFile!, join(makeTempDir('sunlight-font-'), 'fonts')));
    const svg = shareCardSvg({ title: '示例县 低保对象', subtitle: '低保户数 412 户', footer: '示例县三务公开', fontFamily: r.family });
    const [p1, p2] = [await r.render(svg), await r.render(svg)];
    expect(Buffer.compare(p1, p2)).toBe(0);
    const v = new DataView(p1.buffer, p1.byteOffset);
    expect([v.getUint32(16), v.getUint32(20)]).toEqual([1200, 630]);
  });

  it('SUNLIGHT_CJK_FONT=none (or a missing file) means no font, so no images', () => {
    expect(findCjkFont({ SUNLIGHT_CJK_FONT: 'none' })).toBeUndefined();
    expect(findCjkFont({ SUNLIGHT_CJK_FONT: '/nonexistent/font.ttc' })).toBeUndefined();
    expect(findCjkFont({ SUNLIGHT_CJK_FONT: fontFile! })).toBe(fontFile);
  });
});
