// The page renderer: `astro build` through Astro's API, logging warnings and errors only. The CLI
// logs a line per page, about 2 % of the renderer's time at 15,000 pages, into a log that is read
// only when the build fails.
import { build } from 'astro';

const root = process.argv[2];
try {
  await build({ root, logLevel: 'warn' });
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
}
