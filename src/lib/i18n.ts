/**
 * Interface languages. Chinese is the default and lives at the site root; every other language
 * has the same pages under its own prefix (`en/place/…/`). Data stays as published: only the
 * interface (labels, headings, explanations) is translated.
 *
 * Pages take their language from the `[...lang]` route parameter (undefined for Chinese). A
 * component can work it out from the URL with `langFromPath(Astro.url.pathname, BASE_URL)`.
 * New interface text is written as `pick(lang, '中文', 'English')`.
 */
export type Lang = 'zh' | 'en';

/** Languages whose pages are built. */
export const LANGS: readonly Lang[] = ['zh', 'en'];

export const HTML_LANG: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

/** The `[...lang]` route parameter for a language: undefined for Chinese (the site root). */
export function langParam(lang: Lang): string | undefined {
  return lang === 'zh' ? undefined : lang;
}

export function langOfParam(param: string | undefined): Lang {
  return param === 'en' ? 'en' : 'zh';
}

/** The language of a page from its URL path (`/base/en/place/x/` → en). */
export function langFromPath(pathname: string, base = '/'): Lang {
  const b = base.endsWith('/') ? base : `${base}/`;
  const rest = pathname.startsWith(b) ? pathname.slice(b.length) : pathname.replace(/^\/+/, '');
  return rest === 'en' || rest.startsWith('en/') ? 'en' : 'zh';
}

/** A site-relative path in a language: `place/x/` → `en/place/x/` for English. */
export function localePath(lang: Lang, sitePath: string): string {
  const p = sitePath.replace(/^\/+/, '');
  return lang === 'zh' ? p : `${lang}/${p}`;
}

/** The site-relative path of a page without its language prefix. */
export function unlocalisedPath(sitePath: string): string {
  return sitePath.replace(/^\/+/, '').replace(/^en(?:\/|$)/, '');
}

export function pick<T>(lang: Lang, zh: T, en: T): T {
  return lang === 'en' ? en : zh;
}

/** `{params: {lang}}` for each built language, for pages with no other parameter. */
export function langPaths(): { params: { lang: string | undefined } }[] {
  return LANGS.map((l) => ({ params: { lang: langParam(l) } }));
}
