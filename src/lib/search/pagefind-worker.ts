/**
 * Worker thread that feeds Pagefind's indexing service (pagefind-index.ts). The build posts
 * records while it writes the site model, which blocks its own thread; here they reach Pagefind at
 * once, so indexing overlaps with the model and the page rendering. Records are added one at a time in the order they were posted, which keeps
 * the written index byte-identical between builds of the same input.
 *
 * Records with a people group go to that group's own index (people/<group>/, large sites: see
 * NAME_SEARCH_MAX_PLACES). They are set aside in files while the model is written and indexed
 * after the pages, before the site's index is written: the build's memory peak is while the data
 * stage and the page renderer both run, and a county's index then would add about 0.4 GB to it. Each
 * group's records come one after another (one file per group); two people workers
 * (people-worker.ts), each with a Pagefind service of its own, then take the groups in turn, so two
 * counties index at once and each Pagefind holds one county's names at a time.
 */
import { parentPort, workerData, Worker } from 'node:worker_threads';
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { addRecord, closePagefind, newIndex, writeIndex } from './pagefind-index.ts';
import type { PeopleReply, PeopleRequest, PeopleWorkerData } from './people-worker.ts';
import { PEOPLE_INDEX_DIR, type SearchRecord } from './records.ts';

export interface RecordToAdd { record: SearchRecord; peopleGroup?: string }
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
/** A county's people index: about 1,500 villages in the synthetic province, so bundles of about 8. */
const MAX_PEOPLE_FRAGMENT_FILES = 200;
/**
 * Counties indexed at once, each by its own Pagefind process (about 0.4 GB at its peak). Two: the
 * build's budget is two cores, and by then the data stage and the pages are done.
 */
const PEOPLE_WORKERS = 2;
/** A group names a file and a folder. */
const GROUP_RE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

rmSync(outputPath, { recursive: true, force: true });
const created = newIndex(MAX_FRAGMENT_FILES);
let queue: Promise<unknown> = created;

/** People records set aside until the pages are done, one file per group (inside the index folder, removed after). */
const peopleDir = join(outputPath, '.people');
/** Groups in the order their records came. */
const groups: string[] = [];
const seenGroups = new Set<string>();
let pending: { group: string; lines: string[] } | undefined;
const flushPeople = () => {
  if (!pending?.lines.length) return;
  mkdirSync(peopleDir, { recursive: true });
  appendFileSync(join(peopleDir, `${pending.group}.ndjson`), pending.lines.join(''));
  pending.lines = [];
};

function setAside(group: string, record: SearchRecord): void {
  if (pending?.group !== group) {
    flushPeople();
    if (!GROUP_RE.test(group)) throw new Error(`people index: bad group ${JSON.stringify(group)}`);
    // Places come depth-first (regions.ordered), so a county's places are contiguous.
    if (seenGroups.has(group)) throw new Error(`people index ${group}: its places are not contiguous`);
    seenGroups.add(group);
    groups.push(group);
    pending = { group, lines: [] };
  }
  pending.lines.push(JSON.stringify(record) + '\n');
  if (pending.lines.length >= 1000) flushPeople();
}

/** Indexes the set-aside people records: the people workers take the groups in turn. */
async function writePeopleIndexes(): Promise<void> {
  flushPeople();
  const todo = [...groups];
  const n = Math.min(PEOPLE_WORKERS, availableParallelism(), todo.length);
  const data: PeopleWorkerData = { dir: peopleDir, outputPath: join(outputPath, PEOPLE_INDEX_DIR), maxFragments: MAX_PEOPLE_FRAGMENT_FILES };
  const workers: Worker[] = [];
  const finished = Array.from({ length: n }, () => new Promise<number>((resolve, reject) => {
    const w = new Worker(new URL('./people-worker.ts', import.meta.url), { workerData: data });
    workers.push(w);
    const ask = (m: PeopleRequest) => w.postMessage(m);
    w.on('message', (m: PeopleReply) => {
      if (m.type === 'next') {
        const group = todo.shift();
        ask(group === undefined ? { type: 'end' } : { type: 'group', group });
      } else if (m.type === 'closed') {
        resolve(m.records);
      } else {
        reject(new Error(m.message));
      }
    });
    w.on('error', reject);
    w.on('exit', (code) => reject(new Error(`people index worker stopped (exit ${code})`)));
  }));
  try {
    for (const r of await Promise.all(finished)) records += r;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  rmSync(peopleDir, { recursive: true, force: true });
}

port.on('message', (m: WorkerRequest) => {
  if (m.type === 'add') {
    t0 ||= performance.now();
    for (const { record, peopleGroup } of m.records) {
      if (peopleGroup !== undefined) {
        try { setAside(peopleGroup, record); } catch (e) { fail(e); }
        continue;
      }
      queue = queue.then(async () => { await addRecord(await created, record); records++; });
      queue.catch(fail);
    }
  } else {
    queue.then(async () => {
      const t1 = performance.now();
      const site = await created;
      // Counties first, while the site's index is still small (unwritten): writing the site's index
      // is what takes Pagefind's memory to its peak (about 0.9 GB at 30,000 villages), and Pagefind
      // does not give that back, so a county's index built after it came on top (1.1 GB).
      await writePeopleIndexes();
      await writeIndex(site, m.outputPath);
      await site.deleteIndex();
      await closePagefind();
      port.postMessage({ type: 'written', records, addMs: t0 ? t1 - t0 : 0, writeMs: performance.now() - t1 } satisfies WorkerReply);
    }).catch(fail);
  }
});
