// A queue of file-system operations in shared memory, from the page renderer's thread (one
// producer) to its writer thread (one consumer): see sync-page-writes.ts for why. Handing a page
// over by postMessage cost 40–80 µs of the renderer's time (a structured clone and a wake-up, about
// as much as writing the page itself); copying it into shared memory costs about 3 µs.
//
// Layout: `control` holds the byte offsets where the producer writes next (HEAD) and where the
// consumer reads next (TAIL), the bytes published and not yet consumed (USED, the one value both
// sides wait on), and the CLOSED and FAILED flags. `bytes` is the ring. A record is a 12-byte
// header (kind, path length, data length), the path (UTF-8), then the data, padded to 4 bytes. A
// record that does not fit before the end of the ring starts again at 0, after a WRAP mark; the
// bytes skipped count as used until the consumer passes them.

/** Record kinds (a plain object: Node runs this file with its types stripped, which has no enums). */
export const Kind = { Wrap: 1, Mkdir: 2, Write: 3 } as const;
export type Operation = typeof Kind.Mkdir | typeof Kind.Write;

const HEAD = 0, TAIL = 1, USED = 2, CLOSED = 3, FAILED = 4, SLEEPING = 5;
const HEADER = 12;
const align4 = (n: number) => (n + 3) & ~3;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface RingMemory {
  control: SharedArrayBuffer;
  bytes: SharedArrayBuffer;
}

export function ringMemory(capacity: number): RingMemory {
  return { control: new SharedArrayBuffer(6 * 4), bytes: new SharedArrayBuffer(align4(capacity)) };
}

/** The renderer's side. `put` blocks (Atomics.wait) only while the ring is full. */
export class RingProducer {
  readonly #control: Int32Array;
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #capacity: number;
  readonly #stallMs: number;

  /** `stallMs`: how long the consumer may make no progress while this side waits before put or drain throws. */
  constructor(memory: RingMemory, { stallMs = 120_000 }: { stallMs?: number } = {}) {
    this.#stallMs = stallMs;
    this.#control = new Int32Array(memory.control);
    this.#bytes = new Uint8Array(memory.bytes);
    this.#view = new DataView(memory.bytes);
    this.#capacity = memory.bytes.byteLength;
  }

