/**
 * The build: check → aggregate → write model and downloads → render pages → package the data.
 * A short orchestrator; every effect (reading data, writing files, rendering pages) is injected,
 * so the stages can be tested without disk and the caller decides where output goes.
 */
import { CHANGES_FILE, outputSource, publishChanges, type PreviousRelease } from './changes/stage.ts';
import { runCheck, type CheckOptions, type CheckReport, type CheckResult, type Progress, type RowSink } from './check.ts';
import { DATASET_BY_ID } from './datasets/index.ts';
import type { OutputFiles } from './output.ts';
import { SiteAggregator } from './site/aggregate.ts';
import { dataPackage, DownloadSink, sha256Sums } from './site/downloads.ts';
import type { PlacePage, SiteModel } from './site/model.ts';
import { RegionRegistry, type RegionRegistry as Regions } from './regions.ts';
import { createHash } from 'node:crypto';
import type { NamesRecord } from './search/name-index.ts';
import { datasetRecord, indexesPeopleNames, peopleGroupOf, peopleRecord, placeRecord, type SearchRecord } from './search/records.ts';
import type { DataSource } from './source.ts';
import type { PngRenderer } from './share/node-png.ts';
import { ShareWriter } from './share/writer.ts';
import type { SpillStore } from './tables.ts';

export interface BuildEffects {
  source: DataSource;
  /**
   * Runs the check (default: runCheck in this thread). The build passes one that checks in a worker
   * thread (node-check.ts); it must call the sink as runCheck would.
   */
  check?(opts: CheckOptions): Promise<CheckResult>;
  /** The data/ downloads folder of the site being built (a temporary folder until it succeeds). */
  downloads: OutputFiles;
  /** Where the site model JSON goes for the page renderer. */
  model: OutputFiles;
  /** Renders the pages from the model; called only when the check passed. */
  renderPages(model: SiteModel): Promise<void>;
  /**
   * True when renderPages can start before the place files exist (it waits for each one); a
   * function is asked once site.json is written (the caller may prefer to wait for the whole model).
   */
  streamsPages?: boolean | (() => boolean);
  /** Stops a renderer started early, when writing the model failed. */
  abortPages?(): void;
  onProgress?(p: Progress): void;
  /** Where the check's duplicate indexes spill for large inputs (default: memory). */
  spill?: () => SpillStore;
  onStage?(stage: string): void;
  /** The previously published release to compare with (--previous), already read. */
  previous?: PreviousRelease;
  /** This build's data/ folder read back as a source (default: read through `downloads`). */
  current?: DataSource;
  /** Files at the site root written by the data stage (feeds, share images), complete when buildSite returns; the caller merges them into the site. */
  site?: OutputFiles;
  /** The share-image renderer; undefined when no CJK font is installed (pages then have no og:image). */
  sharePng?(): Promise<PngRenderer | undefined>;
  /** Restores the data stage's result from an earlier build with the same inputs, and keeps new ones. */
  dataCache?: DataStageCache;
  /**
   * Takes the search index's records as the model is written (search/records.ts); done() as soon as
   * the whole model is written, so that Pagefind writes the index while the pages render.
   */
  search?: SearchIndexer;
  /**
   * Every place file is written (called by a data stage that ran, right after search.done()): the
   * caller may start a second renderer for the places the first has not reached (page-claims.ts).
   */
  modelWritten?(model: SiteModel): void;
}

export interface DataStageCache {
  /** The model and downloads of an earlier identical data stage, restored into fx.model and fx.downloads; undefined when there is none or it is doubtful (then nothing was restored). */
  restore(): { report: CheckReport; model: SiteModel } | undefined;
  /**
   * Keeps what the data stage wrote into fx.model and fx.downloads, with its report, leaving out
   * the comparison with the previous release (isReleaseComparisonFile): that is redone on a hit.
   */
  store(report: CheckReport): void;
}

export interface SearchIndexer {
  add(record: SearchRecord): void;
  /** Into that group's (county's) name index instead of the site's index (search/name-index.ts). */
  addNames(names: NamesRecord, group: string): void;
  done(): void;
}

export interface BuildOptions { asOf: string }

export type BuildResult = { ok: true; report: CheckReport; model: SiteModel } | { ok: false; report: CheckReport };

