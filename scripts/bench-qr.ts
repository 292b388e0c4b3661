/**
 * The notice board's QR codes (src/lib/site/qr.ts): time per code for qrcode's own encoder, which
 * tries the eight masks on its BitMatrix, against ours (encoded with one mask, then re-masked by
 * src/lib/site/qr-mask.ts), on village addresses like the ones printed. Checks the symbols are the same.
 *
 *   node scripts/bench-qr.ts [--codes 3000] [--rounds 5]
 */
import QRCode from 'qrcode';
import { performance } from 'node:perf_hooks';
import { parseArgs } from './lib/args.ts';
import { qrMatrix, qrSvg } from '../src/lib/site/qr.ts';

const { values, error } = parseArgs(process.argv.slice(2), { codes: 'string', rounds: 'string' });
if (error) { console.error(error); process.exit(2); }
const codes = Number(values.codes ?? 3000);
const rounds = Number(values.rounds ?? 5);
const urls = Array.from({ length: codes }, (_, i) => `https://sanwu.example.gov.cn/place/${999901100201 + i * 37}/`);

for (const url of urls.slice(0, 200)) {
  const reference = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
  if (qrMatrix(url).flat().map(Number).join('') !== [...reference.data].join('')) throw new Error(`different symbol for ${url}`);
}

function perCode(f: (url: string) => unknown): number {
  const t0 = performance.now();
  for (const url of urls) f(url);
  return ((performance.now() - t0) / urls.length) * 1000;
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const library: number[] = [], matrix: number[] = [], svg: number[] = [];
for (let r = 0; r < rounds; r++) {
  library.push(perCode((u) => QRCode.create(u, { errorCorrectionLevel: 'M' })));
  matrix.push(perCode((u) => qrMatrix(u)));
  svg.push(perCode((u) => qrSvg(u, '二维码')));
}
console.log(`${codes} codes × ${rounds} rounds, median µs per code (Node ${process.version}); the same symbols as qrcode's own`);
console.log(`  qrcode.create (its own mask choice)  ${median(library).toFixed(0)} µs`);
console.log(`  qrMatrix (qr-mask.ts)                ${median(matrix).toFixed(0)} µs`);
console.log(`  qrSvg (matrix and SVG markup)        ${median(svg).toFixed(0)} µs`);
