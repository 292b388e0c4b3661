/**
 * One face out of a font collection (.ttc), as a standalone OpenType font. resvg spends most of a
 * share image's time on text with the Noto CJK collection (10 faces, shaping tables for all of
 * them): the one face we draw with, without its shaping tables (GSUB/GPOS: Chinese text and
 * digits need none), renders the same text about three times faster. Pure: bytes in, bytes out.
 */

/** Tables left out: shaping and vertical-writing data the share images never use. */
const DROP = new Set(['GSUB', 'GPOS', 'BASE', 'VORG', 'vhea', 'vmtx', 'DSIG']);

interface TableRecord { tag: string; checksum: number; offset: number; length: number }

function tableDirectory(view: DataView, at: number): { sfnt: number; tables: TableRecord[] } {
  const count = view.getUint16(at + 4);
  const tables: TableRecord[] = [];
  for (let i = 0; i < count; i++) {
    const r = at + 12 + 16 * i;
    tables.push({
      tag: String.fromCharCode(view.getUint8(r), view.getUint8(r + 1), view.getUint8(r + 2), view.getUint8(r + 3)),
      checksum: view.getUint32(r + 4), offset: view.getUint32(r + 8), length: view.getUint32(r + 12),
    });
  }
  return { sfnt: view.getUint32(at), tables };
}

/** The family name written in UTF-16BE, as it appears in a `name` table. */
function utf16be(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) { out[2 * i] = s.charCodeAt(i) >> 8; out[2 * i + 1] = s.charCodeAt(i) & 0xff; }
  return out;
}

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The face of a collection whose `name` table mentions `family` (e.g. 「Noto Sans CJK SC」), as an
 * OpenType font without shaping tables. A file that is already a single font is returned as is;
 * undefined when no face matches or the bytes are not a font collection.
 */
export function extractFace(bytes: Uint8Array, family: string): Uint8Array | undefined {
  if (bytes.length < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = String.fromCharCode(...bytes.subarray(0, 4));
  if (tag !== 'ttcf') return tag === 'OTTO' || view.getUint32(0) === 0x00010000 ? bytes : undefined;
  const faces = view.getUint32(8);
  const needle = utf16be(family);
  for (let f = 0; f < faces; f++) {
    const dir = tableDirectory(view, view.getUint32(12 + 4 * f));
    const name = dir.tables.find((t) => t.tag === 'name');
    if (!name || !contains(bytes.subarray(name.offset, name.offset + name.length), needle)) continue;
    const tables = dir.tables.filter((t) => !DROP.has(t.tag));
    const headerSize = 12 + 16 * tables.length;
    let size = headerSize;
    for (const t of tables) size += (t.length + 3) & ~3;
    const out = new Uint8Array(size);
    const w = new DataView(out.buffer);
    const log2 = Math.floor(Math.log2(tables.length));
    w.setUint32(0, dir.sfnt);
    w.setUint16(4, tables.length);
    w.setUint16(6, 16 * 2 ** log2);
    w.setUint16(8, log2);
    w.setUint16(10, 16 * tables.length - 16 * 2 ** log2);
    let pos = headerSize;
    tables.forEach((t, i) => {
      const r = 12 + 16 * i;
      for (let k = 0; k < 4; k++) w.setUint8(r + k, t.tag.charCodeAt(k));
      w.setUint32(r + 4, t.checksum);
      w.setUint32(r + 8, pos);
      w.setUint32(r + 12, t.length);
      out.set(bytes.subarray(t.offset, t.offset + t.length), pos);
      pos += (t.length + 3) & ~3;
    });
    return out;
  }
  return undefined;
}
