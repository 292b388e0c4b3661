/**
 * The build process yields the CPU to the page renderer. Once the check is done, the page renderer
 * (Astro, one thread) is the build's critical path: the model, the search worker, the writer thread
 * and Pagefind keep both cores of a 2-core machine busy beside it, and at equal priority Astro got
 * less than its core while they ran, then rendered its backlog alone for the build's last minute
 * (one core idle, province: 55 % busy from 300 s to 360 s). At a lower priority the build's threads
 * take what Astro leaves: Astro keeps its core, and when it catches up with the place files it
 * waits and gives the core back.
 *
 * Linux only: each of the process's threads (`/proc/self/task`) gets the niceness, and threads it
 * starts later inherit it. Child processes started afterwards inherit it too, so the renderer is
 * started first. Elsewhere, or where the priority cannot be changed, nothing happens.
 */
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** Niceness of the build process once the renderer runs (Pagefind's processes: 10, pagefind-index.ts). */
export const BUILD_NICENESS = 5;

export function yieldToRenderer(niceness = BUILD_NICENESS): void {
  let tasks: string[];
  try { tasks = readdirSync('/proc/self/task'); } catch { return; }
  for (const task of tasks) {
    // Never raises a priority (a build started with a higher niceness keeps it).
    try { if (getPriority(Number(task)) < niceness) setPriority(Number(task), niceness); } catch { /* gone, or not allowed: it keeps its priority */ }
  }
}
