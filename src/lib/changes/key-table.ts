/**
 * An open-addressing table from a row key's 64-bit fingerprint to the fingerprint of the row's
 * values, the row's position in its file and a few flags: 21 bytes a slot in typed arrays, so ten
 * million rows take about 340 MB instead of the gigabytes a Map of strings would.
 */
export const MATCHED = 1;
export const CHANGED = 2;
export const REPLAYED = 4;

export class KeyTable {
  private keyLo: Uint32Array;
  private keyHi: Uint32Array;
  private valLo: Uint32Array;
  private valHi: Uint32Array;
  private rowAt: Uint32Array;
  private flagBits: Uint8Array;
  private count = 0;

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap * 0.75 < expected) cap *= 2;
    this.keyLo = new Uint32Array(cap); this.keyHi = new Uint32Array(cap);
    this.valLo = new Uint32Array(cap); this.valHi = new Uint32Array(cap);
    this.rowAt = new Uint32Array(cap); this.flagBits = new Uint8Array(cap);
  }

  get size(): number { return this.count; }
  get capacity(): number { return this.keyHi.length; }

  /** The slot holding a key, or -1. `hi` is never 0 (0 marks an empty slot). */
  find(lo: number, hi: number): number {
    const mask = this.keyHi.length - 1;
    for (let i = lo & mask; this.keyHi[i] !== 0; i = (i + 1) & mask) if (this.keyLo[i] === lo && this.keyHi[i] === hi) return i;
    return -1;
  }

  /** Stores a key; false (and nothing stored) when the key is already there. */
  insert(lo: number, hi: number, vLo: number, vHi: number, row: number): boolean {
    if ((this.count + 1) > this.keyHi.length * 0.75) this.grow();
    const mask = this.keyHi.length - 1;
    let i = lo & mask;
    for (; this.keyHi[i] !== 0; i = (i + 1) & mask) if (this.keyLo[i] === lo && this.keyHi[i] === hi) return false;
    this.keyLo[i] = lo; this.keyHi[i] = hi; this.valLo[i] = vLo; this.valHi[i] = vHi; this.rowAt[i] = row;
    this.count++;
    return true;
  }

  sameValues(slot: number, vLo: number, vHi: number): boolean { return this.valLo[slot] === vLo && this.valHi[slot] === vHi; }
  row(slot: number): number { return this.rowAt[slot]!; }
  flags(slot: number): number { return this.flagBits[slot]!; }
  setFlag(slot: number, flag: number): void { this.flagBits[slot]! |= flag; }

  private grow(): void {
    const old = { keyLo: this.keyLo, keyHi: this.keyHi, valLo: this.valLo, valHi: this.valHi, rowAt: this.rowAt, flagBits: this.flagBits };
    const cap = old.keyHi.length * 2;
    this.keyLo = new Uint32Array(cap); this.keyHi = new Uint32Array(cap);
    this.valLo = new Uint32Array(cap); this.valHi = new Uint32Array(cap);
    this.rowAt = new Uint32Array(cap); this.flagBits = new Uint8Array(cap);
    const mask = cap - 1;
    for (let j = 0; j < old.keyHi.length; j++) {
      if (old.keyHi[j] === 0) continue;
      let i = old.keyLo[j]! & mask;
      while (this.keyHi[i] !== 0) i = (i + 1) & mask;
      this.keyLo[i] = old.keyLo[j]!; this.keyHi[i] = old.keyHi[j]!; this.valLo[i] = old.valLo[j]!; this.valHi[i] = old.valHi[j]!;
      this.rowAt[i] = old.rowAt[j]!; this.flagBits[i] = old.flagBits[j]!;
    }
  }
}
