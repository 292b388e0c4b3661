/**
 * npm run build -- [--data DIR] [--out DIR] [--as-of YYYY-MM-DD] [--base /sub/path/] [--report-dir DIR] [--previous DIR] [--no-cache] [--cache-dir DIR]
 * Runs the whole check first. On any error it exits 1 and leaves the existing output exactly as it
 * was; on success the new site replaces it in one rename. Unchanged inputs are not processed again:
 * the data stage comes from the cache and unchanged place pages from the previous output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSite } from '../src/lib/build.ts';
import type { Progress } from '../src/lib/check.ts';
import { isReleaseComparisonFile, readPreviousRelease, type PreviousRelease } from '../src/lib/changes/stage.ts';
import { dataStageKey, placePageFile, placePrintFile } from '../src/lib/cache/keys.ts';
import { LANGS, type Lang } from '../src/lib/i18n.ts';
import { shareRemainingPlaces, writeSecondRendererList } from '../src/lib/site/page-claims.ts';
import type { SiteModel } from '../src/lib/site/model.ts';
import { checkHeap, HEAP_GUARD_RATIO, outOfMemoryMessage, watchHeap } from './lib/heap-guard.ts';
import { codeFingerprint, dataInputs, dataStageCache } from '../src/lib/node-data-cache.ts';
import { deleteInBackground } from '../src/lib/node-background-delete.ts';
import { pageReuse } from '../src/lib/node-page-reuse.ts';
import { folderOutput } from '../src/lib/node-output.ts';
import { folderSource } from '../src/lib/node-source.ts';
import { CHECK_OUT_OF_MEMORY, checkInWorker } from '../src/lib/node-check.ts';
import { getHeapStatistics } from 'node:v8';
import { diskSpill } from '../src/lib/node-spill.ts';
import { formatSummary, progressLine, renderHtmlReport } from '../src/lib/report.ts';
import { findCjkFont, pngRenderer, preparedFont } from '../src/lib/share/node-png.ts';
import { pagefindIndexer, type SearchIndexer } from '../src/lib/search/node-index.ts';
import { releaseHeap } from './lib/heap-release.ts';
import { moveStagedFeeds, stagingFeeds } from './lib/feed-staging.ts';
import { parseArgs } from './lib/args.ts';
import { SITE_URL_MISSING } from '../src/lib/site-config.ts';
import { recoverInterruptedSwap } from './lib/output-swap.ts';
import { yieldToRenderer } from './lib/yield-to-renderer.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A second page renderer starts when at least this many places are left once the model is written:
 * about 20 s of pages for the first renderer alone (three pages a village, 3–4 ms a page), against
 * about 5 s of compiling before the second renders anything.
 */
const SECOND_RENDERER_MIN_PLACES = 2000;

/**
 * Page renderers (Astro processes) to run: two with three cores or more, else one. On two cores the
 * build already keeps both busy to the last page (the check, the model, Pagefind and the kernel's
 * file work next to Astro): a second renderer finished the province's pages 50 s sooner but the
 * search index 52 s later (docs/decisions.md). $SUNLIGHT_PAGE_RENDERERS (1 or 2) decides instead.
 */
function pageRenderers(): 1 | 2 {
  const forced = process.env.SUNLIGHT_PAGE_RENDERERS;
  if (forced === '1' || forced === '2') return Number(forced) as 1 | 2;
  return availableParallelism() >= 3 ? 2 : 1;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/**
 * Removes temporary folders that an interrupted build left next to the output, in the background
 * (node-background-delete.ts): nothing reads them, and one can be a whole site.
 */
function removeDebris(out: string): void {
  const dir = dirname(out);
  if (!existsSync(dir)) return;
  const prefix = basename(out) + '.';
  const leftovers: string[] = [];
  for (const name of readdirSync(dir)) {
    const pid = Number(/\.(?:tmp|old|trash|model)-(\d+)(?:-\d+)?$/.exec(name)?.[1]);
    if (!name.startsWith(prefix) || !pid || isAlive(pid)) continue;
    // Renamed first, so that what is being deleted is never taken for a build's own folder.
    const aside = join(dir, `${basename(out)}.trash-${process.pid}-${leftovers.length}`);
    try { renameSync(join(dir, name), aside); leftovers.push(aside); } catch { /* gone meanwhile */ }
  }
  void deleteInBackground(leftovers);
}

/** Rename, or copy and delete when the folders are on different file systems. */
function moveDir(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    cpSync(from, to, { recursive: true });
    rmSync(from, { recursive: true, force: true });
  }
}

