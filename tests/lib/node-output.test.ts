import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKGROUND_WRITES, folderOutput } from '../../src/lib/node-output.ts';

describe('folderOutput', () => {
  let root: string;
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'sl-out-')); });
  afterEach(() => { rmSync(root, { recursive: true, force: true }); });

  it('writes files, creating their folders', () => {
    const out = folderOutput(join(root, 'site'));
    out.writeFile('a/b/c.json', '{"x":1}');
    const s = out.open('a/d.csv');
    s.write('甲,乙\n');
    s.write(Buffer.from('丙,丁\n'));
    s.write('戊\n');
    s.close();
    expect(readFileSync(join(root, 'site/a/b/c.json'), 'utf8')).toBe('{"x":1}');
    expect(readFileSync(join(root, 'site/a/d.csv'), 'utf8')).toBe('甲,乙\n丙,丁\n戊\n');
    expect(out.list('a')).toEqual(['a/b/c.json', 'a/d.csv']);
  });

  it('replaces a file restored as a hard link without changing the file it links to (the cache entry)', () => {
    const cached = join(root, 'cache.json');
    writeFileSync(cached, 'cached');
    mkdirSync(join(root, 'site/a'), { recursive: true });
    linkSync(cached, join(root, 'site/a/page.json'));
    linkSync(cached, join(root, 'site/a/table.csv'));
    const out = folderOutput(join(root, 'site'));
    out.writeFile('a/page.json', 'new');
    const s = out.open('a/table.csv');
    s.write('new table');
    s.close();
    expect(readFileSync(join(root, 'site/a/page.json'), 'utf8')).toBe('new');
    expect(readFileSync(join(root, 'site/a/table.csv'), 'utf8')).toBe('new table');
    expect(readFileSync(cached, 'utf8')).toBe('cached');
  });

  it('writes a file twice in one build: the second write wins', () => {
    const out = folderOutput(join(root, 'site'));
    out.writeFile('x.txt', 'first');
    out.writeFile('x.txt', 'second');
    expect(readFileSync(join(root, 'site/x.txt'), 'utf8')).toBe('second');
  });

  it('atomic writes never leave a part file behind', () => {
    const out = folderOutput(join(root, 'model'), { atomic: true });
    out.writeFile('places/1.json', '{}');
    expect(out.list('')).toEqual(['places/1.json']);
  });

  it('with hashes, reports the sha256 of what was written without reading it back, and of other files by reading them', () => {
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const out = folderOutput(join(root, 'site'), { hashes: true });
    out.writeFile('a.json', '{"名":"王家村"}');
    const s = out.open('big.csv');
    s.write('\uFEFF甲,乙\r\n');
    s.write(Buffer.from('丙,丁\r\n'));
    s.write('戊\r\n');
    s.close();
    // Changed behind the writer's back: the recorded digest is of the bytes it wrote.
    writeFileSync(join(root, 'site/big.csv'), 'tampered');
    expect(out.sha256!('a.json')).toBe(sha('{"名":"王家村"}'));
    expect(out.sha256!('big.csv')).toBe(sha('\uFEFF甲,乙\r\n丙,丁\r\n戊\r\n'));
    // Rewritten: the new digest.
    out.writeFile('a.json', 'second');
    expect(out.sha256!('a.json')).toBe(sha('second'));
    // Not written through this output (restored from the cache): read and hashed.
    writeFileSync(join(root, 'site/linked.csv'), 'from the cache');
    expect(out.sha256!('linked.csv')).toBe(sha('from the cache'));
    const atomic = folderOutput(join(root, 'model'), { atomic: true, hashes: true });
    atomic.writeFile('places/1.json', '{"x":1}');
    expect(atomic.sha256!('places/1.json')).toBe(sha('{"x":1}'));
    expect(readFileSync(join(root, 'model/places/1.json'), 'utf8')).toBe('{"x":1}');
  });

  describe('background writes', () => {
    const sha = (t: string) => createHash('sha256').update(t).digest('hex');

    it('every file is on disk with its bytes once settled, however many were asked for at once', async () => {
      const out = folderOutput(join(root, 'site'), { hashes: true, background: true });
      const n = BACKGROUND_WRITES * 4;
      for (let i = 0; i < n; i++) out.writeFile(`data/places/${i % 37}/t${i}.csv`, `村,金额\n${i},${i * 2}\n`);
      // Reading before the writes are known to be done is refused (or, if the writer thread was
      // already through them, complete): never a partial answer.
      let early: string[] | undefined;
      try { early = out.list('data'); } catch (e) { expect((e as Error).message).toMatch(/pending/); }
      if (early) expect(early).toHaveLength(n);
      await out.settled!();
      expect(out.list('data')).toHaveLength(n);
      for (const i of [0, 1, BACKGROUND_WRITES, n - 1]) {
        const text = `村,金额\n${i},${i * 2}\n`;
        expect(readFileSync(join(root, `site/data/places/${i % 37}/t${i}.csv`), 'utf8')).toBe(text);
        expect(out.sha256!(`data/places/${i % 37}/t${i}.csv`)).toBe(sha(text));
      }
    });

    it('takes bytes from a buffer the caller goes on reusing (a view into a larger one, as page tables are built)', async () => {
      const out = folderOutput(join(root, 'site'), { hashes: true, background: true });
      const shared = Buffer.alloc(64 * 1024);
      for (let i = 0; i < 50; i++) {
        const n = shared.write(`\ufeff名单,${i}\n`, 100);
        out.writeFile(`t/${i}.csv`, shared.subarray(100, 100 + n));
        shared.fill(0x41); // reused at once
      }
      await out.settled!();
      for (const i of [0, 49]) expect(readFileSync(join(root, `site/t/${i}.csv`), 'utf8')).toBe(`\ufeff名单,${i}\n`);
      expect(out.sha256!('t/7.csv')).toBe(sha('\ufeff名单,7\n'));
    });

    it('writes of one path land in the order asked for, and a restored hard link is replaced, not written through', async () => {
      const cached = join(root, 'cache.csv');
      writeFileSync(cached, 'cached');
      mkdirSync(join(root, 'site/a'), { recursive: true });
      linkSync(cached, join(root, 'site/a/t.csv'));
      const out = folderOutput(join(root, 'site'), { background: true });
      for (let i = 0; i < 20; i++) out.writeFile('a/t.csv', `v${i}`);
      await out.settled!();
      expect(readFileSync(join(root, 'site/a/t.csv'), 'utf8')).toBe('v19');
      expect(readFileSync(cached, 'utf8')).toBe('cached');
    });

    it('a write that fails is reported by settled(), after the others are done', async () => {
      mkdirSync(join(root, 'site'), { recursive: true });
      writeFileSync(join(root, 'site/blocker'), 'a file where a folder should be');
      const out = folderOutput(join(root, 'site'), { background: true });
      out.writeFile('ok/1.csv', 'one');
      out.writeFile('blocker/2.csv', 'two');
      out.writeFile('ok/3.csv', 'three');
      await expect(out.settled!()).rejects.toThrow(/ENOTDIR|EEXIST/);
      expect(readFileSync(join(root, 'site/ok/3.csv'), 'utf8')).toBe('three');
    });
  });
});
