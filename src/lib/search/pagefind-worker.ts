/**
 * Worker thread that feeds Pagefind's indexing service (pagefind-index.ts). The build posts
 * records while it writes the site model, which blocks its own thread; here they reach Pagefind at
 * once, so indexing overlaps with the model and the page rendering. Records are added one at a time in the order they were posted, which keeps
 * the written index byte-identical between builds of the same input.
 *
 * On large sites (NAME_SEARCH_MAX_PLACES) people's names come as names records with their county:
 * they go to that county's name index (name-index.ts, `names/<county>/`), written here as soon as
 * the next county's first record arrives. A county's places come one after another (depth-first
 * order), so only one county's names are held at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nameIndexFiles, type NamesRecord } from './name-index.ts';
import { addRecord, closePagefind, newIndex, writeIndex } from './pagefind-index.ts';
import { PEOPLE_INDEX_DIR, type SearchRecord } from './records.ts';

/** A record for the site's index, or a place's names for its county's name index. */
export type RecordToAdd = { record: SearchRecord } | { names: NamesRecord; group: string };
/** Records come in batches (a message costs about 0.2 ms on the build machine), in the order they were added. */
export type WorkerRequest = { type: 'add'; records: RecordToAdd[] } | { type: 'write'; outputPath: string };
export type WorkerReply = { type: 'written'; records: number; addMs: number; writeMs: number } | { type: 'error'; message: string };

const port = parentPort!;
const outputPath = (workerData as { outputPath: string }).outputPath;
let t0 = 0;
let records = 0;
let failed = false;
const fail = (e: unknown) => {
  if (failed) return;
  failed = true;
  port.postMessage({ type: 'error', message: String((e as Error)?.message ?? e) } satisfies WorkerReply);
};
// Fragments (each result's text) are bundled into at most this many files: one file per page made
// the index cost about 1.5× the CPU at 30,000 places and wrote 32,000 files; a result now loads a
// bundle of about 32 records (a few KB) instead of one.
const MAX_FRAGMENT_FILES = 1000;
/** A group names a file and a folder. */
const GROUP_RE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

rmSync(outputPath, { recursive: true, force: true });
const created = newIndex(MAX_FRAGMENT_FILES);
let queue: Promise<unknown> = created;

/** The county whose names are being gathered, and the counties already written. */
let county: { group: string; records: NamesRecord[] } | undefined;
const written = new Set<string>();

function addNames(group: string, names: NamesRecord): void {
  if (county?.group !== group) {
    writeCounty();
    if (!GROUP_RE.test(group)) throw new Error(`name index: bad group ${JSON.stringify(group)}`);
    // Places come depth-first (regions.ordered), so a county's places are contiguous.
    if (written.has(group)) throw new Error(`name index ${group}: its places are not contiguous`);
    written.add(group);
    county = { group, records: [] };
  }
  county.records.push(names);
  records++;
}

/** Writes the gathered county's name index (name-index.ts). */
function writeCounty(): void {
  if (!county) return;
  const dir = join(outputPath, PEOPLE_INDEX_DIR, county.group);
  mkdirSync(dir, { recursive: true });
  for (const f of nameIndexFiles(county.records)) writeFileSync(join(dir, f.path), f.text);
  county = undefined;
}

port.on('message', (m: WorkerRequest) => {
  if (m.type === 'add') {
    t0 ||= performance.now();
    for (const r of m.records) {
      if ('names' in r) {
        try { addNames(r.group, r.names); } catch (e) { fail(e); }
        continue;
      }
      queue = queue.then(async () => { await addRecord(await created, r.record); records++; });
      queue.catch(fail);
    }
  } else {
    queue.then(async () => {
      const t1 = performance.now();
      const site = await created;
      writeCounty();
      await writeIndex(site, m.outputPath);
      await site.deleteIndex();
      await closePagefind();
      port.postMessage({ type: 'written', records, addMs: t0 ? t1 - t0 : 0, writeMs: performance.now() - t1 } satisfies WorkerReply);
    }).catch(fail);
  }
});
