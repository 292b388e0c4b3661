// Fuzz: thousands of random and mutated data folders through the check, in process. Whatever the
// office drops in data/, the check finishes, and its report is one a clerk can act on: every issue
// has a known code and a message, and a row where it is about a row; nothing private is accepted.
// FUZZ_RUNS=20000 for a long run; FUZZ_SEED=<seed> (printed on failure) to reproduce one.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runCheck, type RowSink } from '../../src/lib/check.ts';
import { DATASET_BY_ID } from '../../src/lib/datasets/index.ts';
import { memorySource } from '../../src/lib/source.ts';
import { caseArb, caseFiles, reportProblems, runs, SEED } from './inputs.ts';

describe('fuzz: the check', () => {
  it(`never crashes, and reports every problem with a code, a message and a row (${runs(1500)} cases)`, async () => {
    await fc.assert(fc.asyncProperty(caseArb, fc.oneof({ weight: 9, arbitrary: fc.constant(64 * 1024) }, { weight: 1, arbitrary: fc.constantFrom(4096, 7) }), async (recipe, chunkSize) => {
      const files = caseFiles(recipe);
      const leaked: string[] = [];
      const sink: RowSink = {
        accept(dataset, row) {
          const spec = DATASET_BY_ID.get(dataset.id)!;
          for (const key of Object.keys(row)) if (!spec.columns.find((c) => c.key === key)?.public) leaked.push(`${dataset.id}.${key}`);
        },
      };
      const { report } = await runCheck({ source: memorySource(files, chunkSize), sink });
      expect(reportProblems(report, Object.keys(files))).toEqual([]);
      expect(leaked).toEqual([]);
    }), { seed: SEED, numRuns: runs(1500), endOnFailure: true });
  }, 600_000);
});
