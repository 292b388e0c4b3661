import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { closePagefind, newIndex, PAGEFIND_NICENESS } from '../../../src/lib/search/pagefind-index.ts';

/** The nice value of each Pagefind process this process started (Linux: field 19 of /proc/<pid>/stat). */
function pagefindNiceness(): number[] {
  const out: number[] = [];
  for (const task of readdirSync('/proc/self/task')) {
    const children = readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean);
    for (const pid of children) {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('pagefind')) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      out.push(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    }
  }
  return out;
}

afterAll(async () => { await closePagefind(); });

describe.runIf(existsSync('/proc/self/task'))('newIndex', () => {
  // The indexes are written while Astro renders the last pages; Astro is the critical path.
  it('runs the Pagefind service at a lower priority than the page renderer', async () => {
    await newIndex(10);
    expect(pagefindNiceness()).toEqual([PAGEFIND_NICENESS]);
  });
});
