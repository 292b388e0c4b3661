/**
 * Runs a command and reports wall time and peak resident memory (read from /proc while it runs,
 * children included), for the benchmark scripts.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

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
