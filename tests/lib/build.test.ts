import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/lib/build.ts';
import { memoryOutput } from '../../src/lib/output.ts';
import type { SearchIndexer } from '../../src/lib/search/node-index.ts';
import { memorySource } from '../../src/lib/source.ts';
import { AS_OF, files } from './site/fixture.ts';

/** A search indexer that records what the build asked of it, in order, into `events`. */
function recordingIndexer(events: string[]): SearchIndexer {
  return {
    add: () => { events.push('add'); },
    addNames: () => { events.push('add'); },
    done: () => { events.push('index written'); },
    written: Promise.resolve({ records: 0, addMs: 0, writeMs: 0 }),
    close: () => {},
  };
}

describe('buildSite', () => {
  // Pagefind writes the index on its own core: started after the last page, it added its whole
  // writing time (about a minute at province scale) to the build.
  it.each([
    ['a renderer started once the model is written', false],
    ['a renderer streaming the place pages as they are written', true],
  ])('has the search index written while the pages render, after every record (%s)', async (_name, streams) => {
    const events: string[] = [];
    const result = await buildSite({
      source: memorySource(files()),
      model: memoryOutput(),
      downloads: memoryOutput(),
      search: recordingIndexer(events),
      streamsPages: streams,
      renderPages: async () => {
        events.push('pages started');
        await new Promise((r) => setTimeout(r, 20));
        events.push('pages done');
      },
    }, { asOf: AS_OF });
    expect(result.ok).toBe(true);
    expect(events.filter((e) => e === 'add').length).toBeGreaterThan(5);
    const written = events.indexOf('index written');
    expect(written).toBeGreaterThan(events.lastIndexOf('add'));
    expect(written).toBeLessThan(events.indexOf('pages done'));
    expect(events.filter((e) => e === 'index written')).toHaveLength(1);
  });

  // A second renderer takes the last places once every place file exists, and before the downloads
  // are packaged (about 30 s at province scale that it can use).
  it('says the model is written once every place file exists, before the downloads are packaged', async () => {
    const model = memoryOutput();
    const downloads = memoryOutput();
    let seen: { places: number; files: number; packaged: boolean } | undefined;
    const result = await buildSite({
      source: memorySource(files()),
      model,
      downloads,
      streamsPages: true,
      modelWritten: (m) => {
        seen = { places: m.places.length, files: m.places.filter((p) => model.files.has(`places/${p.id}.json`)).length, packaged: downloads.files.has('manifest.json') };
      },
      renderPages: async () => {},
    }, { asOf: AS_OF });
    expect(result.ok).toBe(true);
    expect(seen).toBeDefined();
    expect(seen!.places).toBeGreaterThan(3);
    expect(seen!.files).toBe(seen!.places);
    expect(seen!.packaged).toBe(false);
    expect(downloads.files.has('manifest.json')).toBe(true);
  });
});
