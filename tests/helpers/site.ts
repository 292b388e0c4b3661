// Shared helpers for the site tests (not a test file itself): run the real build as a user would
// (a child process of scripts/build.ts), serve the output on 127.0.0.1, drive Debian's Chromium,
// and compare output trees byte by byte.
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { inject } from 'vitest';
import type { Browser, Locator } from 'playwright-core';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLE_DATA = join(PROJECT_ROOT, 'data');
export const AS_OF = '2026-11-22';
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results', 'screenshots');

// ------------------------------------------------------------------------------------ the build

export interface BuildRun {
  /** Exit code of scripts/build.ts (0 published, 1 check errors, 2 cannot run). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds. */
  ms: number;
}

export interface BuildArgs {
  data: string;
  out: string;
  asOf?: string;
  base?: string;
  reportDir?: string;
  /** Anything else to pass after the usual arguments. */
  extra?: string[];
  /** Environment variables for the build (on top of the user's; SUNLIGHT_* are otherwise dropped). */
  env?: Record<string, string>;
  /** Called with the running build (e.g. to kill it when a stage starts). */
  onSpawn?: (child: ChildProcessByStdio<null, Readable, Readable>) => void;
}

/**
 * The environment a person running `npm run build` would have: vitest puts NODE_ENV=test, VITEST*,
 * MODE, BASE_URL … into the worker's process.env, and Astro/Vite read some of those.
 */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const drop = new Set(['NODE_ENV', 'TEST', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'NODE_OPTIONS']);
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || drop.has(k) || k.startsWith('VITEST') || k.startsWith('SUNLIGHT_')) continue;
    env[k] = v;
  }
  return env;
}

/** Runs `node scripts/build.ts --data … --out … --as-of … --quiet` and waits for it. */
/** The Node flags `npm run build` runs the build with (package.json), so tests run the same command. */
const BUILD_NODE_FLAGS: string[] = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { build: string } }).scripts.build
  .split(/\s+/).filter((a) => /^--[a-z-]+(=\S+)?$/.test(a));

export function runBuild(args: BuildArgs): Promise<BuildRun> {
  const argv = [...BUILD_NODE_FLAGS, join(PROJECT_ROOT, 'scripts', 'build.ts'), '--data', args.data, '--out', args.out, '--as-of', args.asOf ?? AS_OF, '--quiet'];
  if (args.base) argv.push('--base', args.base);
  if (args.reportDir) argv.push('--report-dir', args.reportDir);
  if (args.extra) argv.push(...args.extra);
  const t0 = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, argv, { cwd: PROJECT_ROOT, env: { ...userEnv(), ...args.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    child.on('error', reject);
    args.onSpawn?.(child);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr, ms: performance.now() - t0 }));
  });
}

export interface BuiltSite {
  /** The --out folder (the site root). */
  dir: string;
  /** The temporary folder holding dir (and reports/, which the build writes next to the output). */
  root: string;
  run: BuildRun;
  cleanup(): void;
}

export function makeTempDir(prefix = 'sunlight-site-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function describeFailure(run: BuildRun): string {
  return `build exited ${run.code}${run.signal ? ` (signal ${run.signal})` : ''}\n--- stdout ---\n${run.stdout.slice(-4000)}\n--- stderr ---\n${run.stderr.slice(-4000)}`;
}

/**
 * Builds a site from dataDir into a fresh temporary folder (<tmp>/site); the check report lands in
 * <tmp>/reports, where the build puts it by default. Throws with the build's output if it fails.
 */
export async function buildSite(dataDir: string, opts: { asOf?: string; base?: string; env?: Record<string, string>; extra?: string[] } = {}): Promise<BuiltSite> {
  const root = makeTempDir();
  const dir = join(root, 'site');
  const run = await runBuild({ data: dataDir, out: dir, asOf: opts.asOf, base: opts.base, ...(opts.env ? { env: opts.env } : {}), ...(opts.extra ? { extra: opts.extra } : {}) });
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  if (run.code !== 0) { cleanup(); throw new Error(describeFailure(run)); }
  return { dir, root, run, cleanup };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder that lives for the whole test run (tests/helpers/global-setup.ts). */
    sunlightSharedDir: string;
  }
}

/** Fingerprint of everything a build reads, so a long-lived shared build is never stale. */
function inputsFingerprint(dataDir: string): string {
  const h = createHash('sha256');
  const visit = (p: string): void => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) { for (const n of readdirSync(p).sort()) visit(join(p, n)); return; }
    h.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
  };
  for (const p of [dataDir, 'src', 'scripts', 'public', 'astro.config.mjs', 'package-lock.json']) visit(resolve(PROJECT_ROOT, p));
  return h.digest('hex').slice(0, 16);
}

function sharedRoot(): string | undefined {
  try { return inject('sunlightSharedDir') || undefined; } catch { return undefined; }
}

async function waitFor(file: string, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!existsSync(file)) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${file}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let ownSample: Promise<BuiltSite> | undefined;

/**
 * The sample data/ built once for the whole run (every test file that asks gets the same folder;
 * the first one to ask builds it, the others wait). Read-only: copy it before changing anything.
 * Without the global setup (another vitest config) each test file builds its own.
 */
