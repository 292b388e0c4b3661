/**
 * Where the build writes: a small interface over the output folder, so the write stage can be
 * tested in memory. Writers are synchronous and append in chunks, which keeps memory flat.
 */
export interface Writer {
  /**
   * Text, or bytes already encoded as UTF-8 (a BOM stays). Bytes are used before write returns and
   * not kept: the caller reuses its buffer.
   */
  write(chunk: string | Uint8Array): void;
  close(): void;
}

export interface OutputFiles {
  /** Opens (and truncates) a file for streaming writes; creates parent folders. */
  open(path: string): Writer;
  writeFile(path: string, data: string | Uint8Array): void;
  readFile(path: string): Uint8Array;
  /** sha256 (hex) of a written file, read in chunks where the implementation can (downloads reach hundreds of MB). */
  sha256?(path: string): string;
  /** Every file path under a folder, sorted by code point. */
  list(dir: string): string[];
  /**
   * Where writes may still be under way after writeFile returned (folderOutput's `background`):
   * resolves when every file is on disk, or rejects with the first write that failed.
   */
  settled?(): Promise<void>;
}

export function memoryOutput(): OutputFiles & { files: Map<string, string> } {
  const files = new Map<string, string>();
  const enc = new TextEncoder();
  return {
    files,
    open(path) {
      const parts: string[] = [];
      files.set(path, '');
      return { write: (c) => { parts.push(typeof c === 'string' ? c : new TextDecoder('utf-8', { ignoreBOM: true }).decode(c)); }, close: () => { files.set(path, parts.join('')); } };
    },
    writeFile(path, data) { files.set(path, typeof data === 'string' ? data : new TextDecoder('utf-8', { ignoreBOM: true }).decode(data)); },
    readFile(path) { return enc.encode(files.get(path) ?? ''); },
    list(dir) {
      const prefix = dir === '' || dir.endsWith('/') ? dir : dir + '/';
      return [...files.keys()].filter((p) => p.startsWith(prefix)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },
  };
}
