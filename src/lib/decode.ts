/**
 * Decode stage: decides the encoding from the first bytes and turns the byte stream into text.
 * Strict UTF-8 is tried first, then GB18030 (a superset of GBK): detection libraries mistake short
 * GBK files for EUC-KR or Latin-1, while a strict UTF-8 check never does.
 */

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export type Sniff =
  | { kind: 'text'; encoding: Encoding; bomLength: number }
  | { kind: 'not-csv'; what: string; advice: string }
  | { kind: 'empty' };

const SNIFF_BYTES = 1 << 20;

/** Looks at the first bytes of a file: which encoding, or why it is not a CSV file at all. */
export function sniff(head: Uint8Array, complete: boolean): Sniff {
  const b = head;
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04)
    return { kind: 'not-csv', what: '这是 Excel 工作簿（.xlsx）或压缩包，只是扩展名写成了 .csv', advice: '请在 Excel 中打开，选择「另存为」→「CSV UTF-8（逗号分隔）」' };
  if (b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0)
    return { kind: 'not-csv', what: '这是旧版 Excel 文件（.xls）', advice: '请在 Excel 中打开，选择「另存为」→「CSV UTF-8（逗号分隔）」' };
  if (b.length >= 4 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46)
    return { kind: 'not-csv', what: '这是 PDF 文件', advice: '请导出原始表格（Excel/CSV），不要上传扫描件或 PDF' };
  let bomLength = 0;
  let encoding: Encoding | undefined;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) { bomLength = 3; encoding = 'utf-8-bom'; }
  else if (b[0] === 0xff && b[1] === 0xfe) { bomLength = 2; encoding = 'utf-16le'; }
  else if (b[0] === 0xfe && b[1] === 0xff) { bomLength = 2; encoding = 'utf-16be'; }
  if (!encoding) encoding = utf16WithoutBom(b);
  if (!encoding) {
    const sample = b.subarray(0, SNIFF_BYTES);
    encoding = isStrictUtf8(sample, !complete || b.length > SNIFF_BYTES) || mostlyUtf8(sample) ? 'utf-8' : 'gb18030';
  }
  const text = new TextDecoder(decoderLabel(encoding)).decode(b.subarray(bomLength, bomLength + 4096));
  if (text.trim() === '') return complete && b.length < SNIFF_BYTES && onlyWhitespace(b, bomLength, encoding) ? { kind: 'empty' } : { kind: 'text', encoding, bomLength };
  if (/^\s*<(!doctype|html|head|body|\?xml|table|div)/i.test(text))
    return { kind: 'not-csv', what: '这是网页（HTML）或 XML 文件，可能是下载失败时保存的错误页面', advice: '请重新从系统导出表格，或在 Excel 中另存为 CSV' };
  if (text.includes('\u0000') && !encoding.startsWith('utf-16'))
    return { kind: 'not-csv', what: '这是二进制文件，不是文本表格', advice: '请在 Excel 中另存为 CSV' };
  return { kind: 'text', encoding, bomLength };
}

/**
 * UTF-16 saved without a byte-order mark (some exporters do): the commas, digits and line breaks
 * of a table put a zero byte in every other position, on one side only. Binary files have zeros
 * on both sides or hardly any.
 */
function utf16WithoutBom(b: Uint8Array): Encoding | undefined {
  const n = Math.min(b.length, 1024) & ~1;
  if (n < 8) return undefined;
  let evenZeros = 0, oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  const encoding = oddZeros >= pairs * 0.2 && evenZeros <= pairs * 0.01 ? 'utf-16le'
    : evenZeros >= pairs * 0.2 && oddZeros <= pairs * 0.01 ? 'utf-16be' : undefined;
  if (!encoding) return undefined;
  // A table: separators and text, not control characters.
  const text = new TextDecoder(encoding).decode(b.subarray(0, n));
  return /[,\t;\n]/.test(text) && !/[\u0000-\u0008\u000e-\u001f]/.test(text) ? encoding : undefined;
}

function onlyWhitespace(b: Uint8Array, from: number, encoding: Encoding): boolean {
  return new TextDecoder(decoderLabel(encoding)).decode(b.subarray(from)).replace(/[\s,;\t\u3000]/g, '') === '';
}

/** Strict UTF-8 check; a multi-byte character cut at the end of a partial sample is not an error. */
export function isStrictUtf8(bytes: Uint8Array, mayBeCut: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: mayBeCut });
    return true;
  } catch {
    return false;
  }
}

/**
 * A UTF-8 file with a few stray bytes (one cell pasted from a GBK file) is still UTF-8: read as
 * GB18030 every Chinese character would be garbled and the header lost, while read as UTF-8 only
 * the bad cells are, and they are reported by row and column. GBK text read as UTF-8 has about one
 * valid character for six invalid ones; this asks for four valid ones per invalid one.
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(bytes);
  let good = 0, bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c >= 0x80) good++;
  }
  return good >= 20 && good >= 4 * bad;
}

export function decoderLabel(e: Encoding): string {
  return e === 'utf-8-bom' ? 'utf-8' : e;
}

export const ENCODING_LABEL: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（带 BOM）',
  gb18030: 'GBK/GB18030',
  'utf-16le': 'UTF-16（Excel Unicode 文本）',
  'utf-16be': 'UTF-16BE',
};

/**
 * Reads the head of the stream for sniffing, then yields the decoded text of the whole file.
 * Undecodable bytes become U+FFFD, which the validate stage reports per cell.
 */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array>, encoding: Encoding, bomLength: number): AsyncGenerator<string> {
  const decoder = new TextDecoder(decoderLabel(encoding), { ignoreBOM: true });
  let skip = bomLength;
  for await (const chunk of chunks) {
    let c = chunk;
    if (skip > 0) { const n = Math.min(skip, c.length); c = c.subarray(n); skip -= n; }
    const s = decoder.decode(c, { stream: true });
    if (s) yield s;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** Buffers the first bytes of a chunk stream for sniffing and hands back a stream of all bytes. */
export async function peek(chunks: AsyncIterable<Uint8Array>, want = SNIFF_BYTES): Promise<{ head: Uint8Array; complete: boolean; all: AsyncIterable<Uint8Array>; close: () => Promise<void> }> {
  const it = chunks[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let length = 0;
  let complete = false;
  while (length < want) {
    const r = await it.next();
    if (r.done) { complete = true; break; }
    const c = r.value instanceof Uint8Array ? r.value : new Uint8Array(r.value as ArrayBufferLike);
    parts.push(c);
    length += c.length;
  }
  const head = concat(parts, length);
  async function* all(): AsyncGenerator<Uint8Array> {
    if (head.length) yield head;
    if (complete) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  // close(): for a file not read past its head (not a CSV, empty), so its handle is released now.
  return { head, complete, all: all(), close: async () => { if (!complete) await it.return?.(); } };
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
