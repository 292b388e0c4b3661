/** OutputFiles on disk under one root folder. */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { hashFile } from './node-tree.ts';
import type { OutputFiles } from './output.ts';

const FLUSH_AT = 256 * 1024;

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

/**
 * `atomic`: whole-file writes appear under their name only when complete (for a reader running alongside).
 * `hashes`: the sha256 of every file is taken from the bytes as they are written, so `sha256()` need
 * not read the file back (SHA256SUMS and the page index cover about 2 GB in 230,000 files at
 * 30,000 villages, by then often out of the page cache). Files not written here are read and hashed.
 */
export function folderOutput(root: string, opts: { atomic?: boolean; hashes?: boolean } = {}): OutputFiles {
  const made = new Set<string>();
  const digests = opts.hashes ? new Map<string, string>() : undefined;
  const ensureDir = (file: string) => {
    const d = dirname(file);
    if (!made.has(d)) { mkdirSync(d, { recursive: true }); made.add(d); }
  };
  return {
    open(path) {
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
      ensureDir(file);
      if (digests) {
        // Encoded once: the same bytes are written and hashed.
        if (typeof data === 'string') data = Buffer.from(data);
        digests.set(path, createHash('sha256').update(data).digest('hex'));
      }
      if (opts.atomic) { writeFileSync(file + '.part', data); renameSync(file + '.part', file); }
      else createNew(file, (flag) => writeFileSync(file, data, { flag }));
    },
    readFile(path) { return readFileSync(join(root, path)); },
    sha256(path) { return digests?.get(path) ?? hashFile(join(root, path)); },
    list(dir) {
      const base = join(root, dir);
      let entries;
      try { entries = readdirSync(base, { recursive: true, withFileTypes: true }); } catch { return []; }
      return entries.filter((e) => e.isFile())
        .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },
  };
}
