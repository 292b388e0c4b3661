import { describe, expect, it } from 'vitest';
import { absoluteUrl, qrMatrix, qrSvg, QUIET_ZONE, repeatedQrSvg } from '../../../src/lib/site/qr.ts';
import { decodeQrSvg, modulesFromSvg, withUseResolved } from '../../helpers/qr-decode.ts';

describe('qrSvg', () => {
  const urls = [
    'https://sanwu.example.gov.cn/place/999901100201/',
    'https://sanwu.example.gov.cn/gov/sanwu/datasets/dibao/',
    'http://127.0.0.1:4321/place/%E7%8E%8B%E5%AE%B6%E6%9D%91/',
  ];

  it.each(urls)('an independent decoder (jsQR) reads back %s', (url) => {
    expect(decodeQrSvg(qrSvg(url, '二维码'))).toBe(url);
  });

  it('draws exactly the encoder\'s modules, inside a quiet zone', () => {
    const url = urls[0]!;
    const m = qrMatrix(url);
    const { size, dark } = modulesFromSvg(qrSvg(url, 'x'));
    expect(size).toBe(m.length + 2 * QUIET_ZONE);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
      const inside = y >= QUIET_ZONE && x >= QUIET_ZONE && y < size - QUIET_ZONE && x < size - QUIET_ZONE;
      expect(dark[y]![x], `module ${x},${y}`).toBe(inside ? m[y - QUIET_ZONE]![x - QUIET_ZONE] : false);
    }
  });

  it('is the same bytes every time, and a different address gives a different code', () => {
    expect(qrSvg(urls[0]!, 'x')).toBe(qrSvg(urls[0]!, 'x'));
    expect(qrSvg(urls[1]!, 'x')).not.toBe(qrSvg(urls[0]!, 'x'));
    expect(decodeQrSvg(qrSvg(urls[1]!, 'x'))).not.toBe(urls[0]);
  });

  it('escapes its label and refers to nothing outside itself', () => {
    const svg = qrSvg(urls[0]!, '"><script>');
    expect(svg).not.toContain('<script>');
    expect(svg).not.toMatch(/href|url\(|https?:/);
  });
});

describe('repeatedQrSvg', () => {
  const url = 'https://sanwu.example.gov.cn/place/999901100201/';
  const { first, again } = repeatedQrSvg(url, '二维码：王家村');
  const pathOf = (id: string) => new RegExp(`<path id="${id}"[^>]*/>`).exec(first)?.[0];

  it('draws the code once: the first copy decodes, and the later ones decode through it', () => {
    expect(decodeQrSvg(first)).toBe(url);
    expect(first).toBe(qrSvg(url, '二维码：王家村', 'sl-qr'));
    expect(again).toContain('<use href="#sl-qr"/>');
    expect(again).not.toContain('<path');
    expect(decodeQrSvg(withUseResolved(again, pathOf))).toBe(url);
  });

  it('keeps the size and the accessible name on every copy, and a later copy is a fraction of the first', () => {
    const box = (svg: string) => /viewBox="[^"]+"/.exec(svg)?.[0];
    expect(box(again)).toBe(box(first));
    expect(again).toContain('aria-label="二维码：王家村"');
    expect(again.length).toBeLessThan(first.length / 10);
  });
});

describe('absoluteUrl', () => {
  it('joins site.json url and a site path, with or without the trailing slash', () => {
    expect(absoluteUrl('https://sanwu.example.gov.cn/', 'place/1/')).toBe('https://sanwu.example.gov.cn/place/1/');
    expect(absoluteUrl('https://x.example.gov.cn/gov/sanwu', '/place/1/')).toBe('https://x.example.gov.cn/gov/sanwu/place/1/');
    expect(absoluteUrl(undefined, 'place/1/')).toBeUndefined();
  });
});