/** Moves every file of `from` into `to` (folders that exist in both are merged); `from` is removed. */
function mergeInto(from: string, to: string): void {
  if (!existsSync(from)) return;
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    const dst = join(to, e.name);
    if (e.isDirectory() && existsSync(dst)) mergeInto(src, dst);
    else renameSync(src, dst);
  }
  rmdirSync(from); // empty now (a recursive rm costs a listing and a stat per folder: 1.5 s per 5,000 villages)
}

/** Where a language's place pages are, relative to the site: `place`, `en/place`. */
function placePagesDir(lang: Lang): string {
  return dirname(dirname(placePageFile(lang, 'x')));
}

/** Moves the second renderer's place pages into the site (its other pages are the first's too); returns how many places it rendered. */
function mergePlacePages(from: string, site: string): number {
  let places = 0;
  for (const lang of LANGS) {
    const src = join(from, placePagesDir(lang));
    if (!existsSync(src)) continue;
    if (lang === LANGS[0]) places = readdirSync(src).length;
    mkdirSync(join(site, placePagesDir(lang)), { recursive: true });
    mergeInto(src, join(site, placePagesDir(lang)));
  }
  rmSync(from, { recursive: true, force: true });
  return places;
}

/** The place pages (every language, and a village's print view) not in `site`. */
function missingPlacePages(site: string, places: readonly { id: string; level: string }[]): string[] {
  const missing: string[] = [];
  for (const p of places) {
    const files = LANGS.map((l) => placePageFile(l, p.id));
    if (p.level === 'village') files.push(placePrintFile(p.id));
    for (const f of files) if (!existsSync(join(site, f))) missing.push(f);
  }
  return missing;
}

