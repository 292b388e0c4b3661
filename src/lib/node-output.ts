/** OutputFiles on disk under one root folder. */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { dirname, join, relative, sep } from 'node:path';
import { hashFile } from './node-tree.ts';
import type { OutputFiles } from './output.ts';
import type { WriteJob, WriteReply, WriteRequest, WriteWorkerData } from './node-write-worker.ts';

const FLUSH_AT = 256 * 1024;
const encoder = new TextEncoder();

/**
 * A file is always written as a new file: one restored from the rebuild cache is a hard link to
 * the cache entry, and writing through it would change the entry too.
 */
function createNew(file: string, write: (flag: string) => void): void {
  // Exclusive create first: a stat before every write cost about 1.5 s per 5,000 villages (page
  // tables are many small files), and a file is rarely there already.
  try {
    write('wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    unlinkSync(file);
    write('wx');
  }
}

/** Whole-file writes queued for the writer thread at most; past this, writeFile waits for it. */
export const BACKGROUND_WRITES = 256;
const STALLED_MS = 120_000;
const BATCH_FILES = 64;
const BATCH_BYTES = 1 << 20;

/**
 * One writer thread (node-write-worker.ts) for every background folderOutput of the process: it
 * writes in the order writes were posted, so a file posted before another is on disk before it
 * (the model's site.json after the dataset files pages read at start). Started on first use; it
 * does not keep the process alive.
 */
class WriterThread {
  private worker: Worker | undefined;
  broken: Error | undefined;
  private readonly inFlight = new Int32Array(new SharedArrayBuffer(4));
  private readonly failures = new Map<number, string>();
  private readonly flushes = new Map<number, () => void>();
  private nextToken = 1;
  private nextOutput = 1;
  private batch: WriteJob[] = [];
  private batchBytes = 0;

  register(): number { return this.nextOutput++; }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./node-write-worker.ts', import.meta.url), { workerData: { inFlight: this.inFlight.buffer } satisfies WriteWorkerData });
    worker.unref();
    worker.on('message', (m: WriteReply) => {
      if (m.type === 'failed') { if (!this.failures.has(m.output)) this.failures.set(m.output, `${m.file}: ${m.message}`); return; }
      this.flushes.get(m.token)?.();
      this.flushes.delete(m.token);
    });
    worker.on('error', (e) => { for (const [, done] of this.flushes) done(); this.flushes.clear(); this.broken = e; this.worker = undefined; });
    return (this.worker = worker);
  }

  /** Queues a write; `data` must own its whole buffer, which is handed over (detached) when posted. */
  write(output: number, file: string, atomic: boolean, data: Uint8Array): void {
    if (this.broken) throw this.broken;
    this.batch.push({ output, file, atomic, data });
    this.batchBytes += data.byteLength;
    if (this.batch.length >= BATCH_FILES || this.batchBytes >= BATCH_BYTES) this.post();
  }

  /**
   * Posts the queued writes as one message: a message costs about as much as creating the file
   * would (0.2 ms on the build machine), so they go in batches.
   */
  private post(): void {
    if (!this.batch.length) return;
    const worker = this.start();
    // This thread may be in a long synchronous loop: wait on the shared counter, not on messages
    // (a writer thread that died would never count down: give up after STALLED_MS without progress).
    for (let n, since = Date.now(); (n = Atomics.load(this.inFlight, 0)) >= BACKGROUND_WRITES;) {
      if (Atomics.wait(this.inFlight, 0, n, 1000) === 'timed-out' && Date.now() - since > STALLED_MS) throw new Error(`写入线程没有响应 The file writer thread stopped (${n} writes waiting)`);
      if (Atomics.load(this.inFlight, 0) !== n) since = Date.now();
    }
    const writes = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    Atomics.add(this.inFlight, 0, writes.length);
    worker.postMessage({ type: 'write', writes } satisfies WriteRequest, writes.map((w) => w.data.buffer as ArrayBuffer));
  }

  /** Resolves once every write queued so far is done; rejects with the output's first failure. */
  async settled(output: number): Promise<void> {
    this.post();
    if (this.worker) {
      const token = this.nextToken++;
      const worker = this.worker;
      worker.ref(); // a pending flush keeps the process alive
      await new Promise<void>((resolve) => { this.flushes.set(token, resolve); worker.postMessage({ type: 'flush', token } satisfies WriteRequest); });
      if (this.flushes.size === 0) worker.unref();
    }
    if (this.broken) throw this.broken;
    const failure = this.failures.get(output);
    if (failure) { this.failures.delete(output); throw new Error(`写入文件失败 Could not write ${failure}`); }
  }

  /** Writes queued and not yet done (for this thread's callers: reading is refused meanwhile). */
  get pending(): number { return Atomics.load(this.inFlight, 0) + this.batch.length; }
}

