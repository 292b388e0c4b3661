/**
 * The build's "what changed" stage: reads the previous release's downloads (a DataSource over its
 * data/ folder) and this build's downloads, compares them, and writes data/changes.json and the
 * overlay model files (model/changes/…) the pages read. Runs after the check has written the
 * downloads and before the place model is written, so every page finds its overlay.
 */
import { DATASETS, DATASET_BY_ID } from '../datasets/index.ts';
import type { OutputFiles } from '../output.ts';
import type { RegionRegistry } from '../regions.ts';
import type { DatasetSpec } from '../schema.ts';
import { downloadColumns } from '../site/downloads.ts';
import type { DataSource } from '../source.ts';
import type { CompareSpec, PlaceRef } from './compare.ts';
import { csvRows, readText } from './csv-rows.ts';
import { compareRelease, overlaysOf, type PreviousSide } from './release.ts';
import type { ChangeLimits, ChangeNote, ChangesFile } from './types.ts';

export const CHANGES_FILE = 'changes.json';

/**
 * The files publishChanges writes (data/changes.json, model/changes/…). They depend on the
 * previous release, which the data-stage cache key leaves out, so the cache does not keep them.
 */
export function isReleaseComparisonFile(area: string, path: string): boolean {
  return (area === 'downloads' && path === CHANGES_FILE) || (area === 'model' && path.startsWith('changes/'));
}

/** How a dataset's download is compared: its key, period and place columns by download header. */
export function compareSpecOf(spec: DatasetSpec): CompareSpec {
  const cols = downloadColumns(spec);
  const header = (key: string) => cols.find((c) => c.key === key)?.header;
  const byKind = (kind: string) => cols.find((c) => c.def?.kind === kind)?.header;
  return {
    id: spec.id, title: spec.title,
    keyColumns: spec.key.map((k) => { const h = header(k); if (!h) throw new Error(`${spec.id}: key column ${k} is not public`); return h; }),
    ...(spec.periodKey && header(spec.periodKey) ? { periodColumn: header(spec.periodKey)! } : {}),
    placeColumns: { ...(byKind('township') ? { township: byKind('township')! } : {}), ...(byKind('village') ? { village: byKind('village')! } : {}), code: '区划代码' },
    ignoreColumns: ['区划代码'],
  };
}

/** Finds a row's place page among this release's places, without learning new places. */
export function placeResolver(regions: RegionRegistry): (p: { township: string; village: string; code: string }) => PlaceRef {
  return ({ township, village, code }) => {
    const name = [township, village].filter(Boolean).join(' ');
    let r = code ? regions.get(code) : undefined;
    if (!r) {
      const t = township ? regions.findTownship(township) : undefined;
      r = village ? regions.findVillage(t?.id, village) : t;
    }
    return r ? { id: r.id, name } : { name };
  };
}

export interface PreviousRelease { source: DataSource; asOf: string; datasets: string[]; rows: Map<string, number>; sha256: Map<string, string>; changes?: unknown; notes: ChangeNote[] }

/**
 * Reads what a previous release says about itself (data/manifest.json). Throws a bilingual error
 * when the folder is not a published release, for the command line to report as a usage error.
 */
