/**
 * SVG → PNG for share images, with @resvg/resvg-js (a prebuilt native binary from npm; no browser).
 * Text needs a CJK font: the system's Noto Sans CJK (Debian: fonts-noto-cjk), reduced once per
 * machine to the one face we draw with (font-face.ts) and cached. Without a CJK font there are no
 * share images (the build reports it): boxes instead of characters would be worse than nothing.
 *
 * Measured here: about 0.1–0.25 s per image (almost all of it laying out the text runs with the CJK
 * font), so images are made only for a handful of pages (see writer.ts). Same SVG and font, same
 * bytes: resvg's rendering and PNG encoding involve no clock or randomness.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFace } from './font-face.ts';

export const CJK_FAMILY = 'Noto Sans CJK SC';

/** Where Debian, Ubuntu, Fedora and Arch put Noto Sans CJK. */
const KNOWN_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf',
];

/**
 * The CJK font file to draw with: $SUNLIGHT_CJK_FONT (a path, or `none` to switch share images
 * off), else a known Noto Sans CJK location, else what fontconfig lists for Chinese.
 */
export function findCjkFont(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const forced = env.SUNLIGHT_CJK_FONT;
  if (forced !== undefined) return forced === 'none' || !existsSync(forced) ? undefined : forced;
  for (const f of KNOWN_FONTS) if (existsSync(f)) return f;
  const r = spawnSync('fc-list', [':lang=zh', 'file'], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const files = r.stdout.split('\n').map((l) => l.replace(/:\s*$/, '').trim()).filter((l) => /\.(ttc|otf|ttf)$/i.test(l)).sort();
  return files.find((f) => /NotoSansCJK|SourceHanSans/i.test(f)) ?? files[0];
}

/** The font reduced to one face, cached in `cacheDir` by the source file's path, size and time. */
export function preparedFont(file: string, cacheDir: string): { file: string; family: string } {
  const st = statSync(file);
  const key = createHash('sha256').update(`${file}\0${st.size}\0${st.mtimeMs}`).digest('hex').slice(0, 16);
  const out = join(cacheDir, `cjk-${key}.otf`);
  if (existsSync(out)) return { file: out, family: CJK_FAMILY };
  const face = extractFace(readFileSync(file), CJK_FAMILY);
  // Not a Noto collection (another CJK font): use it whole, under whatever family it declares.
  if (!face) return { file, family: CJK_FAMILY };
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(`${out}.${process.pid}`, face);
  renameSync(`${out}.${process.pid}`, out);
  return { file: out, family: CJK_FAMILY };
}

export interface PngRenderer {
  family: string;
  render(svg: string): Promise<Uint8Array>;
}

/** A renderer drawing text with `fontFile` only (no system font scan: faster, and the same everywhere). */
export async function pngRenderer(font: { file: string; family: string }): Promise<PngRenderer> {
  const { renderAsync } = await import('@resvg/resvg-js');
  const options = {
    font: { fontFiles: [font.file], loadSystemFonts: false, defaultFontFamily: font.family, sansSerifFamily: font.family },
    background: '#ffffff',
    fitTo: { mode: 'original' as const },
    logLevel: 'off' as const,
  };
  return {
    family: font.family,
    // renderAsync runs on libuv's thread pool: the data stage goes on writing pages meanwhile.
    async render(svg) { return new Uint8Array((await renderAsync(svg, options)).asPng()); },
  };
}
