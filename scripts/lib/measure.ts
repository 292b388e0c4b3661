/**
 * Runs a command and reports wall time and peak resident memory (the kernel's VmHWM high-water
 * mark, read from /proc while the child runs), for the benchmark scripts.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Measurement { seconds: number; peakMiB: number; code: number | null; stdout: string }

export function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measurement> {
  return new Promise((resolveP, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let peakKiB = 0;
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
      } catch { /* exited */ }
    }, 50);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolveP({ seconds: (performance.now() - t0) / 1000, peakMiB: peakKiB / 1024, code, stdout });
    });
  });
}

export function dirBytes(files: { size: number }[]): number {
  return files.reduce((a, f) => a + f.size, 0);
}
