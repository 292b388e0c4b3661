/**
 * Reads the site model the data stage wrote into $SUNLIGHT_MODEL_DIR (see model.ts), for the Astro
 * pages. site.json is read once and kept; a place's or dataset's JSON is read when its page renders
 * and not kept, so a build with 30,000 village pages holds one page's data at a time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { placePageFile, placePrintFile } from '../cache/keys.ts';
import { LANGS, langParam, type Lang } from '../i18n.ts';
import type { DatasetOverlay, PlaceOverlay, ReleaseOverlay } from '../changes/types.ts';
import type { DatasetPage, PlacePage, SiteModel } from './model.ts';
import type { TimelinessOverview } from './timeliness-model.ts';
import { ownsEveryPlace, placeClaimer, readSecondRendererList, type PlaceClaimer } from './page-claims.ts';

/** Ids become file names here and path segments in URLs: keep them plain. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export function modelDir(): string {
  const dir = process.env.SUNLIGHT_MODEL_DIR;
  if (!dir) throw new Error('SUNLIGHT_MODEL_DIR is not set: the data stage writes the site model there before Astro runs');
  return resolve(dir);
}

function readJson<T>(...parts: string[]): T {
  const path = join(modelDir(), ...parts);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`site model: cannot read ${path}: ${(e as Error).message}`);
  }
  return JSON.parse(text) as T;
}

function checkId(kind: string, id: string | undefined): string {
  if (!id || !SAFE_ID.test(id)) throw new Error(`site model: bad ${kind} id ${JSON.stringify(id)} (expected [A-Za-z0-9_-]+)`);
  return id;
}

let cached: { dir: string; site: SiteModel } | undefined;

/** site.json, read once per model folder. */
export function loadSite(): SiteModel {
  const dir = modelDir();
  if (!cached || cached.dir !== dir) cached = { dir, site: readJson<SiteModel>('site.json') };
  return cached.site;
}

/**
 * places/<id>.json, read fresh for each page render. When the build renders pages while the data
 * stage is still writing place files (SUNLIGHT_MODEL_STREAMING=1), wait for the file to appear; the
 * data stage writes each one whole (write, then rename) and leaves a FAILED file if it stops.
 */
export async function loadPlace(id: string | undefined): Promise<PlacePage> {
  const name = `${checkId('place', id)}.json`;
  const dir = modelDir();
  // The place's pages in each language render one after another and its print view (see placePagePaths): read it once.
  if (lastPlace?.dir === dir && lastPlace.name === name) return lastPlace.page;
  if (process.env.SUNLIGHT_MODEL_STREAMING === '1') await waitFor(join(dir, 'places', name));
  const page = readJson<PlacePage>('places', name);
  lastPlace = { dir, name, page };
  return page;
}

let lastPlace: { dir: string; name: string; page: PlacePage } | undefined;

const WAIT_LIMIT_MS = 60 * 60 * 1000;

