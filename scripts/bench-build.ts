/**
 * Benchmark of `npm run build`: wall time and peak memory.
 *   node scripts/bench-build.ts [--county] [--province] [--villages 30000] [--months 2] [--runs 3]
 * County: the sample in data/. Province: synthetic data from the generator (clean, N villages).
 * The build runs as `npm run build` does (same Node flags), from scratch: no earlier output and an
 * empty cache folder of its own (so no earlier cache entry is read, replaced or pruned), after the
 * deletions of the run before have settled and, as root, from an empty page cache (settleDisk).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { measure, settleDisk } from './lib/measure.ts';
import { parseArgs } from './lib/args.ts';
import { buildNodeFlags } from './lib/build-flags.ts';

const { values, error } = parseArgs(process.argv.slice(2), { county: 'boolean', province: 'boolean', villages: 'string', months: 'string', runs: 'string', dir: 'string' });
if (error) { console.error(error); process.exit(2); }
const runs = Number(values.runs ?? 3);
const root = resolve(String(values.dir ?? '.sunlight-cache/bench'));
const doCounty = values.county || !values.province;
const buildFlags = buildNodeFlags();

async function bench(label: string, data: string, n: number): Promise<void> {
  const out = join(root, `out-${label}`);
  const times: number[] = [];
  let peak = 0;
  for (let i = 0; i < n; i++) {
    const cache = join(root, `cache-${label}`);
    rmSync(out, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
    // The deletions above must not slow the run (settleDisk in lib/measure.ts).
    const dropped = await settleDisk();
    if (i === 0) console.log(dropped ? '(page cache dropped before each run)' : '(page cache not dropped before each run: run as root for that)');
    const m = await measure(process.execPath, [...buildFlags, 'scripts/build.ts', '--data', data, '--out', out, '--as-of', '2026-11-22', '--report-dir', join(root, `reports-${label}`), '--cache-dir', cache, '--quiet']);
    if (m.code !== 0) { console.error(`${label}: build failed (exit ${m.code})\n${m.stdout.slice(-2000)}`); process.exit(1); }
    const pages = m.stdout.match(/(\d+) 个地区页面/)?.[1] ?? '?';
    console.log(`${label} run ${i + 1}: ${m.seconds.toFixed(1)} s, peak ${m.peakMiB.toFixed(0)} MiB, ${pages} place pages`);
    console.log(`  at the peak: ${m.peakBreakdown.map((p) => `${p.name} ${p.mib.toFixed(0)} MiB`).join(', ')}`);
    times.push(m.seconds);
    peak = Math.max(peak, m.peakMiB);
  }
  times.sort((a, b) => a - b);
  const files = readdirSync(out, { recursive: true }).length;
  console.log(`${label}: median ${times[Math.floor(times.length / 2)]!.toFixed(1)} s, peak ${peak.toFixed(0)} MiB, ${files} files written (Node ${process.version})`);
}

if (doCounty) await bench('county', resolve('data'), runs);
if (values.province) {
  const villages = Number(values.villages ?? 30000);
  const months = Number(values.months ?? 2);
  const data = join(root, `province-${villages}-${months}m`);
  if (!existsSync(data)) {
    const r = spawnSync(process.execPath, ['scripts/generate-sample.ts', '--out', data, '--villages', String(villages), '--months', String(months), '--clean-only'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(2);
  }
  await bench('province', data, Math.min(runs, 1));
}
