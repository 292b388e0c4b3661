import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILD_NICENESS } from '../../scripts/lib/yield-to-renderer.ts';

const moduleUrl = pathToFileURL(join(import.meta.dirname, '..', '..', 'scripts', 'lib', 'yield-to-renderer.ts')).href;

/**
 * A process that starts a "renderer" (a child process), yields to it, then starts a worker thread,
 * and reports the niceness of each of its threads and of the child (field 19 of /proc/…/stat).
 */
const script = `
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { yieldToRenderer } from ${JSON.stringify(moduleUrl)};
const nice = (path) => { const s = readFileSync(path, 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[16]); };
const before = nice('/proc/self/stat');
const renderer = spawn('sleep', ['10']);
yieldToRenderer();
const worker = new Worker('setTimeout(() => {}, 10000)', { eval: true });
await new Promise((r) => worker.once('online', r));
const threads = readdirSync('/proc/self/task').map((t) => nice('/proc/self/task/' + t + '/stat'));
console.log(JSON.stringify({ before, threads, renderer: nice('/proc/' + renderer.pid + '/stat') }));
renderer.kill();
process.exit(0);
`;

describe.runIf(existsSync('/proc/self/task'))('yieldToRenderer', () => {
  it('lowers the priority of every thread of the build, including threads started after, but not of the renderer started before', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const { before, threads, renderer } = JSON.parse(r.stdout) as { before: number; threads: number[]; renderer: number };
    const expected = Math.max(before, BUILD_NICENESS);
    // The main thread, V8's and libuv's threads, and the worker started afterwards.
    expect(threads.length).toBeGreaterThan(3);
    expect(new Set(threads)).toEqual(new Set([expected]));
    expect(renderer).toBe(before);
  });
});