async function waitFor(file: string): Promise<void> {
  const started = Date.now();
  for (let delay = 5; !existsSync(file); delay = Math.min(delay * 2, 100)) {
    if (existsSync(join(modelDir(), 'FAILED'))) throw new Error('site model: the data stage failed; no pages are rendered');
    if (Date.now() - started > WAIT_LIMIT_MS) throw new Error(`site model: gave up waiting for ${file}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** datasets/<id>.json, read fresh for each page render. */
export function loadDataset(id: string | undefined): DatasetPage {
  return readJson<DatasetPage>('datasets', `${checkId('dataset', id)}.json`);
}

type Paths = { params: { lang: string | undefined; id: string } }[];

/**
 * Place pages the build takes from the previous output instead of rendering them again
 * ($SUNLIGHT_SKIP_PAGES names a JSON list of page files, see src/lib/node-page-reuse.ts).
 */
export function reusedPages(): Set<string> {
  const file = process.env.SUNLIGHT_SKIP_PAGES;
  return new Set(file ? JSON.parse(readFileSync(file, 'utf8')) as string[] : []);
}

/** What the place route (src/pages/[...placePage].astro) renders at one path. */
export type PlacePageProps = { kind: 'page'; id: string; lang: Lang } | { kind: 'print'; id: string };

/**
 * Every place page the place route renders: a place's page in each built language, then, for a
 * village, its notice-board print view. All of them come from one route, one place after another,
 * so that each place's pages render as soon as the data stage has written its file, the file is
 * read once (loadPlace keeps the last one), and no kind of page is left for after the data stage
 * (Astro renders one route's pages before the next route's). Pages the build reuses from the
 * previous output ($SUNLIGHT_SKIP_PAGES) are left out. A second renderer ($SUNLIGHT_PLACE_LIST,
 * see page-claims.ts) lists only the places it was handed, in its order.
 */
export function placePagePaths(): { params: { placePage: string }; props: PlacePageProps }[] {
  const skip = reusedPages();
  const paths: { params: { placePage: string }; props: PlacePageProps }[] = [];
  const villages = new Set<string>();
  for (const p of loadSite().places) if (p.level === 'village') villages.add(p.id);
  for (const id of secondRendererList()?.places ?? loadSite().places.map((p) => p.id)) {
    checkId('place', id);
    for (const lang of LANGS) {
      const file = placePageFile(lang, id);
      if (!skip.has(file)) paths.push({ params: { placePage: file.slice(0, -'/index.html'.length) }, props: { kind: 'page', id, lang } });
    }
    const print = placePrintFile(id);
    if (villages.has(id) && !skip.has(print)) paths.push({ params: { placePage: print.slice(0, -'/index.html'.length) }, props: { kind: 'print', id } });
  }
  return paths;
}

let secondList: ReturnType<typeof readSecondRendererList> | undefined;

/** The second renderer's share of the places (undefined in the first, or only, renderer). */
function secondRendererList(): ReturnType<typeof readSecondRendererList> | undefined {
  const file = process.env.SUNLIGHT_PLACE_LIST;
  return file ? (secondList ??= readSecondRendererList(file)) : undefined;
}

let claimer: PlaceClaimer | undefined;

/**
 * Whether this renderer renders place `id`'s pages, or leaves them to the other renderer
 * ($SUNLIGHT_CLAIMS_DIR: both renderers claim places there; unset, this one renders every place).
 */
export function rendersPlace(id: string): boolean {
  if (!claimer) {
    const dir = process.env.SUNLIGHT_CLAIMS_DIR;
    const list = secondRendererList();
    claimer = dir ? placeClaimer(dir, new Set(list?.places.slice(0, list.reserved))) : ownsEveryPlace;
  }
  return claimer(id);
}

/** The pages other than the place pages: the first renderer's; the second renders only places. */
export function firstRendererOnly<T>(paths: T[]): T[] {
  return process.env.SUNLIGHT_PLACE_LIST ? [] : paths;
}

/** `{params:{lang,id}}` for every dataset page in every built language. */
export function datasetPaths(): Paths {
  const ids = loadSite().datasets.map((d) => checkId('dataset', d.id));
  return LANGS.flatMap((l) => ids.map((id) => ({ params: { lang: langParam(l), id } })));
}

/** An overlay file the data stage writes only when there is something to show; undefined otherwise. */
function readOverlay<T>(...parts: string[]): T | undefined {
  return existsSync(join(modelDir(), ...parts)) ? readJson<T>(...parts) : undefined;
}

/** model/changes/release.json: this release compared with the previous one (see src/lib/changes/). */
export function loadReleaseChanges(): ReleaseOverlay | undefined {
  return readOverlay<ReleaseOverlay>('changes', 'release.json');
}

/** model/changes/datasets/<id>.json, when the dataset has changes or corrections/withdrawals. */
export function loadDatasetChanges(id: string | undefined): DatasetOverlay | undefined {
  return readOverlay<DatasetOverlay>('changes', 'datasets', `${checkId('dataset', id)}.json`);
}

/** model/changes/places/<id>.json, when the place has changes or corrections/withdrawals. */
export function loadPlaceChanges(id: string | undefined): PlaceOverlay | undefined {
  return readOverlay<PlaceOverlay>('changes', 'places', `${checkId('place', id)}.json`);
}

/** timeliness.json: the county overview of who published on time (written before site.json). */
export function loadTimeliness(): TimelinessOverview {
  return readJson<TimelinessOverview>('timeliness.json');
}

/**
 * A renderer started before the data stage has written anything (scripts/build.ts starts Astro
 * while the check runs) waits here (the end of this module, after its constants), when the page code is first loaded, for site.json: everything
 * else the pages read at start (timeliness, datasets, release overlays) is written before it.
 */
if (process.env.SUNLIGHT_MODEL_STREAMING === '1' && process.env.SUNLIGHT_MODEL_DIR) await waitFor(join(modelDir(), 'site.json'));
