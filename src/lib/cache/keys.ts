/**
 * Cache keys for rebuilds, as pure functions of what the build reads (the disk side is in
 * src/lib/node-data-cache.ts and src/lib/node-page-reuse.ts). A key changes whenever anything
 * that could change the bytes written changes; when in doubt, a key includes more.
 */
import { createHash } from 'node:crypto';
import { LANGS, localePath, type Lang } from '../i18n.ts';

/** Bumped when the layout of cache entries or the meaning of a key changes. */
export const CACHE_FORMAT = 'sunlight-cache-2';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A digest of a list of values (JSON-encoded, so no two lists share a digest by concatenation). */
export function digestOf(parts: readonly unknown[]): string {
  return sha256Hex(JSON.stringify(parts));
}

export interface FileDigest { path: string; sha256: string }

function byPath(a: FileDigest, b: FileDigest): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** A digest of a set of files (paths and contents), independent of the order they were listed in. */
export function filesDigest(files: readonly FileDigest[]): string {
  return digestOf([...files].sort(byPath).map((f) => [f.path, f.sha256]));
}

/**
 * The data stage (check → aggregate → model + downloads) reads the data folder and the options;
 * its output also depends on the project's code (`code`: a digest of src/**, the lockfile, …).
 */
export function dataStageKey(opts: { code: string; asOf: string; base: string; inputs: readonly FileDigest[] }): string {
  // --previous is not an input: the comparison with the previous release runs after the cached
  // stage (build.ts), so an unchanged republication with --previous is still a cache hit.
  return digestOf([CACHE_FORMAT, 'data', opts.code, opts.asOf, opts.base, filesDigest(opts.inputs)]);
}

/**
 * site.json as a place page sees it. Left out are the parts that change with any row anywhere but
 * that place pages never show: the home page's figures and charts, and each dataset's row and file
 * counts and download sizes/checksums. Without this, correcting one village's rows would
 * re-render every page. (tests/site/page-reuse.test.ts checks that reused pages stay identical to
 * a clean build when exactly these parts change.)
 */
export function placePageSiteView(site: unknown): unknown {
  if (!site || typeof site !== 'object') return site;
  const { home: _home, datasets, ...rest } = site as Record<string, unknown>;
  return {
    ...rest,
    datasets: Array.isArray(datasets)
      ? datasets.map((d) => {
        if (!d || typeof d !== 'object') return d;
        const { rows: _rows, files: _files, download: _download, ...info } = d as Record<string, unknown>;
        return info;
      })
      : datasets,
  };
}

/** `place/<id>/index.html`, `en/place/<id>/index.html`: where Astro writes a place page. */
export function placePageFile(lang: Lang, id: string): string {
  return `${localePath(lang, `place/${id}/`)}index.html`;
}

/** A village's notice-board print view: Chinese only, made from the same model files as its page. */
export function placePrintFile(id: string): string {
  return `place/${id}/print/index.html`;
}

/** The inputs of place pages, sorted out of a model folder's file list. */
export interface PlaceInputs {
  /** Per place id: its own files, `<dir>/<id>.json` (places/, and overlays such as changes/places/). */
  own: Map<string, FileDigest[]>;
  /** Files every place page may read besides site.json: anything not per place and not a dataset page. */
  shared: FileDigest[];
}

export function placeInputs(modelFiles: readonly FileDigest[], placeIds: readonly string[]): PlaceInputs {
  const ids = new Set(placeIds);
  const own = new Map<string, FileDigest[]>(placeIds.map((id) => [id, []]));
  const shared: FileDigest[] = [];
  for (const f of modelFiles) {
    if (f.path === 'site.json') continue;
    const slash = f.path.lastIndexOf('/');
    const name = f.path.slice(slash + 1);
    const id = slash >= 0 && name.endsWith('.json') ? name.slice(0, -'.json'.length) : undefined;
    if (id !== undefined && ids.has(id)) { own.get(id)!.push(f); continue; }
    // Dataset pages' own files: place pages do not read them (load-model.ts loadDataset).
    if (/^datasets\/[^/]+\.json$/.test(f.path)) continue;
    shared.push(f);
  }
  return { own, shared };
}

/** Key of every place page in every built language: page file → key. */
export function placePageKeys(opts: { code: string; base: string; siteView: string; inputs: PlaceInputs; langs?: readonly Lang[] }): Map<string, string> {
  const shared = filesDigest(opts.inputs.shared);
  const keys = new Map<string, string>();
  for (const [id, files] of opts.inputs.own) {
    const own = filesDigest(files);
    for (const lang of opts.langs ?? LANGS) {
      const file = placePageFile(lang, id);
      keys.set(file, digestOf([CACHE_FORMAT, 'place-page', opts.code, opts.base, lang, file, opts.siteView, shared, own]));
    }
    // Only villages have one; a key without a file in the previous output is never reused.
    const print = placePrintFile(id);
    keys.set(print, digestOf([CACHE_FORMAT, 'place-print', opts.code, opts.base, print, opts.siteView, shared, own]));
  }
  return keys;
}

/** What the previous output's index says about one of its pages: its key and the file's identity. */
export interface IndexedPage { key: string; size: number; mtimeMs: number; ino: number }

/**
 * Pages that can be taken from the previous output: same key, and the file there is still the one
 * that was indexed (same size, modification time and inode), so nothing edited it since.
 */
export function reusablePages(keys: ReadonlyMap<string, string>, previous: ReadonlyMap<string, IndexedPage>, statOf: (file: string) => { size: number; mtimeMs: number; ino: number } | undefined): string[] {
  const reuse: string[] = [];
  for (const [file, key] of keys) {
    const before = previous.get(file);
    if (!before || before.key !== key) continue;
    const now = statOf(file);
    if (now && now.size === before.size && now.mtimeMs === before.mtimeMs && now.ino === before.ino) reuse.push(file);
  }
  return reuse.sort();
}
