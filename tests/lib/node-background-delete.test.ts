import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteInBackground } from '../../src/lib/node-background-delete.ts';
import { makeTempDir, PROJECT_ROOT } from '../helpers/site.ts';

const root = makeTempDir('sunlight-bgdel-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder of `files` files in `folders` sub-folders. */
function tree(dir: string, folders: number, files: number): void {
  for (let f = 0; f < folders; f++) {
    mkdirSync(join(dir, `p${f}`), { recursive: true });
    for (let i = 0; i < files / folders; i++) writeFileSync(join(dir, `p${f}`, `${i}.html`), 'x');
  }
}

async function goneWithin(path: string, ms: number): Promise<boolean> {
  for (const t0 = Date.now(); Date.now() - t0 < ms; await new Promise((r) => setTimeout(r, 50))) if (!existsSync(path)) return true;
  return !existsSync(path);
}

describe('deleteInBackground', () => {
  it('deletes every folder it is given, and nothing beside them', async () => {
    tree(join(root, 'site.trash-1'), 3, 30);
    tree(join(root, 'abc.old-2-0'), 2, 10);
    mkdirSync(join(root, 'site'));
    await deleteInBackground([join(root, 'site.trash-1'), join(root, 'abc.old-2-0')]);
    expect(readdirSync(root)).toEqual(['site']);
  });

  it('keeps deleting after the process that asked has exited, which did not wait for it', async () => {
    const big = join(root, 'out.trash-3');
    tree(big, 40, 20_000);
    // A stand-in build: starts the deletion and exits at once.
    const moduleUrl = pathToFileURL(join(PROJECT_ROOT, 'src', 'lib', 'node-background-delete.ts')).href;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `import { deleteInBackground } from ${JSON.stringify(moduleUrl)}; void deleteInBackground([${JSON.stringify(big)}]); console.log('exiting');`], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('exiting');
    // The folder was still there, or being deleted under the deleter's own pid, when the caller exited …
    const aside = readdirSync(root).filter((n) => n.startsWith('out.trash-'));
    expect(aside.length).toBeGreaterThan(0);
    // … and it goes away on its own.
    expect(await goneWithin(big, 60_000)).toBe(true);
    for (const n of aside) expect(await goneWithin(join(root, n), 60_000), n).toBe(true);
  }, 90_000);

  it('renames what it deletes to carry its own pid, so a later build leaves it alone', async () => {
    const dir = join(root, 'cachekey.old-4-7');
    tree(dir, 20, 10_000);
    const done = deleteInBackground([dir]);
    let seen: string[] = [];
    for (const t0 = Date.now(); Date.now() - t0 < 5000 && !seen.length; await new Promise((r) => setTimeout(r, 5))) {
      seen = readdirSync(root).filter((n) => n.startsWith('cachekey.old-') && n !== 'cachekey.old-4-7');
    }
    await done;
    expect(seen[0]).toMatch(/^cachekey\.old-\d+-7$/);
    expect(seen[0]).not.toBe(`cachekey.old-${process.pid}-7`);
    expect(readdirSync(root).filter((n) => n.startsWith('cachekey'))).toEqual([]);
  }, 60_000);
});
