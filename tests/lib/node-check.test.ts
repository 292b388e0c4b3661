// The build's check in a worker thread (src/lib/node-check.ts): the sink must see exactly what
// runCheck in this thread gives it, in the same order, or the downloads and pages would differ.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck, type CheckResult, type RowSink } from '../../src/lib/check.ts';
import { CHECK_OUT_OF_MEMORY, checkInWorker } from '../../src/lib/node-check.ts';
import { folderSource } from '../../src/lib/node-source.ts';
import { memorySpill } from '../../src/lib/tables.ts';

const sampleData = join(import.meta.dirname, '../../data');
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function copyOfSample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sl-node-check-'));
  dirs.push(dir);
  cpSync(sampleData, dir, { recursive: true });
  return dir;
}

/** Every sink call and context, as plain data (places by id: the two threads have their own objects). */
function recorder() {
  const calls: unknown[] = [];
  let regionsAtEnd: () => unknown = () => undefined;
  const sink: RowSink = {
    accept(dataset, row, place, origin) {
      calls.push(['accept', dataset.id, row, place.township?.id ?? null, place.township?.name ?? null, place.village?.id ?? null, place.village?.parent ?? null, origin.file, origin.row]);
    },
    fileDone(report) { calls.push(['fileDone', report]); },
  };
  return {
    calls, sink,
    onContext: (regions: CheckResult['regions'], site: CheckResult['site']) => {
      calls.push(['context', site, regions.closed]);
      regionsAtEnd = () => regions.ordered().map((r) => [r.id, r.name, r.level, r.parent ?? null]);
    },
    regionsAtEnd: () => regionsAtEnd(),
  };
}

async function both(dir: string) {
  const here = recorder();
  const inThread = await runCheck({ source: folderSource(dir), sink: here.sink, onContext: here.onContext, spill: () => memorySpill() });
  const there = recorder();
  const progress: string[] = [];
  const inWorker = await checkInWorker(dir, { sink: there.sink, onContext: there.onContext, onProgress: (p) => progress.push(`${p.kind} ${p.kind === 'file-start' ? p.path : p.report.path}`) });
  return { here, there, inThread, inWorker, progress };
}

describe('checkInWorker', () => {
  it('gives the sink the same rows, places and files in the same order as runCheck, and the same report', async () => {
    const { here, there, inThread, inWorker, progress } = await both(copyOfSample());
    expect(here.calls.filter((c) => (c as unknown[])[0] === 'accept').length).toBeGreaterThan(1000);
    expect(there.calls).toEqual(here.calls);
    expect(inWorker.report).toEqual(inThread.report);
    expect(inWorker.report.ok).toBe(true);
    expect(there.regionsAtEnd()).toEqual(here.regionsAtEnd());
    expect(inWorker.regions.ordered()).toEqual(inThread.regions.ordered());
    expect(inWorker.site).toEqual(inThread.site);
    // Progress arrives for every data file, started before it is done.
    const started = progress.filter((p) => p.startsWith('file-start')).length;
    expect(started).toBeGreaterThan(20);
    expect(progress.indexOf('file-start dibao/2026-10.csv')).toBeLessThan(progress.indexOf('file-done dibao/2026-10.csv'));
  }, 60_000);

  it('without regions.csv, places learnt from the data reach the build before the rows that use them', async () => {
    const dir = copyOfSample();
    rmSync(join(dir, 'regions.csv'));
    const { here, there, inThread, inWorker } = await both(dir);
    expect(inThread.regions.closed).toBe(false);
    expect(there.calls).toEqual(here.calls);
    expect(there.regionsAtEnd()).toEqual(here.regionsAtEnd());
    expect((there.regionsAtEnd() as unknown[]).length).toBeGreaterThan(5);
    expect(inWorker.report).toEqual(inThread.report);
  }, 60_000);

  it('a failing check reports the same errors (file, row, column) as in this thread', async () => {
    const dir = copyOfSample();
    writeFileSync(join(dir, 'dibao', '2026-11.csv'), '乡镇,村,户主姓名,保障人数,月保障金额,发放月份\n城关镇,不存在村,张三,2,abc,2026-11\n');
    const { here, there, inThread, inWorker } = await both(dir);
    expect(inWorker.report.ok).toBe(false);
    expect(inWorker.report).toEqual(inThread.report);
    const file = inWorker.report.files.find((f) => f.path === 'dibao/2026-11.csv')!;
    expect(file.issues.some((i) => i.severity === 'error' && i.row === 2)).toBe(true);
    expect(there.calls).toEqual(here.calls);
  }, 60_000);
});

describe('checkInWorker out of heap', () => {
  it('rejects with Node\'s ERR_WORKER_OUT_OF_MEMORY (the build turns it into the out-of-memory advice), no hang', async () => {
    const dir = copyOfSample();
    const err = await checkInWorker(dir, { resourceLimits: { maxOldGenerationSizeMb: 4 } }).then(() => undefined, (e: unknown) => e as NodeJS.ErrnoException);
    expect(err?.code).toBe(CHECK_OUT_OF_MEMORY);
  }, 60_000);
});
