/**
 * Benchmark of a rebuild: the same input built from scratch (empty cache, no previous output),
 * then again into the same folder with nothing changed (data stage from the cache, place pages
 * reused). Reports wall time and peak memory (process and children) of both.
 *   node scripts/bench-rebuild.ts [--county] [--villages 5000] [--months 2] [--previous] [--extra "ARGS"]
 * --previous: a build with `--previous <a copy of the first output>` (the change log; every page
 *   changes: it now says what was compared), then the measured rebuild with `--previous <a copy of
 *   that output>`, as a republication with unchanged data is built;
 * --extra: more arguments for both builds, split on spaces.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from './lib/args.ts';
import { measure, settleDisk, type Measurement } from './lib/measure.ts';
import { buildNodeFlags } from './lib/build-flags.ts';

const { values, error } = parseArgs(process.argv.slice(2), { county: 'boolean', villages: 'string', months: 'string', previous: 'boolean', extra: 'string', dir: 'string' });
if (error) { console.error(error); process.exit(2); }
const root = resolve(String(values.dir ?? '.sunlight-cache/bench'));
const extra = String(values.extra ?? '').split(/\s+/).filter(Boolean);

let data: string;
let label: string;
if (values.county) {
  data = resolve('data');
  label = 'county';
} else {
  const villages = Number(values.villages ?? 5000);
  const months = Number(values.months ?? 2);
  label = `province-${villages}-${months}m`;
  data = join(root, label);
  if (!existsSync(data)) {
    const r = spawnSync(process.execPath, ['scripts/generate-sample.ts', '--out', data, '--villages', String(villages), '--months', String(months), '--clean-only'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(2);
  }
}
const out = join(root, `rebuild-${label}`, 'site');
const first = join(root, `rebuild-${label}`, 'first');
const cache = join(root, `rebuild-${label}`, 'cache');
for (const d of [out, first, cache]) rmSync(d, { recursive: true, force: true });

async function build(name: string, more: string[]): Promise<Measurement> {
  // Folders deleted before (and the replaced site the build before deletes in the background) must
  // not slow this run; as root, each run also starts from an empty page cache (lib/measure.ts).
  const dropped = await settleDisk();
  const m = await measure(process.execPath, [...buildNodeFlags(), 'scripts/build.ts', '--data', data, '--out', out, '--as-of', '2026-11-22', '--report-dir', join(root, `reports-${label}`), '--cache-dir', cache, '--quiet', ...extra, ...more]);
  if (m.code !== 0) { console.error(`${name}: build failed (exit ${m.code})\n${m.stdout.slice(-2000)}`); process.exit(1); }
  const pages = m.stdout.match(/(\d+) 个地区页面/)?.[1] ?? '?';
  const reused = m.stdout.match(/复用 (\d+) 个/)?.[1] ?? '0';
  const cached = /使用缓存/.test(m.stdout) ? 'data stage from the cache' : 'data stage run';
  console.log(`${label} ${name}: ${m.seconds.toFixed(1)} s, peak ${m.peakMiB.toFixed(0)} MiB, ${pages} place pages, ${reused} reused, ${cached}${dropped ? '' : ' (page cache not dropped: not root)'}`);
  console.log(`  at the peak: ${m.peakBreakdown.map((p) => `${p.name} ${p.mib.toFixed(0)} MiB`).join(', ')}`);
  return m;
}

const scratch = await build('from scratch', []);
let more: string[] = [];
if (values.previous) {
  // The published release to compare with: a hard-linked copy of the last output. The first build
  // with --previous renders every page again (they now say what was compared), so it is a warm-up;
  // the unchanged rebuild measured after it compares with a release that was itself compared.
  const snapshot = () => {
    rmSync(first, { recursive: true, force: true });
    const r = spawnSync('cp', ['-al', out, first], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(2);
  };
  snapshot();
  await build('first build with --previous', ['--previous', first]);
  snapshot();
  more = ['--previous', first];
}
const again = await build(`unchanged rebuild${values.previous ? ' with --previous' : ''}`, more);
const files = readdirSync(out, { recursive: true }).length;
console.log(`${label}: ${(scratch.seconds / again.seconds).toFixed(1)}× faster unchanged (${scratch.seconds.toFixed(1)} s → ${again.seconds.toFixed(1)} s; peak ${scratch.peakMiB.toFixed(0)} → ${again.peakMiB.toFixed(0)} MiB), ${files} files (Node ${process.version})`);
