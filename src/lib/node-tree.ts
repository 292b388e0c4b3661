/** Folder trees on disk for the rebuild caches: list, hash, and link (or copy) files between them. */
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, linkSync, mkdirSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { FileDigest } from './cache/keys.ts';

/** Every file under dir as sorted POSIX paths relative to dir; [] when dir does not exist. */
export function listTree(dir: string): string[] {
  let entries;
  try { entries = readdirSync(dir, { recursive: true, withFileTypes: true }); } catch { return []; }
  return entries.filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const CHUNK = 1024 * 1024;
let buffer: Uint8Array | undefined;

/** sha256 of a file, read in 1 MiB chunks (inputs can be larger than the heap should hold). */
export function hashFile(file: string): string {
  const h = createHash('sha256');
  buffer ??= new Uint8Array(CHUNK);
  const fd = openSync(file, 'r');
  try {
    for (let n; (n = readSync(fd, buffer, 0, CHUNK, null)) > 0;) h.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/** Path and sha256 of the given files under dir (default: every file). */
export function digestTree(dir: string, files: readonly string[] = listTree(dir)): FileDigest[] {
  return files.map((path) => ({ path, sha256: hashFile(join(dir, path)) }));
}

/**
 * Makes `to` the same file as `from`: a hard link (instant, no extra space), or a copy when the two
 * are on different file systems or links are not allowed. Parent folders are created.
 */
export function linkOrCopy(from: string, to: string, made?: Set<string>): void {
  const d = dirname(to);
  if (!made?.has(d)) { mkdirSync(d, { recursive: true }); made?.add(d); }
  try {
    linkSync(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'EMLINK' && code !== 'ENOTSUP') throw e;
    copyFileSync(from, to);
  }
}

/** Links (or copies) the given files from one folder into another. */
export function linkFiles(fromDir: string, toDir: string, files: readonly string[]): void {
  const made = new Set<string>();
  for (const f of files) linkOrCopy(join(fromDir, f), join(toDir, f), made);
}

/** Size, modification time and inode: enough to notice a file that was rewritten or replaced. */
export function fileIdentity(file: string): { size: number; mtimeMs: number; ino: number } | undefined {
  try {
    const s = statSync(file);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino } : undefined;
  } catch { return undefined; }
}