export async function readPreviousRelease(source: DataSource): Promise<PreviousRelease> {
  const files = new Set(await source.list());
  if (!files.has('manifest.json')) throw new Error('这个文件夹不是以前发布的网站：找不到 data/manifest.json。请用 --previous 指定上次生成的网站文件夹（如 dist）。 Not a published release: data/manifest.json not found.');
  let manifest: unknown;
  try { manifest = JSON.parse(await readText(source, 'manifest.json')); } catch (e) {
    throw new Error(`上次发布的 data/manifest.json 无法读取：${(e as Error).message}。 The previous manifest.json cannot be read.`);
  }
  const m = manifest as { asOf?: unknown; datasets?: unknown };
  if (typeof m?.asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(m.asOf) || !Array.isArray(m.datasets)) {
    throw new Error('上次发布的 data/manifest.json 缺少 asOf 或 datasets，不是本系统发布的网站。 The previous manifest.json lacks asOf/datasets.');
  }
  const notes: ChangeNote[] = [];
  const datasets: string[] = [];
  const rows = new Map<string, number>();
  for (const d of m.datasets as { id?: unknown; rows?: unknown }[]) {
    if (typeof d?.id !== 'string') continue;
    if (!files.has(`${d.id}.csv`)) {
      notes.push({ zh: `上次发布的清单列出了 ${d.id}，但找不到 data/${d.id}.csv，该数据集未作比较。`, en: `The previous manifest lists ${d.id} but data/${d.id}.csv is missing; not compared.` });
      continue;
    }
    datasets.push(d.id);
    if (typeof d.rows === 'number') rows.set(d.id, d.rows);
  }
  // SHA256SUMS tells which downloads are byte-for-byte unchanged (those are not read again).
  const sha256 = new Map<string, string>();
  if (files.has('SHA256SUMS')) {
    try {
      for (const line of (await readText(source, 'SHA256SUMS')).split('\n')) {
        const m = /^([0-9a-f]{64}) {2}(.+)\.csv$/.exec(line.trim());
        if (m && !m[2]!.includes('/')) sha256.set(m[2]!, m[1]!);
      }
    } catch { /* then every dataset is compared row by row */ }
  }
  let changes: unknown;
  if (files.has(CHANGES_FILE)) {
    try { changes = JSON.parse(await readText(source, CHANGES_FILE)); } catch (e) {
      notes.push({ zh: `上次发布的 data/changes.json 无法读取（${(e as Error).message}），以往的更正/撤回记录未能延续。`, en: `The previous data/changes.json cannot be read (${(e as Error).message}); earlier corrections/withdrawals were not carried forward.` });
    }
  }
  return { source, asOf: m.asOf, datasets, rows, sha256, ...(changes !== undefined ? { changes } : {}), notes };
}

export interface ChangesStageInputs {
  asOf: string;
  previous?: PreviousRelease;
  /** This build's data/ folder, read back (the downloads are complete by now). */
  current: DataSource;
  currentDatasets: string[];
  /** sha256 of this build's CSV downloads. */
  currentSha256?: ReadonlyMap<string, string>;
  regions: RegionRegistry;
  /** Place ids that get a page in this build. */
  hasPlace(id: string): boolean;
  downloads: OutputFiles;
  model: OutputFiles;
  limits?: ChangeLimits;
}

export async function publishChanges(inp: ChangesStageInputs): Promise<ChangesFile> {
  const prev = inp.previous;
  const previous: PreviousSide | undefined = prev ? {
    asOf: prev.asOf, datasets: prev.datasets, rows: prev.rows, sha256: prev.sha256, source: (id) => csvRows(prev.source, `${id}.csv`),
    ...(prev.changes !== undefined ? { changes: prev.changes } : {}),
  } : undefined;
  const file = await compareRelease({
    asOf: inp.asOf,
    current: { datasets: inp.currentDatasets, ...(inp.currentSha256 ? { sha256: inp.currentSha256 } : {}), source: (id) => csvRows(inp.current, `${id}.csv`) },
    ...(previous ? { previous } : {}),
    specOf: (id) => { const s = DATASET_BY_ID.get(id); return s ? compareSpecOf(s) : undefined; },
    order: DATASETS.map((d) => d.id),
    placeOf: placeResolver(inp.regions),
    ...(inp.limits ? { limits: inp.limits } : {}),
    notes: prev?.notes ?? [],
  });
  inp.downloads.writeFile(CHANGES_FILE, JSON.stringify(file, null, 1) + '\n');
  const overlays = overlaysOf(file, inp.hasPlace);
  inp.model.writeFile('changes/release.json', JSON.stringify(overlays.release));
  for (const [id, o] of [...overlays.datasets].sort((a, b) => (a[0] < b[0] ? -1 : 1))) inp.model.writeFile(`changes/datasets/${id}.json`, JSON.stringify(o));
  for (const [id, o] of [...overlays.places].sort((a, b) => (a[0] < b[0] ? -1 : 1))) inp.model.writeFile(`changes/places/${id}.json`, JSON.stringify(o));
  return file;
}

/** Files already written, read back whole (in-memory outputs in tests; the CLI passes a folder source). */
export function outputSource(out: OutputFiles): DataSource {
  return {
    async list() { return out.list(''); },
    async size(path) { return out.readFile(path).length; },
    async *read(path) { yield out.readFile(path); },
  };
}
