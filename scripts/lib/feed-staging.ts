/**
 * The place feeds (`place/<id>/feed.xml`), written while the model is, are staged flat
 * (`place-feeds/<id>.xml`) and moved into the place folders the page renderer made once the pages
 * are done. Staged under their own place folders, each cost a `mkdir` while the model was written
 * and a `readdir`, a `stat` and an `rmdir` when it was merged into the site (about 2 s per 5,000
 * villages, most of it `rmdir`), in the build's last seconds, when one core is idle.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OutputFiles } from '../../src/lib/output.ts';

export const FEED_STAGING_DIR = 'place-feeds';
const PLACE_FEED = /^place\/([A-Za-z0-9_-]+)\/feed\.xml$/;
const STAGED_FEED = new RegExp(`^${FEED_STAGING_DIR}/([A-Za-z0-9_-]+)\\.xml$`);

/** Where a site file is written in the staging folder: a place feed flat, anything else as it is. */
export function stagedPath(sitePath: string): string {
  const m = PLACE_FEED.exec(sitePath);
  return m ? `${FEED_STAGING_DIR}/${m[1]}.xml` : sitePath;
}

/** The site path of a staged file (the inverse of stagedPath). */
export function sitePath(staged: string): string {
  const m = STAGED_FEED.exec(staged);
  return m ? `place/${m[1]}/feed.xml` : staged;
}

/** `out`, with place feeds written to (and read from) their staged paths; callers see site paths. */
export function stagingFeeds(out: OutputFiles): OutputFiles {
  return {
    ...out,
    open: (path) => out.open(stagedPath(path)),
    writeFile: (path, data) => out.writeFile(stagedPath(path), data),
    readFile: (path) => out.readFile(stagedPath(path)),
    ...(out.sha256 ? { sha256: (path: string) => out.sha256!(stagedPath(path)) } : {}),
    list(dir) {
      const prefix = dir === '' || dir.endsWith('/') ? dir : `${dir}/`;
      return out.list('').map(sitePath).filter((p) => p.startsWith(prefix)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },
  };
}

/** Moves the staged feeds of the folder `root` to `place/<id>/feed.xml` in `site`, then removes their folder. */
export function moveStagedFeeds(root: string, site: string): number {
  const dir = join(root, FEED_STAGING_DIR);
  if (!existsSync(dir)) return 0;
  let moved = 0;
  for (const name of readdirSync(dir)) {
    const target = join(site, sitePath(`${FEED_STAGING_DIR}/${name}`));
    if (target === join(site, FEED_STAGING_DIR, name)) throw new Error(`unexpected file in the feed staging folder: ${name}`);
    try {
      renameSync(join(dir, name), target);
    } catch (e) {
      // Every place has its pages (checked before), so its folder exists; if not, make it.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || existsSync(dirname(target))) throw e;
      mkdirSync(dirname(target), { recursive: true });
      renameSync(join(dir, name), target);
    }
    moved++;
  }
  rmdirSync(dir);
  return moved;
}