export async function buildSite(fx: BuildEffects, opts: BuildOptions): Promise<BuildResult> {
  const cached = fx.dataCache?.restore();
  if (cached) {
    fx.onStage?.('数据未变，使用缓存 data unchanged, restored from the cache');
    if (fx.search) indexRestoredModel(fx.model, cached.model, fx.search);
    // The previous release is not part of the cache key: compare again, then fix the one checksum.
    fx.onStage?.('比较上次发布 comparing with the previous release');
    await compareWithPrevious(fx, opts, registryOfModel(cached.model), cached.model.datasets.map((d) => d.id), new Map(cached.model.datasets.map((d) => [d.id, d.download.csvSha256])));
    await writesSettled(fx);
    const changes = createHash('sha256').update(fx.downloads.readFile(CHANGES_FILE)).digest('hex');
    fx.downloads.writeFile('SHA256SUMS', withChecksum(new TextDecoder().decode(fx.downloads.readFile('SHA256SUMS')), CHANGES_FILE, changes));
  }
  const data = cached ? { ok: true as const, ...cached, rendering: undefined } : await dataStage(fx, opts);
  if (!data.ok) return data;
  const { report, model, rendering } = data;
  // A data stage that ran has started writing the search index (step 2b); a restored one, now.
  if (cached) fx.search?.done();

  // 5. Render the pages (Astro) from the model, or wait for the renderers started in steps 2 and 2b.
  fx.onStage?.('生成网页 rendering pages');
  await (rendering ?? fx.renderPages(model));
  // The caller moves data/ and the site files into the site next.
  await writesSettled(fx);
  return { ok: true, report, model };
}

/**
 * On a cache hit the model was not written in this run: the search records are read back from its
 * files, in the order the data stage gives them (places, then datasets), so the index is the same.
 */
function indexRestoredModel(files: OutputFiles, model: SiteModel, search: SearchIndexer): void {
  const people = indexesPeopleNames(model.places.length);
  const text = new TextDecoder();
  for (const p of model.places) indexPlace(search, JSON.parse(text.decode(files.readFile(`places/${p.id}.json`))) as PlacePage, people);
  for (const d of model.datasets) search.add(datasetRecord(d));
}

/**
 * A place's search records: one in the site's index; on a large site (people: false) its people's
 * names go to its county's name index instead (search/name-index.ts).
 */
function indexPlace(search: SearchIndexer, page: PlacePage, people: boolean): void {
  search.add(placeRecord(page, { people }));
  if (people) return;
  const names = peopleRecord(page);
  if (names) search.addNames(names, peopleGroupOf(page));
}

/** Steps 1–4: everything written into the model and the downloads (what fx.dataCache keeps). */
async function dataStage(fx: BuildEffects, opts: BuildOptions): Promise<{ ok: false; report: CheckReport } | { ok: true; report: CheckReport; model: SiteModel; rendering: Promise<void> | undefined }> {
  // 1. Check every file; accepted public rows stream into the downloads and the aggregates.
  fx.onStage?.('检查数据 checking data');
  const downloads = new DownloadSink(fx.downloads, '');
  let aggregator: SiteAggregator | undefined;
  const sink: RowSink = {
    accept(d, row, place, origin) { downloads.accept(d, row, place, origin); aggregator!.accept(d, row, place, origin); },
    fileDone(r) { aggregator!.fileDone(r); },
  };
  const checkOptions: CheckOptions = {
    source: fx.source, sink, ...(fx.onProgress ? { onProgress: fx.onProgress } : {}), ...(fx.spill ? { spill: fx.spill } : {}),
    // The aggregator places rows in the region hierarchy, which the check reads before any data file.
    onContext: (r, s) => { aggregator = new SiteAggregator(r, s); },
  };
  const { report, regions, site } = await (fx.check ? fx.check(checkOptions) : runCheck(checkOptions));
  const stats = downloads.finish();
  if (!report.ok) return { ok: false, report };
  aggregator ??= new SiteAggregator(regions, site);

  // 1b. What changed since the previous release: data/changes.json and the overlay model files
  // (model/changes/…), written before site.json so pages rendering early find them.
  fx.onStage?.('比较上次发布 comparing with the previous release');
  await compareWithPrevious(fx, opts, regions, [...stats.keys()], new Map([...stats].map(([id, s]) => [id, s.csvSha256])));

  // 2. Aggregate into the site model: one JSON per place and per dataset, page tables as CSV.
  fx.onStage?.('生成页面数据 preparing pages');
  // A renderer that can wait for place files (fx.streamsPages) starts as soon as site.json exists,
  // so pages render on the second core while the place files are still being written.
  let rendering: Promise<void> | undefined;
  let model: SiteModel;
  const png = fx.site && fx.sharePng ? await fx.sharePng() : undefined;
  const share = fx.site ? new ShareWriter({ out: fx.site, config: site, asOf: opts.asOf, ...(png ? { png } : {}) }) : undefined;
  if (share && fx.sharePng && !png) share.warnings.push('没有找到中文字体（Noto Sans CJK，Debian 包 fonts-noto-cjk）：网页没有分享图片（og:image）。安装字体后重新生成即可 No CJK font found: pages have no share image.');
  let people = true;
  try {
    model = aggregator.writeModel({
      model: fx.model, data: fx.downloads, config: site, asOf: opts.asOf, report, downloads: stats,
      onSiteWritten: (m) => {
        people = indexesPeopleNames(m.places.length);
        if (typeof fx.streamsPages === 'function' ? fx.streamsPages() : fx.streamsPages) { rendering = fx.renderPages(m); rendering.catch(() => {}); }
      },
      ...(share ? { share } : {}),
      ...(fx.search ? { onPlaceWritten: (p) => indexPlace(fx.search!, p, people) } : {}),
    });
    for (const d of model.datasets) fx.search?.add(datasetRecord(d));
  } catch (e) {
    fx.abortPages?.();
    await writesSettled(fx).catch(() => {});
    throw e;
  }
  aggregator = undefined; // let the rows go before the pages render

  // 2b. The model is complete. Pagefind writes the search index (all its records are added) while
  // the pages render and the downloads are packaged, and a second renderer may take the last places.
  fx.search?.done();
  fx.modelWritten?.(model);

  // 3. Package the downloads for journalists: data package, manifest, checksums.
  fx.onStage?.('打包下载文件 packaging downloads');
  const datasets = [...stats.entries()].map(([id, s]) => ({ spec: DATASET_BY_ID.get(id)!, stats: s }));
  fx.downloads.writeFile('datapackage.json', JSON.stringify(dataPackage({ name: 'sunlight-disclosures', title: site.title, publisher: site.publisher, asOf: opts.asOf, ...(site.license ? { license: site.license } : {}), datasets }), null, 2) + '\n');
  fx.downloads.writeFile('manifest.json', JSON.stringify({
    asOf: opts.asOf,
    datasets: model.datasets.map((d) => ({ id: d.id, title: d.title, rows: d.rows, files: { csv: d.download.csv, json: d.download.json } })),
    regions: model.places.map((p) => ({ code: p.code ?? null, name: p.name, level: p.level, parent: p.parent ?? null, url: p.url })),
    changes: 'changes.json',
  }, null, 2) + '\n');

  // 4. Checksums over every file in data/, complete once the page tables and the files above are on
  // disk (folderOutput's `background`; the model is never written in the background: pages read it
  // as it is written).
  await writesSettled(fx);
  fx.downloads.writeFile('SHA256SUMS', sha256Sums(fx.downloads, ''));
  // Share images render in libuv's threads meanwhile; wait only now.
  if (share) { await share.finish(); addSiteWarnings(report, share.warnings); }
  await writesSettled(fx);
  fx.dataCache?.store(report);
  return { ok: true, report, model, rendering };
}


