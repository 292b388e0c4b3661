/** robots.txt: see src/lib/site/crawl.ts. */
import type { APIRoute } from 'astro';
import { loadSite } from '../lib/site/load-model.ts';
import { robotsTxt } from '../lib/site/crawl.ts';

export const GET: APIRoute = () => new Response(robotsTxt(loadSite().site.url), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
