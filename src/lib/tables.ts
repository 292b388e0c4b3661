/**
 * Check-tables stage: rules that need more than one row — 合计/小计 rows against the rows they sum,
 * the same record twice, the same person twice. Memory stays small: rows are remembered only as
 * 64-bit hashes in typed arrays, not as strings.
 */

let hashLo = 0;
let hashHi = 0;

/** Two independent 32-bit hashes (FNV-1a and a murmur-style mix): a 64-bit fingerprint, without allocating. */
function hashInto(s: string): void {
  let h1 = 0x811c9dc5 | 0, h2 = 0x9747b28c | 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 13; h1 = Math.imul(h1, 0x85ebca6b); h1 ^= h1 >>> 16;
  hashLo = h1 >>> 0;
  hashHi = h2 >>> 0 || 1; // 0 marks an empty slot
}

export function hash64(s: string): [number, number] {
  hashInto(s);
  return [hashLo, hashHi];
}

/**
 * An open-addressing hash map from 64-bit fingerprints to one 32-bit number: 12 bytes a slot.
 * A million keys take about 16 MB instead of the ~100 MB a Map of strings would.
 */
export class FingerprintMap {
  private lo: Uint32Array;
  private hi: Uint32Array;
  private val: Uint32Array;
  private count = 0;

  constructor(capacity = 1 << 12) {
    this.lo = new Uint32Array(capacity);
    this.hi = new Uint32Array(capacity);
    this.val = new Uint32Array(capacity);
  }

  get size(): number { return this.count; }

  /** Returns the value already stored for the key, or stores `value` and returns undefined. */
  getOrSet(key: string, value: number): number | undefined {
    hashInto(key);
    return this.getOrSetHash(hashLo, hashHi, value);
  }

  /** The value stored for a fingerprint, without storing anything. */
  getHash(a: number, b: number): number | undefined {
    const mask = this.lo.length - 1;
    for (let i = a & mask; this.hi[i] !== 0; i = (i + 1) & mask) if (this.lo[i] === a && this.hi[i] === b) return this.val[i];
    return undefined;
  }

  getOrSetHash(a: number, b: number, value: number): number | undefined {
    // Linear probing stays fast up to three quarters full.
    if ((this.count + 1) * 4 > this.lo.length * 3) this.grow();
    const mask = this.lo.length - 1;
    let i = a & mask;
    for (;;) {
      if (this.hi[i] === 0) {
        this.lo[i] = a; this.hi[i] = b; this.val[i] = value; this.count++;
        return undefined;
      }
      if (this.lo[i] === a && this.hi[i] === b) return this.val[i];
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const { lo, hi, val } = this;
    this.lo = new Uint32Array(lo.length * 2);
    this.hi = new Uint32Array(lo.length * 2);
    this.val = new Uint32Array(lo.length * 2);
    this.count = 0;
    for (let i = 0; i < lo.length; i++) if (hi[i] !== 0) this.getOrSetHash(lo[i]!, hi[i]!, val[i]!);
  }
}

/** Where spilled fingerprints go: numbered buckets of bytes, appended to and read back once. */
export interface SpillStore {
  append(bucket: number, bytes: Uint8Array): void;
  read(bucket: number): Uint8Array;
  dispose(): void;
}

/** A SpillStore in memory (tests, and callers without a disk): still 12 bytes a row, no table. */
export function memorySpill(): SpillStore {
  const parts = new Map<number, Uint8Array[]>();
  return {
    append(bucket, bytes) { const p = parts.get(bucket); if (p) p.push(bytes.slice()); else parts.set(bucket, [bytes.slice()]); },
    read(bucket) {
      const p = parts.get(bucket) ?? [];
      const out = new Uint8Array(p.reduce((a, b) => a + b.length, 0));
      let o = 0;
      for (const b of p) { out.set(b, o); o += b.length; }
      return out;
    },
    dispose() { parts.clear(); },
  };
}

const BUCKETS = 256;
const RECORD = 12;
const BUFFER_RECORDS = 4096;

/**
 * Finds keys seen twice in bounded memory. The first `memoryEntries` keys go into an in-memory
 * table and repeats of them are reported at once; later keys are checked against that table, then
 * appended (fingerprint and location, 12 bytes) to one of 256 spill buckets by fingerprint. At the
 * end each bucket is read back alone to find repeats among the spilled keys, in row order, so the
 * first occurrence is always the one reported as first.
 */
export class DuplicateIndex {
  private readonly table = new FingerprintMap();
  private readonly memoryEntries: number;
  private readonly spill: SpillStore;
  private buffers: Uint32Array[] | undefined;
  private fill: Uint16Array | undefined;

  constructor(spill: SpillStore, memoryEntries = 1_000_000) {
    this.spill = spill;
    this.memoryEntries = memoryEntries;
  }

