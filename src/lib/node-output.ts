/** OutputFiles on disk under one root folder. */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { OutputFiles } from './output.ts';

const FLUSH_AT = 256 * 1024;

/** `atomic`: whole-file writes appear under their name only when complete (for a reader running alongside). */
export function folderOutput(root: string, opts: { atomic?: boolean } = {}): OutputFiles {
  const made = new Set<string>();
  const ensureDir = (file: string) => {
    const d = dirname(file);
    if (!made.has(d)) { mkdirSync(d, { recursive: true }); made.add(d); }
  };
  return {
    open(path) {
      const file = join(root, path);
      ensureDir(file);
      const fd = openSync(file, 'w');
      let buf: string[] = [];
      let size = 0;
      const flush = () => { if (buf.length) { writeSync(fd, buf.join('')); buf = []; size = 0; } };
      return {
        write(chunk) { buf.push(chunk); size += chunk.length; if (size >= FLUSH_AT) flush(); },
        close() { flush(); closeSync(fd); },
      };
    },
    writeFile(path, data) {
      const file = join(root, path);
      ensureDir(file);
      if (opts.atomic) { writeFileSync(file + '.part', data); renameSync(file + '.part', file); }
      else writeFileSync(file, data);
    },
    readFile(path) { return readFileSync(join(root, path)); },
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
