/**
 * GBK / GB18030 encoder (two-byte table only), dependency-free.
 *
 * Node ships GB18030 *decoders* (TextDecoder('gb18030') / 'gbk') but no encoder.
 * We build one by decoding every two-byte sequence (lead 0x81-0xFE, trail
 * 0x40-0xFE except 0x7F) once and inverting the result. The inverse table is a
 * Uint16Array indexed by UTF-16 code unit (0 = not encodable), which is the
 * same as a Map<char, bytes> for BMP characters but much faster, so tens of MB
 * encode in well under a second. Every byte sequence we emit therefore decodes
 * back to the original text with TextDecoder('gb18030') and with 'gbk'.
 *
 * Characters outside the table (most non-BMP characters such as U+23D66, and
 * the few BMP characters GB18030 only has as four-byte sequences, e.g. U+00A5)
 * raise a RangeError instead of being replaced with '?'.
 */

let table: Uint16Array | undefined;

function buildTable(): Uint16Array {
  const inverse = new Uint16Array(0x10000);
  const decoder = new TextDecoder('gb18030');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    pair[0] = lead;
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[1] = trail;
      const text = decoder.decode(pair);
      if (text.length !== 1) continue;
      const unit = text.charCodeAt(0);
      if (unit < 0x80 || unit === 0xfffd || (unit >= 0xd800 && unit <= 0xdfff)) continue;
      // Keep the first (lowest) byte sequence when two map to the same character.
      if (inverse[unit] === 0) inverse[unit] = (lead << 8) | trail;
    }
  }
  return inverse;
}

function getTable(): Uint16Array {
  table ??= buildTable();
  return table;
}

function describe(text: string, index: number): string {
  const cp = text.codePointAt(index) ?? 0;
  return `${JSON.stringify(String.fromCodePoint(cp))} (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) at index ${index}`;
}

/** Encodes text as GB18030 (GBK two-byte subset plus ASCII). Throws RangeError on unencodable characters. */
export function encodeGb18030(text: string): Uint8Array {
  const inverse = getTable();
  const out = new Uint8Array(text.length * 2);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      out[o++] = unit;
      continue;
    }
    const bytes = inverse[unit] ?? 0;
    if (bytes === 0) {
      throw new RangeError(`encodeGb18030: ${describe(text, i)} has no GBK two-byte code`);
    }
    out[o++] = bytes >>> 8;
    out[o++] = bytes & 0xff;
  }
  return out.subarray(0, o);
}

/** True when every character of text can be encoded by encodeGb18030. */
export function canEncodeGb18030(text: string): boolean {
  const inverse = getTable();
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80 && (inverse[unit] ?? 0) === 0) return false;
  }
  return true;
}
