/**
 * Two page renderers sharing the place pages at the end of a large build.
 *
 * Astro renders on one core. Once the data stage has written the whole model, the build starts a
 * second Astro for the places the first has not reached (scripts/build.ts). The first renderer takes
 * places from the front, the second from the back, and they meet wherever the work is split evenly,
 * however fast each one turns out to be. A place belongs to whichever renderer creates its claim file
 * first (exclusive create, so exactly one of them); all of a place's pages go with it.
 *
 * The second renderer's list is what the first had not claimed when it was started, last place first.
 * The build reserves the first `reserved` places of that list for it before starting it, so the first
 * renderer cannot take all of them while the second is still starting up (about 5 s of compiling).
 */
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The second renderer's share, as the build hands it over (a JSON file named by $SUNLIGHT_PLACE_LIST). */
export interface SecondRendererList {
  /** Place ids, in the order the second renderer takes them (the last place first). */
  places: string[];
  /** The first this many are its already (claimed by the build on its behalf). */
  reserved: number;
}

/**
 * Whether this renderer renders place `id`: asked for each of a place's pages, in the renderer's order.
 * Once one claim is lost, every later place in this renderer's order is the other's: each side claims
 * a contiguous run from its end, so the first place taken by the other is where they met.
 */
export type PlaceClaimer = (id: string) => boolean;

/** Every place is this renderer's (one renderer, or none sharing the work). */
export const ownsEveryPlace: PlaceClaimer = () => true;

/** A claimer over `dir` (shared by both renderers); `reserved`: places already claimed for this one. */
export function placeClaimer(dir: string, reserved: ReadonlySet<string> = new Set()): PlaceClaimer {
  let last: { id: string; mine: boolean } | undefined;
  let met = false;
  return (id) => {
    if (last?.id === id) return last.mine;
    let mine = false;
    if (reserved.has(id)) mine = true;
    else if (!met) {
      try {
        closeSync(openSync(join(dir, id), 'wx'));
        mine = true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        met = true;
      }
    }
    last = { id, mine };
    return mine;
  };
}

/**
 * Hands the places `claimed` does not hold to a second renderer: their ids in its order (last first),
 * with the first `reserve` of them claimed for it now. Returns the list to pass in $SUNLIGHT_PLACE_LIST.
 */
export function shareRemainingPlaces(dir: string, placeIds: readonly string[], claimed: ReadonlySet<string>, reserve: number): SecondRendererList {
  const places = placeIds.filter((id) => !claimed.has(id)).reverse();
  let reserved = 0;
  for (const id of places.slice(0, reserve)) {
    try {
      closeSync(openSync(join(dir, id), 'wx'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      break; // the first renderer got here meanwhile: it has the rest too
    }
    reserved++;
  }
  return { places, reserved };
}

/** Reads the second renderer's list. */
export function readSecondRendererList(file: string): SecondRendererList {
  return JSON.parse(readFileSync(file, 'utf8')) as SecondRendererList;
}

export function writeSecondRendererList(file: string, list: SecondRendererList): void {
  writeFileSync(file, JSON.stringify(list));
}
