// Fuzz, end to end: a handful of random failing data folders through the real `npm run build`
// (scripts/build.ts). Each exits 1 with the reason in Chinese and no stack trace, and the site
// already online stays exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runCheck } from '../../src/lib/check.ts';
import { memorySource } from '../../src/lib/source.ts';
import { makeTempDir, runBuild, treeDigest } from '../helpers/site.ts';
import { caseArb, caseFiles, runs, SEED } from './inputs.ts';

const STACK = /^\s+at\s.+(:\d+:\d+\)?|\(native\))$/m;
let root: string;
let out: string;
let before: string[];

beforeAll(() => {
  root = makeTempDir('sunlight-fuzz-cli-');
  out = join(root, 'site');
  // The site online: any folder of files will do, the build must not touch it.
  for (const [p, text] of [['index.html', '<!doctype html><title>x</title>'], ['data/dibao.csv', '\uFEFF乡镇,村\n'], ['place/1/index.html', 'x']] as const) {
    mkdirSync(dirname(join(out, p)), { recursive: true });
    writeFileSync(join(out, p), text);
  }
  before = treeDigest(out);
});
afterAll(() => { if (root) rmSync(root, { recursive: true, force: true }); });

/** Failing folders: the first `n` generated cases the check rejects (found in process, fast). */
async function failingCases(n: number): Promise<Record<string, Uint8Array>[]> {
  const found: Record<string, Uint8Array>[] = [];
  for (const recipe of fc.sample(caseArb, { seed: SEED, numRuns: 200 })) {
    const files = caseFiles(recipe);
    // Paths the file system cannot hold (NUL, a file where a folder must be) are not a build input.
    if (Object.keys(files).some((p) => p.includes('\0') || p.startsWith('/') || p.split('/').some((s) => s === '' || s === '.' || s === '..'))) continue;
    const { report } = await runCheck({ source: memorySource(files) });
    if (!report.ok) found.push(files);
    if (found.length === n) break;
  }
  return found;
}

describe('fuzz: npm run build on failing inputs', () => {
  it(`exits 1 in Chinese, without a stack trace, and leaves the site online untouched (${runs(3)} builds)`, async () => {
    const cases = await failingCases(runs(3));
    expect(cases.length).toBe(runs(3));
    for (const [k, files] of cases.entries()) {
      const data = join(root, `data-${k}`);
      for (const [p, bytes] of Object.entries(files)) {
        mkdirSync(dirname(join(data, p)), { recursive: true });
        writeFileSync(join(data, p), bytes);
      }
      const run = await runBuild({ data, out, reportDir: join(root, 'reports') });
      const said = `case ${k} (FUZZ_SEED=${SEED}): ${Object.keys(files).join(', ')}\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`;
      expect(run.code, said).toBe(1);
      expect(run.stderr, said).toMatch(/未发布：原有网站保持不变/);
      expect(run.stdout, said).toMatch(/个错误/);
      expect(run.stderr, said).not.toMatch(STACK);
      expect(run.stdout, said).not.toMatch(STACK);
      expect(treeDigest(out), said).toEqual(before);
      expect(readdirSync(dirname(out)).filter((n) => n.startsWith(basename(out) + '.')), said).toEqual([]);
    }
  }, 600_000);

  it('a data folder that is a file exits 2 in Chinese, without a stack trace', async () => {
    const file = join(root, 'not-a-folder.csv');
    writeFileSync(file, 'x');
    const run = await runBuild({ data: file, out });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/找不到数据文件夹/);
    expect(run.stderr).not.toMatch(STACK);
    expect(treeDigest(out)).toEqual(before);
  });
});
