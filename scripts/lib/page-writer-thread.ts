// The page renderer's writer thread (sync-page-writes.ts): makes the folders and writes the pages
// queued in shared memory (page-ring.ts), in the order they came. After the first failure it does
// nothing more (it still empties the queue, so the renderer never waits on it), marks the queue
// failed and reports the failure once.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { consumeRing, Kind, markFailed, type RingMemory } from './page-ring.ts';

export interface PageWriteFailure {
  path: string;
  message: string;
  code?: string;
}

const memory = workerData as RingMemory;
let failed = false;
consumeRing(memory, (kind, path, data) => {
  if (failed) return;
  try {
    if (kind === Kind.Mkdir) mkdirSync(path, { recursive: true });
    else writeFileSync(path, data);
  } catch (e) {
    failed = true;
    markFailed(memory);
    const err = e as NodeJS.ErrnoException;
    parentPort!.postMessage({ path, message: err.message, code: err.code } satisfies PageWriteFailure);
  }
});
