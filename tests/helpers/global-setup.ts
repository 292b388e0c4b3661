// Vitest global setup: one temporary folder for the whole run, where tests/helpers/site.ts builds
// the sample site once (lazily, by the first test file that asks) for every site and browser test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'sunlight-tests-'));
  project.provide('sunlightSharedDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
