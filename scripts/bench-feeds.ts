/**
 * npm run bench:feeds -- [--villages 30000] [--periods 24]
 * What feeds cost at province scale: builds and writes one Atom feed per village (7 datasets,
 * `periods` months each, capped at 50 entries) into .sunlight-cache/bench-feeds/, the way the data
 * stage does, and prints the time and bytes.
 */
import { rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { atomFeed } from '../src/lib/feeds/atom.ts';
import { placeFeed, type DatasetPeriods } from '../src/lib/feeds/place-feed.ts';
import { folderOutput } from '../src/lib/node-output.ts';
import { DEFAULT_SITE } from '../src/lib/site-config.ts';
import type { PlaceLink } from '../src/lib/site/model.ts';
import { parseArgs } from './lib/args.ts';

const { values } = parseArgs(process.argv.slice(2), { villages: 'string', periods: 'string' });
const villages = Number(values.villages ?? 30000);
const periods = Number(values.periods ?? 24);
const dir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), '.sunlight-cache', 'bench-feeds');
rmSync(dir, { recursive: true, force: true });
const out = folderOutput(dir);
const months = Array.from({ length: periods }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const township: PlaceLink = { id: '999901100000', name: '城关镇', level: 'township', url: 'place/999901100000/' };
const datasets = ['dibao', 'tekun', 'pension', 'finance', 'projects', 'party-dues', 'works'];
let bytes = 0;
const t0 = performance.now();
let built = 0;
for (let v = 0; v < villages; v++) {
  const id = String(999901100200 + v);
  const place: PlaceLink = { id, name: `第${v}村`, level: 'village', parent: township.id, url: `place/${id}/` };
  const ds: DatasetPeriods[] = datasets.map((d) => ({ dataset: d, periods: months.map((p) => ({ period: p, title: `${p}${d}名单`, summary: `${40 + (v % 9)} 户（98 人），月保障金额合计 5.42万元` })) }));
  const t = performance.now();
  const xml = atomFeed(placeFeed({ place, ancestors: [township], rootId: 'all', datasets: ds, config: DEFAULT_SITE, asOf: '2026-11-22' }));
  built += performance.now() - t;
  out.writeFile(`${place.url}feed.xml`, xml);
  bytes += Buffer.byteLength(xml);
}
const ms = performance.now() - t0;
console.log(`${villages} feeds, ${(bytes / 1048576).toFixed(1)} MiB: ${(ms / 1000).toFixed(1)} s in all (building ${(built / 1000).toFixed(1)} s, writing ${((ms - built) / 1000).toFixed(1)} s); ${(ms / villages).toFixed(2)} ms per village`);
rmSync(dir, { recursive: true, force: true });
