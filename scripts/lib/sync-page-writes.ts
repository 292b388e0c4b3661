// Astro writes each page with `fs.promises.mkdir` and `fs.promises.writeFile`: two hand-offs to
// libuv's thread pool per page. On the 2-core build machine (a virtual machine, where waking a
// thread is costly) that took about 290 µs of CPU a page against 75–105 µs for the same calls made
// synchronously (`npm run bench:page-writes`), and the page renderer is the build's critical path.
// It does nothing else while a page is written, so inside the output folder these two calls are
// made synchronously; every other path, and any call with options the synchronous calls do not
// take (an AbortSignal), goes to Node's own functions unchanged. Same files, same bytes.
//
// With `writerThread`, the renderer does not make the folders or write the pages (`.html`) at
// all: it copies them into a queue in shared memory (page-ring.ts, about 3 µs a page) and goes on
// to the next page, and a writer thread (page-writer-thread.ts) makes and writes them, in order,
// on the other core. The renderer waits only when the queue is full. Any other call inside the
// output folder (Astro writes its `.prerender` code there and reads it back) first waits for the
// queue to empty and is then made synchronously, as above. `settled()` waits for the last page and
// rejects with the first operation that failed; once one has failed, later ones are refused.
import fs from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Kind, RingProducer, ringMemory } from './page-ring.ts';
import type { PageWriteFailure } from './page-writer-thread.ts';

/** The path a `fs` call names, when it is a string or a file: URL (not a FileHandle or a descriptor). */
function pathOf(target: unknown): string | undefined {
  if (typeof target === 'string') return resolve(target);
  if (target instanceof URL && target.protocol === 'file:') return fileURLToPath(target);
  return undefined;
}

export interface PageWriteOptions {
  /** Hand folders and pages (`.html`) to a writer thread instead of making them on this thread. */
  writerThread?: boolean;
  /** Bytes of shared memory for the queue (default 8 MiB, about 130 village pages). */
  queueBytes?: number;
}

export interface PageWrites {
  /** Restores Node's functions (what was already queued is still done: see settled). */
  undo(): void;
  /** Resolves when everything queued is done; rejects with the first operation that failed. */
  settled(): Promise<void>;
}

const failureError = (f: PageWriteFailure): Error =>
  Object.assign(new Error(`页面写入失败 Could not write ${f.path}: ${f.message}`), f.code ? { code: f.code } : {});

/**
 * Makes `fs.promises.mkdir` and `fs.promises.writeFile` synchronous for paths inside `outDir`
 * (their promises settle as before: a failure rejects), or, with `writerThread`, queues folders
 * and pages for a writer thread.
 */
export function syncPageWrites(outDir: string, { writerThread = false, queueBytes = 8 << 20 }: PageWriteOptions = {}): PageWrites {
  const inside = resolve(outDir) + sep;
  const { mkdir, writeFile } = fs.promises;
  const isPage = (target: unknown, options: unknown): boolean => {
    const path = pathOf(target);
    return path !== undefined && path.startsWith(inside) && !(options && typeof options === 'object' && 'signal' in options);
  };

  // The writer thread, started with the first operation queued.
  let worker: Worker | undefined;
  let workerExit: Promise<void> | undefined;
  let queue: RingProducer | undefined;
  let failure: PageWriteFailure | undefined;
  const refused = (): Error => failureError(failure ?? { path: outDir, message: 'an earlier page could not be written' });
  const enqueue = (kind: typeof Kind.Mkdir | typeof Kind.Write, path: string, data?: string | Uint8Array): Promise<void> => {
    if (failure || queue?.failed) return Promise.reject(refused());
    if (!queue) {
      const memory = ringMemory(queueBytes);
      queue = new RingProducer(memory);
      // No preloads (the renderer's --import watches its parent; one watcher is enough).
      worker = new Worker(new URL('./page-writer-thread.ts', import.meta.url), { workerData: memory, execArgv: [] });
      workerExit = new Promise<void>((ok) => worker!.once('exit', () => ok()));
      worker.on('message', (f: PageWriteFailure) => { failure ??= f; });
      worker.on('error', (e) => { failure ??= { path, message: e.message }; });
    }
    if (RingProducer.bound(path, data) > queue.maxRecord) {
      // Too big for the queue: after what is queued, here.
      queue.drain();
      if (queue.failed) return Promise.reject(refused());
      return new Promise<void>((ok) => ok(kind === Kind.Mkdir ? void fs.mkdirSync(path, { recursive: true }) : fs.writeFileSync(path, data!)));
    }
    queue.put(kind, path, data);
    return Promise.resolve();
  };
  /** Before anything else is done in the output folder, whatever is queued is done first. */
  const drain = (): void => { queue?.drain(); };

  fs.promises.mkdir = ((target: fs.PathLike, options?: fs.MakeDirectoryOptions) => {
    if (!isPage(target, options)) return mkdir(target, options);
    if (writerThread && options && typeof options === 'object' && options.recursive === true && Object.keys(options).length === 1) {
      return enqueue(Kind.Mkdir, pathOf(target)!).then(() => undefined);
    }
    drain();
    return new Promise<string | undefined>((ok) => ok(fs.mkdirSync(target, options)));
  }) as typeof mkdir;
  fs.promises.writeFile = ((target: Parameters<typeof writeFile>[0], data: Parameters<typeof writeFile>[1], options?: Parameters<typeof writeFile>[2]) => {
    if (!isPage(target, options) || !(typeof data === 'string' || ArrayBuffer.isView(data))) return writeFile(target, data, options);
    const path = pathOf(target)!;
    if (writerThread && options === undefined && path.endsWith('.html')) {
      return enqueue(Kind.Write, path, typeof data === 'string' ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    }
    drain();
    return new Promise<void>((ok) => ok(fs.writeFileSync(target as fs.PathLike, data, options as fs.WriteFileOptions)));
  }) as typeof writeFile;

  return {
    undo() {
      fs.promises.mkdir = mkdir;
      fs.promises.writeFile = writeFile;
    },
    async settled() {
      if (!worker || !queue) return;
      worker = undefined;
      queue.close();
      await workerExit;
      if (failure || queue.failed) throw refused();
    },
  };
}
