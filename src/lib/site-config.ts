/** data/site.json: optional settings an office can give; sensible defaults when absent. */
import { z } from 'zod';
import { DATASET_BY_ID } from './datasets/index.ts';

export const siteConfigSchema = z.object({
  title: z.string().trim().min(1).max(100).default('三务公开'),
  titleEn: z.string().trim().max(200).optional(),
  publisher: z.string().trim().max(100).default(''),
  /** The office to contact with objections, shown on every page (a public office number). */
  contact: z.string().trim().max(100).default(''),
  county: z.string().trim().max(50).optional(),
  /**
   * The address where the site is published (https://…/, with the base path), for links that must
   * be absolute: QR codes on printed notices, feeds, share metadata. Optional: without it those
   * links are relative and the printed notice shows the path instead of a QR code.
   */
  url: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * The terms under which the data may be reused, shown on the about page and declared in
   * datapackage.json (`licenses`). Only the office can choose them, so there is no default.
   */
  license: z.object({
    /** An Open Definition / SPDX id, e.g. CC-BY-4.0. */
    name: z.string().trim().min(1).max(50).optional(),
    title: z.string().trim().min(1).max(200),
    url: z.url({ protocol: /^https?$/ }).optional(),
  }).strict().optional(),
  /** Expected update frequency per dataset id, overriding the defaults. */
  frequencies: z.record(
    z.string().refine((id) => DATASET_BY_ID.has(id), {
      error: (i) => `没有编号为「${String(i.input)}」的数据集，请改为以下之一：${[...DATASET_BY_ID.keys()].join('、')} Unknown dataset id`,
    }),
    z.enum(['monthly', 'quarterly', 'yearly', 'on-change'], {
      error: '更新频率只能是 monthly（每月）、quarterly（每季度）、yearly（每年）或 on-change（有变化时） Frequency must be monthly, quarterly, yearly or on-change',
    }),
  ).optional(),
}).strict();

export type SiteConfig = z.output<typeof siteConfigSchema>;

export const DEFAULT_SITE: SiteConfig = siteConfigSchema.parse({});

export function parseSiteConfig(text: string): { config: SiteConfig; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { config: DEFAULT_SITE, problems: [`site.json 不是有效的 JSON：${(e as Error).message}。请检查引号和逗号 Invalid JSON`] };
  }
  const r = siteConfigSchema.safeParse(json);
  if (!r.success) {
    return { config: DEFAULT_SITE, problems: r.error.issues.map((i) => `site.json 的「${i.path.join('.') || '整体'}」有误：${issueText(i)}`) };
  }
  return { config: r.data, problems: [] };
}

/** A record key's own message (zod reports the key's failure as 「Invalid key in record」 around it). */
function issueText(i: z.core.$ZodIssue): string {
  if (i.code === 'invalid_key' && i.issues[0]) return i.issues[0].message;
  return i.message;
}
/** Said by the check and the build when site.json has no `url`. */
export const SITE_URL_MISSING = 'site.json 没有填写网站地址 url：打印的公开栏上不印二维码，只印页面路径。请填写如 "url": "https://sanwu.example.gov.cn/"（含子路径） No url in site.json: printed notices carry no QR code';
