/**
 * Worker thread that feeds Pagefind's indexing service (its `pagefind_extended` binary, from npm,
 * run locally: nothing is downloaded). The build posts records while it writes the site model, which
 * blocks its own thread; here they reach Pagefind at once, so indexing overlaps with the model and
 * the page rendering. Records are added one at a time in the order they were posted, which keeps
 * the written index byte-identical between builds of the same input.
 */
import { parentPort } from 'node:worker_threads';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { SearchRecord } from './records.ts';

export type WorkerRequest = { type: 'add'; record: SearchRecord } | { type: 'write'; outputPath: string };
export type WorkerReply = { type: 'written'; records: number; addMs: number; writeMs: number } | { type: 'error'; message: string };

/** Pagefind's own search interfaces, which the site does not use (it has a small one of its own). */
const UNUSED = /^pagefind-(?:ui|component-ui|modular-ui|highlight)\.(?:js|css)$/;

const port = parentPort!;
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
const created = pagefind.createIndex({ maxFragments: MAX_FRAGMENT_FILES }).then(({ index, errors }) => {
  if (!index || errors.length) throw new Error(`Pagefind: ${errors.join('; ') || 'no index'}`);
  return index;
});
let queue: Promise<unknown> = created;

port.on('message', (m: WorkerRequest) => {
  if (m.type === 'add') {
    t0 ||= performance.now();
    queue = queue.then(async () => {
      const { errors } = await (await created).addCustomRecord(m.record);
      if (errors.length) throw new Error(`Pagefind: ${m.record.url}: ${errors.join('; ')}`);
      records++;
    });
    queue.catch(fail);
  } else {
    queue.then(async () => {
      const t1 = performance.now();
      rmSync(m.outputPath, { recursive: true, force: true });
      const { errors } = await (await created).writeFiles({ outputPath: m.outputPath });
      if (errors.length) throw new Error(`Pagefind: ${errors.join('; ')}`);
      for (const f of readdirSync(m.outputPath)) if (UNUSED.test(f)) rmSync(join(m.outputPath, f));
      await pagefind.close();
      port.postMessage({ type: 'written', records, addMs: t0 ? t1 - t0 : 0, writeMs: performance.now() - t1 } satisfies WorkerReply);
    }).catch(fail);
  }
});
