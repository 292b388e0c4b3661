/**
 * npm run bench:changes -- [--rows 1000000] [--dir .sunlight-cache/bench/changes]
 * Measures the "what changed" comparison alone on two generated 低保 downloads of N rows each (the
 * second with 0.1 % of amounts corrected, 0.1 % of rows withdrawn and a new month's rows added):
 * wall time and the process's peak resident memory (VmHWM).
 */
import { existsSync, mkdirSync, openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareDownloads } from '../src/lib/changes/compare.ts';
import { csvRows } from '../src/lib/changes/csv-rows.ts';
import { compareSpecOf } from '../src/lib/changes/stage.ts';
import { dibao } from '../src/lib/datasets/index.ts';
import { BOM, csvLine, downloadColumns } from '../src/lib/site/downloads.ts';
import { folderSource } from '../src/lib/node-source.ts';
import { parseArgs } from './lib/args.ts';

const { values, error } = parseArgs(process.argv.slice(2), { rows: 'string', dir: 'string' });
if (error) { console.error(error); process.exit(2); }
const rows = Number(values.rows ?? 1_000_000);
const dir = resolve(String(values.dir ?? '.sunlight-cache/bench/changes'));
mkdirSync(dir, { recursive: true });

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂';
/** One household: deterministic, unique per index within a village and month. */
function household(i: number, month: string): (string | number)[] {
  const village = i % 20000;
  const name = SURNAMES[i % 20]! + GIVEN[(i >> 3) % 24]! + GIVEN[(i >> 7) % 24]! + (i >> 12);
  return ['示范镇' + (village % 500), `第${village}村`, name, 1 + (i % 5), 300 + (i * 7) % 900, 'A类', '2020-01-01', month, String(100000000000 + village)];
}

function write(file: string, make: (emit: (cells: (string | number)[]) => void) => void): void {
  const fd = openSync(file, 'w');
  let buf: string[] = [BOM + csvLine(downloadColumns(dibao).map((c) => c.header))];
  let size = 0;
  make((cells) => { const l = csvLine(cells); buf.push(l); size += l.length; if (size > 1 << 20) { writeSync(fd, buf.join('')); buf = []; size = 0; } });
  writeSync(fd, buf.join(''));
  closeSync(fd);
}

const prevFile = join(dir, 'previous', 'dibao.csv');
const curFile = join(dir, 'current', 'dibao.csv');
const stamp = join(dir, `rows-${rows}`);
if (!existsSync(stamp)) {
  mkdirSync(join(dir, 'previous'), { recursive: true });
  mkdirSync(join(dir, 'current'), { recursive: true });
  const half = Math.floor(rows / 2);
  write(prevFile, (emit) => { for (let i = 0; i < rows; i++) emit(household(i % half, i < half ? '2026-09' : '2026-10')); });
  write(curFile, (emit) => {
    for (let i = 0; i < rows; i++) {
      if (i % 1000 === 1) continue; // withdrawn
      const h = household(i % half, i < half ? '2026-09' : '2026-10');
      if (i % 1000 === 2) h[4] = Number(h[4]) + 90; // corrected
      emit(h);
    }
    for (let i = 0; i < Math.floor(rows / 1000); i++) emit(household(i, '2026-11')); // a new month
  });
  closeSync(openSync(stamp, 'w'));
}

const t0 = performance.now();
const spec = compareSpecOf(dibao);
const result = await compareDownloads(spec, csvRows(folderSource(join(dir, 'previous')), 'dibao.csv'), csvRows(folderSource(join(dir, 'current')), 'dibao.csv'), {
  cap: 1000, expectedRows: rows, placeOf: ({ township, village }) => ({ name: `${township} ${village}` }),
});
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage();
const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
console.log(JSON.stringify({ rows, counts: result.counts, listed: { added: result.added.length, removed: result.removed.length, changed: result.changed.length }, seconds: Number(seconds.toFixed(2)), cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)), peakMiB: Math.round(hwm) }));
