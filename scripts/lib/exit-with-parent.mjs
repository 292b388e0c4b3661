// Preloaded into the page renderer (node --import): it exits as soon as the build that started it
// is gone (killed), instead of waiting for model files that will never come. (process.ppid is
// read once at startup, so the parent is looked up in /proc, or probed where there is none.)
import { readFileSync } from 'node:fs';

const parent = Number(process.env.SUNLIGHT_PARENT_PID);
function parentGone() {
  try {
    return Number(/^PPid:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) !== parent;
  } catch {
    try { process.kill(parent, 0); return false; } catch { return true; }
  }
}
if (parent) setInterval(() => { if (parentGone()) process.exit(1); }, 200).unref();
