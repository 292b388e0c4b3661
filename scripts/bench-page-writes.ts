/**
 * Benchmark of how the page renderer writes a page: Astro's own way (`fs.promises.mkdir` then
 * `fs.promises.writeFile`, each a trip through libuv's thread pool), the same calls made
 * synchronously, and the folder made synchronously with the page handed to a writer thread
 * (scripts/lib/sync-page-writes.ts; the build's page renderer uses the last).
 *   node scripts/bench-page-writes.ts [--pages 10000] [--rounds 3]
 * Each round writes N pages of 20 KB (a village page's size) into fresh folders, each way in turn,
 * and prints per page: wall time (until every page is on disk), the CPU time of the calling
 * thread (the renderer's critical path) and of the whole process (user and system).
 */
import fs, { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from './lib/args.ts';
import { syncPageWrites, type PageWriteOptions } from './lib/sync-page-writes.ts';

const { values, error } = parseArgs(process.argv.slice(2), { pages: 'string', rounds: 'string' });
if (error) { console.error(error); process.exit(2); }
const pages = Number(values.pages ?? 10000);
const rounds = Number(values.rounds ?? 3);
const root = resolve('.sunlight-cache/bench/page-writes');
const body = new TextEncoder().encode('<p>王家村 低保 2026-10</p>'.repeat(700));

interface Cost { wall: number; thread: number; user: number; sys: number }

async function writePages(dir: string, shim?: PageWriteOptions): Promise<Cost> {
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const th0 = process.threadCpuUsage();
  const writes = shim ? syncPageWrites(dir, shim) : undefined;
  try {
    for (let i = 0; i < pages; i++) {
      // As Astro's generate.js does it (through the fs.promises object): file: URLs, a recursive mkdir, then the page.
      const folder = pathToFileURL(join(dir, 'place', String(999901100000 + i)) + '/');
      await fs.promises.mkdir(folder, { recursive: true });
      await fs.promises.writeFile(new URL('index.html', folder), body);
    }
  } finally { writes?.undo(); }
  const th = process.threadCpuUsage(th0);
  await writes?.settled();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) * 1000 / pages, thread: (th.user + th.system) / pages, user: c.user / pages, sys: c.system / pages };
}

const show = (label: string, r: Cost) =>
  console.log(`${label.padEnd(14)} ${r.wall.toFixed(0).padStart(5)} µs a page; the calling thread's CPU ${r.thread.toFixed(0).padStart(4)} µs; the process's: user ${r.user.toFixed(0)} µs, system ${r.sys.toFixed(0)} µs`);

rmSync(root, { recursive: true, force: true });
for (let round = 1; round <= rounds; round++) {
  show('thread pool', await writePages(join(root, `pool-${round}`)));
  show('synchronous', await writePages(join(root, `sync-${round}`), {}));
  show('writer thread', await writePages(join(root, `thread-${round}`), { writerThread: true }));
}
rmSync(root, { recursive: true, force: true });
console.log(`${pages} pages a round, ${rounds} rounds (Node ${process.version})`);
