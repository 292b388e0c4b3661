/**
 * The file system, behind a small interface so every stage can be tested without disk.
 * Paths are relative to the data folder and always use '/'.
 */
export interface DataSource {
  /** Every file under the data folder, sorted by code point so runs do not depend on disk order. */
  list(): Promise<string[]>;
  /** The file's bytes, in chunks (streamed from disk for large files). */
  read(path: string): AsyncIterable<Uint8Array>;
  size(path: string): Promise<number>;
}

/** An in-memory source, for tests and for tools that already hold the bytes. */
export function memorySource(files: Record<string, string | Uint8Array>, chunkSize = 64 * 1024): DataSource {
  const enc = new TextEncoder();
  const bytes = new Map(Object.entries(files).map(([p, v]) => [p, typeof v === 'string' ? enc.encode(v) : v]));
  return {
    async list() { return [...bytes.keys()].sort(byCodePoint); },
    async size(path) { return bytes.get(path)?.length ?? 0; },
    async *read(path) {
      const b = bytes.get(path);
      if (!b) throw new Error(`no such file: ${path}`);
      for (let i = 0; i < b.length; i += chunkSize) yield b.subarray(i, i + chunkSize);
    },
  };
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
