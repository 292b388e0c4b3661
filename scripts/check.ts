/**
 * npm run check -- [--data DIR] [--report FILE.json] [--html FILE.html] [--quiet]
 * Exit 0: no errors (warnings allowed); 1: errors; 2: cannot run (e.g. the folder does not exist).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from './lib/args.ts';

const LARGE_INPUT = 256 * 1024 * 1024;
const HEAP_CAP_MB = 192;

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) total += (await stat(join(e.parentPath, e.name))).size;
  }
  return total;
}

async function main(): Promise<number> {
  const { values, error } = parseArgs(process.argv.slice(2), { data: 'string', report: 'string', html: 'string', quiet: 'boolean' });
  if (error) { console.error(error); return 2; }
  const dataDir = resolve(String(values.data ?? 'data'));
  const st = await stat(dataDir).catch(() => undefined);
  if (!st?.isDirectory()) {
    console.error(`找不到数据文件夹：${dataDir}。请用 --data 指定存放 CSV 的文件夹。 Data folder not found.`);
    return 2;
  }
  // Large inputs run with V8's heap capped: the check's live data is small (duplicate indexes are
  // off-heap and spill to disk), but uncapped V8 lets garbage grow the heap with the input. Small
  // inputs run uncapped, where collecting less often is faster.
  if (!process.env.SUNLIGHT_HEAP_CAPPED && (await folderBytes(dataDir)) > LARGE_INPUT) {
    const args = [`--max-old-space-size=${HEAP_CAP_MB}`, fileURLToPath(import.meta.url), ...process.argv.slice(2)];
    const env = { ...process.env, SUNLIGHT_HEAP_CAPPED: '1' };
    // Replace this process where Node can (22.15+), so no idle parent holds memory; else a child.
    const execve = (process as unknown as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never }).execve;
    if (execve) execve(process.execPath, [process.execPath, ...args], env);
    const r = spawnSync(process.execPath, args, { stdio: 'inherit', env });
    return r.status ?? 2;
  }
  // Loaded only now, so the short-lived parent of a capped run stays small.
  const { runCheck } = await import('../src/lib/check.ts');
  const { folderSource } = await import('../src/lib/node-source.ts');
  const { diskSpill } = await import('../src/lib/node-spill.ts');
  const { formatSummary, progressLine, renderHtmlReport } = await import('../src/lib/report.ts');
  console.log(`检查数据文件夹 Checking ${dataDir}`);
  const { report, site } = await runCheck({
    source: folderSource(dataDir),
    // Past one million rows per index, duplicate checks spill to a temporary folder: flat memory.
    spill: () => diskSpill(),
    onProgress: (p) => { const line = progressLine(p); if (line && !values.quiet) console.log(line); },
  });
  console.log('');
  console.log(formatSummary(report));
  let written = true;
  if (typeof values.report === 'string') written = await writeReport('--report', values.report, 'JSON 报告 report', JSON.stringify(report, null, 2) + '\n') && written;
  if (typeof values.html === 'string') written = await writeReport('--html', values.html, 'HTML 报告 report', renderHtmlReport(report, { title: site.title })) && written;
  if (!written) return 2;
  return report.ok ? 0 : 1;
}

/** Writes a report file; a path the user gave that cannot be written is their path, not a bug. */
async function writeReport(flag: string, path: string, label: string, text: string): Promise<boolean> {
  const file = resolve(path);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
    console.log(`${label}: ${file}`);
    return true;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'EISDIR' ? '这是一个文件夹，请写上文件名' : ((e as NodeJS.ErrnoException).code ?? String(e));
    console.error(`无法写入报告文件 ${file}（${why}）。请用 ${flag} 换一个可以写入的路径 Cannot write the report file`);
    return false;
  }
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(`检查无法完成（程序错误，请把这段信息发给维护者）：${(e as Error)?.message ?? e}`);
  process.exitCode = 2;
});
