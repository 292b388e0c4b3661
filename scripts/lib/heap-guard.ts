/**
 * Stops the build with a clear message before V8 runs out of heap. Out of memory, V8 aborts the
 * process with a fatal error and a native stack trace after minutes of back-to-back collections;
 * the build would leave the published site alone (it swaps only at the end) but the clerk would
 * see a crash, not what to do. After each full collection the live data is compared with the heap
 * cap: above `ratio` of it the build is about to fail anyway, so it stops there.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

/** Live data after a full collection above this share of the cap: the build is about to run out. */
export const HEAP_GUARD_RATIO = 0.9;

export function heapNearLimit(usedAfterFullGc: number, limit: number, ratio = HEAP_GUARD_RATIO): boolean {
  return limit > 0 && usedAfterFullGc > ratio * limit;
}

/**
 * Right after a full collection (a GC entry, or the build's own collection in heap-release.ts):
 * when the live data is near the cap, calls `onNearLimit` and returns true.
 */
export function checkHeap(onNearLimit: (usedMb: number, limitMb: number) => void, ratio = HEAP_GUARD_RATIO): boolean {
  const { used_heap_size: used, heap_size_limit: limit } = getHeapStatistics();
  if (!heapNearLimit(used, limit, ratio)) return false;
  onNearLimit(Math.round(used / 2 ** 20), Math.round(limit / 2 ** 20));
  return true;
}

/** Calls `onNearLimit` once, after the first full collection that leaves the heap near its cap. Returns a stop function. */
export function watchHeap(onNearLimit: (usedMb: number, limitMb: number) => void, ratio = HEAP_GUARD_RATIO): () => void {
  let fired = false;
  const once = (usedMb: number, limitMb: number) => { fired = true; observer.disconnect(); onNearLimit(usedMb, limitMb); };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (fired) return;
      if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      if (checkHeap(once, ratio)) return;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}

/**
 * What the clerk reads: the cap, what was used, that nothing was published, and the command with a
 * larger cap (in Chinese and English). `siteOnline`: whether a previously built site is in place.
 */
export function outOfMemoryMessage(usedMb: number, limitMb: number, siteOnline = true): string {
  const larger = Math.max(4096, Math.ceil((limitMb * 2) / 1024) * 1024);
  return [
    `内存不足：数据量超出了生成网站可用的内存（上限 ${limitMb} MB，已用 ${usedMb} MB），生成已停止，${siteOnline ? '原有网站保持不变' : '没有生成网站'}。`,
    `请在有更多空闲内存的机器上用更大的上限重新运行：node --expose-gc --max-old-space-size=${larger} scripts/build.ts …（参数与 npm run build 相同）。`,
    `Out of memory: the data needs more than the build's heap cap (${limitMb} MB, ${usedMb} MB in use). Nothing was published; the previous site is untouched.`,
    `Run again with a larger cap on a machine with that much free memory: node --expose-gc --max-old-space-size=${larger} scripts/build.ts … (same options as npm run build).`,
  ].join('\n');
}
