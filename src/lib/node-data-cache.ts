/**
 * The data-stage cache on disk: when the data folder, the options and the project's code are the
 * same as in a recent build, the model folder, the downloads and the check report are restored
 * from `<cache>/data/<key>/` instead of being computed again.
 *
 * Entries are written whole (into `<key>.tmp-<pid>`, then renamed), files are hard links where
 * possible (no extra space: they share the bytes with the published data/ folder), and each entry
 * records every file's size and modification time: a file changed since (e.g. edited in place in
 * the published folder, which shares it) makes the entry doubtful, and a doubtful entry is removed
 * and the build runs in full. The cache never fails a build.
 *
 * Replaced and pruned entries are renamed aside at once and deleted by a process of their own that
 * the build does not wait for (node-background-delete.ts): a province's entry is about 270,000
 * links, and unlinking them took about 90 s of the build's critical path, then about 70 s at its
 * end when the build waited for them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataStageCache } from './build.ts';
import { deleteInBackground } from './node-background-delete.ts';
import { CACHE_FORMAT, digestOf, type FileDigest } from './cache/keys.ts';
import type { CheckReport } from './check.ts';
import { folderSource } from './node-source.ts';
import { hashFile, linkFiles, listTree } from './node-tree.ts';
import type { SiteModel } from './site/model.ts';

/** What in the project shapes the output: its code, the dependencies and the Node version running it. */
const CODE_PATHS = ['src', 'public', 'scripts/build.ts', 'scripts/lib', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

export function codeFingerprint(projectRoot: string): string {
  const files: [string, string][] = [];
  for (const p of CODE_PATHS) {
    const full = join(projectRoot, p);
    if (!existsSync(full)) continue;
    if (statSync(full).isDirectory()) for (const f of listTree(full)) files.push([`${p}/${f}`, hashFile(join(full, f))]);
    else files.push([p, hashFile(full)]);
  }
  return digestOf([CACHE_FORMAT, process.version, files]);
}

/** Path and sha256 of every file the check reads from the data folder. */
export async function dataInputs(dataDir: string): Promise<FileDigest[]> {
  const paths = await folderSource(dataDir).list();
  return paths.map((path) => ({ path, sha256: hashFile(join(dataDir, path)) }));
}

interface EntryRecord { format: string; key: string; files: [string, number, number][] }

/** The model, the downloads, and the files the data stage writes at the site's root (feeds, share images). */
const AREAS = ['model', 'downloads', 'site'] as const;
const KEY = /^[0-9a-f]{64}$/;

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Deletions still running (see removeDir). */
const removing = new Set<Promise<void>>();
let asideSerial = 0;

/**
 * Removes a folder: renamed aside at once (a reader never sees it half deleted, and the key is free
 * for a new entry), then deleted by a background process (node-background-delete.ts). A deletion
 * interrupted leaves `.old-<pid>-<n>` under a dead pid, which the next prune removes.
 */
function removeDir(dir: string): void {
  const aside = `${dir}.old-${process.pid}-${asideSerial++}`;
  try { renameSync(dir, aside); } catch { return; }
  const done: Promise<void> = deleteInBackground([aside]).finally(() => removing.delete(done));
  removing.add(done);
}

/** Resolves when every folder this process set aside has been deleted (the build does not wait: tests do). */
export async function cacheRemovalsSettled(): Promise<void> {
  while (removing.size) await Promise.all(removing);
}

/** Keeps the `keep` most recently used entries and removes what interrupted runs left. */
export function pruneDataCache(dir: string, keep: number): void {
  let names: string[];
  try { names = readdirSync(dir); } catch { return; }
  const entries: { name: string; used: number }[] = [];
  for (const name of names) {
    const pid = Number(/\.(?:tmp|old)-(\d+)(?:-\d+)?$/.exec(name)?.[1]);
    if (pid) { if (!isAlive(pid)) removeDir(join(dir, name)); continue; }
    if (!KEY.test(name)) continue;
    try { entries.push({ name, used: statSync(join(dir, name)).mtimeMs }); } catch { /* removed meanwhile */ }
  }
  entries.sort((a, b) => b.used - a.used || (a.name < b.name ? -1 : 1));
  for (const e of entries.slice(keep)) removeDir(join(dir, e.name));
}

export interface DataCacheOptions {
  /** `<cache>/data`: one folder per key. */
  dir: string;
  key: string;
  /** Where the build expects the model and the downloads (empty when the build starts). */
  modelDir: string;
  downloadsDir: string;
  /** Files for the site's root written by the data stage (feeds, share images). */
  siteDir: string;
  /** false (--no-cache): never restore, but still store for the next build. */
  read: boolean;
  /** Entries kept (most recently used first). */
  keep?: number;
  /** Files written by the stage that are not kept (they depend on more than the key: the release comparison). */
  leaveOut?(area: 'model' | 'downloads' | 'site', path: string): boolean;
  log?(message: string): void;
}

export function dataStageCache(opts: DataCacheOptions): DataStageCache & { hit: boolean } {
  const entry = join(opts.dir, opts.key);
  const log = opts.log ?? (() => {});
  const target = { model: opts.modelDir, downloads: opts.downloadsDir, site: opts.siteDir };
  const state = {
    hit: false,
    restore() {
      if (!opts.read || !existsSync(entry)) return undefined;
      try {
        const record = JSON.parse(readFileSync(join(entry, 'entry.json'), 'utf8')) as EntryRecord;
        if (record.format !== CACHE_FORMAT || record.key !== opts.key || !Array.isArray(record.files)) throw new Error('entry.json does not describe this key');
        // Every file as it was stored: a file edited through a shared link makes the entry doubtful.
        for (const [path, size, mtimeMs] of record.files) {
          const s = statSync(join(entry, path));
          if (s.size !== size || s.mtimeMs !== mtimeMs) throw new Error(`${path} changed since it was cached`);
        }
        for (const area of AREAS) {
          const prefix = `${area}/`;
          linkFiles(join(entry, area), target[area], record.files.map(([p]) => p).filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)));
        }
        const report = JSON.parse(readFileSync(join(entry, 'report.json'), 'utf8')) as CheckReport;
        const model = JSON.parse(readFileSync(join(opts.modelDir, 'site.json'), 'utf8')) as SiteModel;
        if (!report.ok || !Array.isArray(model.places)) throw new Error('report or site.json unusable');
        const now = new Date();
        utimesSync(entry, now, now); // most recently used: pruned last
        state.hit = true;
        return { report, model };
      } catch (e) {
        log(`缓存不可用，完整重建 Cache entry unusable, building in full: ${(e as Error).message}`);
        rmSync(opts.modelDir, { recursive: true, force: true });
        rmSync(opts.downloadsDir, { recursive: true, force: true });
        mkdirSync(opts.downloadsDir, { recursive: true });
        rmSync(opts.siteDir, { recursive: true, force: true });
        removeDir(entry);
        return undefined;
      }
    },
    store(report: CheckReport) {
      const tmp = `${entry}.tmp-${process.pid}`;
      try {
        rmSync(tmp, { recursive: true, force: true });
        const files: [string, number, number][] = [];
        for (const area of AREAS) {
          const list = listTree(target[area]).filter((p) => !p.endsWith('.part') && !opts.leaveOut?.(area, p));
          linkFiles(target[area], join(tmp, area), list);
          for (const p of list) {
            const s = statSync(join(tmp, area, p));
            files.push([`${area}/${p}`, s.size, s.mtimeMs]);
          }
        }
        writeFileSync(join(tmp, 'report.json'), JSON.stringify(report));
        const r = statSync(join(tmp, 'report.json'));
        files.push(['report.json', r.size, r.mtimeMs]);
        const record: EntryRecord = { format: CACHE_FORMAT, key: opts.key, files };
        writeFileSync(join(tmp, 'entry.json'), JSON.stringify(record));
        if (existsSync(entry)) removeDir(entry);
        renameSync(tmp, entry);
        pruneDataCache(opts.dir, opts.keep ?? 2);
      } catch (e) {
        log(`未能写入缓存 Could not store the cache entry: ${(e as Error).message}`);
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  };
  return state;
}
