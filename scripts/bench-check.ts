/**
 * Benchmark of `npm run check`: throughput (MB/s) and peak memory on generated inputs.
 *   node scripts/bench-check.ts [--mb 100] [--runs 3] [--single-file]
 * Inputs come from the sample generator (clean synthetic county data, many files) or, with
 * --single-file, one large 低保 file (memory must not grow with file size). The check runs as
 * `npm run check` does (inputs over 256 MB run with V8's heap capped, see scripts/check.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { measure } from './lib/measure.ts';
import { parseArgs } from './lib/args.ts';

const { values, error } = parseArgs(process.argv.slice(2), { mb: 'string', runs: 'string', 'single-file': 'boolean', dir: 'string' });
if (error) { console.error(error); process.exit(2); }
const mb = Number(values.mb ?? 100);
const runs = Number(values.runs ?? 3);
const root = resolve(String(values.dir ?? '.sunlight-cache/bench'));

function sizeOf(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) total += statSync(join(e.parentPath, e.name)).size;
  return total;
}

/** One big 低保 file of about `mb` MB, written in chunks (the generator writes one file per month). */
async function singleFile(dir: string, target: number): Promise<void> {
  mkdirSync(join(dir, 'dibao'), { recursive: true });
  const out = createWriteStream(join(dir, 'dibao', '2026-10.csv'));
  out.write('序号,乡镇,村,户主姓名,保障人数,月保障金额（元）,保障类别,认定日期,发放年月\n');
  const surnames = '王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林';
  const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英';
  let bytes = 0;
  let n = 0;
  while (bytes < target) {
    let chunk = '';
    for (let i = 0; i < 2000; i++, n++) {
      // Every row is a different household: 100 per village, 500 villages per township.
      const name = surnames[n % 20]! + given[(n * 7) % 24]! + given[(n * 13) % 24]! + (n % 100);
      chunk += `${n + 1},镇${Math.floor(n / 50_000)},村${Math.floor(n / 100) % 500},${name},${1 + (n % 5)},"${(400 + (n % 900)).toLocaleString('en-US')}.50",${'ABC'[n % 3]}类,2024/${1 + (n % 12)}/${1 + (n % 28)},2026年10月\n`;
    }
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

const dir = join(root, values['single-file'] ? `single-${mb}mb` : `county-${mb}mb`);
if (!existsSync(dir)) {
  console.log(`生成 ${mb} MB 输入 generating input in ${dir}`);
  if (values['single-file']) await singleFile(dir, mb * 1e6);
  else {
    // About 21 villages of clean sample data make 1 MB.
    const villages = Math.max(15, Math.round(mb * 21.2));
    const r = spawnSync(process.execPath, ['scripts/generate-sample.ts', '--out', dir, '--villages', String(villages), '--clean-only'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(2);
  }
}
const bytes = sizeOf(dir);
console.log(`输入 input: ${(bytes / 1e6).toFixed(1)} MB in ${dir}`);
const results = [];
for (let i = 0; i < runs; i++) {
  const m = await measure(process.execPath, ['scripts/check.ts', '--data', dir, '--quiet']);
  if (m.code !== 0 && m.code !== 1) { console.error('check failed to run'); process.exit(2); }
  results.push(m);
  console.log(`run ${i + 1}: ${m.seconds.toFixed(2)} s, ${(bytes / 1e6 / m.seconds).toFixed(1)} MB/s, peak ${m.peakMiB.toFixed(0)} MiB`);
}
const sorted = [...results].sort((a, b) => a.seconds - b.seconds);
const median = sorted[Math.floor(sorted.length / 2)]!;
console.log(`median: ${median.seconds.toFixed(2)} s → ${(bytes / 1e6 / median.seconds).toFixed(1)} MB/s; peak memory ${Math.max(...results.map((r) => r.peakMiB)).toFixed(0)} MiB (Node ${process.version})`);
