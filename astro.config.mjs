// Astro renders the site model (written by the data stage into $SUNLIGHT_MODEL_DIR) to static pages.
// scripts/build.ts runs it with SUNLIGHT_MODEL_DIR, SUNLIGHT_OUT (output folder) and SUNLIGHT_BASE
// (base path, e.g. `/` or `/gov/sanwu/`).
import { defineConfig } from 'astro/config';

// Nothing may leave the host during a build (offices build behind firewalls).
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';

function basePath(value) {
  const b = (value ?? '/').trim() || '/';
  return `/${b.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}

export default defineConfig({
  base: basePath(process.env.SUNLIGHT_BASE),
  outDir: process.env.SUNLIGHT_OUT || './dist',
  // Per-build cache folder, so builds running side by side (tests) do not share one.
  ...(process.env.SUNLIGHT_CACHE_DIR ? { cacheDir: process.env.SUNLIGHT_CACHE_DIR } : {}),
  trailingSlash: 'always',
  compressHTML: true,
  devToolbar: { enabled: false },
  build: {
    format: 'directory',
    // Every page carries its (small) stylesheet: no extra request, nothing to cache-bust.
    inlineStylesheets: 'always',
  },
});
