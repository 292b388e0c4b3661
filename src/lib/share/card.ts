/**
 * The share image of a page (og:image): a 1200×630 card with the page's name, its headline figures
 * and its main chart. Social platforms show it as a thumbnail, where a chart's axis labels are
 * unreadable, so the chart keeps its marks and loses its text: three lines of large text say what
 * it is. (Fewer text runs also keep rendering cheap: see png.ts.) Pure: strings in, SVG out.
 */
import { escapeText, truncate } from '../charts/render.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export interface CardInput {
  /** 「示例县 低保对象」 */
  title: string;
  /** The headline figures: 「412 户 · 月保障金额合计 25.60万元 · 2026年10月」. */
  subtitle: string;
  /** The site's title, at the bottom. */
  footer: string;
  /** The main chart's SVG as renderPlot made it (its text is dropped). */
  chartSvg?: string;
  /** The font family the text is drawn with (the renderer loads it). */
  fontFamily: string;
}

/** The chart's marks at the given box: root attributes replaced, every text, title and desc removed. */
export function chartMarks(svg: string, box: { x: number; y: number; width: number; height: number }): string {
  const root = /^<svg\b[^>]*>/.exec(svg);
  const viewBox = root && /\bviewBox="([^"]*)"/.exec(root[0]);
  if (!root || !viewBox) return '';
  const body = svg.slice(root[0].length, svg.lastIndexOf('</svg>'))
    .replace(/<(text|title|desc)\b[^>]*\/>/g, '')
    .replace(/<(text|title|desc)\b[^>]*>[\s\S]*?<\/\1>/g, '');
  return `<svg x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" viewBox="${viewBox[1]}" preserveAspectRatio="xMidYMid meet" fill="currentColor" color="#333">${body}</svg>`;
}

export function shareCardSvg(input: CardInput): string {
  const pad = 60;
  const inner = CARD_WIDTH - 2 * pad;
  const title = truncate(input.title, inner, 56);
  const subtitle = truncate(input.subtitle, inner, 30);
  const footer = truncate(input.footer, inner, 26);
  const chart = input.chartSvg ? chartMarks(input.chartSvg, { x: pad, y: 190, width: inner, height: 360 }) : '';
  const text = (y: number, size: number, fill: string, s: string, weight = '') =>
    `<text x="${pad}" y="${y}" font-size="${size}" fill="${fill}"${weight ? ` font-weight="${weight}"` : ''}>${escapeText(s)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" font-family="${escapeText(input.fontFamily).replace(/"/g, '')}">`
    + `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#fff"/><rect width="${CARD_WIDTH}" height="12" fill="#2b6cb0"/>`
    + text(100, 56, '#111', title, 'bold')
    + (subtitle ? text(155, 30, '#444', subtitle) : '')
    + chart
    + text(600, 26, '#666', footer)
    + '</svg>';
}
