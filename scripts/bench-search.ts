/**
 * Benchmark of the search stage alone: Pagefind indexing the records the build would pass it.
 *   node scripts/bench-search.ts [--data DIR] [--people auto|on|off|county]
 * --people: on, people's names in the site's index; off, nowhere; county, in a name index per
 * county (search/name-index.ts, what a large site does); auto (default), what the build would do for this many places.
 * DIR is the generator's output (default: the province that `npm run bench:build -- --province`
 * generates). Records are made the way the build makes them (search/records.ts placeRecord) from
 * the latest month's lists, the projects and the works, per village, and saved; then a separate
 * process indexes them as the build's worker does (pagefindIndexer) and is measured: wall time and
 * peak resident memory of the process and Pagefind's binary.
 */
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import type { NamesRecord } from '../src/lib/search/name-index.ts';
import { pagefindIndexer } from '../src/lib/search/node-index.ts';
import { datasetRecord, indexesPeopleNames, peopleGroupOf, peopleRecord, placeRecord, type SearchRecord } from '../src/lib/search/records.ts';
import type { DatasetInfo, DatasetSection, PlacePage } from '../src/lib/site/model.ts';
import type { RegionLevel } from '../src/lib/regions.ts';
import { parseArgs } from './lib/args.ts';
import { childrenOf, measure } from './lib/measure.ts';

const { values, error } = parseArgs(process.argv.slice(2), { data: 'string', people: 'string', replay: 'string', out: 'string' });
if (error) { console.error(error); process.exit(2); }
const root = resolve('.sunlight-cache/bench');

if (values.replay) {
  // The measured process: only the search stage.
  const t0 = performance.now();
  const indexer = pagefindIndexer(String(values.out));
  const lines = createInterface({ input: createReadStream(String(values.replay)) });
  for await (const line of lines) {
    if (!line) continue;
    const { r, g } = JSON.parse(line) as { r: SearchRecord; g?: undefined } | { r: NamesRecord; g: string };
    if (g === undefined) indexer.add(r as SearchRecord); else indexer.addNames(r as NamesRecord, g);
  }
  // CPU time of Pagefind's binary (a child of this process), sampled until it exits: on a busy
  // machine it says more about the cost than wall time does.
  let binaryCpu = 0;
  const ticks = () => { for (const pid of childrenOf(process.pid)) { try { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); binaryCpu = Math.max(binaryCpu, (Number(f[11]) + Number(f[12])) / 100); } catch { /* gone */ } } };
  const poll = setInterval(ticks, 100);
  indexer.done();
  const s = await indexer.written;
  clearInterval(poll);
  indexer.close();
  const own = process.cpuUsage();
  console.log(`indexed ${s.records} records: adding ${(s.addMs / 1000).toFixed(1)} s, writing ${(s.writeMs / 1000).toFixed(1)} s, total ${((performance.now() - t0) / 1000).toFixed(1)} s; CPU: Pagefind ${binaryCpu.toFixed(1)} s, Node ${((own.user + own.system) / 1e6).toFixed(1)} s`);
  process.exit(0);
}

const data = resolve(String(values.data ?? join(root, 'province-30000-2m')));
if (!existsSync(data)) { console.error(`No input at ${data}: run npm run bench:build -- --province first (or pass --data).`); process.exit(2); }
const rows = (file: string): string[][] => Papa.parse<string[]>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
const latest = (dir: string) => join(data, dir, readdirSync(join(data, dir)).sort().at(-1)!);

// Places from regions.csv; a village is known by its township's and its own name.
interface Place { code: string; name: string; parent: string; level: RegionLevel }
const places = new Map<string, Place>();
const levelOf = (code: string): RegionLevel => (code.endsWith('0000000000') ? 'province' : code.endsWith('00000000') ? 'prefecture' : code.endsWith('000000') ? 'county' : code.endsWith('000') ? 'township' : 'village');
for (const [code, name, parent] of rows(join(data, 'regions.csv')).slice(1)) places.set(code!, { code: code!, name: name!, parent: parent ?? '', level: levelOf(code!) });
const byNames = new Map<string, Place>();
for (const p of places.values()) if (p.level === 'village') byNames.set(`${places.get(p.parent)?.name}|${p.name}`, p);

// The names each village's page lists (columns: township, village, name).
const lists = new Map<string, Map<string, string[]>>();
const add = (dataset: string, file: string, cols: [number, number, number], skip = 1) => {
  for (const r of rows(file).slice(skip)) {
    const v = byNames.get(`${r[cols[0]]}|${r[cols[1]]}`);
    if (!v) continue;
    const m = lists.get(v.code) ?? new Map<string, string[]>();
    lists.set(v.code, m);
    (m.get(dataset) ?? m.set(dataset, []).get(dataset)!).push(r[cols[2]]!);
  }
};
add('dibao', latest('dibao'), [1, 2, 3]);
add('tekun', latest('tekun'), [0, 1, 2]);
add('pension', latest('pension'), [0, 1, 2]);
add('projects', latest('projects'), [4, 5, 1], 2);
add('works', latest('works'), [0, 1, 2]);

const mode = values.people === 'on' || values.people === 'off' || values.people === 'county' ? values.people : indexesPeopleNames(places.size) ? 'on' : 'county';
const people = mode === 'on';
const section = (dataset: string, names: string[]): DatasetSection => ({ dataset, title: dataset, titleEn: dataset, figures: [], charts: [], notes: [], table: { caption: '', columns: [{ key: 'name', title: '', numeric: false }], rows: names.map((n) => [n]) } });
const link = (p: Place) => ({ id: p.code, code: p.code, name: p.name, level: p.level, url: `place/${p.code}/` });
const chain = (p: Place): Place[] => { const up: Place[] = []; for (let q = places.get(p.parent); q; q = places.get(q.parent)) up.unshift(q); return up; };
const file = join(root, `search-records-${mode}.ndjson`);
mkdirSync(root, { recursive: true });
const out: string[] = [];
let names = 0;
for (const p of places.values()) {
  const page: PlacePage = { place: link(p), ancestors: chain(p).map(link), children: [], contact: '', sections: [...(lists.get(p.code) ?? [])].map(([d, n]) => section(d, n)) };
  const r = placeRecord(page, { people });
  names += r.content.split(' ').length;
  out.push(JSON.stringify({ r }));
  const pr = mode === 'county' ? peopleRecord(page) : undefined;
  if (pr) { names += pr.names.length; out.push(JSON.stringify({ r: pr, g: peopleGroupOf(page) })); }
}
for (const [id, title, titleEn] of [['dibao', '低保对象', 'Minimum living allowance'], ['projects', '衔接资金项目', 'Projects']]) out.push(JSON.stringify({ r: datasetRecord({ id, title, titleEn } as DatasetInfo) }));
writeFileSync(file, out.join('\n') + '\n');
console.log(`${out.length} records, ${names} words (people's names: ${{ on: 'in the site index', off: 'left out', county: 'a name index per county' }[mode]}), ${(out.join('').length / 1e6).toFixed(1)} M characters → ${file}`);

const index = join(root, 'search-index');
rmSync(index, { recursive: true, force: true });
const m = await measure(process.execPath, ['scripts/bench-search.ts', '--replay', file, '--out', index]);
if (m.code !== 0) { console.error(`search stage failed (exit ${m.code})`); process.exit(1); }
const files = readdirSync(index, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
console.log(`${m.stdout.trim()}\nsearch stage: ${m.seconds.toFixed(1)} s wall, peak ${m.peakMiB.toFixed(0)} MiB (process and Pagefind), ${files.length} files written`);
