/**
 * Worker thread that feeds Pagefind's indexing service (its `pagefind_extended` binary, from npm,
 * run locally: nothing is downloaded). The build posts records while it writes the site model, which
 * blocks its own thread; here they reach Pagefind at once, so indexing overlaps with the model and
 * the page rendering. Records are added one at a time in the order they were posted, which keeps
 * the written index byte-identical between builds of the same input.
 *
 * Records with a people group go to that group's own index (people/<group>/, large sites: see
 * NAME_SEARCH_MAX_PLACES). They are set aside in a file while the model is written and indexed
 * after the site's index is written and dropped: the build's memory peak is while the data stage
 * and the page renderer both run, and a county's index then would add about 0.4 GB to it. Groups
 * come one after another; each group's index is written and dropped before the next one starts,
 * so Pagefind holds one county's names at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { appendFileSync, createReadStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { PEOPLE_INDEX_DIR, type SearchRecord } from './records.ts';

export type WorkerRequest = { type: 'add'; record: SearchRecord; peopleGroup?: string } | { type: 'write'; outputPath: string };
export type WorkerReply = { type: 'written'; records: number; addMs: number; writeMs: number } | { type: 'error'; message: string };

/** Pagefind's own search interfaces, which the site does not use (it has a small one of its own). */
const UNUSED = /^pagefind-(?:ui|component-ui|modular-ui|highlight)\.(?:js|css)$/;

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
/** A county's people index: about 1,500 villages in the synthetic province, so bundles of about 8. */
const MAX_PEOPLE_FRAGMENT_FILES = 200;

async function newIndex(maxFragments: number): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ maxFragments });
  if (!index || errors.length) throw new Error(`Pagefind: ${errors.join('; ') || 'no index'}`);
  return index;
}

async function add(index: pagefind.PagefindIndex, record: SearchRecord): Promise<void> {
  const { errors } = await index.addCustomRecord(record);
  if (errors.length) throw new Error(`Pagefind: ${record.url}: ${errors.join('; ')}`);
  records++;
}

/** Writes an index into dir without Pagefind's unused UI files. */
async function write(index: pagefind.PagefindIndex, dir: string): Promise<void> {
  const { errors } = await index.writeFiles({ outputPath: dir });
  if (errors.length) throw new Error(`Pagefind: ${errors.join('; ')}`);
  for (const f of readdirSync(dir)) if (UNUSED.test(f)) rmSync(join(dir, f));
}

rmSync(outputPath, { recursive: true, force: true });
const created = newIndex(MAX_FRAGMENT_FILES);
let queue: Promise<unknown> = created;
/** People records set aside until the site's index is written (inside the index folder, removed after). */
const peopleFile = join(outputPath, '.people.ndjson');
let peopleLines: string[] = [];
const flushPeople = () => {
  if (!peopleLines.length) return;
  mkdirSync(outputPath, { recursive: true });
  appendFileSync(peopleFile, peopleLines.join(''));
  peopleLines = [];
};

/** Indexes the set-aside people records, one group at a time, each written then dropped. */
async function writePeopleIndexes(): Promise<void> {
  flushPeople();
  let current: { group: string; index: pagefind.PagefindIndex } | undefined;
  const written = new Set<string>();
  const close = async () => {
    if (!current) return;
    written.add(current.group);
    await write(current.index, join(outputPath, PEOPLE_INDEX_DIR, current.group));
    await current.index.deleteIndex();
    current = undefined;
  };
  let lines;
  try { lines = createInterface({ input: createReadStream(peopleFile) }); } catch { return; }
  try {
    for await (const line of lines) {
      if (!line) continue;
      const { g, r } = JSON.parse(line) as { g: string; r: SearchRecord };
      if (current?.group !== g) {
        await close();
        // Places come depth-first (regions.ordered), so a county's places are contiguous.
        if (written.has(g)) throw new Error(`people index ${g}: its places are not contiguous`);
        current = { group: g, index: await newIndex(MAX_PEOPLE_FRAGMENT_FILES) };
      }
      await add(current.index, r);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // no people records at all
  }
  await close();
  rmSync(peopleFile, { force: true });
}

port.on('message', (m: WorkerRequest) => {
  if (m.type === 'add') {
    t0 ||= performance.now();
    if (m.peopleGroup !== undefined) {
      peopleLines.push(JSON.stringify({ g: m.peopleGroup, r: m.record }) + '\n');
      if (peopleLines.length >= 1000) flushPeople();
      return;
    }
    queue = queue.then(async () => add(await created, m.record));
    queue.catch(fail);
  } else {
    queue.then(async () => {
      const t1 = performance.now();
      const site = await created;
      await write(site, m.outputPath);
      await site.deleteIndex();
      await writePeopleIndexes();
      await pagefind.close();
      port.postMessage({ type: 'written', records, addMs: t0 ? t1 - t0 : 0, writeMs: performance.now() - t1 } satisfies WorkerReply);
    }).catch(fail);
  }
});
