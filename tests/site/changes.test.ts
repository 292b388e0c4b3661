// What changed between releases, end to end: release A is the sample build; B corrects a 低保
// amount of an earlier month, withdraws another row and adds one, and is built with --previous A;
// C has B's data and --previous B. B and C must publish the facts in data/changes.json, on the change
// pages and as a 更正/撤回 notice on the village page where the rows stood; C must still show it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { ChangesFile } from '../../src/lib/changes/types.ts';
import { fixed2 } from '../../src/lib/site/format.ts';
import { makeTempDir, runBuild, SAMPLE_DATA, sampleSite } from '../helpers/site.ts';
import { parseAtom } from '../feeds/atom-check.ts';

let root: string;
let A: string;
const B = () => join(root, 'B');
const C = () => join(root, 'C');
const FILE = join('dibao', '2026-09.csv');
const VILLAGE = '红星社区';
let corrected: { name: string; old: string; new: string };
let withdrawn: { name: string; amount: string };
let otherVillagePage: string;

/** Edits the copy: one amount corrected, one row withdrawn, one added; the 合计 row follows. */
function editCopy(dir: string): void {
  const path = join(dir, FILE);
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = lines[1]!.split(',');
  const [iVillage, iName, iPersons, iAmount] = ['村', '户主姓名', '保障人数', '月保障金额（元）'].map((h) => header.indexOf(h));
  const ours = lines.map((l, i) => ({ l, i, c: l.split(',') })).filter((x) => x.c[iVillage!] === VILLAGE && /^\d+$/.test(x.c[iAmount!]!));
  const fix = ours[0]!;
  const drop = ours[1]!;
  corrected = { name: fix.c[iName!]!, old: fix.c[iAmount!]!, new: String(Number(fix.c[iAmount!]) + 173) };
  withdrawn = { name: drop.c[iName!]!, amount: drop.c[iAmount!]! };
  fix.c[iAmount!] = corrected.new;
  lines[fix.i] = fix.c.join(',');
  const total = lines.findIndex((l) => l.startsWith('合计'));
  const t = lines[total]!.split(',');
  t[iPersons!] = String(Number(t[iPersons!]) - Number(drop.c[iPersons!]) + 2);
  t[iAmount!] = String(Number(t[iAmount!]) + 173 - Number(withdrawn.amount) + 700);
  const added = [...drop.c];
  added[0] = '999'; added[iName!] = '王新户'; added[iPersons!] = '2'; added[iAmount!] = '700'; added[4] = ''; added[5] = '';
  lines[total] = t.join(',');
  lines.splice(total, 0, added.join(','));
  lines.splice(drop.i, 1);
  writeFileSync(path, lines.join('\n'));
}

const html = (dir: string, page: string) => readFileSync(join(dir, page, 'index.html'), 'utf8').replace(/<svg[\s\S]*?<\/svg>/g, '');
const text = (s: string) => s.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const changesOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'data', 'changes.json'), 'utf8')) as ChangesFile;

beforeAll(async () => {
  root = makeTempDir('sunlight-changes-');
  A = (await sampleSite()).dir;
  const data = join(root, 'data');
  cpSync(SAMPLE_DATA, data, { recursive: true });
  editCopy(data);
  const b = await runBuild({ data, out: B(), asOf: '2026-12-22', reportDir: join(root, 'rb'), extra: ['--previous', A] });
  expect(b.code, b.stdout + b.stderr).toBe(0);
  const c = await runBuild({ data, out: C(), asOf: '2027-01-22', reportDir: join(root, 'rc'), extra: ['--previous', B()] });
  expect(c.code, c.stdout + c.stderr).toBe(0);
  const manifest = JSON.parse(readFileSync(join(B(), 'data', 'manifest.json'), 'utf8')) as { regions: { name: string; url: string; level: string }[] };
  otherVillagePage = manifest.regions.find((r) => r.level === 'village' && r.name !== VILLAGE)!.url;
}, 400_000);
afterAll(() => { if (root) rmSync(root, { recursive: true, force: true }); });

