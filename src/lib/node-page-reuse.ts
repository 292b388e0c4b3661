/**
 * Place pages taken from the previous output instead of being rendered again. After each
 * successful build, `<cache>/pages/<output>.json` records, for the output folder, every place
 * page's key (src/lib/cache/keys.ts: the code, the base path, the language, site.json as place pages
 * see it, and the page's own model files) and the identity of its HTML file. The next build into
 * the same folder computes the keys again once the model is complete; pages whose key is the same
 * and whose file was not touched are left out of Astro's run (load-model.ts placePagePaths) and linked
 * from the previous output into the new one before the swap.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CACHE_FORMAT, digestOf, placeInputs, placePageKeys, placePageSiteView, reusablePages, sha256Hex, type IndexedPage } from './cache/keys.ts';
import { digestTree, fileIdentity, linkFiles, listTree } from './node-tree.ts';

interface PageIndex {
  format: string;
  out: string;
  code: string;
  base: string;
  siteView: string;
  /** page file → [key, size, mtimeMs, ino] */
  pages: Record<string, [string, number, number, number]>;
}

/** Files in the model folder that are not model data (markers and half-written files). */
const NOT_MODEL = /(?:^|\/)FAILED$|\.part$/;

export interface PageReuseOptions {
  /** `<cache>/pages` */
  dir: string;
  /** The output folder (the published site). */
  out: string;
  code: string;
  base: string;
  /** false (--no-cache): render every page, but still record the index for the next build. */
  read: boolean;
  /** Index files kept, one per output folder (most recently written first). */
  keep?: number;
}

export interface PageReuse {
  /** Whether a page index of the output exists (so pages may be reused at all). */
  readonly hasIndex: boolean;
  /** Once site.json exists: could pages be reused, so that rendering should wait for the whole model? */
  worthWaiting(modelDir: string): boolean;
  /**
   * The model is complete: the page files to take from the previous output. `digest` gives a model
   * file's sha256 when the writer kept it (node-output.ts `hashes`), instead of reading it back.
   */
  plan(modelDir: string, digest?: ModelDigest): string[];
  /** The model is complete: work out the page keys now (record() then only notes the page files). */
  prepare(modelDir: string, digest?: ModelDigest): void;
  /** Links the planned pages from the previous output into the new site folder. */
  link(siteDir: string): void;
  /** After the swap: records every place page of the new output for the next build. */
  record(modelDir: string, digest?: ModelDigest): void;
  readonly reused: number;
}

/** sha256 (hex) of a file in the model folder, by its path there. */
export type ModelDigest = (path: string) => string;

function siteViewOf(modelDir: string): { view: string; placeIds: string[] } {
  const site = JSON.parse(readFileSync(join(modelDir, 'site.json'), 'utf8')) as { places?: { id: string }[] };
  return { view: digestOf([placePageSiteView(site)]), placeIds: (site.places ?? []).map((p) => p.id) };
}

export function pageReuse(opts: PageReuseOptions): PageReuse {
  const out = resolve(opts.out);
  const indexFile = join(opts.dir, `${sha256Hex(out).slice(0, 32)}.json`);
  let previous: PageIndex | undefined;
  if (opts.read) {
    try {
      const p = JSON.parse(readFileSync(indexFile, 'utf8')) as PageIndex;
      if (p.format === CACHE_FORMAT && p.out === out && p.code === opts.code && p.base === opts.base && p.pages) previous = p;
    } catch { /* no index: render everything */ }
  }
  let computed: { keys: Map<string, string>; siteView: string } | undefined;
  let reused: string[] = [];

  const compute = (modelDir: string, digest?: ModelDigest) => {
    if (computed) return computed;
    const { view, placeIds } = siteViewOf(modelDir);
    const paths = listTree(modelDir).filter((f) => !NOT_MODEL.test(f) && !/^datasets\//.test(f));
    const files = digest ? paths.map((path) => ({ path, sha256: digest(path) })) : digestTree(modelDir, paths);
    const keys = placePageKeys({ code: opts.code, base: opts.base, siteView: view, inputs: placeInputs(files, placeIds) });
    return (computed = { keys, siteView: view });
  };

  return {
    get reused() { return reused.length; },
    hasIndex: previous !== undefined,
    worthWaiting(modelDir) {
      if (!previous) return false;
      try { return siteViewOf(modelDir).view === previous.siteView; } catch { return false; }
    },
    plan(modelDir, digest) {
      if (!previous) return (reused = []);
      const { keys } = compute(modelDir, digest);
      const before = new Map<string, IndexedPage>(Object.entries(previous.pages).map(([f, [key, size, mtimeMs, ino]]) => [f, { key, size, mtimeMs, ino }]));
      reused = reusablePages(keys, before, (f) => fileIdentity(join(out, f)));
      return reused;
    },
    prepare(modelDir, digest) {
      compute(modelDir, digest);
    },
    link(siteDir) {
      linkFiles(out, siteDir, reused);
    },
    record(modelDir, digest) {
      const { keys, siteView } = compute(modelDir, digest);
      const pages: PageIndex['pages'] = {};
      for (const [file, key] of keys) {
        const id = fileIdentity(join(out, file));
        if (id) pages[file] = [key, id.size, id.mtimeMs, id.ino];
      }
      const index: PageIndex = { format: CACHE_FORMAT, out, code: opts.code, base: opts.base, siteView, pages };
      mkdirSync(opts.dir, { recursive: true });
      const tmp = `${indexFile}.tmp-${process.pid}`;
      writeFileSync(tmp, JSON.stringify(index));
      renameSync(tmp, indexFile);
      pruneIndexes(opts.dir, opts.keep ?? 8);
    },
  };
}

/** Keeps the most recent index files (one per output folder) and drops half-written ones. */
function pruneIndexes(dir: string, keep: number): void {
  const files: { name: string; t: number }[] = [];
  for (const name of readdirSync(dir)) {
    const pid = Number(/\.tmp-(\d+)$/.exec(name)?.[1]);
    if (pid) {
      let alive = pid === process.pid;
      try { if (!alive) { process.kill(pid, 0); alive = true; } } catch { /* gone */ }
      if (!alive) rmSync(join(dir, name), { force: true });
      continue;
    }
    if (!name.endsWith('.json')) continue;
    try { files.push({ name, t: statSync(join(dir, name)).mtimeMs }); } catch { /* removed meanwhile */ }
  }
  files.sort((a, b) => b.t - a.t);
  for (const f of files.slice(keep)) rmSync(join(dir, f.name), { force: true });
}
