/**
 * Pagefind's indexing service (its `pagefind_extended` binary, from npm, run locally: nothing is
 * downloaded), as the search workers use it: one service process per worker thread that imports
 * this module, and any number of indexes in it.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { SearchRecord } from './records.ts';

/** Pagefind's own search interfaces, which the site does not use (it has a small one of its own). */
const UNUSED = /^pagefind-(?:ui|component-ui|modular-ui|highlight)\.(?:js|css)$/;

export type PagefindIndex = pagefind.PagefindIndex;

/** `maxFragments`: fragments (each result's text) are bundled into at most this many files. */
export async function newIndex(maxFragments: number): Promise<PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ maxFragments });
  if (!index || errors.length) throw new Error(`Pagefind: ${errors.join('; ') || 'no index'}`);
  yieldToPages();
  return index;
}

/** Niceness of the Pagefind processes: they get a core when the page renderer leaves one idle. */
export const PAGEFIND_NICENESS = 10;

/**
 * Lowers the scheduling priority of this process's Pagefind service processes. The indexes are
 * written while Astro renders the last pages, and Astro is the build's critical path: on a 2-core
 * machine two county indexes and the renderer would otherwise share the cores evenly. Linux only
 * (it reads /proc); elsewhere, and where the priority cannot be changed, nothing happens.
 */
export function yieldToPages(): void {
  let tasks: string[];
  try { tasks = readdirSync('/proc/self/task'); } catch { return; }
  for (const task of tasks) {
    let children: string[];
    try { children = readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean); } catch { continue; }
    for (const pid of children) {
      try {
        if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('pagefind')) continue;
        setPriority(Number(pid), PAGEFIND_NICENESS);
      } catch { /* gone already, or not allowed: it keeps its priority */ }
    }
  }
}

export async function addRecord(index: PagefindIndex, record: SearchRecord): Promise<void> {
  const { errors } = await index.addCustomRecord(record);
  if (errors.length) throw new Error(`Pagefind: ${record.url}: ${errors.join('; ')}`);
}

/** Writes an index into dir without Pagefind's unused UI files. */
export async function writeIndex(index: PagefindIndex, dir: string): Promise<void> {
  const { errors } = await index.writeFiles({ outputPath: dir });
  if (errors.length) throw new Error(`Pagefind: ${errors.join('; ')}`);
  for (const f of readdirSync(dir)) if (UNUSED.test(f)) rmSync(join(dir, f));
}

/** Stops this thread's Pagefind service process. */
export function closePagefind(): Promise<null> {
  return pagefind.close();
}