/** Staging folders of builds that were killed (their process no longer exists). */
function removeStaleStaging(): void {
  const dir = join(projectRoot, '.sunlight-cache');
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const pid = Number(/^astro(?:-cache)?-(\d+)(?:\.(?:log|skip\.json|second|second\.log|claims|places\.json))?$/.exec(name)?.[1]);
    if (!pid) continue;
    if (!isAlive(pid)) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const { values, error } = parseArgs(process.argv.slice(2), { data: 'string', out: 'string', 'as-of': 'string', base: 'string', 'report-dir': 'string', quiet: 'boolean', previous: 'string', 'no-cache': 'boolean', 'cache-dir': 'string' });
  if (error) { console.error(error); return 2; }
  const dataDir = resolve(String(values.data ?? 'data'));
  const out = resolve(String(values.out ?? 'dist'));
  const asOf = String(values['as-of'] ?? today());
  let base = String(values.base ?? '/');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) { console.error(`--as-of 应为 YYYY-MM-DD 格式的日期，收到「${asOf}」 Invalid date`); return 2; }
  if (!base.startsWith('/')) base = '/' + base;
  if (!base.endsWith('/')) base += '/';
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) { console.error(`找不到数据文件夹：${dataDir}。请用 --data 指定。 Data folder not found.`); return 2; }
  if (resolve(out) === resolve(dataDir) || dataDir.startsWith(out + '/')) { console.error('--out 不能是数据文件夹本身或其上级 --out must not contain the data'); return 2; }

  // First put back a site an interrupted swap set aside (it may be the --previous release).
  const restored = recoverInterruptedSwap(out);
  if (restored) console.log(`上次生成在替换网站时中断，已恢复原网站 The previous build was interrupted while swapping; restored ${out} from ${basename(restored)}`);

  // --previous: the folder of the release published before this one (often the --out folder itself).
  let previous: PreviousRelease | undefined;
  if (values.previous !== undefined) {
    const prevDir = resolve(String(values.previous));
    const prevData = existsSync(join(prevDir, 'data', 'manifest.json')) ? join(prevDir, 'data') : existsSync(join(prevDir, 'manifest.json')) ? prevDir : undefined;
    if (!existsSync(prevDir) || !statSync(prevDir).isDirectory()) { console.error(`找不到上次发布的网站文件夹：${prevDir}。请用 --previous 指定上次生成的网站（如 dist）。 Previous release folder not found.`); return 2; }
    if (!prevData) { console.error(`${prevDir} 不是以前发布的网站：找不到 data/manifest.json。请用 --previous 指定上次生成的网站文件夹。 Not a published release (no data/manifest.json).`); return 2; }
    try { previous = await readPreviousRelease(folderSource(prevData)); } catch (e) { console.error(`${prevDir}：${(e as Error).message}`); return 2; }
  }

  removeDebris(out);
  removeStaleStaging();
  const cacheDir = resolve(String(values['cache-dir'] ?? join(projectRoot, '.sunlight-cache', 'build')));
  const readCache = !values['no-cache'];
  const code = codeFingerprint(projectRoot);
  // A file that cannot be read is the check's to report: the build then runs without the cache.
  const dataKey = await dataInputs(dataDir).then((inputs) => dataStageKey({ code, asOf, base, inputs }), () => undefined);
  const reuse = pageReuse({ dir: join(cacheDir, 'pages'), out, code, base, read: readCache });
  const tmp = `${out}.tmp-${process.pid}`;
  const modelDir = `${out}.model-${process.pid}`;
  const siteDir = join(tmp, 'site');
  const dataOut = join(tmp, 'data');
  const rootOut = join(tmp, 'root'); // feeds and share images, merged into the site after the pages
  mkdirSync(dataOut, { recursive: true });
  // The search index (Pagefind) is built from the model's records in a worker thread, next to the
  // site, and moved into it before the swap.
  const searchOut = join(tmp, 'pagefind');
  const indexer = pagefindIndexer(searchOut);
  // Near the heap cap, stop with a message instead of V8's fatal error; nothing is published
  // (scripts/lib/heap-guard.ts). SUNLIGHT_HEAP_GUARD_RATIO lowers the threshold for the tests.
  const guardRatio = Number(process.env.SUNLIGHT_HEAP_GUARD_RATIO) || HEAP_GUARD_RATIO;
  const outOfHeap = (usedMb: number, limitMb: number): never => {
    cleanup();
    console.error(outOfMemoryMessage(usedMb, limitMb, existsSync(out)));
    process.exit(2);
  };
  // The indexes are written once the model is done, while the pages render (and a second renderer
  // may start right after): give the data stage's heap back first (heap-release.ts).
  // That collection is also a moment to check the heap (the guard's GC entries arrive later).
  const search: SearchIndexer = { ...indexer, done: () => { if (releaseHeap()) checkHeap(outOfHeap, guardRatio); indexer.done(); } };
  const cleanup = () => {
    search.close();
    pages?.kill('SIGTERM');
    secondPages?.kill('SIGTERM');
    for (const d of [tmp, modelDir, staging, astroCache, secondStaging, secondCache, claimsDir]) rmSync(d, { recursive: true, force: true });
    for (const f of [astroLog, secondLog, skipFile, placeListFile]) rmSync(f, { force: true });
  };
  // Astro renders into a staging folder inside the project: its temporary page code must resolve
  // packages from the project, and it stays inside outDir only when outDir is under the project.
  const scratch = (name: string) => join(projectRoot, '.sunlight-cache', name);
  const staging = scratch(`astro-${process.pid}`);
  const astroCache = scratch(`astro-cache-${process.pid}`);
  const astroLog = scratch(`astro-${process.pid}.log`);
  const skipFile = scratch(`astro-${process.pid}.skip.json`);
  // The second renderer (page-claims.ts): its own output, cache and log; the claims both share.
  const secondStaging = scratch(`astro-${process.pid}.second`);
  const secondCache = scratch(`astro-cache-${process.pid}.second`);
  const secondLog = scratch(`astro-${process.pid}.second.log`);
  const claimsDir = scratch(`astro-${process.pid}.claims`);
  const placeListFile = scratch(`astro-${process.pid}.places.json`);
  const renderers = pageRenderers();
  // The model's files are hashed as they are written: the page index keys on them (node-page-reuse.ts).
  const modelOut = folderOutput(modelDir, { atomic: true, hashes: true });
  const modelDigest = (path: string) => modelOut.sha256!(path);
  const dataFiles = folderOutput(dataOut, { hashes: true, background: true });
  // Place feeds are staged flat and moved into the place folders after the pages (feed-staging.ts).
  const siteFiles = stagingFeeds(folderOutput(rootOut, { background: true }));
  let streaming = false;
  let pages: ChildProcess | undefined;
  let secondPages: ChildProcess | undefined;
  const markFailed = () => { try { mkdirSync(modelDir, { recursive: true }); writeFileSync(join(modelDir, 'FAILED'), ''); } catch { /* already gone */ } };
  /** One Astro build into `outDir`, in its own process (a core of its own); resolves when it exits cleanly. */
  const runAstro = (o: { outDir: string; cache: string; log: string; env?: Record<string, string> }, started: (p: ChildProcess | undefined) => void) => new Promise<void>((resolveRun, rejectRun) => {
    rmSync(o.outDir, { recursive: true, force: true });
    const logFd = openSync(o.log, 'w');
    // --single-threaded-gc: as for the build process (package.json, docs/decisions.md).
    // --max-semi-space-size=32: the renderer is the critical path once the check is done
    // (yield-to-renderer.ts), and a larger young generation saves it about a fifth of its
    // garbage collection (7.5 s → 6.1 s per 5,000 villages) for about 50 MB.
    const child = spawn(process.execPath, ['--max-old-space-size=1536', '--max-semi-space-size=32', '--single-threaded-gc', '--import', pathToFileURL(join(projectRoot, 'scripts', 'lib', 'exit-with-parent.mjs')).href, join(projectRoot, 'scripts', 'lib', 'astro-build.mjs'), projectRoot], {
      cwd: projectRoot,
      stdio: ['ignore', logFd, logFd],
      env: {
        ...process.env,
        ASTRO_TELEMETRY_DISABLED: '1',
        SUNLIGHT_MODEL_DIR: modelDir,
        SUNLIGHT_MODEL_STREAMING: '1',
        SUNLIGHT_OUT: o.outDir,
        SUNLIGHT_BASE: base,
        SUNLIGHT_CACHE_DIR: o.cache,
        SUNLIGHT_SKIP_PAGES: skipFile,
        // Claims only when a second renderer may start: each one is a file to create.
        ...(renderers > 1 ? { SUNLIGHT_CLAIMS_DIR: claimsDir } : {}),
        SUNLIGHT_PARENT_PID: String(process.pid),
        ...o.env,
      },
    });
    closeSync(logFd);
    started(child);
    child.on('error', rejectRun);
    child.on('exit', (code, signal) => {
      started(undefined);
      if (code === 0) { resolveRun(); return; }
      const log = existsSync(o.log) ? readFileSync(o.log, 'utf8').split('\n').filter((l) => !/^\s*[├└│]/.test(l)).slice(-30).join('\n') : '';
      rejectRun(new Error(`页面生成失败 Astro exited with ${code ?? signal}:\n${log}`));
    });
  });
  // Astro renders in its own process (second core). Started once: by the data stage when site.json
  // exists, or right away (below), so it compiles the pages while the check runs.
  let rendering: Promise<void> | undefined;
  let firstDone = false;
  let second: Promise<void> | undefined;
  const renderPages = (): Promise<void> => (rendering ??= (async () => {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(join(projectRoot, '.sunlight-cache'), { recursive: true });
    if (renderers > 1) mkdirSync(claimsDir, { recursive: true });
    // With the whole model written, unchanged place pages come from the previous output.
    let reused: string[] = [];
    try { if (!streaming) reused = reuse.plan(modelDir, modelDigest); } catch (e) { console.log(`页面索引不可用，全部重新生成 Page index unusable, rendering every page: ${(e as Error).message}`); }
    if (reused.length) console.log(`— 复用 ${reused.length} 个未变的地区页面 reusing ${reused.length} unchanged place pages`);
    writeFileSync(skipFile, JSON.stringify(reused));
    try {
      await runAstro({ outDir: staging, cache: astroCache, log: astroLog }, (p) => {
        pages = p;
        // The renderer is the critical path from here (yield-to-renderer.ts). A second renderer,
        // on three cores or more, has cores to spare and would inherit the lower priority.
        if (p && renderers === 1) yieldToRenderer();
      });
    } catch (e) {
      // A second renderer that failed stops the first: its message is the one to show.
      throw (second && await second.then(() => undefined, (err: unknown) => err)) ?? e;
    } finally {
      firstDone = true;
    }
    await second;
    moveDir(staging, siteDir);
    if (second) {
      const n = mergePlacePages(secondStaging, siteDir);
      console.log(`— 第二个渲染进程生成了 ${n} 个地区的页面 a second renderer rendered the pages of ${n} places`);
    }
    reuse.link(siteDir);
    // However the pages were shared out or reused, every place has every page, or nothing is published.
    const missing = missingPlacePages(siteDir, (JSON.parse(readFileSync(join(modelDir, 'site.json'), 'utf8')) as SiteModel).places);
    if (missing.length) throw new Error(`页面不全 ${missing.length} place pages missing, e.g. ${missing.slice(0, 3).join(', ')}`);
  })());
  // The model is complete (buildSite's step 2b): if the first renderer still has many places ahead
  // of it, a second one takes them from the back (page-claims.ts). Below the threshold, starting
  // one (about 5 s of compiling) would cost more than it saves.
  const minPlaces = Number(process.env.SUNLIGHT_SECOND_RENDERER_MIN_PLACES ?? SECOND_RENDERER_MIN_PLACES);
  const startSecondRenderer = (model: SiteModel): void => {
    if (renderers < 2 || !pages || firstDone || second) return;
    const claimed = new Set(readdirSync(claimsDir));
    const ids = model.places.map((p) => p.id);
    const remaining = ids.length - ids.filter((id) => claimed.has(id)).length;
    if (remaining < Math.max(1, minPlaces)) return;
    writeSecondRendererList(placeListFile, shareRemainingPlaces(claimsDir, ids, claimed, Math.floor(remaining / 4)));
    second = runAstro({ outDir: secondStaging, cache: secondCache, log: secondLog, env: { SUNLIGHT_PLACE_LIST: placeListFile } }, (p) => { secondPages = p; });
    second.catch(() => { pages?.kill('SIGTERM'); });
  };
  const t0 = performance.now();
  const stopHeapGuard = watchHeap(outOfHeap, guardRatio);
  // Without a page index there is nothing to reuse, so pages will stream: start Astro now. It
  // compiles while the check runs, then waits for site.json (load-model.ts); a failed check stops it.
  if (!reuse.hasIndex) {
    streaming = true;
    renderPages().catch(() => { /* reported where buildSite awaits it */ });
  }
  try {
    const result = await buildSite({
      source: folderSource(dataDir),
      // The check runs in a worker thread; this thread takes the rows it accepts (node-check.ts).
      // Out of heap there: the same message and exit as the heap guard's here.
      // Its heap has the same cap as this thread's (V8's flags are the process's).
      check: (o) => checkInWorker(dataDir, o).catch((e: unknown) => {
        if ((e as NodeJS.ErrnoException)?.code === CHECK_OUT_OF_MEMORY) { const limit = Math.round(getHeapStatistics().heap_size_limit / 1048576); outOfHeap(limit, limit); }
        throw e;
      }),
      // Page tables and feeds are written in libuv's threads (the model is not: pages read it as it is written).
      downloads: dataFiles,
      model: modelOut,
      site: siteFiles,
      // Share images need a CJK font; without one (or if it cannot be read) pages go without og:image.
      sharePng: async () => {
        const font = findCjkFont();
        if (!font) return undefined;
        try { return await pngRenderer(preparedFont(font, join(projectRoot, '.sunlight-cache', 'fonts'))); } catch (e) { console.error(`分享图片不可用 share images off: ${(e as Error).message}`); return undefined; }
      },
      spill: () => diskSpill(),
      ...(previous ? { previous } : {}),
      current: folderSource(dataOut),
      ...(values.quiet ? {} : { onProgress: (p: Progress) => { const l = progressLine(p); if (l) console.log(l); } }),
      onStage: (s) => console.log(`— ${s}`),
      // Astro runs in its own process, on the second core, from the moment site.json exists; it
      // waits for each place file while this process is still writing them.
      streamsPages: () => streaming || (streaming = !reuse.worthWaiting(modelDir)),
      ...(dataKey ? { dataCache: dataStageCache({ dir: join(cacheDir, 'data'), key: dataKey, modelDir, downloadsDir: dataOut, siteDir: rootOut, read: readCache, leaveOut: isReleaseComparisonFile, log: (m) => console.log(m) }) } : {}),
      search,
      abortPages: () => { pages?.kill('SIGTERM'); markFailed(); },
      renderPages,
      modelWritten: startSecondRenderer,
    }, { asOf });

    // The office's report goes next to the output, never into it.
    const reportDir = resolve(String(values['report-dir'] ?? join(dirname(out), 'reports')));
    mkdirSync(reportDir, { recursive: true });
    writeFileSync(join(reportDir, 'check-report.json'), JSON.stringify(result.report, null, 2) + '\n');
    writeFileSync(join(reportDir, 'check-report.html'), renderHtmlReport(result.report, { title: '数据检查' }));
    console.log('');
    console.log(formatSummary(result.report, 50));
    console.log(`检查报告 report: ${join(reportDir, 'check-report.html')}`);
    if (!result.ok) {
      stopHeapGuard();
      cleanup();
      console.error(`\n未发布：${existsSync(out) ? '原有网站保持不变' : '没有生成网站'}。 Nothing was published.`);
      return 1;
    }
    // While Pagefind writes the search index: the downloads, feeds and share images (complete, and
    // kept by the cache, once buildSite has returned) join the pages, the page index's keys are
    // worked out from the model, and the model goes. These are mostly file system work (at 30,000
    // villages, 200,000 renames and 30,000 folders to remove), which the index's CPU work hides.
    renameSync(dataOut, join(siteDir, 'data'));
    moveStagedFeeds(rootOut, siteDir);
    mergeInto(rootOut, siteDir);
    try { reuse.prepare(modelDir, modelDigest); } catch (e) { console.log(`未能记录页面索引 Could not record the page index: ${(e as Error).message}`); }
    rmSync(modelDir, { recursive: true, force: true });
    const waitFrom = performance.now();
    const indexed = await search.written;
    renameSync(searchOut, join(siteDir, 'pagefind'));
    const sec = (ms: number) => (ms / 1000).toFixed(1);
    console.log(`搜索索引 search index: ${indexed.records} 条，添加 ${sec(indexed.addMs)} 秒，写入 ${sec(indexed.writeMs)} 秒，页面生成后另等 ${sec(performance.now() - waitFrom)} 秒 (records, adding, writing, waited after pages)`);
    // Swap in the new site: the previous output stays intact until this point.
    stopHeapGuard();
    const old = `${out}.old-${process.pid}`;
    if (existsSync(out)) renameSync(out, old);
    renameSync(join(tmp, 'site'), out);
    // Set aside whole before deleting, so an `.old-` folder is always a complete site (output-swap.ts).
    // The previous site is deleted by a process of its own that the build does not wait for, as are
    // cache entries replaced or pruned (node-background-delete.ts): at 30,000 villages, about 40 s
    // and 70 s that every republication spent at its end.
    const trash = `${out}.trash-${process.pid}`;
    if (existsSync(old)) { renameSync(old, trash); void deleteInBackground([trash]); }
    try { reuse.record(modelDir, modelDigest); } catch (e) { console.log(`未能记录页面索引 Could not record the page index: ${(e as Error).message}`); }
    cleanup();
    if (!result.model.site.url) console.log(`提示：${SITE_URL_MISSING}`);
    console.log(`网站已生成 Site written to ${out}（${result.model.places.length} 个地区页面，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒）`);
    return 0;
  } catch (e) {
    stopHeapGuard();
    // Writes still under way would put files back into the folders cleanup removes.
    await Promise.allSettled([dataFiles.settled?.(), siteFiles.settled?.()]);
    cleanup();
    console.error(`生成失败，原有网站保持不变。请把这段信息发给维护者 Build failed, previous output untouched:\n${(e as Error)?.stack ?? e}`);
    return 2;
  }
}

main().then((code) => { process.exitCode = code; });
