/** changes/feed.xml: corrections and withdrawals as an Atom feed (feeds/corrections-feed.ts). */
import type { APIRoute } from 'astro';
import { atomFeed } from '../../lib/feeds/atom.ts';
import { correctionsFeed } from '../../lib/feeds/corrections-feed.ts';
import { firstRendererOnly, loadReleaseChanges, loadSite } from '../../lib/site/load-model.ts';

export function getStaticPaths() {
  return firstRendererOnly([{ params: { feed: 'feed' } }]);
}

export const GET: APIRoute = () => {
  const site = loadSite();
  const pages = new Map(site.places.map((p) => [p.id, p.url]));
  const feed = correctionsFeed({ counts: loadReleaseChanges()?.noticeCounts ?? [], pageOf: (id) => pages.get(id), config: site.site, asOf: site.asOf });
  return new Response(atomFeed(feed), { headers: { 'Content-Type': 'application/atom+xml' } });
};
