import fc from 'fast-check';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { placeClaimer, shareRemainingPlaces } from '../../../src/lib/site/page-claims.ts';

const dirs: string[] = [];
function claimsDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sunlight-claims-'));
  dirs.push(d);
  return d;
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/**
 * A renderer going through its places, asking about each of a place's pages in turn (as the place
 * route does), one page per step; `rendered` collects the places it rendered pages of.
 */
function renderer(ids: readonly string[], pagesPerPlace: number, owns: (id: string) => boolean) {
  const pages = ids.flatMap((id) => Array.from({ length: pagesPerPlace }, () => id));
  const answers = new Map<string, boolean[]>();
  let next = 0;
  return {
    step(): boolean {
      if (next >= pages.length) return false;
      const id = pages[next++]!;
      answers.set(id, [...(answers.get(id) ?? []), owns(id)]);
      return true;
    },
    get done() { return next >= pages.length; },
    rendered: () => [...answers].filter(([, a]) => a[0]).map(([id]) => id),
    answers,
  };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `5101${String(i).padStart(5, '0')}`);

describe('two renderers sharing the place pages', () => {
  it('every place is rendered by exactly one of them, whatever their speeds and the moment the second starts', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 3 }), fc.nat(), fc.nat(), fc.array(fc.boolean(), { maxLength: 400 }),
      (n, pagesPerPlace, startSeed, staleSeed, schedule) => {
        const dir = claimsDir();
        const places = ids(n);
        const first = renderer(places, pagesPerPlace, placeClaimer(dir));
        // The first renderer's progress when the model is written; the build lists the claims a
        // little before it reserves (the first may have gone on meanwhile).
        const listedAt = startSeed % (n * pagesPerPlace + 1);
        for (let i = 0; i < listedAt; i++) first.step();
        const claimed = new Set(readdirSync(dir));
        for (let i = 0, more = staleSeed % 4; i < more; i++) first.step();
        const remaining = places.filter((id) => !claimed.has(id)).length;
        const list = shareRemainingPlaces(dir, places, claimed, Math.floor(remaining / 4));
        const second = renderer(list.places, pagesPerPlace, placeClaimer(dir, new Set(list.places.slice(0, list.reserved))));
        for (const firstMoves of schedule) (firstMoves ? first : second).step();
        while (!first.done || !second.done) { first.step(); second.step(); }

        const a = first.rendered();
        const b = second.rendered();
        expect([...a, ...b].sort()).toEqual([...places].sort());
        // A place's pages all go to the same renderer.
        for (const r of [first, second]) for (const answers of r.answers.values()) expect(new Set(answers).size).toBe(1);
        // The first renders from the front and the second from the back, each one contiguous run.
        expect(a).toEqual(places.slice(0, a.length));
        expect(b).toEqual([...places].reverse().slice(0, b.length));
        expect(b.length).toBeGreaterThanOrEqual(list.reserved);
      },
    ), { numRuns: 500 });
  });

  it('the second renderer has its reserved places however fast the first one is', () => {
    const dir = claimsDir();
    const places = ids(40);
    const first = renderer(places, 3, placeClaimer(dir));
    const list = shareRemainingPlaces(dir, places, new Set(), 10);
    expect(list.reserved).toBe(10);
    // The first renderer runs to the end before the second has rendered anything.
    while (!first.done) first.step();
    const second = renderer(list.places, 3, placeClaimer(dir, new Set(list.places.slice(0, list.reserved))));
    while (!second.done) second.step();
    expect(first.rendered()).toEqual(places.slice(0, 30));
    expect(second.rendered()).toEqual(places.slice(30).reverse());
  });

  it('reserves nothing the first renderer has already claimed', () => {
    const dir = claimsDir();
    const places = ids(8);
    const first = renderer(places, 1, placeClaimer(dir));
    for (let i = 0; i < 7; i++) first.step();
    // Listed when the first had claimed 2 places; it has claimed 7 by the time the build reserves 4.
    const list = shareRemainingPlaces(dir, places, new Set(places.slice(0, 2)), 4);
    expect(list.reserved).toBe(1);
    expect(list.places.slice(0, list.reserved)).toEqual([places[7]]);
  });

  it('a renderer alone (no second one started) renders every place', () => {
    const dir = claimsDir();
    const places = ids(12);
    const only = renderer(places, 2, placeClaimer(dir));
    while (!only.done) only.step();
    expect(only.rendered()).toEqual(places);
  });
});
