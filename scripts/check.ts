/**
 * npm run check -- [--data DIR] [--report FILE.json] [--html FILE.html] [--quiet]
 * Exit 0: no errors (warnings allowed); 1: errors; 2: cannot run (e.g. the folder does not exist).
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { runCheck } from '../src/lib/check.ts';
import { folderSource } from '../src/lib/node-source.ts';
import { diskSpill } from '../src/lib/node-spill.ts';
import { formatSummary, progressLine, renderHtmlReport } from '../src/lib/report.ts';
import { parseArgs } from './lib/args.ts';

async function main(): Promise<number> {
  const { values, error } = parseArgs(process.argv.slice(2), { data: 'string', report: 'string', html: 'string', quiet: 'boolean' });
  if (error) { console.error(error); return 2; }
  const dataDir = resolve(String(values.data ?? 'data'));
  const st = await stat(dataDir).catch(() => undefined);
  if (!st?.isDirectory()) {
    console.error(`找不到数据文件夹：${dataDir}。请用 --data 指定存放 CSV 的文件夹。 Data folder not found.`);
    return 2;
  }
  console.log(`检查数据文件夹 Checking ${dataDir}`);
  const { report, site } = await runCheck({
    source: folderSource(dataDir),
    // Past two million rows per index, duplicate checks spill to a temporary folder: flat memory.
    spill: () => diskSpill(),
    onProgress: (p) => { const line = progressLine(p); if (line && !values.quiet) console.log(line); },
  });
  console.log('');
  console.log(formatSummary(report));
  if (typeof values.report === 'string') {
    const file = resolve(values.report);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(report, null, 2) + '\n');
    console.log(`JSON 报告 report: ${file}`);
  }
  if (typeof values.html === 'string') {
    const file = resolve(values.html);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, renderHtmlReport(report, { title: site.title }));
    console.log(`HTML 报告 report: ${file}`);
  }
  return report.ok ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(`检查无法完成（程序错误，请把这段信息发给维护者）：${(e as Error)?.message ?? e}`);
  process.exitCode = 2;
});
