import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderSource } from '../../src/lib/node-source.ts';

async function readAll(source: ReturnType<typeof folderSource>, path: string): Promise<{ bytes: Buffer; chunks: number }> {
  const parts: Uint8Array[] = [];
  for await (const chunk of source.read(path)) parts.push(chunk);
  return { bytes: Buffer.concat(parts), chunks: parts.length };
}

describe('folderSource', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sl-source-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('reads small, empty and large files byte for byte (a small file in one chunk)', async () => {
    const small = Buffer.from('\uFEFF村名,户主姓名\r\n王家村,王丽芳\r\n', 'utf8');
    // Larger than one 256 KB chunk, and not a multiple of it; GBK bytes must pass through untouched.
    const large = Buffer.alloc(600 * 1024 + 17, 0);
    for (let i = 0; i < large.length; i++) large[i] = (i * 31 + 7) % 251;
    writeFileSync(join(dir, 'small.csv'), small);
    writeFileSync(join(dir, 'empty.csv'), '');
    writeFileSync(join(dir, 'large.csv'), large);
    const source = folderSource(dir);
    const s = await readAll(source, 'small.csv');
    expect(s.bytes.equals(small)).toBe(true);
    expect(s.chunks).toBe(1);
    expect((await readAll(source, 'empty.csv')).bytes.length).toBe(0);
    const l = await readAll(source, 'large.csv');
    expect(l.bytes.equals(large)).toBe(true);
    expect(l.chunks).toBeGreaterThan(2);
  });

  it('lists data files in a stable order and skips hidden and Excel lock files', async () => {
    mkdirSync(join(dir, 'dibao'));
    for (const f of ['dibao/2026-10.csv', 'dibao/2026-09.csv', 'dibao/~$2026-10.csv', '.DS_Store', 'site.json']) writeFileSync(join(dir, f), 'x');
    expect(await folderSource(dir).list()).toEqual(['dibao/2026-09.csv', 'dibao/2026-10.csv', 'site.json']);
  });
});
