import { describe, expect, it } from 'vitest';
import type { CheckReport, FileReport } from '../../src/lib/check.ts';
import { formatSummary, locationText, progressLine, renderHtmlReport } from '../../src/lib/report.ts';
import { check } from './helpers.ts';

const dibaoFile: FileReport = {
  path: 'dibao/2024-06.csv', dataset: 'dibao', encoding: 'gb18030', rows: 120,
  issues: [
    { severity: 'info', code: 'context-from-name', column: '发放年月', message: '表中没有「发放年月」列，按文件名取为「2024年6月」' },
    { severity: 'warning', code: 'private-column-dropped', column: '身份证号', message: '以下列含个人信息，已从所有公开内容中删除：身份证号' },
    { severity: 'error', code: 'type-error', row: 14, column: '保障人数', message: '「保障人数」：「三」不是数字，应为整数' },
  ],
};
const financeFile: FileReport = { path: 'finance/城关镇王家村-2024Q2.csv', dataset: 'finance', encoding: 'utf-8-bom', rows: 30, issues: [] };
const report = (files: FileReport[], errors: number, warnings: number): CheckReport =>
  ({ ok: errors === 0, summary: { files: files.length, rows: files.reduce((a, f) => a + f.rows, 0), errors, warnings }, files });

describe('progressLine', () => {
  it('prints one line per finished file with mark, dataset, encoding, rows and counts', () => {
    expect(progressLine({ kind: 'file-done', report: dibaoFile, index: 1, total: 7 }))
      .toBe('[1/7] ✗ dibao/2024-06.csv  低保对象  GBK/GB18030  120 行  1 个错误  1 个警告');
    expect(progressLine({ kind: 'file-done', report: financeFile, index: 2, total: 7 }))
      .toBe('[2/7] ✓ finance/城关镇王家村-2024Q2.csv  村级财务收支  UTF-8（带 BOM）  30 行');
    expect(progressLine({ kind: 'file-start', path: 'x', index: 1, total: 1 })).toBeUndefined();
  });

  it('counts issues left out of the list beyond the per-code limit', () => {
    const f: FileReport = { ...financeFile, issues: [{ severity: 'warning', code: 'duplicate-row', row: 3, message: '重复' }], omitted: { 'duplicate-row': 4 } };
    expect(progressLine({ kind: 'file-done', report: f, index: 1, total: 1 })).toContain('! finance/');
    expect(progressLine({ kind: 'file-done', report: f, index: 1, total: 1 })).toContain('5 个警告');
  });
});

describe('formatSummary', () => {
  it('lists errors before warnings with file, row and column, then the totals and the verdict', () => {
    const text = formatSummary(report([dibaoFile, financeFile], 1, 1));
    const lines = text.split('\n');
    expect(lines[0]).toBe('错误 [type-error] dibao/2024-06.csv 第 14 行 「保障人数」列：「保障人数」：「三」不是数字，应为整数');
    expect(lines[1]).toBe('警告 [private-column-dropped] dibao/2024-06.csv 「身份证号」列：以下列含个人信息，已从所有公开内容中删除：身份证号');
    expect(text).not.toContain('context-from-name');
    expect(text).toContain('检查了 2 个文件，150 行数据：1 个错误，1 个警告。');
    expect(lines.at(-1)).toContain('有错误，不能发布');
  });

  it('says OK to publish when there are only warnings, and when there is nothing', () => {
    const warnOnly = { ...dibaoFile, issues: dibaoFile.issues.filter((i) => i.severity !== 'error') };
    expect(formatSummary(report([warnOnly], 0, 1)).split('\n').at(-1)).toContain('可以发布（请看一下警告）');
    expect(formatSummary(report([financeFile], 0, 0)).split('\n').at(-1)).toBe('可以发布。 OK to publish.');
  });

  it('cuts a long list and points at the full reports', () => {
    const many: FileReport = { ...financeFile, issues: Array.from({ length: 5 }, (_, i) => ({ severity: 'error' as const, code: 'type-error', row: i + 2, column: '收入', message: 'x' })) };
    const text = formatSummary(report([many], 5, 0), 2);
    expect(text.split('\n').filter((l) => l.startsWith('错误')).length).toBe(2);
    expect(text).toContain('……另有 3 条');
  });

  it('locationText leaves out what an issue does not have', () => {
    expect(locationText(financeFile, { severity: 'error', code: 'x', message: '' })).toBe('finance/城关镇王家村-2024Q2.csv');
    expect(locationText(financeFile, { severity: 'error', code: 'x', row: 3, message: '' })).toBe('finance/城关镇王家村-2024Q2.csv 第 3 行');
  });
});