  /** The largest record put accepts (larger ones are the caller's to do itself, after drain). */
  get maxRecord(): number { return this.#capacity >> 1; }

  /** Whether the consumer has failed (it then reads on but does nothing). */
  get failed(): boolean { return Atomics.load(this.#control, FAILED) !== 0; }

  /** Bytes a record for this path and data may take (strings: at most 3 bytes a UTF-16 unit). */
  static bound(path: string, data: string | Uint8Array | undefined): number {
    const len = (s: string) => s.length * 3;
    return align4(HEADER + len(path) + (data === undefined ? 0 : typeof data === 'string' ? len(data) : data.byteLength));
  }

  put(kind: Operation, path: string, data?: string | Uint8Array): void {
    const bound = RingProducer.bound(path, data);
    if (bound > this.maxRecord) throw new RangeError(`record of up to ${bound} bytes is larger than ${this.maxRecord}`);
    let at = Atomics.load(this.#control, HEAD);
    const skip = this.#capacity - at < bound ? this.#capacity - at : 0;
    this.#waitForRoom(skip + bound);
    if (skip) { this.#view.setUint32(at, Kind.Wrap, true); at = 0; }
    const pathLen = encoder.encodeInto(path, this.#bytes.subarray(at + HEADER)).written;
    let dataLen = 0;
    if (typeof data === 'string') dataLen = encoder.encodeInto(data, this.#bytes.subarray(at + HEADER + pathLen)).written;
    else if (data) { this.#bytes.set(data, at + HEADER + pathLen); dataLen = data.byteLength; }
    this.#view.setUint32(at, kind, true);
    this.#view.setUint32(at + 4, pathLen, true);
    this.#view.setUint32(at + 8, dataLen, true);
    const size = align4(HEADER + pathLen + dataLen);
    Atomics.store(this.#control, HEAD, (at + size) % this.#capacity);
    // Publishing: the consumer reads nothing past what USED counts.
    const used = Atomics.add(this.#control, USED, skip + size) + skip + size;
    // Waking a sleeping thread costs tens of µs on a virtual machine: wake the consumer only once
    // an eighth of the ring waits for it (it also wakes by itself every few milliseconds).
    if (used >= this.#capacity >> 3 && Atomics.load(this.#control, SLEEPING)) Atomics.notify(this.#control, USED);
  }

  /** Waits until the consumer has done everything put so far. */
  drain(): void {
    Atomics.notify(this.#control, USED);
    this.#waitWhile((used) => used !== 0);
  }

  /** No more records: the consumer stops once it has done the ones put. */
  close(): void {
    Atomics.store(this.#control, CLOSED, 1);
    Atomics.notify(this.#control, USED);
  }

  #waitForRoom(size: number): void {
    if (this.#capacity - Atomics.load(this.#control, USED) < size) Atomics.notify(this.#control, USED);
    this.#waitWhile((used) => this.#capacity - used < size);
  }

  /** Waits while `busy(used)`. Only the consumer changes USED meanwhile: if it stops doing so (its
   * thread died), this throws rather than hang the renderer. */
  #waitWhile(busy: (used: number) => boolean): void {
    let since = performance.now();
    for (let used = Atomics.load(this.#control, USED), last = used; busy(used); used = Atomics.load(this.#control, USED)) {
      if (used !== last) { last = used; since = performance.now(); }
      else if (performance.now() - since > this.#stallMs) throw new Error(`页面写入线程 ${Math.round(this.#stallMs / 1000)} 秒无进展 The page writer thread made no progress for ${this.#stallMs} ms`);
      Atomics.wait(this.#control, USED, used, Math.min(100, this.#stallMs));
    }
  }
}

/** The writer thread's side: runs each record through `apply`, in order, until closed and empty. */
export function consumeRing(memory: RingMemory, apply: (kind: Operation, path: string, data: Uint8Array) => void): void {
  const control = new Int32Array(memory.control);
  const bytes = new Uint8Array(memory.bytes);
  const view = new DataView(memory.bytes);
  const capacity = memory.bytes.byteLength;
  let at = Atomics.load(control, TAIL);
  for (;;) {
    const used = Atomics.load(control, USED);
    if (used === 0) {
      if (Atomics.load(control, CLOSED)) return;
      // Asleep until woken (the ring is filling up, drained or closed) or for 5 ms at most.
      Atomics.store(control, SLEEPING, 1);
      Atomics.wait(control, USED, 0, 5);
      Atomics.store(control, SLEEPING, 0);
      continue;
    }
    const kind = view.getUint32(at, true);
    if (kind === Kind.Wrap) {
      const skipped = capacity - at;
      at = 0;
      Atomics.store(control, TAIL, at);
      Atomics.sub(control, USED, skipped);
      Atomics.notify(control, USED);
      continue;
    }
    const pathLen = view.getUint32(at + 4, true);
    const dataLen = view.getUint32(at + 8, true);
    const path = decoder.decode(bytes.slice(at + HEADER, at + HEADER + pathLen));
    apply(kind as Operation, path, bytes.subarray(at + HEADER + pathLen, at + HEADER + pathLen + dataLen));
    const size = align4(HEADER + pathLen + dataLen);
    at = (at + size) % capacity;
    Atomics.store(control, TAIL, at);
    Atomics.sub(control, USED, size);
    Atomics.notify(control, USED);
  }
}

/** Marks the consumer as failed (the producer then refuses new work). */
export function markFailed(memory: RingMemory): void {
  Atomics.store(new Int32Array(memory.control), FAILED, 1);
}