export async function sampleSite(): Promise<BuiltSite> {
  const shared = sharedRoot();
  if (!shared) return (ownSample ??= buildSite(SAMPLE_DATA));
  const base = join(shared, `sample-${inputsFingerprint(SAMPLE_DATA)}`);
  const done = `${base}.json`;
  let building = false;
  try { mkdirSync(`${base}.lock`); building = true; } catch { /* another test file is building it */ }
  if (building) {
    const dir = join(base, 'site');
    mkdirSync(base, { recursive: true });
    let record: { run?: BuildRun; error?: string };
    try {
      const run = await runBuild({ data: SAMPLE_DATA, out: dir });
      record = run.code === 0 ? { run } : { run, error: describeFailure(run) };
    } catch (e) {
      record = { error: String((e as Error)?.stack ?? e) };
    }
    writeFileSync(`${done}.tmp`, JSON.stringify(record));
    renameSync(`${done}.tmp`, done);
  } else {
    await waitFor(done, 170_000);
  }
  const record = JSON.parse(readFileSync(done, 'utf8')) as { run?: BuildRun; error?: string };
  if (record.error || !record.run) throw new Error(`sample build failed: ${record.error}`);
  return { dir: join(base, 'site'), root: base, run: record.run, cleanup: () => {} };
}

// ------------------------------------------------------------------------------------- files

/** Every file under dir, as sorted POSIX paths relative to dir. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `path  sha256` for every file, plus every folder (so an added empty folder shows too). */
export function treeDigest(dir: string): string[] {
  const lines: string[] = [];
  const walk = (d: string): void => {
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      const rel = relative(dir, p).split(sep).join('/');
      if (e.isDirectory()) { lines.push(`${rel}/`); walk(p); }
      else lines.push(`${rel}  ${sha256(readFileSync(p))}`);
    }
  };
  walk(dir);
  return lines;
}

/** Decodes an input file the way offices save them: UTF-8 (with or without BOM) or else GBK/GB18030. */
export function decodeInput(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

// --------------------------------------------------------------------------------- the server

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml',
  '.pagefind': 'application/octet-stream',
};

export function contentTypeOf(path: string): string {
  if (path.endsWith('/SHA256SUMS') || path === 'SHA256SUMS') return 'text/plain; charset=utf-8';
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticServer {
  /** e.g. http://127.0.0.1:40123/ (with the base path, if any). */
  url: string;
  origin: string;
  port: number;
  /** Every request the server answered: method, path and status. */
  log: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

/** A tiny static file server on 127.0.0.1 (a free port) for a built site, like `npm run preview`. */
/** `gzip`: compress text responses for clients that accept it, as the nginx snippet in the README does (Lighthouse measures a page as residents get it). */
export async function serveDir(dir: string, opts: { base?: string; gzip?: boolean } = {}): Promise<StaticServer> {
  const base = opts.base ?? '/';
  const root = resolve(dir);
  const log: StaticServer['log'] = [];
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: Buffer | string, type: string, headers: Record<string, string> = {}) => {
      log.push({ method: req.method ?? '', path: req.url ?? '', status });
      if (opts.gzip && /gzip/.test(String(req.headers['accept-encoding'] ?? '')) && /^(text\/|application\/(json|xml|javascript|atom)|image\/svg)/.test(type)) {
        body = gzipSync(body);
        headers = { ...headers, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' };
      }
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const notFound = () => {
      const page = join(root, '404.html');
      if (existsSync(page)) send(404, readFileSync(page), CONTENT_TYPES['.html']!);
      else send(404, 'not found', 'text/plain; charset=utf-8');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed', 'text/plain; charset=utf-8');
    let pathname: string;
    try { pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname); } catch { return send(400, 'bad request', 'text/plain; charset=utf-8'); }
    if (!pathname.startsWith(base)) return notFound();
    const file = resolve(root, '.' + '/' + pathname.slice(base.length));
    if (file !== root && !file.startsWith(root + sep)) return notFound();
    if (!existsSync(file)) return notFound();
    if (statSync(file).isDirectory()) {
      if (!pathname.endsWith('/')) return send(301, '', 'text/plain; charset=utf-8', { Location: pathname + '/' });
      const index = join(file, 'index.html');
      return existsSync(index) ? send(200, readFileSync(index), CONTENT_TYPES['.html']!) : notFound();
    }
    send(200, readFileSync(file), contentTypeOf(file));
  });
  await new Promise<void>((ok, fail) => { server.once('error', fail); server.listen(0, '127.0.0.1', () => ok()); });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + base,
    origin,
    port,
    log,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

// ---------------------------------------------------------------------------------- Chromium

const INSTALL_HINT = 'apt-get install chromium fonts-noto-cjk';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

function hasCjkFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return true;
  return existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
}

/**
 * Debian's Chromium driven by playwright-core. Fails (never skips) when Chromium or the CJK fonts
 * are missing. Each launch gets a fresh user-data dir: Playwright creates a new temporary profile
 * (playwright_chromiumdev_profile-*) per launch and deletes it on close; it refuses
 * --user-data-dir in args (that is launchPersistentContext, which cannot open further contexts).
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: the browser tests need it. Install it with: ${INSTALL_HINT}`);
  if (!hasCjkFont()) throw new Error(`No CJK font installed: Chinese pages would render as boxes. Install with: ${INSTALL_HINT}`);
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
  } catch (e) {
    throw new Error(`Could not start ${CHROMIUM} (${(e as Error).message.split('\n')[0]}). Is it installed? ${INSTALL_HINT}`);
  }
}

export function ensureDir(p: string): string {
  mkdirSync(p, { recursive: true });
  return p;
}

/**
 * Scrolls to an element as a reader would and waits two frames: content below the first screen is
 * laid out (content-visibility: auto) only once it comes near, and layout-dependent reads such as
 * innerText see it only then.
 */
export async function scrollToSee(target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await target.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}
