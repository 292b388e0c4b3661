// Astro writes each page with `fs.promises.mkdir` and `fs.promises.writeFile`: two hand-offs to
// libuv's thread pool per page. On the 2-core build machine (a virtual machine, where waking a
// thread is costly) that took about 290 µs of CPU a page against 75–105 µs for the same calls made
// synchronously (`npm run bench:page-writes`), and the page renderer is the build's critical path.
// It does nothing else while a page is written, so inside the output folder these two calls are
// made synchronously; every other path, and any call with options the synchronous calls do not
// take (an AbortSignal), goes to Node's own functions unchanged. Same files, same bytes.
import fs from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The path a `fs` call names, when it is a string or a file: URL (not a FileHandle or a descriptor). */
function pathOf(target: unknown): string | undefined {
  if (typeof target === 'string') return resolve(target);
  if (target instanceof URL && target.protocol === 'file:') return fileURLToPath(target);
  return undefined;
}

/**
 * Makes `fs.promises.mkdir` and `fs.promises.writeFile` synchronous for paths inside `outDir`
 * (their promises settle as before: a failure rejects). Returns a function that undoes it.
 */
export function syncPageWrites(outDir: string): () => void {
  const inside = resolve(outDir) + sep;
  const { mkdir, writeFile } = fs.promises;
  const isPage = (target: unknown, options: unknown): boolean => {
    const path = pathOf(target);
    return path !== undefined && path.startsWith(inside) && !(options && typeof options === 'object' && 'signal' in options);
  };
  fs.promises.mkdir = ((target: fs.PathLike, options?: fs.MakeDirectoryOptions) => {
    if (!isPage(target, options)) return mkdir(target, options);
    return new Promise<string | undefined>((ok) => ok(fs.mkdirSync(target, options)));
  }) as typeof mkdir;
  fs.promises.writeFile = ((target: Parameters<typeof writeFile>[0], data: Parameters<typeof writeFile>[1], options?: Parameters<typeof writeFile>[2]) => {
    if (!isPage(target, options) || !(typeof data === 'string' || ArrayBuffer.isView(data))) return writeFile(target, data, options);
    return new Promise<void>((ok) => ok(fs.writeFileSync(target as fs.PathLike, data, options as fs.WriteFileOptions)));
  }) as typeof writeFile;
  return () => {
    fs.promises.mkdir = mkdir;
    fs.promises.writeFile = writeFile;
  };
}
