/** The DataSource for a real folder on disk. The only pipeline module that touches the file system. */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { byCodePoint, type DataSource } from './source.ts';

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
    read(path) { return createReadStream(join(root, path), { highWaterMark: 256 * 1024 }); },
  };
}
