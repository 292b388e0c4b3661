/**
 * QR codes for printed notices: the page's absolute address as an SVG drawn at build time (one
 * path of dark modules, a white quiet zone), so a resident can scan the paper on the notice board
 * and open the page online. Encoding by `qrcode` (npm); the SVG markup is ours, small and stable.
 */
import QRCode from 'qrcode';
import { applyBestMask } from './qr-mask.ts';

/** Level M's two format-information bits (ISO/IEC 18004 table 12). */
const LEVEL_M_BITS = 0b00;

/** Modules of white around the code, as the QR standard asks for. */
export const QUIET_ZONE = 4;

/** The dark modules, row by row: `matrix[y][x]`. */
export function qrMatrix(text: string): boolean[][] {
  // Level M (15 % recoverable) survives a crease, a staple or rain on the paper. Encoded with a
  // fixed mask, then re-masked with the standard's choice (qr-mask.ts): the same symbol as
  // `qrcode` would choose, in a fifth of the time.
  const code = QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern: 0 });
  const { size: n, data } = code.modules;
  applyBestMask(code.modules, 0, LEVEL_M_BITS);
  const rows: boolean[][] = [];
  for (let y = 0; y < n; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < n; x++) row.push(data[y * n + x] === 1);
    rows.push(row);
  }
  return rows;
}

/**
 * The QR code as inline SVG markup (no external reference): one `h…v1h-…z` rectangle per run of
 * dark modules, scaled by the page's CSS. `label` becomes the image's accessible name.
 */
export function qrSvg(text: string, label: string, pathId?: string): string {
  const m = qrMatrix(text);
  const size = m.length + 2 * QUIET_ZONE;
  let d = '';
  m.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      let run = 1;
      while (row[x + run]) run++;
      d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h${run}v1h-${run}z`;
      x += run - 1;
    }
  });
  return `${qrOpen(size, label)}<path${pathId ? ` id="${pathId}"` : ''} fill="#000" d="${d}"/></svg>`;
}

function qrOpen(size: number, label: string): string {
  return `<svg class="qr" viewBox="0 0 ${size} ${size}" role="img" aria-label="${escapeAttr(label)}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/>`;
}

/** The same code on every sheet of one printed page: drawn once, then referenced. */
export interface RepeatedQr {
  /** The first sheet's code; its path carries the id the others refer to. */
  first: string;
  /** Every later sheet's code: `<use>` of the first one's path (about 250 bytes instead of 4 KB). */
  again: string;
}

/**
 * A code printed on several sheets of one page (a village's print view has one sheet per dataset):
 * at 30,000 villages, repeating the whole path would write 650 MB more.
 */
export function repeatedQrSvg(text: string, label: string, pathId = 'sl-qr'): RepeatedQr {
  const first = qrSvg(text, label, pathId);
  const size = Number(/viewBox="0 0 (\d+) /.exec(first)![1]);
  return { first, again: `${qrOpen(size, label)}<use href="#${pathId}"/></svg>` };
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The absolute address of a site-relative path (`place/x/`) under site.json's `url`
 * (`https://sanwu.example.gov.cn/` or with a base path); undefined without a `url`.
 */
export function absoluteUrl(siteUrl: string | undefined, sitePath: string): string | undefined {
  if (!siteUrl) return undefined;
  const root = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  return root + sitePath.replace(/^\/+/, '');
}
