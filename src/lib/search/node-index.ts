/**
 * The site search index, written with Pagefind from the records the build passes while it writes
 * the site model (see records.ts). Indexing runs in a worker thread (pagefind-worker.ts), so it
 * overlaps with the rest of the build; `written` resolves when the index is on disk.
 */
import { Worker } from 'node:worker_threads';
import type { NamesRecord } from './name-index.ts';
import type { SearchRecord } from './records.ts';
import type { RecordToAdd, WorkerReply, WorkerRequest } from './pagefind-worker.ts';

/** addMs: from the first record until the last was indexed (overlaps the model); writeMs: writing the index. */
export interface SearchIndexStats { records: number; addMs: number; writeMs: number }

export interface SearchIndexer {
  /** A record for the site's Pagefind index. */
  add(record: SearchRecord): void;
  /**
   * A place's names for its group's (county's) name index (`names/<group>/`, name-index.ts). A
   * group's records come one after another; its index is written when the next group starts.
   */
  addNames(names: NamesRecord, group: string): void;
  /** No more records: write the index into the folder given at creation. */
  done(): void;
  /** Resolves when the index is written; rejects if Pagefind failed. */
  written: Promise<SearchIndexStats>;
  /** Stops the worker and Pagefind (on failure, or after `written`). */
  close(): void;
}

export function pagefindIndexer(outputPath: string): SearchIndexer {
  const worker = new Worker(new URL('./pagefind-worker.ts', import.meta.url), { workerData: { outputPath } });
  const post = (m: WorkerRequest) => worker.postMessage(m);
  let closed = false;
  const written = new Promise<SearchIndexStats>((resolve, reject) => {
    worker.on('message', (m: WorkerReply) => {
      if (m.type === 'written') resolve({ records: m.records, addMs: m.addMs, writeMs: m.writeMs });
      else reject(new Error(`搜索索引生成失败 Search index failed: ${m.message}`));
    });
    worker.on('error', (e) => reject(new Error(`搜索索引生成失败 Search index failed: ${e.message}`)));
    worker.on('exit', (code) => { if (!closed) reject(new Error(`搜索索引生成失败 Search index worker exited with ${code}`)); });
  });
  written.catch(() => {});
  let batch: RecordToAdd[] = [];
  const send = () => { if (batch.length) { post({ type: 'add', records: batch }); batch = []; } };
  return {
    add: (record) => { batch.push({ record }); if (batch.length >= 64) send(); },
    addNames: (names, group) => { batch.push({ names, group }); if (batch.length >= 64) send(); },
    done: () => { send(); post({ type: 'write', outputPath }); },
    written,
    close: () => { closed = true; void worker.terminate(); },
  };
}
