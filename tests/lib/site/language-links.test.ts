// hreflang links and the language switch (src/lib/site/language-links.ts): valid pairs, absolute
// with site.json `url`, under the base path without it.
import { describe, expect, it } from 'vitest';
import { languageLinks, sitePathOf } from '../../../src/lib/site/language-links.ts';

describe('languageLinks', () => {
  it('a Chinese page links to itself, its English twin and x-default (Chinese), root-relative', () => {
    const l = languageLinks('/place/999901100201/', '/');
    expect(l.lang).toBe('zh');
    expect(l.alternates).toEqual([
      { hreflang: 'zh-CN', href: '/place/999901100201/' },
      { hreflang: 'en', href: '/en/place/999901100201/' },
      { hreflang: 'x-default', href: '/place/999901100201/' },
    ]);
    expect(l.other).toEqual({ lang: 'en', htmlLang: 'en', href: '/en/place/999901100201/', label: 'English' });
  });

  it('an English page under a base path: the same set, and a switch back to Chinese', () => {
    const l = languageLinks('/gov/sanwu/en/datasets/dibao/quality/', '/gov/sanwu/');
    expect(l.lang).toBe('en');
    expect(l.alternates.map((a) => a.href)).toEqual(['/gov/sanwu/datasets/dibao/quality/', '/gov/sanwu/en/datasets/dibao/quality/', '/gov/sanwu/datasets/dibao/quality/']);
    expect(l.other).toEqual({ lang: 'zh', htmlLang: 'zh-CN', href: '/gov/sanwu/datasets/dibao/quality/', label: '中文' });
  });

  it('home pages: / and /en/', () => {
    expect(languageLinks('/', '/').alternates.map((a) => a.href)).toEqual(['/', '/en/', '/']);
    expect(languageLinks('/en/', '/').other?.href).toBe('/');
    expect(languageLinks('/base/en/', '/base/').other?.href).toBe('/base/');
  });

  it('absolute hreflang URLs with the published address; the switch stays on this host', () => {
    const l = languageLinks('/gov/sanwu/en/about/', '/gov/sanwu/', 'https://example.gov.cn/gov/sanwu/');
    expect(l.alternates).toEqual([
      { hreflang: 'zh-CN', href: 'https://example.gov.cn/gov/sanwu/about/' },
      { hreflang: 'en', href: 'https://example.gov.cn/gov/sanwu/en/about/' },
      { hreflang: 'x-default', href: 'https://example.gov.cn/gov/sanwu/about/' },
    ]);
    expect(l.other?.href).toBe('/gov/sanwu/about/');
    expect(languageLinks('/', '/', 'https://example.gov.cn').alternates[1]!.href).toBe('https://example.gov.cn/en/');
  });

  it('one language built: no alternates and no switch', () => {
    expect(languageLinks('/about/', '/', undefined, ['zh'])).toEqual({ lang: 'zh', alternates: [] });
  });

  it('sitePathOf strips the base and index.html', () => {
    expect([sitePathOf('/gov/sanwu/en/index.html', '/gov/sanwu/'), sitePathOf('/place/x/', '/'), sitePathOf('/gov/sanwu', '/gov/sanwu/')]).toEqual(['en/', 'place/x/', '']);
  });
});
