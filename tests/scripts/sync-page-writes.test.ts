import fs, { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { syncPageWrites, type PageWrites } from '../../scripts/lib/sync-page-writes.ts';

describe('syncPageWrites (how the page renderer writes pages)', () => {
  const dirs: string[] = [];
  let writes: PageWrites | undefined;
  const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'sunlight-writes-')); dirs.push(d); return d; };
  afterEach(async () => {
    writes?.undo();
    await writes?.settled().catch(() => undefined);
    writes = undefined;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('inside the output folder, the folder and the page exist as soon as the calls are made, with the same bytes', async () => {
    const out = tmp();
    writes = syncPageWrites(out);
    // As Astro calls them: file: URLs and the page's bytes.
    const folder = pathToFileURL(join(out, 'place', '999901100200') + '/');
    const made = fs.promises.mkdir(folder, { recursive: true });
    expect(existsSync(folder)).toBe(true);
    await made;
    const file = new URL('index.html', folder);
    const body = new TextEncoder().encode('<h1>王家村</h1>');
    const written = fs.promises.writeFile(file, body);
    expect(readFileSync(file, 'utf8')).toBe('<h1>王家村</h1>');
    await expect(written).resolves.toBeUndefined();
  });

  it('a failure still rejects the promise (no exception thrown at the call)', async () => {
    const out = tmp();
    writes = syncPageWrites(out);
    let call: Promise<void> | undefined;
    expect(() => { call = fs.promises.writeFile(join(out, 'missing', 'index.html'), 'x'); }).not.toThrow();
    await expect(call).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('leaves paths outside the output folder, and calls with an AbortSignal, to Node', async () => {
    const out = tmp();
    const elsewhere = tmp();
    writes = syncPageWrites(out, { writerThread: true });
    await fs.promises.writeFile(join(elsewhere, 'a.txt'), 'elsewhere');
    expect(readFileSync(join(elsewhere, 'a.txt'), 'utf8')).toBe('elsewhere');
    // Only Node's own writeFile takes a signal: an aborted one rejects and writes nothing.
    const aborted = AbortSignal.abort();
    await expect(fs.promises.writeFile(join(out, 'b.html'), 'x', { signal: aborted })).rejects.toMatchObject({ name: 'AbortError' });
    await writes.settled();
    expect(existsSync(join(out, 'b.html'))).toBe(false);
    // A folder whose name only starts like the output folder's is outside it.
    const sibling = `${out}-other`;
    dirs.push(sibling);
    fs.mkdirSync(sibling);
    await fs.promises.writeFile(join(sibling, 'c.html'), 'c');
    expect(readFileSync(join(sibling, 'c.html'), 'utf8')).toBe('c');
  });

  it('undoing it restores Node\'s functions', () => {
    const { mkdir, writeFile } = fs.promises;
    const restore = syncPageWrites(tmp());
    expect(fs.promises.writeFile).not.toBe(writeFile);
    restore.undo();
    expect(fs.promises.mkdir).toBe(mkdir);
    expect(fs.promises.writeFile).toBe(writeFile);
  });

  describe('with a writer thread', () => {
    it('makes every folder and writes every page, in the order handed over, by the time settled() resolves; other files are written at once', async () => {
      const out = tmp();
      // A queue of 4 KB: it fills and wraps round many times over 300 pages.
      writes = syncPageWrites(out, { writerThread: true, queueBytes: 4096 });
      const pages = 300;
      const content = (i: number) => `<h1>王家村 ${i}</h1>${'低保'.repeat((i * 37) % 400)}`;
      for (let i = 0; i < pages; i++) {
        const folder = pathToFileURL(join(out, 'place', String(999901100000 + i)) + '/');
        await fs.promises.mkdir(folder, { recursive: true });
        // Bytes as Astro passes them (a Buffer over part of an ArrayBuffer), or a string.
        const page = i % 2 ? Buffer.from(`xx${content(i)}`, 'utf8').subarray(2) : content(i);
        await fs.promises.writeFile(new URL('index.html', folder), page);
      }
      // Larger than the queue takes: written after what is queued.
      const big = '王'.repeat(5000);
      await fs.promises.writeFile(join(out, 'big.html'), big);
      // The same page written twice: the later content wins, as it would synchronously.
      await fs.promises.writeFile(join(out, '404.html'), 'first');
      await fs.promises.writeFile(join(out, '404.html'), '第二');
      // Not a page (Astro reads its .prerender code back straight away): its folder and file are
      // there as the calls return, after everything queued before them.
      const folder = fs.promises.mkdir(join(out, '.prerender'));
      expect(existsSync(join(out, '.prerender'))).toBe(true);
      await folder;
      const code = fs.promises.writeFile(join(out, '.prerender', 'entry.mjs'), 'export {}');
      expect(readFileSync(join(out, '.prerender', 'entry.mjs'), 'utf8')).toBe('export {}');
      expect(readFileSync(join(out, '404.html'), 'utf8')).toBe('第二');
      await code;
      await writes.settled();
      for (let i = 0; i < pages; i++) expect(readFileSync(join(out, 'place', String(999901100000 + i), 'index.html'), 'utf8')).toBe(content(i));
      expect(readFileSync(join(out, 'big.html'), 'utf8')).toBe(big);
    });

    it('a page that cannot be written fails settled() with its path, and later pages are refused', async () => {
      const out = tmp();
      writes = syncPageWrites(out, { writerThread: true });
      // No folder made for it: the thread's write fails.
      await fs.promises.writeFile(join(out, 'missing', 'index.html'), 'x');
      await expect(writes.settled()).rejects.toThrow(/missing\/index\.html/);
      await expect(fs.promises.writeFile(join(out, 'later.html'), 'y')).rejects.toThrow(/missing\/index\.html/);
      expect(existsSync(join(out, 'later.html'))).toBe(false);
    });
  });
});
