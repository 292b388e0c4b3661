/** robots.txt and sitemap.xml (src/lib/site/crawl.ts). */
import { describe, expect, it } from 'vitest';
import { pagePaths, robotsTxt, sitemapXml } from '../../../src/lib/site/crawl.ts';

const site = {
  places: [{ id: 'c', name: '县', level: 'county' as const, url: 'place/c/' }, { id: 'v', name: '村', level: 'village' as const, url: 'place/v/' }],
  datasets: [{ id: 'dibao' }] as never,
};

describe('crawling', () => {
  it('lists every page once, home first, Chinese at the root and English under en/', () => {
    expect(pagePaths(site, 'zh')).toEqual(['', 'about/', 'place/c/', 'place/v/', 'datasets/dibao/', 'datasets/dibao/quality/']);
    expect(pagePaths(site, 'en')).toEqual(['en/', 'en/about/', 'en/place/c/', 'en/place/v/', 'en/datasets/dibao/', 'en/datasets/dibao/quality/']);
  });

  it('the sitemap has absolute URLs under the published address (with or without its trailing slash), escaped', () => {
    for (const url of ['https://example.gov.cn/sanwu', 'https://example.gov.cn/sanwu/']) {
      const xml = sitemapXml(url, ['', 'place/v/', 'a&b/']);
      expect([...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])).toEqual([
        'https://example.gov.cn/sanwu/', 'https://example.gov.cn/sanwu/place/v/', 'https://example.gov.cn/sanwu/a&amp;b/',
      ]);
      expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
      expect(xml).not.toMatch(/lastmod/);
    }
  });

  it('robots.txt lets everything be crawled and points to the sitemap only when the address is known', () => {
    expect(robotsTxt(undefined)).toBe('User-agent: *\nAllow: /\n');
    expect(robotsTxt('https://example.gov.cn/sanwu')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://example.gov.cn/sanwu/sitemap.xml\n');
  });
});
