/**
 * Benchmark of how the page renderer writes a page: Astro's own way (`fs.promises.mkdir` then
 * `fs.promises.writeFile`, each a trip through libuv's thread pool) against the same calls made
 * synchronously (scripts/lib/sync-page-writes.ts, which the build's page renderer uses).
 *   node scripts/bench-page-writes.ts [--pages 10000] [--rounds 3]
 * Each round writes N pages of 20 KB (a village page's size) into fresh folders, one way then the
 * other, and prints wall time and this process's CPU time (user and system) per page.
 */
import fs, { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from './lib/args.ts';
import { syncPageWrites } from './lib/sync-page-writes.ts';

const { values, error } = parseArgs(process.argv.slice(2), { pages: 'string', rounds: 'string' });
if (error) { console.error(error); process.exit(2); }
const pages = Number(values.pages ?? 10000);
const rounds = Number(values.rounds ?? 3);
const root = resolve('.sunlight-cache/bench/page-writes');
const body = new TextEncoder().encode('<p>王家村 低保 2026-10</p>'.repeat(700));

async function writePages(dir: string): Promise<{ wall: number; user: number; sys: number }> {
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < pages; i++) {
    // As Astro's generate.js does it (through the fs.promises object): file: URLs, a recursive mkdir, then the page.
    const folder = pathToFileURL(join(dir, 'place', String(999901100000 + i)) + '/');
    await fs.promises.mkdir(folder, { recursive: true });
    await fs.promises.writeFile(new URL('index.html', folder), body);
  }
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) * 1000 / pages, user: c.user / pages, sys: c.system / pages };
}

const show = (label: string, r: { wall: number; user: number; sys: number }) =>
  console.log(`${label.padEnd(12)} ${r.wall.toFixed(0).padStart(5)} µs a page (CPU: user ${r.user.toFixed(0)} µs, system ${r.sys.toFixed(0)} µs)`);

rmSync(root, { recursive: true, force: true });
for (let round = 1; round <= rounds; round++) {
  show('thread pool', await writePages(join(root, `pool-${round}`)));
  const dir = join(root, `sync-${round}`);
  const undo = syncPageWrites(dir);
  try { show('synchronous', await writePages(dir)); } finally { undo(); }
}
rmSync(root, { recursive: true, force: true });
console.log(`${pages} pages a round, ${rounds} rounds (Node ${process.version})`);
