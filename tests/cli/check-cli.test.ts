/** `npm run check` as an office runs it: node scripts/check.ts --data DIR --report FILE.json --html FILE.html */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeGb18030 } from '../../scripts/sample/gbk.ts';
import { idCheckDigit } from '../../src/lib/pii.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = mkdtempSync(join(tmpdir(), 'sunlight-check-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ID17 = '51012219800101001';
const ID = ID17 + idCheckDigit(ID17);

function write(dir: string, files: Record<string, string | Uint8Array>): string {
  for (const [path, content] of Object.entries(files)) {
    const p = join(dir, path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

function runCli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/check.ts'), ...args], { cwd, encoding: 'utf8', timeout: 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonReport {
  ok: boolean;
  summary: { files: number; rows: number; errors: number; warnings: number };
  files: { path: string; dataset: string | null; encoding: string | null; rows: number; issues: { severity: string; code: string; row?: number; column?: string; message: string }[] }[];
}

const REGIONS = '区划代码,名称,上级代码\n510122000000,示例县,\n510122100000,城关镇,510122000000\n510122100201,王家村,510122100000\n';

let warnDir: string;
let errorDir: string;
beforeAll(() => {
  // Only warnings: a private column is dropped.
  warnDir = write(join(tmp, 'warn'), {
    'regions.csv': REGIONS,
    'dibao/2024-06.csv': encodeGb18030('城关镇2024年6月低保公示\r\n乡镇,村,户主姓名,保障人数,月保障金额（元）,身份证号\r\n城关镇,王家村,张三,3,"1,234.50",' + ID + '\r\n城关镇,王家村,李四,2,350,\r\n合计,,,5,"1,584.50",\r\n'),
  });
  // Errors, including an attempt at script injection and a person listed twice.
  errorDir = write(join(tmp, 'with errors'), {
    'regions.csv': REGIONS,
    'dibao/2024-06.csv': [
      '乡镇,村,户主姓名,保障人数,月保障金额,身份证号',
      `城关镇,王家村,张三,3,500,${ID}`,
      '城关镇,王家村,李四,<img src=x onerror=alert(1)>,400,',
      `城关镇,王家村,王五,1,300,${ID}`,
      '',
    ].join('\n'),
    'finance/notes.csv': '',
  });
});

describe('check CLI', () => {
  it('exits 0 with warnings only, prints a progress line per file and a Chinese summary', () => {
    const r = runCli(['--data', warnDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[1/1] ! dibao/2024-06.csv  低保对象  GBK/GB18030  2 行  1 个警告');
    expect(r.stdout).toContain('警告 [private-column-dropped] dibao/2024-06.csv 「身份证号」列');
    expect(r.stdout).toContain('检查了 2 个文件，2 行数据：0 个错误，1 个警告。');
    expect(r.stdout).toContain('可以发布');
  });

  it('exits 1 with errors and writes the JSON report in the documented shape', () => {
    const reportPath = join(tmp, 'out', 'report.json');
    // a relative --data path, from another working directory
    const r = runCli(['--data', relative(tmp, errorDir), '--report', reportPath], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('有错误，不能发布');
    const json = JSON.parse(readFileSync(reportPath, 'utf8')) as JsonReport;
    expect(Object.keys(json)).toEqual(['ok', 'summary', 'files']);
    expect(json.ok).toBe(false);
    expect(json.summary).toEqual({ files: 3, rows: 1, errors: 3, warnings: 1 });
    const dibao = json.files.find((f) => f.path === 'dibao/2024-06.csv')!;
    expect(dibao).toMatchObject({ dataset: 'dibao', encoding: 'utf-8', rows: 1 });
    for (const f of json.files) expect(Object.keys(f).slice(0, 5)).toEqual(['path', 'dataset', 'encoding', 'rows', 'issues']);
    const errs = dibao.issues.filter((i) => i.severity === 'error');
    expect(errs.map((i) => [i.code, i.row, i.column])).toEqual([['type-error', 3, '保障人数'], ['duplicate-person', 4, '身份证号']]);
    for (const i of errs) expect(Object.keys(i)).toEqual(['severity', 'code', 'row', 'column', 'message']);
    expect(json.files.find((f) => f.path === 'finance/notes.csv')!.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'empty-file' })]);
    // the ID is used for the check, never printed in full
    expect(readFileSync(reportPath, 'utf8')).not.toContain(ID);
    expect(r.stdout).not.toContain(ID);
  });

  it('writes an HTML report in which a cell’s markup is escaped', () => {
    const htmlPath = join(tmp, 'out', 'nested', 'report.html');
    const r = runCli(['--data', errorDir, '--html', htmlPath, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('[1/2]');
    const html = readFileSync(htmlPath, 'utf8');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain(ID);
  });

  it('exits 2 when the data folder does not exist, and writes no report', () => {
    const reportPath = join(tmp, 'missing-report.json');
    const r = runCli(['--data', join(tmp, 'no such folder'), '--report', reportPath]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('找不到数据文件夹');
    expect(existsSync(reportPath)).toBe(false);
  });

  it('exits 2 with a plain message, not a program error, when a report path cannot be written', () => {
    const r = runCli(['--data', warnDir, '--html', tmp, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`无法写入报告文件 ${tmp}（这是一个文件夹，请写上文件名）。请用 --html 换一个可以写入的路径`);
    expect(r.stderr).not.toContain('程序错误');
  });

  it('exits 2 on an unknown option', () => {
    const r = runCli(['--dta', warnDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--dta');
  });
});
