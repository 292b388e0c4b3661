/** Helpers for the share metadata in page heads (src/components/ShareMeta.astro). */
import type { Lang } from '../i18n.ts';

export const OG_LOCALE: Record<Lang, string> = { zh: 'zh_CN', en: 'en_US' };

/** A site-relative path (`place/x/`, `share/index.png`) under the published address (https://…/base/). */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path.replace(/^\/+/, ''), siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
}
