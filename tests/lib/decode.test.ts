import { describe, expect, it } from 'vitest';
import { decodeChunks, isStrictUtf8, peek, sniff } from '../../src/lib/decode.ts';
import { encodeGb18030 } from '../../scripts/sample/gbk.ts';
import { concatBytes, utf16le, utf8Bom } from './helpers.ts';

const enc = new TextEncoder();
const HEADER = '乡镇,村,户主姓名,保障人数,月保障金额\r\n城关镇,王家村,张三,3,500\r\n';

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
async function text(bytes: Uint8Array, size: number): Promise<string> {
  const s = sniff(bytes, true);
  if (s.kind !== 'text') throw new Error(`not text: ${s.kind}`);
  let out = '';
  for await (const t of decodeChunks(chunked(bytes, size), s.encoding, s.bomLength)) out += t;
  return out;
}

describe('sniff: which encoding', () => {
  it('reads plain UTF-8 as utf-8', () => {
    expect(sniff(enc.encode(HEADER), true)).toEqual({ kind: 'text', encoding: 'utf-8', bomLength: 0 });
  });

  it('reads UTF-8 with a BOM as utf-8-bom and skips the 3 BOM bytes', () => {
    expect(sniff(utf8Bom(HEADER), true)).toEqual({ kind: 'text', encoding: 'utf-8-bom', bomLength: 3 });
  });

  it('reads GBK bytes (not valid UTF-8) as gb18030', () => {
    expect(sniff(encodeGb18030(HEADER), true)).toEqual({ kind: 'text', encoding: 'gb18030', bomLength: 0 });
  });

  it('reads a short GBK file with a single Chinese word as gb18030', () => {
    expect(sniff(encodeGb18030('姓名,金额\n张三,1\n'), true)).toMatchObject({ encoding: 'gb18030' });
  });

  it('reads Excel Unicode text (UTF-16LE with BOM) as utf-16le', () => {
    expect(sniff(utf16le(HEADER), true)).toEqual({ kind: 'text', encoding: 'utf-16le', bomLength: 2 });
  });

  it('reads UTF-16 saved without a byte-order mark, little- and big-endian, tab- or comma-separated', () => {
    const le = utf16le(HEADER.replace(/,/g, '\t')).subarray(2);
    expect(sniff(le, true)).toEqual({ kind: 'text', encoding: 'utf-16le', bomLength: 0 });
    const be = new Uint8Array(utf16le(HEADER).subarray(2));
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    expect(sniff(be, true)).toEqual({ kind: 'text', encoding: 'utf-16be', bomLength: 0 });
    // Binary with zeros everywhere is still not text.
    expect(sniff(new Uint8Array(64).fill(0).map((_, i) => (i % 7 === 0 ? 3 : 0)), true)).toMatchObject({ kind: 'not-csv' });
  });

  it('reads UTF-16BE with BOM as utf-16be', () => {
    expect(sniff(new Uint8Array([0xfe, 0xff, 0x4e, 0x61, 0x00, 0x2c]), true)).toMatchObject({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('keeps a UTF-8 file with one stray GBK cell as UTF-8, so only that cell is garbled', () => {
    const bytes = concatBytes(enc.encode(HEADER + HEADER.split('\r\n')[1]!.repeat(3) + '\r\n城关镇,王家村,'), encodeGb18030('李四'), enc.encode(',2,400\r\n'));
    expect(isStrictUtf8(bytes, false)).toBe(false);
    expect(sniff(bytes, true)).toMatchObject({ kind: 'text', encoding: 'utf-8' });
  });

  it('does not count a character cut at the end of a partial sample as invalid', () => {
    const bytes = enc.encode('户主姓名');
    expect(isStrictUtf8(bytes.subarray(0, 5), true)).toBe(true);
    expect(isStrictUtf8(bytes.subarray(0, 5), false)).toBe(false);
    expect(sniff(bytes.subarray(0, 5), false)).toMatchObject({ encoding: 'utf-8' });
  });
});

describe('sniff: files that are not CSV', () => {
  it('recognises an .xlsx workbook (PK\\x03\\x04) saved with a .csv name', () => {
    const s = sniff(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), true);
    expect(s.kind).toBe('not-csv');
    expect(s.kind === 'not-csv' && s.what).toContain('.xlsx');
    expect(s.kind === 'not-csv' && s.advice).toContain('CSV UTF-8');
  });

  it('recognises an old .xls file and a PDF', () => {
    expect(sniff(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), true)).toMatchObject({ kind: 'not-csv', what: expect.stringContaining('.xls') });
    expect(sniff(enc.encode('%PDF-1.7\n'), true)).toMatchObject({ kind: 'not-csv', what: expect.stringContaining('PDF') });
  });

  it.each([
    '<!DOCTYPE html><html><body>500 Internal Server Error</body></html>',
    '\r\n  <html><head><title>登录超时</title></head></html>',
    '<?xml version="1.0"?><Workbook/>',
  ])('recognises an HTML/XML error page: %j', (page) => {
    expect(sniff(enc.encode(page), true)).toMatchObject({ kind: 'not-csv', what: expect.stringContaining('HTML') });
    expect(sniff(utf8Bom(page), true).kind).toBe('not-csv');
  });

  it('recognises binary content', () => {
    expect(sniff(new Uint8Array([0x41, 0x00, 0x01, 0x02, 0x42]), true).kind).toBe('not-csv');
  });

  it('calls a 0-byte file, a BOM-only file and a file of blank lines empty', () => {
    expect(sniff(new Uint8Array(0), true)).toEqual({ kind: 'empty' });
    expect(sniff(new Uint8Array([0xef, 0xbb, 0xbf]), true)).toEqual({ kind: 'empty' });
    expect(sniff(enc.encode('\r\n \r\n\u3000\r\n'), true)).toEqual({ kind: 'empty' });
  });
});

describe('decodeChunks', () => {
  it.each([1, 2, 3, 7, 4096])('decodes GBK split into %i-byte chunks without breaking characters', async (size) => {
    expect(await text(encodeGb18030(HEADER), size)).toBe(HEADER);
  });

  it.each([1, 2, 5])('decodes UTF-8 with BOM in %i-byte chunks without the BOM', async (size) => {
    expect(await text(utf8Bom(HEADER), size)).toBe(HEADER);
  });

  it.each([1, 3, 64])('decodes UTF-16LE in %i-byte chunks (odd sizes split code units)', async (size) => {
    expect(await text(utf16le(HEADER), size)).toBe(HEADER);
  });

  it('turns undecodable bytes into U+FFFD for the validate stage to report', async () => {
    const bytes = concatBytes(encodeGb18030('张'), new Uint8Array([0xff]), encodeGb18030('三'));
    expect(await text(bytes, 2)).toBe('张\ufffd三');
  });
});

describe('peek', () => {
  it('hands back every byte after sniffing, even past the sniffed head', async () => {
    const bytes = enc.encode('x'.repeat(1000));
    const { head, complete, all } = await peek(chunked(bytes, 100), 250);
    expect(head.length).toBe(300);
    expect(complete).toBe(false);
    let total = 0;
    for await (const c of all) total += c.length;
    expect(total).toBe(1000);
  });

  it('says when the whole file fit in the head', async () => {
    const { head, complete } = await peek(chunked(enc.encode('abc'), 2));
    expect(complete).toBe(true);
    expect(new TextDecoder().decode(head)).toBe('abc');
  });
});
