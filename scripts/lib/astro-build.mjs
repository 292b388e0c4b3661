// The page renderer: `astro build` through Astro's API, logging warnings and errors only. The CLI
// logs a line per page, about 2 % of the renderer's time at 15,000 pages, into a log that is read
// only when the build fails.
import { resolve } from 'node:path';
import { build } from 'astro';
import { syncPageWrites } from './sync-page-writes.ts';

const root = process.argv[2];
// Folders are made synchronously and pages are written by a writer thread (sync-page-writes.ts),
// in the output folder as astro.config.mjs sets it. The renderer exits only once every page is
// written, and fails if one could not be.
const writes = syncPageWrites(resolve(root, process.env.SUNLIGHT_OUT || 'dist'), { writerThread: true });
try {
  await build({ root, logLevel: 'warn' });
  await writes.settled();
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
}
