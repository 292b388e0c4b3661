/**
 * Feeds and share images, written by the data stage next to the pages (not rendered by Astro):
 * an Atom feed per place (the county's at `feed.xml`), and a share image (PNG) for the county and
 * each dataset page. Townships and villages share the county's image: at 0.1–0.25 s per image, a
 * province's 2,000 townships would cost minutes (measured figures in the README).
 *
 * The writer also tells each page what it has (`share` in the model): the feed to link to in the
 * head, the image for og:image and a one-line summary with the headline figures.
 */
import { atomFeed } from '../feeds/atom.ts';
import { feedPath, placeFeed, type DatasetPeriods } from '../feeds/place-feed.ts';
import type { OutputFiles } from '../output.ts';
import type { SiteConfig } from '../site-config.ts';
import { dateText } from '../site/format.ts';
import type { DatasetPage, Figure, PageShare, PlacePage, SiteModel } from '../site/model.ts';
import { shareCardSvg } from './card.ts';
import type { PngRenderer } from './node-png.ts';

export interface ShareWriterOptions {
  /** Files at the site root (feed.xml, place/<id>/feed.xml, share/*.png). */
  out: OutputFiles;
  config: SiteConfig;
  asOf: string;
  /** Renders share images; without one (no CJK font) pages have no og:image. */
  png?: PngRenderer;
}

const SUMMARY_MAX = 160;

/** 「低保对象户数 412 户（2026年10月）」 */
function figureText(f: Figure): string {
  return `${f.label} ${f.value}${f.note ? `（${f.note}）` : ''}`;
}

/** A line of headline figures, cut at a figure boundary to fit a share preview. */
export function figuresLine(lead: string, figures: readonly Figure[]): string {
  let s = lead;
  for (const f of figures) {
    const next = `${s}${s === lead ? '' : '；'}${figureText(f)}`;
    if (next.length > SUMMARY_MAX && s !== lead) break;
    s = next;
  }
  return s.length > SUMMARY_MAX ? `${s.slice(0, SUMMARY_MAX - 1)}…` : s;
}

export class ShareWriter {
  readonly warnings: string[] = [];
  private readonly o: ShareWriterOptions;
  private readonly pending: Promise<void>[] = [];
  private readonly failed: string[] = [];
  private rootId = '';
  private countyImage: string | undefined;
  feeds = 0;
  images = 0;

  constructor(o: ShareWriterOptions) {
    this.o = o;
    if (!o.config.url) {
      this.warnings.push('site.json 没有设置 url（网站的发布地址）：订阅源里的链接是相对地址，分享信息没有 og:url。请在 site.json 加上 "url": "https://…/" site.json has no url: feed links are relative and pages have no og:url.');
    }
  }

  /** Renders a card in the background (see finish()); returns its path, or undefined without a renderer. */
  private image(path: string, card: { title: string; subtitle: string; chartSvg?: string }): string | undefined {
    const png = this.o.png;
    if (!png) return undefined;
    const svg = shareCardSvg({ ...card, footer: `${this.o.config.title} · 数据截至${dateText(this.o.asOf)}`, fontFamily: png.family });
    // Never rejects: a failure is reported by finish(), and an abandoned build cannot crash on it.
    this.pending.push(png.render(svg).then((bytes) => { this.o.out.writeFile(path, bytes); this.images++; }, (e: unknown) => { this.failed.push(String(e)); }));
    return path;
  }

  dataset(page: DatasetPage, rootName: string): void {
    const title = `${rootName} ${page.info.title}`;
    const image = this.image(`share/datasets/${page.info.id}.png`, {
      title, subtitle: page.figures.slice(0, 2).map((f) => `${f.label} ${f.value}`).join(' · '), chartSvg: page.charts[0]?.svg,
    });
    page.share = { feed: 'feed.xml', ...(image ? { image, imageAlt: `${title}图表` } : {}), summary: figuresLine(`${title}：`, page.figures) };
  }

  site(model: SiteModel): void {
    this.rootId = model.root.id;
    const title = `${model.root.name}三务公开`;
    this.countyImage = this.image('share/index.png', {
      title, subtitle: model.home.figures.slice(0, 2).map((f) => `${f.label} ${f.value}`).join(' · '), chartSvg: model.home.charts[0]?.svg,
    });
    model.share = { feed: 'feed.xml', ...(this.countyImage ? { image: this.countyImage, imageAlt: `${title}图表` } : {}), summary: figuresLine(`${model.root.name}：`, model.home.figures) };
  }

  /** Writes the place's feed and tells the page about it; call site() first. */
  place(page: PlacePage, datasets: readonly DatasetPeriods[]): void {
    const feed = placeFeed({ place: page.place, ancestors: page.ancestors, rootId: this.rootId, datasets, config: this.o.config, asOf: this.o.asOf });
    this.o.out.writeFile(feed.selfPath, atomFeed(feed));
    this.feeds++;
    const lead = `${[...page.ancestors.map((a) => a.name), page.place.name].join('')}：`;
    const share: PageShare = {
      feed: feedPath(page.place, this.rootId),
      ...(this.countyImage ? { image: this.countyImage, imageAlt: `${this.o.config.title}图表` } : {}),
      summary: figuresLine(lead, page.sections.map((s) => s.figures[0]).filter((f): f is Figure => f !== undefined)),
    };
    page.share = share;
  }

  /** Waits for the images; any that failed are reported, not fatal (their pages then point to a missing image). */
  async finish(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failed.length) this.warnings.push(`${this.failed.length} 张分享图片生成失败：${this.failed[0]!.slice(0, 200)} Share images failed.`);
  }
}