  /** The location of an earlier row with this key, when known now; else undefined. */
  seen(key: string, location: number): number | undefined {
    hashInto(key);
    const a = hashLo, b = hashHi;
    if (this.table.size < this.memoryEntries) return this.table.getOrSetHash(a, b, location);
    const prior = this.table.getHash(a, b);
    if (prior !== undefined) return prior;
    this.buffers ??= Array.from({ length: BUCKETS }, () => new Uint32Array(BUFFER_RECORDS * 3));
    this.fill ??= new Uint16Array(BUCKETS);
    const bucket = b >>> 24;
    const buf = this.buffers[bucket]!;
    const n = this.fill[bucket]!;
    buf[n * 3] = a; buf[n * 3 + 1] = b; buf[n * 3 + 2] = location;
    if (n + 1 === BUFFER_RECORDS) { this.spill.append(bucket, new Uint8Array(buf.buffer)); this.fill[bucket] = 0; }
    else this.fill[bucket] = n + 1;
    return undefined;
  }

  /** Repeats among the spilled keys: each later location with the first location of its key. */
  finish(): { location: number; first: number }[] {
    const found: { location: number; first: number }[] = [];
    if (!this.buffers || !this.fill) return found;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const n = this.fill[bucket]!;
      if (n > 0) this.spill.append(bucket, new Uint8Array(this.buffers[bucket]!.buffer, 0, n * RECORD));
      const bytes = this.spill.read(bucket);
      const recs = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      const seen = new FingerprintMap();
      for (let i = 0; i < recs.length; i += 3) {
        const first = seen.getOrSetHash(recs[i]!, recs[i + 1]!, recs[i + 2]!);
        if (first !== undefined) found.push({ location: recs[i + 2]!, first });
      }
    }
    this.buffers = undefined;
    this.spill.dispose();
    return found.sort((x, y) => x.location - y.location);
  }
}

/**
 * Where a record was first seen, as one 32-bit number: each file gets a base, and a record's
 * number is its file's base plus its spreadsheet row. Decoding looks the base up again.
 */
export class RowLocations {
  private readonly bases: number[] = [];
  private next = 0;
  /** Starts file number `bases.length`. */
  startFile(): number { this.bases.push(this.next); return this.bases.length - 1; }
  /** Ends the current file, whose last record had spreadsheet row `lastRow`. */
  endFile(lastRow: number): void { this.next += lastRow + 1; }
  encode(file: number, row: number): number { return this.bases[file]! + row; }
  decode(v: number): { file: number; row: number } {
    let lo = 0, hi = this.bases.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (this.bases[mid]! <= v) lo = mid; else hi = mid - 1; }
    return { file: lo, row: v - this.bases[lo]! };
  }
}

export interface TotalCheck {
  /** Label in the total row: 合计, 总计, 小计. */
  label: string;
  column: string;
  written: number;
  computed: number;
  rows: number;
}

/**
 * Running sums for 合计 / 小计 rows. 小计 sums the rows since the previous total row; 合计 and 总计
 * sum every data row of the table, or, when an office totals each village in turn, the rows since
 * the previous total row.
 */
export class TotalsTracker {
  private all = new Map<string, number>();
  private section = new Map<string, number>();
  private rowsAll = 0;
  private rowsSection = 0;

  add(keys: readonly string[], values: Record<string, unknown>): void {
    for (const k of keys) {
      const v = values[k];
      if (typeof v !== 'number') continue;
      this.all.set(k, (this.all.get(k) ?? 0) + v);
      this.section.set(k, (this.section.get(k) ?? 0) + v);
    }
    this.rowsAll++;
    this.rowsSection++;
  }

  /**
   * Compares a total row with the sums; `tolerance` (元 or count) allows for rounding, plus
   * `perRow` for each row summed (figures rounded to what the cell shows).
   */
  /** Data rows added so far: none when an office puts its 合计 row right under the header. */
  get rowCount(): number {
    return this.rowsAll;
  }

  compare(label: string, written: Record<string, { value: number; column: string; tolerance: number; perRow?: number }>): TotalCheck[] {
    const sub = /小计/.test(label);
    const sums = sub ? this.section : this.all;
    const rows = sub ? this.rowsSection : this.rowsAll;
    const mismatches: TotalCheck[] = [];
    const off = (sum: number | undefined, n: number, w: { value: number; tolerance: number; perRow?: number }) =>
      Math.abs(Math.round((sum ?? 0) * 100) / 100 - w.value) > Math.max(w.tolerance, (w.perRow ?? 0) * n);
    for (const [k, w] of Object.entries(written)) {
      const computed = Math.round((sums.get(k) ?? 0) * 100) / 100;
      if (off(sums.get(k), rows, w) && (sub || off(this.section.get(k), this.rowsSection, w))) mismatches.push({ label, column: w.column, written: w.value, computed, rows });
    }
    this.section = new Map();
    this.rowsSection = 0;
    return mismatches;
  }
}