/** Every write of the downloads and the site files is on disk (or the first that failed is thrown). */
async function writesSettled(fx: BuildEffects): Promise<void> {
  await Promise.all([fx.downloads.settled?.(), fx.site?.settled?.()]);
}

/** data/changes.json and the overlay model files (model/changes/…), from this build's downloads and fx.previous. */
function compareWithPrevious(fx: BuildEffects, opts: BuildOptions, regions: Regions, datasets: string[], sha256: Map<string, string>): Promise<unknown> {
  return publishChanges({
    asOf: opts.asOf, ...(fx.previous ? { previous: fx.previous } : {}), current: fx.current ?? outputSource(fx.downloads),
    currentDatasets: datasets, currentSha256: sha256, regions, hasPlace: (id) => regions.get(id) !== undefined,
    downloads: fx.downloads, model: fx.model,
  });
}

/** The places of a restored model as a registry: enough to find the page of a previous release's row. */
function registryOfModel(model: SiteModel): Regions {
  return new RegionRegistry(model.places.map((p) => ({ id: p.id, ...(p.code ? { code: p.code } : {}), name: p.name, level: p.level, ...(p.parent ? { parent: p.parent } : {}) })), true);
}

/** SHA256SUMS with one file's line replaced (or added in path order). */
export function withChecksum(sums: string, path: string, sha256: string): string {
  const lines = sums.split('\n').filter(Boolean).filter((l) => l.slice(66) !== path);
  lines.push(`${sha256}  ${path}`);
  lines.sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : a.slice(66) > b.slice(66) ? 1 : 0));
  return lines.join('\n') + '\n';
}

/** Warnings about the published site (not about a data file) go into the report under site.json. */
function addSiteWarnings(report: CheckReport, messages: readonly string[]): void {
  if (!messages.length) return;
  let entry = report.files.find((f) => f.path === 'site.json');
  if (!entry) { entry = { path: 'site.json', dataset: null, encoding: null, rows: 0, issues: [] }; report.files.push(entry); }
  for (const message of messages) entry.issues.push({ severity: 'warning', code: 'site-feature-off', message });
  report.summary.warnings += messages.length;
}
