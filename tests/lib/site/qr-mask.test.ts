import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { applyBestMask, formatBits, penalty } from '../../../src/lib/site/qr-mask.ts';
import { qrMatrix } from '../../../src/lib/site/qr.ts';

/** Addresses like the ones printed: villages, datasets, percent-encoded names, several symbol versions. */
const addresses = [
  ...Array.from({ length: 300 }, (_, i) => `https://sanwu.example.gov.cn/place/${String(999901100201 + i * 7919)}/`),
  ...Array.from({ length: 100 }, (_, i) => `https://x${i}.example.gov.cn/${'gov/'.repeat(i % 9)}datasets/dibao/print/`),
  ...Array.from({ length: 60 }, (_, i) => `http://127.0.0.1:4321/place/${encodeURIComponent('王家村'.repeat(1 + (i % 6)))}/${i}`),
];

describe('applyBestMask', () => {
  it('chooses the mask qrcode itself chooses, and draws the same symbol, for hundreds of addresses', () => {
    const chosen = new Set<number>();
    for (const url of addresses) {
      const reference = QRCode.create(url, { errorCorrectionLevel: 'M' });
      const fast = QRCode.create(url, { errorCorrectionLevel: 'M', maskPattern: 0 });
      const mask = applyBestMask(fast.modules, 0, 0b00);
      expect(mask, url).toBe(reference.maskPattern);
      expect(Buffer.from(fast.modules.data).equals(Buffer.from(reference.modules.data)), url).toBe(true);
      chosen.add(mask);
    }
    // The sample exercises re-masking, not only the mask the symbol was encoded with.
    expect(chosen.size).toBeGreaterThanOrEqual(6);
  });

  it('re-masks from any starting mask to the same symbol', () => {
    const url = addresses[5]!;
    const reference = QRCode.create(url, { errorCorrectionLevel: 'M' });
    for (const start of [0, 1, 2, 3, 4, 5, 6, 7] as const) {
      const code = QRCode.create(url, { errorCorrectionLevel: 'M', maskPattern: start });
      applyBestMask(code.modules, start, 0b00);
      expect(Buffer.from(code.modules.data).equals(Buffer.from(reference.modules.data)), `from mask ${start}`).toBe(true);
    }
  });

  it('qrMatrix gives qrcode\'s own symbol', () => {
    for (const url of addresses.slice(0, 40)) {
      const reference = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
      const m = qrMatrix(url);
      expect(m.length).toBe(reference.size);
      expect(m.flat().map(Number)).toEqual([...reference.data]);
    }
  });
});

describe('formatBits', () => {
  it('matches the standard\'s format information table', () => {
    // ISO/IEC 18004 table C.1: level M mask 0 is 101010000010010, level L mask 0 111011111000100, level H mask 7 000100000111011.
    expect(formatBits(0b00, 0)).toBe(0b101010000010010);
    expect(formatBits(0b01, 0)).toBe(0b111011111000100);
    expect(formatBits(0b10, 7)).toBe(0b000100000111011);
  });
});

describe('penalty', () => {
  it('scores a uniform symbol far worse than a checkerboard', () => {
    const size = 21;
    const dark = new Uint8Array(size * size).fill(1);
    const checker = Uint8Array.from({ length: size * size }, (_, i) => (Math.floor(i / size) + (i % size)) % 2);
    // All dark: 2 × 21 runs of 21 (N1 3 + 16 each), 400 2×2 blocks (N2 3 each), 100 % dark (N4 10 × 10).
    expect(penalty(dark, size)).toBe(42 * 19 + 400 * 3 + 100);
    expect(penalty(checker, size)).toBeLessThan(penalty(dark, size) / 10);
  });
});
