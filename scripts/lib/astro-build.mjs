// The page renderer: `astro build` through Astro's API, logging warnings and errors only. The CLI
// logs a line per page, about 2 % of the renderer's time at 15,000 pages, into a log that is read
// only when the build fails.
import { resolve } from 'node:path';
import { build } from 'astro';
import { syncPageWrites } from './sync-page-writes.ts';

const root = process.argv[2];
// Pages are written synchronously (sync-page-writes.ts); the output folder as astro.config.mjs sets it.
syncPageWrites(resolve(root, process.env.SUNLIGHT_OUT || 'dist'));
try {
  await build({ root, logLevel: 'warn' });
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
}
