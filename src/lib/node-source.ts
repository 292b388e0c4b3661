/** The DataSource for a real folder on disk. The only pipeline module that reads the file system. */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
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
    // Synchronous for the same reason as read: one stat per file, thousands of files.
    async size(path) { return statSync(join(root, path)).size; },
    // Synchronous reads in large chunks: for thousands of small files, the round trips of async
    // file handles cost more than the reading (the check does nothing else while it waits).
    async *read(path) {
      const fd = openSync(join(root, path), 'r');
      try {
        // Most exports are a few KB: the first buffer is the file's size plus one byte (so one read
        // sees the end), not a zeroed 256 KB one per file, whose allocation cost more than reading.
        let size = Math.min(CHUNK, fstatSync(fd).size + 1);
        for (;;) {
          const buf = new Uint8Array(size);
          const n = readSync(fd, buf, 0, size, null);
          if (n === 0) break;
          yield n === size ? buf : buf.subarray(0, n);
          if (n < size) break;
          size = CHUNK;
        }
      } finally {
        closeSync(fd);
      }
    },
  };
}
