// Preloaded into the page renderer (node --import): it ends the renderer as soon as the build that
// started it is gone (killed), instead of letting it wait for model files that will never come.
// The check runs in a worker thread, so a renderer busy for seconds on its main thread still stops
// at once; it reads PPid from /proc because Node's process.ppid is read only once.
import { Worker } from 'node:worker_threads';

const parent = Number(process.env.SUNLIGHT_PARENT_PID);
if (parent) {
  const watch = new Worker(`
    const { readFileSync } = require('node:fs');
    const parent = ${parent};
    function parentGone() {
      try { return Number(/^PPid:\\s+(\\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) !== parent; }
      catch { try { process.kill(parent, 0); return false; } catch { return true; } }
    }
    setInterval(() => { if (parentGone()) process.kill(process.pid, 'SIGKILL'); }, 200);
  `, { eval: true });
  watch.unref();
}
