// Fuzz: hundreds of random and mutated data folders through the build orchestrator, in process
// (outputs in memory, pages "rendered" by a stand-in). A failing input renders nothing and writes
// no site model; a passing one gives a complete, parseable model, and no resident ID in any output.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildSite } from '../../src/lib/build.ts';
import { memoryOutput } from '../../src/lib/output.ts';
import { idCheckDigit } from '../../src/lib/pii.ts';
import type { PlacePage, SiteModel } from '../../src/lib/site/model.ts';
import { memorySource } from '../../src/lib/source.ts';
import { caseArb, caseFiles, gentleCaseArb, findResidentIds, reportProblems, runs, SEED } from './inputs.ts';

const validId = (id: string) => idCheckDigit(id.slice(0, 17)) === id[17]!.toUpperCase();

describe('fuzz: the build', () => {
  it(`never crashes; publishes nothing from a failing input, a complete model from a passing one (${runs(150)} cases)`, async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(caseArb, gentleCaseArb), fc.constantFrom('2026-11-22', '2024-02-29', '2027-01-01'), async (recipe, asOf) => {
      const files = caseFiles(recipe);
      const model = memoryOutput();
      const downloads = memoryOutput();
      const rendered: SiteModel[] = [];
      const result = await buildSite({
        source: memorySource(files), model, downloads,
        renderPages: async (m) => { rendered.push(m); },
      }, { asOf });
      expect(reportProblems(result.report, Object.keys(files))).toEqual([]);
      if (!result.ok) {
        expect(rendered).toEqual([]);
        expect([...model.files.keys()]).toEqual([]);
        return;
      }
      expect(rendered).toHaveLength(1);
      const site = JSON.parse(model.files.get('site.json')!) as SiteModel;
      expect(site.asOf).toBe(asOf);
      JSON.parse(model.files.get('timeliness.json')!);
      for (const p of site.places) {
        const page = JSON.parse(model.files.get(`places/${p.id}.json`) ?? 'null') as PlacePage | null;
        expect(page?.place.id, `places/${p.id}.json`).toBe(p.id);
      }
      for (const d of site.datasets) JSON.parse(model.files.get(`datasets/${d.id}.json`)!);
      expect(downloads.files.has('SHA256SUMS')).toBe(true);
      const ids = [...model.files, ...downloads.files].flatMap(([path, text]) => findResidentIds(text, validId).map((id) => `${path}: ${id}`));
      expect(ids).toEqual([]);
    }), { seed: SEED, numRuns: runs(150), endOnFailure: true });
  }, 600_000);
});
