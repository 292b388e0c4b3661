/**
 * Lighthouse against Debian's Chromium: which pages to audit, how to run one audit (the Lighthouse
 * CLI in a child process, a fresh Chromium profile each time), and how to read its report. The
 * report reading and the page choice are pure functions, tested in tests/cli/lighthouse.test.ts.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CHROMIUM = '/usr/bin/chromium';

/** Without the background-networking flags Chromium keeps dialling Google, which the closed network refuses. */
export function chromeFlags(userDataDir: string): string[] {
  return [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${userDataDir}`,
  ];
}

/** The parts of a Lighthouse report (LHR) this project reads. */
export interface Lhr {
  requestedUrl?: string;
  finalDisplayedUrl?: string;
  runtimeError?: { code: string; message: string };
  runWarnings?: string[];
  categories: Record<string, { id: string; title: string; score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, LhrAudit>;
}

interface LhrAudit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
  numericValue?: number;
  details?: { type?: string; items?: Record<string, unknown>[] };
}

export interface FailingAudit {
  category: Category;
  id: string;
  title: string;
  score: number;
  displayValue?: string;
  /** One line per offending item: the element's selector or snippet, the URL, or the value. */
  items: string[];
}

export interface PageResult {
  url: string;
  /** Category scores as Lighthouse shows them (0–100), null when the category could not be scored. */
  scores: Record<Category, number | null>;
  /** The performance metrics in ms (CLS unitless). */
  metrics: Record<string, number | undefined>;
  failing: FailingAudit[];
  warnings: string[];
}

const METRICS: Record<string, string> = {
  FCP: 'first-contentful-paint', LCP: 'largest-contentful-paint', TBT: 'total-blocking-time',
  CLS: 'cumulative-layout-shift', SI: 'speed-index',
};

/** One offending item of an audit as a short line. */
function itemLine(item: Record<string, unknown>): string {
  const node = item.node as { selector?: string; snippet?: string; explanation?: string } | undefined;
  if (node && typeof node === 'object') {
    const what = [node.selector, node.snippet].filter(Boolean).join(' ');
    return node.explanation ? `${what}: ${node.explanation.replace(/\s+/g, ' ').trim()}` : what;
  }
  for (const key of ['url', 'source', 'description', 'label', 'statistic']) {
    const v = item[key];
    if (typeof v === 'string' && v) return v;
    if (v && typeof v === 'object' && typeof (v as { url?: string }).url === 'string') return (v as { url: string }).url;
  }
  return JSON.stringify(item).slice(0, 200);
}

/**
 * Scores, metrics and every audit that keeps a category below 100: a scored audit below 1 (in
 * performance only those with weight, the metrics; its diagnostics are listed when they fail too).
 */
export function summarise(lhr: Lhr): PageResult {
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${lhr.requestedUrl}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = {} as Record<Category, number | null>;
  const failing: FailingAudit[] = [];
  for (const category of CATEGORIES) {
    const c = lhr.categories[category];
    scores[category] = c && c.score !== null ? Math.round(c.score * 100) : null;
    if (!c) continue;
    for (const ref of c.auditRefs) {
      const a = lhr.audits[ref.id];
      if (!a || a.score === null || a.score >= 1) continue;
      if (a.scoreDisplayMode === 'informative' || a.scoreDisplayMode === 'notApplicable' || a.scoreDisplayMode === 'manual') continue;
      if (category === 'performance' && ref.weight === 0 && a.scoreDisplayMode !== 'binary') continue;
      failing.push({
        category, id: a.id, title: a.title, score: a.score,
        ...(a.displayValue ? { displayValue: a.displayValue } : {}),
        items: (a.details?.items ?? []).slice(0, 10).map(itemLine),
      });
    }
  }
  const metrics: Record<string, number | undefined> = {};
  for (const [name, id] of Object.entries(METRICS)) metrics[name] = lhr.audits[id]?.numericValue;
  return { url: lhr.finalDisplayedUrl ?? lhr.requestedUrl ?? '', scores, metrics, failing, warnings: lhr.runWarnings ?? [] };
}

export function isPerfect(r: PageResult): boolean {
  return CATEGORIES.every((c) => r.scores[c] === 100);
}

/** A page's result as the terminal shows it. */
export function formatResult(name: string, r: PageResult): string {
  const m = r.metrics;
  const ms = (v: number | undefined) => (v === undefined ? '?' : `${Math.round(v)} ms`);
  const lines = [
    `${name}  ${r.url}`,
    `  ${CATEGORIES.map((c) => `${c} ${r.scores[c] ?? '–'}`).join(' · ')}`,
    `  FCP ${ms(m.FCP)} · LCP ${ms(m.LCP)} · TBT ${ms(m.TBT)} · CLS ${m.CLS === undefined ? '?' : m.CLS.toFixed(3)} · SI ${ms(m.SI)}`,
  ];
  for (const f of r.failing) {
    lines.push(`  ✗ [${f.category}] ${f.id}: ${f.title}${f.displayValue ? ` (${f.displayValue})` : ''}`);
    for (const item of f.items) lines.push(`      ${item}`);
  }
  for (const w of r.warnings) lines.push(`  ! ${w}`);
  return lines.join('\n');
}

interface ManifestRegion { code: string; name: string; level: string; url: string }

/**
 * The village page to audit: the village with the most datasets on its page (the heaviest page a
 * resident opens), the larger page on a tie, then the smaller URL, so the choice is stable.
 */
export function pickVillage(regions: readonly ManifestRegion[], pageOf: (url: string) => string | undefined): string {
  let best: { url: string; sections: number; bytes: number } | undefined;
  for (const r of regions) {
    if (r.level !== 'village') continue;
    const html = pageOf(r.url);
    if (html === undefined) continue;
    const sections = (html.match(/<section class="ds"/g) ?? []).length;
    const cand = { url: r.url, sections, bytes: html.length };
    if (!best || cand.sections > best.sections || (cand.sections === best.sections && (cand.bytes > best.bytes || (cand.bytes === best.bytes && cand.url < best.url)))) best = cand;
  }
  if (!best) throw new Error('站点中没有村级页面（data/manifest.json 中没有 level 为 village 的地区）。 The site has no village page to audit.');
  return best.url;
}

/** The pages to audit in a built site: a village page and the 低保 dataset page (or the first dataset). */
export function pagesToAudit(siteDir: string): { name: string; path: string }[] {
  const manifestFile = join(siteDir, 'data', 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`找不到 ${manifestFile}：这不是构建好的站点。 Not a built site (no data/manifest.json).`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { regions: ManifestRegion[]; datasets: (string | { id: string })[] };
  const page = (url: string) => {
    const f = join(siteDir, url, 'index.html');
    return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
  };
  const ids = manifest.datasets.map((d) => (typeof d === 'string' ? d : d.id));
  const dataset = ids.includes('dibao') ? 'dibao' : ids[0];
  const pages = [{ name: 'village', path: pickVillage(manifest.regions, page) }];
  if (dataset) pages.push({ name: 'dataset', path: `datasets/${dataset}/` });
  return pages;
}

/** The Lighthouse CLI of the installed package. */
function lighthouseCli(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('lighthouse/package.json')), 'cli', 'index.js');
}

/**
 * Runs the Lighthouse CLI once (mobile, simulated throttling: its defaults) on url with a fresh
 * Chromium profile and writes the JSON report to jsonFile.
 */
export async function runLighthouse(url: string, jsonFile: string, chromium = CHROMIUM): Promise<Lhr> {
  if (!existsSync(chromium)) throw new Error(`找不到 Chromium（${chromium}）。请安装：apt-get install chromium fonts-noto-cjk。 Chromium not found.`);
  const profile = mkdtempSync(join(tmpdir(), 'sunlight-lighthouse-'));
  const args = [
    lighthouseCli(), url, '--quiet', '--output=json', `--output-path=${jsonFile}`,
    `--only-categories=${CATEGORIES.join(',')}`, `--chrome-flags=${chromeFlags(profile).join(' ')}`,
  ];
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: chromium }, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => { err += s; });
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, stderr: err }));
    });
    if (code !== 0 || !existsSync(jsonFile)) throw new Error(`Lighthouse 运行失败（退出码 ${code}）。 Lighthouse failed on ${url}:\n${stderr.slice(-3000)}`);
    return JSON.parse(readFileSync(jsonFile, 'utf8')) as Lhr;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
