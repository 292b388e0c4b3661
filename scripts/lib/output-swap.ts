/**
 * The output folder is replaced by two renames (out → out.old-<pid>, new → out). A build killed
 * between them leaves no `out` but a complete `out.old-<pid>`: the next build puts it back before
 * anything else, so an interrupted swap never loses the published site.
 */
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Restores `out` from the previous site an interrupted swap set aside; returns the folder restored. */
export function recoverInterruptedSwap(out: string): string | undefined {
  if (existsSync(out)) return undefined;
  const dir = dirname(out);
  if (!existsSync(dir)) return undefined;
  const prefix = `${basename(out)}.old-`;
  const aside = readdirSync(dir)
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)) && !isAlive(Number(n.slice(prefix.length))))
    .map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  if (!aside[0]) return undefined;
  renameSync(join(dir, aside[0].n), out);
  return join(dir, aside[0].n);
}