let writerThread: WriterThread | undefined;

/**
 * `atomic`: whole-file writes appear under their name only when complete (for a reader running alongside).
 * `hashes`: the sha256 of every file is taken from the bytes as they are written, so `sha256()` need
 * not read the file back (SHA256SUMS and the page index cover about 2 GB in 230,000 files at
 * 30,000 villages, by then often out of the page cache). Files not written here are read and hashed.
 */
export function folderOutput(root: string, opts: { atomic?: boolean; hashes?: boolean; background?: boolean } = {}): OutputFiles {
  const made = new Set<string>();
  const digests = opts.hashes ? new Map<string, string>() : undefined;
  const ensureDir = (file: string) => {
    const d = dirname(file);
    if (!made.has(d)) { mkdirSync(d, { recursive: true }); made.add(d); }
  };
  const writeNow = (file: string, data: string | Uint8Array) => {
    ensureDir(file);
    if (opts.atomic) { writeFileSync(file + '.part', data); renameSync(file + '.part', file); }
    else createNew(file, (flag) => writeFileSync(file, data, { flag }));
  };
  // `background`: whole-file writes (a province's 200,000 page tables, place files and feeds) are
  // done by the writer thread while this one goes on computing.
  const writer = opts.background ? (writerThread ??= new WriterThread()) : undefined;
  const output = writer?.register() ?? 0;
  let unsettled = false;
  const assertSettled = (what: string) => {
    if (unsettled && writer!.pending > 0) throw new Error(`folderOutput(${root}): ${what} while writes are pending (await settled() first)`);
  };
  return {
    open(path) {
      assertSettled(`opening ${path}`);
      const file = join(root, path);
      ensureDir(file);
      let fd = -1;
      createNew(file, (flag) => { fd = openSync(file, flag); });
      let buf: string[] = [];
      let size = 0;
      const hash = digests ? createHash('sha256') : undefined;
      digests?.delete(path);
      const put = (bytes: Uint8Array) => { writeSync(fd, bytes); hash?.update(bytes); };
      const flush = () => { if (buf.length) { put(Buffer.from(buf.join(''))); buf = []; size = 0; } };
      return {
        write(chunk) {
          if (typeof chunk !== 'string') { flush(); put(chunk); return; }
          buf.push(chunk); size += chunk.length; if (size >= FLUSH_AT) flush();
        },
        close() { flush(); closeSync(fd); if (hash) digests!.set(path, hash.digest('hex')); },
      };
    },
    writeFile(path, data) {
      const file = join(root, path);
      if (writer) {
        // Bytes of its own (handed over to the writer thread), hashed here before they go.
        const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data); // a copy: the caller may reuse its buffer
        if (digests) digests.set(path, createHash('sha256').update(bytes).digest('hex'));
        unsettled = true;
        writer.write(output, file, opts.atomic ?? false, bytes);
        return;
      }
      if (digests) {
        // Encoded once: the same bytes are written and hashed.
        if (typeof data === 'string') data = Buffer.from(data);
        digests.set(path, createHash('sha256').update(data).digest('hex'));
      }
      writeNow(file, data);
    },
    async settled() {
      if (!writer) return;
      await writer.settled(output);
      unsettled = false;
    },
    readFile(path) { assertSettled(`reading ${path}`); return readFileSync(join(root, path)); },
    sha256(path) { return digests?.get(path) ?? (assertSettled(`hashing ${path}`), hashFile(join(root, path))); },
    list(dir) {
      assertSettled(`listing ${dir}`);
      const base = join(root, dir);
      let entries;
      try { entries = readdirSync(base, { recursive: true, withFileTypes: true }); } catch { return []; }
      return entries.filter((e) => e.isFile())
        .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },
  };
}