describe('renderHtmlReport', () => {
  it('escapes everything that came from the data, so a cell cannot run script', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const run = await check({
      'dibao/2024-06.csv': `乡镇,村,户主姓名,保障人数,月保障金额,"${evil}"\n城关镇,王家村,张三,${evil},500,x\n`,
      [`dibao/<b>2024-07</b>.csv`]: '乡镇,村,户主姓名,保障人数,月保障金额\n城关镇,王家村,张三,1,500\n',
    });
    const html = renderHtmlReport(run.report, { title: '示例县<script>alert(2)</script>' });
    expect(run.issues('dibao/2024-06.csv', 'type-error')[0]!.message).toContain(evil);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>2024');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('示例县&lt;script&gt;');
  });

  it('shows each file with its findings, row numbers and the verdict', async () => {
    const html = renderHtmlReport(report([dibaoFile, financeFile], 1, 1), { title: '示例县', generatedFor: '2024-06' });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<strong>有错误，不能发布</strong>：检查了 2 个文件、150 行数据，1 个错误，1 个警告。');
    expect(html).toContain('<h2>dibao/2024-06.csv</h2>');
    expect(html).toContain('<tr class="error"><td>错误</td><td>14</td><td>保障人数</td>');
    expect(html).toContain('<code>type-error</code> 格式不对');
    // where the period came from is shown; other info is not
    expect(html).toContain('按文件名取为');
    expect(html).toMatch(/<h2>finance\/城关镇王家村-2024Q2\.csv<\/h2><p>[^<]*<span class="good">通过<\/span><\/p><p>没有问题。<\/p>/);
  });

  it('lists the files that need work first, linked from an index, and folds the clean ones away', () => {
    const warnOnly: FileReport = { path: 'a-first/2024-05.csv', dataset: 'dibao', encoding: 'utf-8', rows: 3, issues: [{ severity: 'warning', code: 'unknown-column', column: '备注', message: '以下列不会发布：备注' }] };
    const html = renderHtmlReport(report([financeFile, warnOnly, dibaoFile], 1, 2), { title: '示例县' });
    // The index names the files with errors, then those with warnings, each linking to its section.
    const index = html.slice(html.indexOf('需要处理的文件（2 个）'), html.indexOf('</ul>'));
    expect([...index.matchAll(/<a href="#(f\d+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([['f2', 'dibao/2024-06.csv'], ['f1', 'a-first/2024-05.csv']]);
    expect(html).toContain('<section id="f2"><h2>dibao/2024-06.csv</h2>');
    // Sections in the same order; the clean file after them, inside a folded <details>.
    expect(html.indexOf('<h2>dibao/2024-06.csv</h2>')).toBeLessThan(html.indexOf('<h2>a-first/2024-05.csv</h2>'));
    const folded = html.slice(html.indexOf('<details>'));
    expect(folded).toContain('其余 1 个文件没有错误或警告');
    expect(folded).toContain('<h2>finance/城关镇王家村-2024Q2.csv</h2>');
    expect(html.slice(0, html.indexOf('<details>'))).not.toContain('finance/城关镇王家村-2024Q2.csv');
  });
});
