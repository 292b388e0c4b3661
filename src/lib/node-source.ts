/** The DataSource for a real folder on disk. The only pipeline module that reads the file system. */
import { closeSync, openSync, readSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { byCodePoint, type DataSource } from './source.ts';

const CHUNK = 256 * 1024;

export function folderSource(root: string): DataSource {
  return {
    async list() {
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      return entries
        .filter((e) => e.isFile())
        .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
        .filter((p) => !p.split('/').some((part) => part.startsWith('.') || part.startsWith('~$')))
        .sort(byCodePoint);
    },
    async size(path) { return (await stat(join(root, path))).size; },
    // Synchronous reads in large chunks: for thousands of small files, the round trips of async
    // file handles cost more than the reading (the check does nothing else while it waits).
    async *read(path) {
      const fd = openSync(join(root, path), 'r');
      try {
        for (;;) {
          const buf = new Uint8Array(CHUNK);
          const n = readSync(fd, buf, 0, CHUNK, null);
          if (n === 0) break;
          yield n === CHUNK ? buf : buf.subarray(0, n);
          if (n < CHUNK) break;
        }
      } finally {
        closeSync(fd);
      }
    },
  };
}
