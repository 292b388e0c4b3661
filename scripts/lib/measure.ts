/**
 * Runs a command and reports wall time and peak resident memory (read from /proc while it runs,
 * children included), for the benchmark scripts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

export interface Measurement {
  seconds: number;
  peakMiB: number;
  code: number | null;
  stdout: string;
  /** Each process's resident memory (MiB) in the sample where the tree's total was highest, by program. */
  peakBreakdown: { name: string; mib: number }[];
}

export function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measurement> {
  return new Promise((resolveP, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let peakKiB = 0;
    let treePeakKiB = 0;
    let peakBreakdown: { name: string; mib: number }[] = [];
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    // The peak is the larger of the process's own high-water mark and the sum of the resident
    // memory of it and all its children (the build runs Astro as a child), sampled every 50 ms.
    const poll = setInterval(() => {
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(readProc(`/proc/${child.pid}/status`))?.[1] ?? 0);
      const tree = treeRss(child.pid!);
      const total = tree.reduce((a, p) => a + p.kib, 0);
      if (total > treePeakKiB) { treePeakKiB = total; peakBreakdown = tree.map((p) => ({ name: p.name, mib: p.kib / 1024 })); }
      peakKiB = Math.max(peakKiB, hwm, total);
    }, 50);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolveP({ seconds: (performance.now() - t0) / 1000, peakMiB: peakKiB / 1024, code, stdout, peakBreakdown });
    });
  });
}

function readProc(path: string): string {
  try { return readFileSync(path, 'utf8'); } catch { return ''; }
}

/** Children of every thread of a process (a worker thread's children are listed under its own task). */
export function childrenOf(pid: number): number[] {
  let tasks: string[] = [];
  try { tasks = readdirSync(`/proc/${pid}/task`); } catch { return []; }
  return tasks.flatMap((t) => readProc(`/proc/${pid}/task/${t}/children`).split(/\s+/).filter(Boolean).map(Number));
}

/** Resident memory of a process and its descendants, each named by its program (the build, astro, pagefind). */
function treeRss(pid: number): { name: string; kib: number }[] {
  const status = readProc(`/proc/${pid}/status`);
  const args = readProc(`/proc/${pid}/cmdline`).split('\0').filter(Boolean);
  const script = args.find((a) => /\.(?:[cm]?[jt]s)$/.test(a)) ?? args[0] ?? String(pid);
  const own = { name: script.split('/').slice(-1)[0]!, kib: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) };
  return [own, ...childrenOf(pid).flatMap(treeRss)];
}

export function dirBytes(files: { size: number }[]): number {
  return files.reduce((a, f) => a + f.size, 0);
}

/** Processes deleting folders in the background (node-background-delete.ts starts them with `node -e`). */
function backgroundDeleters(): number[] {
  let pids: string[] = [];
  try { pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p)); } catch { return []; }
  return pids.map(Number).filter((pid) => pid !== process.pid && readProc(`/proc/${pid}/cmdline`).includes('renameSync, rmSync'));
}

/**
 * Before a timed build: waits for folders still being deleted in the background, writes dirty pages
 * back and, where allowed (root), drops the page cache, so that every run starts from the same
 * state and pays nothing for the run before it. Measured here: on this machine's ext4, which has no
 * journal, creating files within about a minute of a large deletion took 6–10 times the kernel time
 * (37,000 files: 0.6–1.1 s of `open`, 6–10 s just after deleting 150,000 files); `perf` put it in
 * the inode allocator skipping recently deleted inodes (`recently_deleted`), which it does only
 * while their inode table blocks are cached. Returns whether the page cache was dropped.
 */
export async function settleDisk(): Promise<boolean> {
  for (let waited = 0; backgroundDeleters().length && waited < 600_000; waited += 500) await new Promise((r) => setTimeout(r, 500));
  spawnSync('sync');
  try { writeFileSync('/proc/sys/vm/drop_caches', '3'); return true; } catch { return false; }
}