describe('a release built with --previous', () => {
  it('publishes the correction, withdrawal and addition in data/changes.json', () => {
    const f = changesOf(B());
    expect(f.compared).toBe(true);
    expect(f.previous).toEqual({ asOf: '2026-11-22' });
    const d = f.datasets.find((x) => x.id === 'dibao')!;
    expect(d.counts).toMatchObject({ added: 1, removed: 1, changed: 1 });
    expect(d.changed[0]!.key['户主姓名']).toBe(corrected.name);
    expect(d.changed[0]!.changes).toEqual([{ column: '月保障金额（元）', old: corrected.old, new: corrected.new }]);
    expect(d.removed[0]!.key).toMatchObject({ 户主姓名: withdrawn.name, 发放年月: '2026-09', 村: VILLAGE });
    expect(d.removed[0]!.values['月保障金额（元）']).toBe(withdrawn.amount);
    expect(d.added[0]!.key['户主姓名']).toBe('王新户');
    for (const other of f.datasets.filter((x) => x.id !== 'dibao')) expect(other.counts).toMatchObject({ added: 0, removed: 0, changed: 0 });
  });

  it('lists changes.json in the manifest and covers it by SHA256SUMS', () => {
    const manifest = JSON.parse(readFileSync(join(B(), 'data', 'manifest.json'), 'utf8')) as { changes: string };
    expect(manifest.changes).toBe('changes.json');
    const sums = readFileSync(join(B(), 'data', 'SHA256SUMS'), 'utf8');
    const digest = createHash('sha256').update(readFileSync(join(B(), 'data', 'changes.json'))).digest('hex');
    expect(sums).toContain(`${digest}  changes.json`);
  });

  it('shows old → new on the release and dataset change pages', () => {
    const release = text(html(B(), 'changes'));
    expect(release).toMatch(/与上一次发布（数据截至2026年11月22日）逐条比较/);
    expect(release).toMatch(/撤回 1 条，更正 1 条/);
    const page = text(html(B(), 'datasets/dibao/changes'));
    expect(page).toContain(`${corrected.name} 月保障金额（元） ${fixed2(Number(corrected.old))} → ${fixed2(Number(corrected.new))}`);
    expect(page).toContain(withdrawn.name);
    expect(page).toContain('王新户');
    expect(text(html(B(), 'datasets/dibao'))).toMatch(/更正\/撤回 2026年12月22日发布：撤回 1 条、更正 1 条已公开的记录/);
  });

  it('puts the 更正/撤回 notice on the village page where the rows stood, and only there', () => {
    const manifest = JSON.parse(readFileSync(join(B(), 'data', 'manifest.json'), 'utf8')) as { regions: { name: string; url: string }[] };
    const village = manifest.regions.find((r) => r.name === VILLAGE)!.url;
    const page = html(B(), village);
    const notice = text(page.slice(page.indexOf('id="corrections"'), page.indexOf('</section>', page.indexOf('id="corrections"'))));
    expect(notice).toContain(`撤回 低保对象 2026年9月 城关镇 ${VILLAGE} ${withdrawn.name}`);
    expect(notice).toContain(`更正 低保对象 2026年9月 城关镇 ${VILLAGE} ${corrected.name}`);
    expect(html(B(), otherVillagePage)).not.toContain('id="corrections"');
  });

  it('keeps the earlier withdrawal visible in a later release with unchanged data', () => {
    const f = changesOf(C());
    expect(f.previous).toEqual({ asOf: '2026-12-22' });
    for (const d of f.datasets) expect(d.counts).toMatchObject({ added: 0, removed: 0, changed: 0 });
    expect(f.notices.map((n) => [n.release, n.kind, n.key['户主姓名']])).toEqual(expect.arrayContaining([['2026-12-22', 'withdrawn', withdrawn.name], ['2026-12-22', 'corrected', corrected.name]]));
    const manifest = JSON.parse(readFileSync(join(C(), 'data', 'manifest.json'), 'utf8')) as { regions: { name: string; url: string }[] };
    const village = manifest.regions.find((r) => r.name === VILLAGE)!.url;
    expect(text(html(C(), village))).toMatch(new RegExp(`撤回 低保对象 2026年9月 城关镇 ${VILLAGE} ${withdrawn.name}.*2026年12月22日发布`));
    expect(text(html(C(), 'changes'))).toMatch(/没有新增、删除或更正/);
    expect(text(html(C(), 'changes'))).toMatch(/2026年12月22日发布：撤回 1 条，更正 1 条/);
  });

  it('tells feed subscribers: changes/feed.xml has an entry for the village\'s correction and withdrawal, kept in the next release', () => {
    const b = parseAtom(readFileSync(join(B(), 'changes', 'feed.xml'), 'utf8'));
    expect(b.entries).toHaveLength(1);
    const [entry] = b.entries;
    expect(entry!.title).toBe(`城关镇 ${VILLAGE} 低保对象：更正 1 条，撤回 1 条`);
    expect(entry!.updated).toBe('2026-12-22T00:00:00+08:00');
    const manifest = JSON.parse(readFileSync(join(B(), 'data', 'manifest.json'), 'utf8')) as { regions: { name: string; url: string }[] };
    const village = manifest.regions.find((r) => r.name === VILLAGE)!.url;
    expect(entry!.links[0]!.href.endsWith(`${village}#corrections`)).toBe(true);
    // The next release carries it with the same id; the changes page links the feed.
    const c = parseAtom(readFileSync(join(C(), 'changes', 'feed.xml'), 'utf8'));
    expect(c.entries.map((e) => e.id)).toEqual([entry!.id]);
    expect(html(B(), 'changes')).toContain('href="/changes/feed.xml"');
    // A release that compared nothing has an empty, valid feed.
    expect(parseAtom(readFileSync(join(A, 'changes', 'feed.xml'), 'utf8')).entries).toEqual([]);
  });

  it('says a release built without --previous was not compared, rather than "no changes"', () => {
    const page = text(html(A, 'changes'));
    expect(page).toMatch(/没有与以前的发布比较/);
    expect(page).not.toMatch(/没有新增、删除或更正/);
    expect(changesOf(A).compared).toBe(false);
  });

  it('keeps 变动情况 between months (who joined, who left, the recent counts) distinct from 更正/撤回, for 低保, 特困 and 养老金', () => {
    const manifest = JSON.parse(readFileSync(join(A, 'data', 'manifest.json'), 'utf8')) as { regions: { name: string; url: string }[] };
    const page = html(A, manifest.regions.find((r) => r.name === VILLAGE)!.url);
    for (const ds of ['dibao', 'tekun', 'pension']) {
      const start = page.indexOf(`id="${ds}"`);
      const section = text(page.slice(start, page.indexOf('</section>', start)));
      expect(section).toMatch(/变动情况 \d{4}年\d{1,2}月与\d{4}年\d{1,2}月相比：/);
      const trend = /近 (\d) 个月（[户人]）：((?:\d{4}年\d{1,2}月 \d+(?: → )?)+)/.exec(section);
      expect(trend, section).not.toBeNull();
      expect(trend![2]!.trim().split(' → ').length).toBe(Number(trend![1]));
      expect(Number(trend![1])).toBeGreaterThanOrEqual(3);
      expect(section).not.toContain('更正/撤回');
    }
    expect(page).not.toContain('id="corrections"');
  });

  it('keeps the personal identifiers of withdrawn rows out: only published columns come back', () => {
    const original = readFileSync(join(SAMPLE_DATA, FILE), 'utf8');
    const lines = original.split('\n');
    const idColumn = lines[1]!.split(',').indexOf('身份证号');
    const withdrawnId = lines.find((l) => l.includes(`,${VILLAGE},${withdrawn.name},`))!.split(',')[idColumn]!;
    expect(withdrawnId).toMatch(/^\d{17}[\dX]$/);
    for (const dir of [B(), C()]) {
      expect(readFileSync(join(dir, 'data', 'changes.json'), 'utf8')).not.toContain(withdrawnId);
      expect(readFileSync(join(dir, 'changes', 'index.html'), 'utf8')).not.toContain(withdrawnId);
      expect(readFileSync(join(dir, 'datasets', 'dibao', 'changes', 'index.html'), 'utf8')).not.toContain(withdrawnId);
    }
  });

  it('refuses a --previous folder that is not a published release (exit 2, nothing written)', async () => {
    const foreign = join(root, 'foreign');
    mkdirSync(join(foreign, 'data'), { recursive: true });
    writeFileSync(join(foreign, 'data', 'dibao.csv'), 'a,b\n');
    const out = join(root, 'never');
    const r = await runBuild({ data: SAMPLE_DATA, out, extra: ['--previous', foreign] });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/不是以前发布的网站.*manifest\.json/);
    const missing = await runBuild({ data: SAMPLE_DATA, out, extra: ['--previous', join(root, 'nope')] });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/找不到上次发布的网站文件夹/);
    expect(existsSync(out)).toBe(false);
  });
});
