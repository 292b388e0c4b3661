/**
 * Hands the build process's spare heap back to the system before Pagefind writes its indexes.
 *
 * V8 keeps the heap it grew to (up to the cap) and returns it only when the process idles; the
 * build no longer idles between writing the model and writing the search index, so the index (the
 * Pagefind process's peak, about 0.9 GB at 30,000 villages) came on top of a heap still at its
 * largest: 1,974 + 1,108 MiB, over the 3 GB budget. A memory-reducing full collection took the
 * process from 1,876 MiB to 590 MiB there, in well under a second. Needs `--expose-gc`, which
 * `npm run build` passes; without it this does nothing.
 */
type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async'; flavor?: 'regular' | 'last-resort' }) => void;

/** Returns whether it ran (a full collection has just finished: the heap guard can check now). */
export function releaseHeap(): boolean {
  const gc = (globalThis as { gc?: Gc }).gc;
  gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return gc !== undefined;
}
