/** A SpillStore on disk: one file per bucket in a private temporary folder, removed afterwards. */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpillStore } from './tables.ts';

export function diskSpill(parent = tmpdir()): SpillStore {
  let dir: string | undefined;
  const path = (bucket: number) => join(dir ??= mkdtempSync(join(parent, 'sunlight-spill-')), `${bucket}.bin`);
  return {
    append(bucket, bytes) { appendFileSync(path(bucket), bytes); },
    read(bucket) { const p = path(bucket); return existsSync(p) ? new Uint8Array(readFileSync(p)) : new Uint8Array(0); },
    dispose() { if (dir) rmSync(dir, { recursive: true, force: true }); dir = undefined; },
  };
}
