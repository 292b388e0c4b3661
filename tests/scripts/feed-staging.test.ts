// Place feeds are staged flat while the model is written and moved into the place folders after the
// pages: the published paths are unchanged, and nothing of the staging folder is left.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderOutput } from '../../src/lib/node-output.ts';
import { FEED_STAGING_DIR, moveStagedFeeds, sitePath, stagedPath, stagingFeeds } from '../../scripts/lib/feed-staging.ts';

const dirs: string[] = [];
const tempDir = () => { const d = mkdtempSync(join(tmpdir(), 'feed-staging-')); dirs.push(d); return d; };
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('feed staging', () => {
  it('stages place feeds flat and leaves every other path as it is', () => {
    expect(stagedPath('place/999901100201/feed.xml')).toBe(`${FEED_STAGING_DIR}/999901100201.xml`);
    expect(sitePath(stagedPath('place/999901100201/feed.xml'))).toBe('place/999901100201/feed.xml');
    for (const p of ['feed.xml', 'share/index.png', 'place/x/index.html', 'place/x/print/feed.xml', 'en/place/x/feed.xml']) {
      expect(stagedPath(p)).toBe(p);
      expect(sitePath(p)).toBe(p);
    }
  });

  it('writes through to the staged paths, reads and lists by site paths, and moves the feeds into the place folders', async () => {
    const root = tempDir();
    const site = tempDir();
    const out = stagingFeeds(folderOutput(root, { background: true }));
    out.writeFile('feed.xml', '<feed>county</feed>');
    out.writeFile('place/a1/feed.xml', '<feed>a1</feed>');
    out.writeFile('place/b2/feed.xml', '<feed>b2</feed>');
    await out.settled!();
    expect(readdirSync(root).sort()).toEqual(['feed.xml', FEED_STAGING_DIR]);
    expect(readdirSync(join(root, FEED_STAGING_DIR)).sort()).toEqual(['a1.xml', 'b2.xml']);
    expect(new TextDecoder().decode(out.readFile('place/a1/feed.xml'))).toBe('<feed>a1</feed>');
    expect(out.list('')).toEqual(['feed.xml', 'place/a1/feed.xml', 'place/b2/feed.xml']);
    expect(out.list('place')).toEqual(['place/a1/feed.xml', 'place/b2/feed.xml']);

    // The renderer made a1's folder; b2's is made if it is missing.
    mkdirSync(join(site, 'place', 'a1'), { recursive: true });
    writeFileSync(join(site, 'place', 'a1', 'index.html'), 'page');
    expect(moveStagedFeeds(root, site)).toBe(2);
    expect(readFileSync(join(site, 'place', 'a1', 'feed.xml'), 'utf8')).toBe('<feed>a1</feed>');
    expect(readFileSync(join(site, 'place', 'a1', 'index.html'), 'utf8')).toBe('page');
    expect(readFileSync(join(site, 'place', 'b2', 'feed.xml'), 'utf8')).toBe('<feed>b2</feed>');
    expect(existsSync(join(root, FEED_STAGING_DIR))).toBe(false);
    expect(readdirSync(root)).toEqual(['feed.xml']);
  });

  it('a build without staged feeds (a cache entry from before) moves nothing', () => {
    expect(moveStagedFeeds(tempDir(), tempDir())).toBe(0);
  });
});
