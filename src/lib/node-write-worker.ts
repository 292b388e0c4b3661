/**
 * Worker thread that writes whole files for folderOutput's `background` mode (node-output.ts), in
 * the order they were asked for. Creating a file costs the kernel about 0.2 ms on the build machine
 * (a province's 200,000 page tables, place files and feeds): here that happens beside the thread
 * that computes them. Writes come in batches; each finished write takes one off the shared in-flight
 * counter, which the writing thread waits on when too many are queued.
 */
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

export interface WriteWorkerData {
  /** Int32 count of writes posted and not yet done. */
  inFlight: SharedArrayBuffer;
}

export interface WriteJob { output: number; file: string; atomic: boolean; data: Uint8Array }

export type WriteRequest =
  | { type: 'write'; writes: WriteJob[] }
  | { type: 'flush'; token: number };

export type WriteReply =
  | { type: 'failed'; output: number; file: string; message: string }
  | { type: 'flushed'; token: number };

const inFlight = new Int32Array((workerData as WriteWorkerData).inFlight);
const port = parentPort!;
const made = new Set<string>();

function write(m: WriteJob): void {
  const dir = dirname(m.file);
  if (!made.has(dir)) { mkdirSync(dir, { recursive: true }); made.add(dir); }
  if (m.atomic) { writeFileSync(m.file + '.part', m.data); renameSync(m.file + '.part', m.file); return; }
  // Always a new file: one restored from the rebuild cache is a hard link to the cache entry.
  try {
    writeFileSync(m.file, m.data, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    unlinkSync(m.file);
    writeFileSync(m.file, m.data, { flag: 'wx' });
  }
}

port.on('message', (m: WriteRequest) => {
  if (m.type === 'flush') { port.postMessage({ type: 'flushed', token: m.token } satisfies WriteReply); return; }
  for (const w of m.writes) {
    try {
      write(w);
    } catch (e) {
      // A folder removed meanwhile is made again on the next write to it.
      made.delete(dirname(w.file));
      port.postMessage({ type: 'failed', output: w.output, file: w.file, message: (e as Error).message } satisfies WriteReply);
    } finally {
      Atomics.sub(inFlight, 0, 1);
      Atomics.notify(inFlight, 0);
    }
  }
});
