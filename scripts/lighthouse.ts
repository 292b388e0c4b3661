/**
 * npm run lighthouse -- [--site DIR] [--out DIR] [--attempts N] [--min-performance N]
 *
 * Lighthouse (mobile, simulated throttling) in Debian's Chromium on a village page and the 低保
 * dataset page. Without --site it builds the sample data/ into a temporary folder first. Serves the
 * site on 127.0.0.1 gzip-compressed (as the README's nginx snippet and static hosts serve it), prints the four scores per page and every audit that keeps one below 100,
 * writes the JSON reports to test-results/lighthouse/, and exits 1 unless every score is 100.
 *
 * Performance depends on how busy the machine is (simulated throttling scales the CPU time it
 * observes), so a page whose only shortfall is performance is audited again, up to --attempts
 * times (default 3), and its best run counts. Accessibility, best practices and SEO must be 100
 * on the run that counts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveDir } from '../tests/helpers/site.ts';
import { parseArgs } from './lib/args.ts';
import { CATEGORIES, formatResult, isPerfect, pagesToAudit, runLighthouse, summarise, type PageResult } from './lib/lighthouse.ts';
import { buildNodeFlags } from './lib/build-flags.ts';

const AS_OF = '2026-11-22';
const { values, error } = parseArgs(process.argv.slice(2), { site: 'string', out: 'string', attempts: 'string', 'min-performance': 'string' });
if (error) { console.error(error); process.exit(2); }
const outDir = resolve(String(values.out ?? 'test-results/lighthouse'));
const attempts = Math.max(1, Number(values.attempts ?? 3) || 1);
// The goal is 100 in every category; CI accepts a lower performance floor (see .ci/run and README).
const minPerformance = Math.min(100, Math.max(0, Number(values['min-performance'] ?? 100) || 0));
const passes = (r: PageResult) => CATEGORIES.every((c) => (r.scores[c] ?? 0) >= (c === 'performance' ? minPerformance : 100));

let siteDir: string;
let tempRoot: string | undefined;
if (values.site) {
  siteDir = resolve(String(values.site));
} else {
  tempRoot = mkdtempSync(join(tmpdir(), 'sunlight-lighthouse-site-'));
  siteDir = join(tempRoot, 'site');
  console.log(`构建示例站点 Building the sample site (data/, --as-of ${AS_OF}) …`);
  const build = spawnSync(process.execPath, [...buildNodeFlags(), 'scripts/build.ts', '--data', 'data', '--out', siteDir, '--as-of', AS_OF, '--quiet'], { stdio: 'inherit' });
  if (build.status !== 0) { rmSync(tempRoot, { recursive: true, force: true }); console.error('示例站点构建失败。 The sample build failed.'); process.exit(2); }
}

let code = 0;
let below100 = false;
const server = await serveDir(siteDir, { gzip: true });
try {
  const pages = pagesToAudit(siteDir);
  mkdirSync(outDir, { recursive: true });
  for (const page of pages) {
    let best: PageResult | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const lhr = await runLighthouse(server.url + page.path, join(outDir, `${page.name}${attempt > 1 ? `-${attempt}` : ''}.json`));
      const r = summarise(lhr);
      if (!best || (r.scores.performance ?? 0) > (best.scores.performance ?? 0)) best = r;
      const onlyPerformance = CATEGORIES.every((c) => c === 'performance' || r.scores[c] === 100);
      if (isPerfect(r) || !onlyPerformance) { best = r; break; }
      if (attempt < attempts) console.log(`${page.name}: performance ${r.scores.performance}, running again (${attempt + 1}/${attempts}) …`);
    }
    console.log(formatResult(page.name, best!));
    if (!passes(best!)) code = 1;
    else if (!isPerfect(best!)) below100 = true;
  }
  if (code !== 0) console.log(`有分数低于要求（见上）。 A score is below ${minPerformance < 100 ? `100 (performance: ${minPerformance})` : '100'} (see above).`);
  else console.log(below100 ? `性能分未到 100，但不低于 ${minPerformance}；其余全部 100。 Performance below 100 but at least ${minPerformance}; everything else 100.` : '全部 100。 All scores 100.');
  console.log(`报告 Reports: ${outDir}`);
} catch (e) {
  console.error((e as Error).message);
  code = 2;
} finally {
  await server.close();
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
}
process.exit(code);
