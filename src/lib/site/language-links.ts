/**
 * Links between a page and its twin in the other language: the `<link rel="alternate" hreflang>`
 * set in the head (zh-CN, en, and x-default = Chinese) and the language switch in the header.
 * Absolute when site.json gives the published `url` (search engines want absolute hreflang URLs),
 * else root-relative under the base path.
 */
import { HTML_LANG, LANGS, langFromPath, localePath, unlocalisedPath, type Lang } from '../i18n.ts';
import { joinBase } from './view.ts';

export interface Alternate { hreflang: string; href: string }

export interface LanguageLinks {
  lang: Lang;
  /** One per built language, then x-default (the Chinese page). Empty when only one language is built. */
  alternates: Alternate[];
  /**
   * The same page in the other language, for the switch (always under the base path, so it works
   * wherever the site is served); undefined when only one language is built.
   */
  other?: { lang: Lang; htmlLang: string; href: string; label: string };
}

/** What the switch says: each language's own name for itself. */
const SELF_NAME: Record<Lang, string> = { zh: '中文', en: 'English' };

/** The site-relative path of a page from its URL path (`/base/en/place/x/` → `en/place/x/`). */
export function sitePathOf(pathname: string, base: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  const rest = pathname.startsWith(b) ? pathname.slice(b.length) : `${pathname}/` === b ? '' : pathname.replace(/^\/+/, '');
  return rest.replace(/(^|\/)index\.html$/, '$1');
}

/** An href for a site-relative path: absolute under `siteUrl` when given, else under the base path. */
export function pageHref(sitePath: string, base: string, siteUrl?: string): string {
  if (siteUrl) return `${siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`}${sitePath.replace(/^\/+/, '')}`;
  return joinBase(base, sitePath);
}

export function languageLinks(pathname: string, base: string, siteUrl?: string, langs: readonly Lang[] = LANGS): LanguageLinks {
  const lang = langFromPath(pathname, base);
  const page = unlocalisedPath(sitePathOf(pathname, base));
  if (langs.length < 2) return { lang, alternates: [] };
  const href = (l: Lang) => pageHref(localePath(l, page), base, siteUrl);
  const alternates = langs.map((l) => ({ hreflang: HTML_LANG[l], href: href(l) }));
  alternates.push({ hreflang: 'x-default', href: href('zh') });
  const otherLang = langs.find((l) => l !== lang) ?? 'zh';
  return { lang, alternates, other: { lang: otherLang, htmlLang: HTML_LANG[otherLang], href: joinBase(base, localePath(otherLang, page)), label: SELF_NAME[otherLang] } };
}
