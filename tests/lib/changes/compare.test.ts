import { describe, expect, it } from 'vitest';
import { arrayRows, compareDownloads, type CompareSpec } from '../../../src/lib/changes/compare.ts';
import { changeText, keyText, valueText } from '../../../src/lib/changes/view.ts';

const H = ['乡镇', '村', '户主姓名', '保障人数', '月保障金额（元）', '发放年月', '区划代码'];
const spec: CompareSpec = {
  id: 'dibao', title: '低保对象', keyColumns: ['发放年月', '乡镇', '村', '户主姓名'],
  periodColumn: '发放年月', placeColumns: { township: '乡镇', village: '村', code: '区划代码' }, ignoreColumns: ['区划代码'],
};
const opts = { cap: 100, placeOf: ({ township, village, code }: { township: string; village: string; code: string }) => ({ ...(code ? { id: code } : {}), name: `${township} ${village}` }) };
const row = (name: string, amount: string, period = '2026-09', persons = '1', village = '红星社区') => ['城关镇', village, name, persons, amount, period, '100001'];

describe('compareDownloads', () => {
  const before = [H, row('张三', '560'), row('李四', '631'), row('王五', '480')];

  it('finds rows added, removed and changed, with old → new values', async () => {
    const after = [H, row('张三', '650'), row('王五', '480'), row('赵六', '700')];
    const r = await compareDownloads(spec, arrayRows(before), arrayRows(after), opts);
    expect(r.counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    expect(r.changed).toEqual([{ place: '100001', placeName: '城关镇 红星社区', key: { 发放年月: '2026-09', 乡镇: '城关镇', 村: '红星社区', 户主姓名: '张三' }, changes: [{ column: '月保障金额（元）', old: '560', new: '650' }] }]);
    expect(r.removed.map((x) => x.key['户主姓名'])).toEqual(['李四']);
    expect(r.removed[0]!.values['月保障金额（元）']).toBe('631');
    expect(r.added.map((x) => x.key['户主姓名'])).toEqual(['赵六']);
    expect(r.byPlace).toEqual([{ place: '100001', placeName: '城关镇 红星社区', added: 1, removed: 1, changed: 1, newPeriod: 0 }]);
    expect(r.byPeriod).toEqual([{ period: '2026-09', newPeriod: false, added: 1, removed: 1, changed: 1 }]);
  });

  it('ignores row order', async () => {
    const after = [H, ...before.slice(1).reverse()];
    const r = await compareDownloads(spec, arrayRows(before), arrayRows(after), opts);
    expect(r.counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 3 });
  });

  it('counts a new period as a new publication without listing its rows', async () => {
    const after = [...before, row('张三', '560', '2026-10'), row('王五', '480', '2026-10')];
    const r = await compareDownloads(spec, arrayRows(before), arrayRows(after), opts);
    expect(r.counts.added).toBe(2);
    expect(r.added).toEqual([]);
    expect(r.byPeriod).toEqual([{ period: '2026-10', newPeriod: true, added: 2, removed: 0, changed: 0 }]);
    // Per place too: a journalist can tell a new month from rows slipped into an old one.
    expect(r.byPlace).toEqual([{ place: '100001', placeName: '城关镇 红星社区', added: 2, removed: 0, changed: 0, newPeriod: 2 }]);
  });

  it('matches rows with duplicate keys in order of appearance and says so', async () => {
    const dup = [H, row('张三', '560'), row('张三', '300'), row('李四', '631')];
    const after = [H, row('张三', '560'), row('张三', '350'), row('李四', '631')];
    const r = await compareDownloads(spec, arrayRows(dup), arrayRows(after), opts);
    expect(r.counts).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 2 });
    expect(r.changed[0]!.changes).toEqual([{ column: '月保障金额（元）', old: '300', new: '350' }]);
    expect(r.notes.map((n) => n.zh).join()).toMatch(/1 行与前面的行键值/);
    expect(r.notes.map((n) => n.en).join()).toMatch(/repeat an earlier row's key/);
    // One duplicate fewer: the second 张三 was withdrawn.
    const fewer = await compareDownloads(spec, arrayRows(dup), arrayRows([H, row('张三', '560'), row('李四', '631')]), opts);
    expect(fewer.counts).toEqual({ added: 0, removed: 1, changed: 0, unchanged: 2 });
    expect(fewer.removed[0]!.values['月保障金额（元）']).toBe('300');
  });

  it('compares only the columns both releases have, and names the others', async () => {
    const H2 = [...H.slice(0, 5), '保障类别', ...H.slice(5)];
    const after = [H2, ...before.slice(1).map((r) => [...r.slice(0, 5), 'A类', ...r.slice(5)])];
    const r = await compareDownloads(spec, arrayRows(before), arrayRows(after), opts);
    expect(r.counts.changed).toBe(0);
    expect(r.columnsAdded).toEqual(['保障类别']);
    const back = await compareDownloads(spec, arrayRows(after), arrayRows(before), opts);
    expect(back.columnsRemoved).toEqual(['保障类别']);
    // A column no longer published is not shown again in the old values of withdrawn rows.
    const gone = await compareDownloads(spec, arrayRows(after), arrayRows([H, row('张三', '560')]), opts);
    expect(gone.removed.length).toBe(2);
    for (const x of gone.removed) expect(Object.keys(x.values)).not.toContain('保障类别');
  });

  it('reports a previous file it cannot compare instead of failing', async () => {
    const html = [['<!DOCTYPE html>'], ['<html>']];
    const r = await compareDownloads(spec, arrayRows(html), arrayRows(before), opts);
    expect(r.status).toBe('not-comparable');
    expect(r.notes[0]!.zh).toMatch(/缺少用于比对的列：发放年月、乡镇、村、户主姓名/);
    expect(r.notes[0]!.en).toMatch(/lacks the key columns/);
    const broken = { header: async () => { throw new Error('EIO'); }, rows: async () => { throw new Error('EIO'); } };
    const r2 = await compareDownloads(spec, broken, arrayRows(before), opts);
    expect(r2.status).toBe('not-comparable');
    expect(r2.notes[0]!.zh).toMatch(/无法读取（EIO）/);
  });

  it('handles datasets new in this release or no longer published', async () => {
    const fresh = await compareDownloads(spec, undefined, arrayRows(before), opts);
    expect(fresh.status).toBe('new-dataset');
    expect(fresh.counts.added).toBe(3);
    expect(fresh.removed).toEqual([]);
    const gone = await compareDownloads(spec, arrayRows(before), undefined, opts);
    expect(gone.status).toBe('dataset-removed');
    expect(gone.counts.removed).toBe(3);
    expect(gone.removed.length).toBe(3);
  });

  it('lists details up to the cap and counts the rest', async () => {
    const many = [H, ...Array.from({ length: 10 }, (_, i) => row(`户${i}`, String(100 + i)))];
    const changed = [H, ...Array.from({ length: 10 }, (_, i) => row(`户${i}`, String(200 + i)))];
    const r = await compareDownloads(spec, arrayRows(many), arrayRows(changed), { ...opts, cap: 3 });
    expect(r.counts.changed).toBe(10);
    expect(r.changed.length).toBe(3);
    expect(r.omitted.changed).toBe(7);
    expect(r.notes.map((n) => n.zh).join()).toMatch(/最多列出 3 行/);
  });

  it('undoes the formula guard of the downloads in the values it shows', async () => {
    const r = await compareDownloads(spec, arrayRows([H, row("'=1+1", '1')]), arrayRows([H]), opts);
    expect(r.removed[0]!.key['户主姓名']).toBe('=1+1');
  });

  it('is the same whatever the input order of equal files', async () => {
    const a = await compareDownloads(spec, arrayRows(before), arrayRows([H, row('乙', '1'), row('甲', '2')]), opts);
    const b = await compareDownloads(spec, arrayRows(before), arrayRows([H, row('甲', '2'), row('乙', '1')]), opts);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('change display', () => {
  it('formats money old → new in yuan with two decimals', () => {
    expect(changeText({ column: '月保障金额（元）', old: '560', new: '650' })).toBe('月保障金额（元） 560.00 → 650.00');
    expect(changeText({ column: '合同金额（元）', old: '1234567.5', new: '' })).toBe('合同金额（元） 1,234,567.50 → —');
    expect(valueText('保障人数', '2')).toBe('2');
    expect(keyText({ 发放年月: '2026-09', 村: '红星社区', 户主姓名: '张三' })).toBe('2026年9月 红星社区 张三');
  });
});
