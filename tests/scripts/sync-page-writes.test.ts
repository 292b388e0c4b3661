import fs, { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { syncPageWrites } from '../../scripts/lib/sync-page-writes.ts';

describe('syncPageWrites (the page renderer writes pages synchronously)', () => {
  const dirs: string[] = [];
  let undo: (() => void) | undefined;
  const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'sunlight-writes-')); dirs.push(d); return d; };
  afterEach(() => { undo?.(); undo = undefined; for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

  it('inside the output folder, the folder and the page exist as soon as the calls are made, with the same bytes', async () => {
    const out = tmp();
    undo = syncPageWrites(out);
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
    undo = syncPageWrites(out);
    let call: Promise<void> | undefined;
    expect(() => { call = fs.promises.writeFile(join(out, 'missing', 'index.html'), 'x'); }).not.toThrow();
    await expect(call).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('leaves paths outside the output folder, and calls with an AbortSignal, to Node', async () => {
    const out = tmp();
    const elsewhere = tmp();
    undo = syncPageWrites(out);
    await fs.promises.writeFile(join(elsewhere, 'a.txt'), 'elsewhere');
    expect(readFileSync(join(elsewhere, 'a.txt'), 'utf8')).toBe('elsewhere');
    // Only Node's own writeFile takes a signal: an aborted one rejects and writes nothing.
    const aborted = AbortSignal.abort();
    await expect(fs.promises.writeFile(join(out, 'b.html'), 'x', { signal: aborted })).rejects.toMatchObject({ name: 'AbortError' });
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
    restore();
    expect(fs.promises.mkdir).toBe(mkdir);
    expect(fs.promises.writeFile).toBe(writeFile);
  });
});
