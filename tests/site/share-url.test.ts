// A site whose site.json gives its published url, built where no CJK font is found: links in feeds
// and og:url are absolute under the url, pages have no og:image (a card without a picture), and
// the report says why. The build itself succeeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { listFiles, makeTempDir, runBuild, SAMPLE_DATA } from '../helpers/site.ts';
import { parseAtom } from '../feeds/atom-check.ts';

const URL_ = 'https://example.gov.cn/sanwu/';
let root: string;
let dir: string;

beforeAll(async () => {
  root = makeTempDir('sunlight-share-');
  const data = join(root, 'data');
  cpSync(SAMPLE_DATA, data, { recursive: true });
  const site = JSON.parse(readFileSync(join(data, 'site.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(data, 'site.json'), JSON.stringify({ ...site, url: URL_ }));
  dir = join(root, 'site');
  const run = await runBuild({ data, out: dir, base: '/sanwu/', env: { SUNLIGHT_CJK_FONT: 'none' } });
  expect(run.code, run.stderr + run.stdout.slice(-2000)).toBe(0);
}, 300_000);

afterAll(() => { if (root) rmSync(root, { recursive: true, force: true }); });

const meta = (html: string, p: string) => (parseHTML(html).document as unknown as Document).querySelector(`meta[property="${p}"], meta[name="${p}"]`)?.getAttribute('content') ?? null;

describe('with site.json url, without a CJK font', () => {
  it('og:url is the page address; no og:image; twitter card without a large image', () => {
    // The notice-board print views are for paper: no share metadata.
    const pages = listFiles(dir).filter((f) => f.endsWith('index.html') && !/(^|\/)print\/index\.html$/.test(f));
    expect(pages.length).toBeGreaterThan(20);
    for (const f of pages) {
      const html = readFileSync(join(dir, f), 'utf8');
      expect(meta(html, 'og:url'), f).toBe(URL_ + f.slice(0, -'index.html'.length));
      expect(meta(html, 'og:image'), f).toBeNull();
      expect(meta(html, 'twitter:card'), f).toBe('summary');
      expect(meta(html, 'og:description'), f).toBeTruthy();
    }
    expect(listFiles(dir).filter((f) => f.endsWith('.png'))).toEqual([]);
    // The 404 page answers for every missing address: it claims none (its own /404/ does not exist).
    expect(meta(readFileSync(join(dir, '404.html'), 'utf8'), 'og:url')).toBeNull();
  });

  it('feeds link absolutely under the url', () => {
    const feeds = listFiles(dir).filter((f) => f.endsWith('feed.xml'));
    expect(feeds).toContain('feed.xml');
    for (const f of feeds) {
      const doc = parseAtom(readFileSync(join(dir, f), 'utf8'));
      expect(doc.links.find((l) => l.rel === 'self')!.href).toBe(URL_ + f);
      for (const e of doc.entries) expect(e.links[0]!.href.startsWith(URL_ + 'place/')).toBe(true);
    }
  });

  it('the report warns that there are no share images, and not about the url', () => {
    const report = JSON.parse(readFileSync(join(root, 'reports', 'check-report.json'), 'utf8')) as { files: { path: string; issues: { code: string; message: string }[] }[] };
    const messages = report.files.find((f) => f.path === 'site.json')!.issues.filter((i) => i.code === 'site-feature-off').map((i) => i.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/没有找到中文字体.*fonts-noto-cjk/);
  });
});
