/**
 * What search engines read: robots.txt (everything may be crawled; the sitemap's address when the
 * published address is known) and sitemap.xml (every page in every built language, absolute URLs,
 * so only built when site.json gives `url`). Deterministic: no dates (a page's <lastmod> would be
 * the build date), pages in a fixed order.
 */
import { localePath, type Lang } from '../i18n.ts';
import type { SiteModel } from './model.ts';

/** Site-relative paths of every page of one language, home first (no 404 page). */
export function pagePaths(site: Pick<SiteModel, 'places' | 'datasets'>, lang: Lang): string[] {
  const paths = ['', 'about/', ...site.places.map((p) => p.url), ...site.datasets.flatMap((d) => [`datasets/${d.id}/`, `datasets/${d.id}/quality/`])];
  return paths.map((p) => localePath(lang, p));
}

/** `https://example.org/sub/` → the same with exactly one trailing slash. */
function siteRoot(url: string): string {
  return url.replace(/\/*$/, '/');
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

export function sitemapXml(url: string, paths: readonly string[]): string {
  const root = siteRoot(url);
  const entries = paths.map((p) => `<url><loc>${xmlEscape(new URL(p, root).href)}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`;
}

export function robotsTxt(url: string | undefined): string {
  const lines = ['User-agent: *', 'Allow: /'];
  if (url) lines.push('', `Sitemap: ${new URL('sitemap.xml', siteRoot(url)).href}`);
  return lines.join('\n') + '\n';
}
