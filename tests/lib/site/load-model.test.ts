import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { placePagePaths } from '../../../src/lib/site/load-model.ts';

describe('placePagePaths', () => {
  let dir: string;
  const env = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sl-model-'));
    writeFileSync(join(dir, 'site.json'), JSON.stringify({
      places: [
        { id: '1301', level: 'county' },
        { id: '130101', level: 'township' },
        { id: '13010101', level: 'village' },
        { id: '13010102', level: 'village' },
      ],
    }));
    process.env.SUNLIGHT_MODEL_DIR = dir;
    delete process.env.SUNLIGHT_SKIP_PAGES;
  });
  afterEach(() => {
    process.env = { ...env };
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists each place's pages together (both languages, then a village's print view), in place order", () => {
    // Astro renders a route's pages in this order, as the data stage writes each place's file:
    // a kind of page listed after all places would wait for the last one.
    expect(placePagePaths().map((p) => p.params.placePage)).toEqual([
      'place/1301', 'en/place/1301',
      'place/130101', 'en/place/130101',
      'place/13010101', 'en/place/13010101', 'place/13010101/print',
      'place/13010102', 'en/place/13010102', 'place/13010102/print',
    ]);
    expect(placePagePaths()[1]?.props).toEqual({ kind: 'page', id: '1301', lang: 'en' });
    expect(placePagePaths()[6]?.props).toEqual({ kind: 'print', id: '13010101' });
  });

  it('leaves out the pages the build reuses from the previous output', () => {
    const skip = join(dir, 'skip.json');
    writeFileSync(skip, JSON.stringify(['place/13010101/index.html', 'place/13010101/print/index.html', 'en/place/1301/index.html']));
    process.env.SUNLIGHT_SKIP_PAGES = skip;
    expect(placePagePaths().map((p) => p.params.placePage)).toEqual([
      'place/1301',
      'place/130101', 'en/place/130101',
      'en/place/13010101',
      'place/13010102', 'en/place/13010102', 'place/13010102/print',
    ]);
  });

  it('refuses a place id that would not make a plain path', () => {
    // site.json is read once per model folder, so this one gets a folder of its own.
    const other = mkdtempSync(join(tmpdir(), 'sl-model-'));
    try {
      writeFileSync(join(other, 'site.json'), JSON.stringify({ places: [{ id: '../x', level: 'village' }] }));
      process.env.SUNLIGHT_MODEL_DIR = other;
      expect(() => placePagePaths()).toThrow(/bad place id/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('a renderer started before the model exists (scripts/build.ts starts Astro during the check)', () => {
  const node = join(process.cwd(), 'node_modules', '.bin', 'node');
  const moduleUrl = pathToFileURL(join(process.cwd(), 'src', 'lib', 'site', 'load-model.ts')).href;
  // Loads the module in a process of its own (its wait runs when the module is first evaluated).
  const load = (dir: string) => new Promise<{ code: number | null; out: string; ms: number }>((done) => {
    const started = Date.now();
    const script = `const m = await import(${JSON.stringify(moduleUrl)}); console.log(m.loadSite().places.length);`;
    execFile(node, ['--input-type=module', '-e', script], { env: { ...process.env, SUNLIGHT_MODEL_DIR: dir, SUNLIGHT_MODEL_STREAMING: '1' } }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: stdout + stderr, ms: Date.now() - started });
    });
  });
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sl-wait-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('waits for site.json before any page code reads the model', async () => {
    const loading = load(join(dir, 'model')); // not even the folder exists yet
    await new Promise((r) => setTimeout(r, 1500));
    mkdirSync(join(dir, 'model'));
    writeFileSync(join(dir, 'model', 'site.json'), JSON.stringify({ places: [{ id: '1301', level: 'county' }] }));
    const { code, out, ms } = await loading;
    expect(out.trim()).toBe('1');
    expect(code).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(1500);
  });

  it('stops waiting, with an error, when the data stage marks the build failed', async () => {
    mkdirSync(join(dir, 'model'));
    const loading = load(join(dir, 'model'));
    await new Promise((r) => setTimeout(r, 500));
    writeFileSync(join(dir, 'model', 'FAILED'), '');
    const { code, out } = await loading;
    expect(code).not.toBe(0);
    expect(out).toMatch(/the data stage failed/);
  });
});
