/** sitemap.xml, built only when site.json gives the published `url` (a sitemap needs absolute URLs). */
import type { APIRoute } from 'astro';
import { LANGS } from '../lib/i18n.ts';
import { pagePaths, sitemapXml } from '../lib/site/crawl.ts';
import { firstRendererOnly, loadSite } from '../lib/site/load-model.ts';

export function getStaticPaths() {
  return firstRendererOnly(loadSite().site.url ? [{ params: { sitemap: 'sitemap' } }] : []);
}

export const GET: APIRoute = () => {
  const site = loadSite();
  return new Response(sitemapXml(site.site.url!, LANGS.flatMap((l) => pagePaths(site, l))), { headers: { 'Content-Type': 'application/xml' } });
};
