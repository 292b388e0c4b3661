/**
 * The Node flags `npm run build` runs the build with (its heap cap), read from package.json, so
 * benchmarks and the Lighthouse script measure the build users run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function buildNodeFlags(projectRoot = process.cwd()): string[] {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return pkg.scripts.build!.split(/\s+/).filter((a) => a.startsWith('--'));
}
