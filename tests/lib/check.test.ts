/**
 * End to end through runCheck: fixture files as offices really export them, written here byte by
 * byte (GBK, UTF-8 with BOM, UTF-16LE), with the row and column every finding must point at.
 */
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/lib/check.ts';
import { memorySource } from '../../src/lib/source.ts';
import { encodeGb18030 } from '../../scripts/sample/gbk.ts';
import { bankCard, brief, check, concatBytes, residentId, utf16le, utf8Bom } from './helpers.ts';

const ID1 = residentId(1);
const ID2 = residentId(2);
const ID3 = residentId(3);
const MOBILE = '13800138000';
const CARD = bankCard();

/** Writes records as CSV (or tab-separated) text, quoting cells that need it, as Excel does. */
function sheet(rows: string[][], delimiter = ',', eol = '\r\n'): string {
  const q = (c: string) => (c.includes(delimiter) || c.includes('"') || c.includes('\n') ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(q).join(delimiter)).join(eol) + eol;
}

/**
 * A 低保 list as a township exports it: title row, blank row, 序号 column, blank trailing columns,
 * private columns, a quoted cell with a line break, a blank line, an ID mangled by Excel, a 合计
 * row, and notes rows (公示期, 监督电话, a signature line over several cells).
 */
function dibaoList(month: number): string[][] {
  return [
    [`城关镇2024年${month}月城乡低保对象公示`, '', '', '', '', '', '', '', '', ''],
    ['', '', '', '', '', '', '', '', '', ''],
    ['序号', '乡镇', '村', '户主姓名', '保障人数', '月保障金额（元）', '保障类别', '身份证号', '联系电话', ''],
    ['1', '城关镇', '王家村', '张三', '3', '1,234.50', 'A类', ID1, MOBILE, ''],
    ['2', '城关镇', '王家村', '李四', '２', '￥350', 'B类', ID2, '', ''],
    ['3', '城关镇', '李家村', '王五', '1', '300', 'A类\n（重点）', ID3, '', ''],
    [''],
    ['4', '城关镇', '李家村', '赵六', '2', '400', '—', '5.11999E+17', '', ''],
    ['合计', '', '', '', '8', '2,284.50', '', '', '', ''],
    ['公示期：2024年6月1日至6月7日', '', '', '', '', '', '', '', '', ''],
    ['监督电话：0838-1234567', '', '', '', '', '', '', '', '', ''],
    ['制表人：钱七', '', '审核人：孙八', '', '日期：2024年6月1日', '', '', '', '', ''],
  ];
}

const DIBAO_LINES = [4, 5, 6, 8];

describe('encodings and layout quirks', () => {
  const files = {
    'dibao/2024-06-gbk.csv': encodeGb18030(sheet(dibaoList(6))),
    'dibao/2024-07-bom.csv': utf8Bom(sheet(dibaoList(7))),
    'dibao/2024-08-unicode.csv': utf16le(sheet(dibaoList(8), '\t')),
    'dibao/2024-09-lf.csv': sheet(dibaoList(9), ',', '\n'),
  };
  const expected = [
    ['dibao/2024-06-gbk.csv', 'gb18030', '2024-06'],
    ['dibao/2024-07-bom.csv', 'utf-8-bom', '2024-07'],
    ['dibao/2024-08-unicode.csv', 'utf-16le', '2024-08'],
    ['dibao/2024-09-lf.csv', 'utf-8', '2024-09'],
  ] as const;

  it.each(expected)('%s: encoding %s is recorded and the rows are read at their spreadsheet row numbers', async (path, encoding, period) => {
    const run = await check(files);
    const f = run.file(path);
    expect(f.encoding).toBe(encoding);
    expect(f.dataset).toBe('dibao');
    expect(f.rows).toBe(4);
    const rows = run.accepted.filter((a) => a.file === path);
    expect(rows.map((a) => a.line)).toEqual(DIBAO_LINES);
    expect(rows.map((a) => a.row)).toEqual([
      { township: '城关镇', village: '王家村', name: '张三', persons: 3, amount: 1234.5, category: 'A类', period },
      { township: '城关镇', village: '王家村', name: '李四', persons: 2, amount: 350, category: 'B类', period },
      { township: '城关镇', village: '李家村', name: '王五', persons: 1, amount: 300, category: 'A类\n（重点）', period },
      { township: '城关镇', village: '李家村', name: '赵六', persons: 2, amount: 400, period },
    ]);
    expect(rows.map((a) => a.place)).toEqual([
      { township: '城关镇', village: '王家村' }, { township: '城关镇', village: '王家村' },
      { township: '城关镇', village: '李家村' }, { township: '城关镇', village: '李家村' },
    ]);
  });

  it('finds nothing wrong with such a file except the dropped private columns and the mangled ID', async () => {
    const run = await check(files);
    for (const [path] of expected) {
      const f = run.file(path);
      expect(brief(f)).toEqual(['private-column-dropped@-:身份证号、联系电话', 'mangled-id@8:身份证号']);
      // the 合计 row matched; the notes rows are not data
      expect(f.issues.some((i) => i.code === 'total-mismatch' || i.code === 'missing-value')).toBe(false);
    }
    expect(run.report.ok).toBe(true);
  });

  it('takes the period from the title row and says so', async () => {
    const run = await check(files);
    const f = run.file('dibao/2024-06-gbk.csv');
    expect(f.title).toBe('城关镇2024年6月城乡低保对象公示');
    expect(f.context).toMatchObject({ period: '2024-06', source: { period: '标题行' } });
    expect(run.issues('dibao/2024-06-gbk.csv', 'context-from-name')).toEqual([
      { severity: 'info', code: 'context-from-name', column: '发放年月', message: expect.stringContaining('按标题行取为「2024年6月」') },
    ]);
  });

  it('keeps the 公示期 and 监督电话 notes for the site, not the signature line', async () => {
    const run = await check(files);
    expect(run.file('dibao/2024-07-bom.csv').notes).toEqual(['公示期：2024年6月1日至6月7日', '监督电话：0838-1234567']);
  });

  it.each([1, 2, 5, 64])('gives the same row numbers when the bytes arrive in %i-byte chunks', async (chunkSize) => {
    const run = await check({ 'dibao/2024-06.csv': encodeGb18030(sheet(dibaoList(6))), 'dibao/2024-08.csv': utf16le(sheet(dibaoList(8), '\t')) }, { chunkSize });
    expect(run.accepted.map((a) => a.line)).toEqual([...DIBAO_LINES, ...DIBAO_LINES]);
    expect(brief(run.file('dibao/2024-06.csv'))).toContain('mangled-id@8:身份证号');
  });
});

describe('files larger than the first read (streamed, not parsed whole)', () => {
  it('gives the same records, row numbers and totals as a small file, in GBK and UTF-8', async () => {
    // About 1.5 MB: past the 1 MiB first read, so the stream parser and decoder run across chunks.
    const rows: string[][] = [['城关镇2024年6月低保公示'], ['序号', '乡镇', '村', '户主姓名', '保障人数', '月保障金额（元）', '发放年月']];
    for (let i = 1; i <= 24_000; i++) rows.push([String(i), '城关镇', i % 2 ? '王家村' : '李家村', `户主${i}`, '2', '1,000.50', '2024-06']);
    rows[20_001]![4] = '两人'; // spreadsheet row 20,002
    rows.push(['合计', '', '', '', String(2 * 24_000 - 2), '24,012,000.00', '']);
    const text = sheet(rows);
    for (const bytes of [encodeGb18030(text), new TextEncoder().encode(text)]) {
      expect(bytes.length).toBeGreaterThan(1 << 20);
      const run = await check({ 'dibao/2024-06.csv': bytes }, { chunkSize: 64 * 1024 });
      const f = run.file('dibao/2024-06.csv');
      expect(f.rows).toBe(23_999);
      // The 合计 row (row 24,003) agrees with the rows above it, so it is checked and not published.
      expect(brief(f)).toEqual(['type-error@20002:保障人数']);
      expect(run.accepted.at(-1)!.line).toBe(24_002);
    }
  });
});

describe('odd columns and broken quoting', () => {
  it('does not publish a column without a header that has content, and says which', async () => {
    const run = await check({ 'dibao/2024-06.csv': sheet([['乡镇', '村', '户主姓名', '保障人数', '月保障金额', '', ''], ['城关镇', '王家村', '张三', '1', '100', '', '手写备注']]) });
    expect(brief(run.file('dibao/2024-06.csv'))).toEqual(['unknown-column@-:第 7 列']);
    expect(Object.keys(run.accepted[0]!.row)).not.toContain('');
    expect(JSON.stringify(run.accepted)).not.toContain('手写备注');
  });

  it('warns at the row where a quote is left open', async () => {
    const run = await check({ 'dibao/2024-06.csv': '乡镇,村,户主姓名,保障人数,月保障金额\n城关镇,王家村,张三,1,100\n城关镇,王家村,"李四,2,200\n城关镇,王家村,王五,1,100\n' });
    const f = run.file('dibao/2024-06.csv');
    const quoteWarnings = f.issues.filter((i) => i.code === 'parse-error');
    // Once for the row (papaparse reports two errors for it), saying what to do.
    expect(quoteWarnings).toHaveLength(1);
    expect(quoteWarnings[0]).toMatchObject({ severity: 'warning', row: 3 });
    expect(quoteWarnings[0]!.message).toContain('请在 Excel 中检查这一行');
    expect(run.accepted.map((a) => a.line)).toEqual([2]);
  });

  it('warns once for a row papaparse finds two quote errors in (a pasted formula with quotes)', async () => {
    const run = await check({ 'dibao/2024-06.csv': '乡镇,村,户主姓名,保障人数,月保障金额\n城关镇,王家村,张三,1,100\n城关镇,王家村,=HYPERLINK("http://x","点我"),2,"1,070"\n城关镇,王家村,王五,1,100\n' });
    const quoteWarnings = run.file('dibao/2024-06.csv').issues.filter((i) => i.code === 'parse-error');
    expect(quoteWarnings.map((i) => i.row)).toEqual([3]);
  });
});

describe('numbers, units and dates', () => {
  const ledger = sheet([
    ['日期', '凭证号', '摘要', '收入(元)', '支出（万元）', '经手人'],
    ['2024-06-01', '记-1', '村级运转经费', '1,234.50', '', '王会计'],
    ['2024/6/1', '记-2', '办公用品', '', '0.035', '王会计'],
    ['2024.06.01', '记-3', '租金收入', '１２３４', '—', '王会计'],
    ['2024年6月1日', '记-4', '补贴', '¥350', '/', '王会计'],
    ['20240601', '记-5', '工程款', '-', '3万元', '王会计'],
    ['2024/6/1 10:30', '记-6', '道路', '', '80万', '王会计'],
    ['45444', '记-7', '捐款', '3万元', '', '王会计'],
    ['合计', '', '', '32,818.50', '83.035', ''],
  ]);

  it('reads every number and date format, stores money in 元, and checks the 合计 row in the header’s units', async () => {
    const run = await check({ 'finance/城关镇王家村-2024Q2.csv': ledger });
    const f = run.file('finance/城关镇王家村-2024Q2.csv');
    expect(brief(f)).toEqual([]);
    expect(f.rows).toBe(7);
    expect(run.accepted.map((a) => [a.line, a.row.date, a.row.income, a.row.spending])).toEqual([
      [2, '2024-06-01', 1234.5, undefined],
      [3, '2024-06-01', undefined, 350],
      [4, '2024-06-01', 1234, undefined],
      [5, '2024-06-01', 350, undefined],
      [6, '2024-06-01', undefined, 30000],
      [7, '2024-06-01', undefined, 800000],
      [8, '2024-06-01', 30000, undefined],
    ]);
  });

  it('takes township and village from the file name and says so', async () => {
    const run = await check({ 'finance/城关镇王家村-2024Q2.csv': ledger });
    const f = run.file('finance/城关镇王家村-2024Q2.csv');
    expect(f.context).toEqual({ township: '城关镇', village: '王家村', period: '2024Q2', source: { township: '文件名', village: '文件名', period: '文件名' } });
    expect(f.issues.filter((i) => i.code === 'context-from-name').map((i) => [i.column, i.message.slice(0, 40)])).toEqual([
      ['乡镇', '表中没有「乡镇」列，按文件名取为「城关镇」 Township taken from the file name'.slice(0, 40)],
      ['村', '表中没有「村」列，按文件名取为「王家村」 Village taken from the file name'.slice(0, 40)],
    ]);
    expect(run.accepted.every((a) => a.row.township === '城关镇' && a.row.village === '王家村')).toBe(true);
  });

  it('takes township and village from the title row', async () => {
    const run = await check({ 'finance/收支明细.csv': sheet([['河口乡河口村2024年第三季度财务公开'], ['日期', '摘要', '收入', '支出'], ['2024-07-01', '补助', '100', '']]) });
    const f = run.file('finance/收支明细.csv');
    expect(brief(f)).toEqual([]);
    expect(f.context).toMatchObject({ township: '河口乡', village: '河口村', source: { township: '标题行', village: '标题行' } });
    expect(run.accepted).toEqual([expect.objectContaining({ line: 3, place: { township: '河口乡', village: '河口村' } })]);
  });

  it('reads every month format in a 发放年月 column', async () => {
    const formats = ['2024-06-01', '2024/6/1', '2024.06.01', '2024年6月1日', '2024年6月', '202406'];
    const run = await check({ 'dibao/名单.csv': sheet([['乡镇', '村', '户主姓名', '保障人数', '月保障金额', '发放年月'], ...formats.map((m, i) => ['城关镇', '王家村', `户${i}`, '1', '100', m])]) });
    expect(brief(run.file('dibao/名单.csv'))).toEqual([]);
    expect(run.accepted.map((a) => a.row.period)).toEqual(formats.map(() => '2024-06'));
  });

  it('reads amounts in 万元 when a row above the header says 单位：万元, and flags a payment above the contract', async () => {
    const run = await check({ 'works/2024.csv': sheet([['城关镇2024年村级工程项目公示'], ['', '', '', '', '单位：万元'], ['乡镇', '村', '项目名称', '施工单位', '合同金额', '已支付金额'], ['城关镇', '王家村', '村道', '某建筑公司', '10', '12.5']]) });
    expect(brief(run.file('works/2024.csv'))).toEqual(['payment-exceeds-contract@4:已支付金额']);
    expect(run.accepted.map((a) => [a.row.contract, a.row.paid])).toEqual([[100000, 125000]]);
  });

  it('reads 资金规模 in 万元 by default, in 元 when the header says (元), and cells that say 万', async () => {
    const run = await check({
      'projects/2024-a.csv': sheet([['年度', '项目名称', '建设内容', '资金规模', '已拨付资金'], ['2024', '道路', '2公里', '80', '3万元'], ['2024', '水渠', '1公里', '350000元', '']]),
      'projects/2024-b.csv': sheet([['年度', '项目名称', '建设内容', '资金规模(元)'], ['2024', '桥梁', '1座', '800000'], ['2024', '路灯', '20盏', '3万元']]),
    });
    expect(run.report.ok).toBe(true);
    expect(run.accepted.map((a) => [a.row.name, a.row.amount, a.row.paid])).toEqual([
      ['道路', 800000, 30000], ['水渠', 350000, undefined], ['桥梁', 800000, undefined], ['路灯', 30000, undefined],
    ]);
  });
});

describe('projects with a two-row merged header', () => {
  const plan = (provincial3 = '5') => sheet([
    ['示例县2024年度衔接资金项目计划公示', '', '', '', '', '', '', '', '', '', '', '', '', ''],
    ['序号', '项目名称', '项目类别', '实施地点', '', '建设内容', '资金规模（万元）', '资金来源', '', '', '', '', '受益户数', '监督电话'],
    ['', '', '', '乡镇', '村', '', '', '中央', '省级', '市级', '县级', '其他', '', ''],
    ['1', '王家村道路硬化', '基础设施', '城关镇', '王家村', '硬化道路2公里', '80', '50', '20', '5', '5', '0', '120', '0838-1234567'],
    ['2', '李家村产业园', '产业发展', '城关镇', '李家村', '大棚20个', '30', '10', '10', '', '10', '', '30', '12345'],
    ['3', '河口村饮水', '基础设施', '河口乡', '河口村', '管网3公里', '10', '5', provincial3, '0', '0', '0', '40', ''],
    ['合计', '', '', '', '', '', '120', '66', '35', '5', '15', '0', '190', ''],
    ['公示期：2024年3月1日至3月10日'],
  ]);

  it('maps 实施地点 → 乡镇/村 and 资金来源 → 中央/省级/… and stores 万元 as 元', async () => {
    const run = await check({ 'projects/2024.csv': plan() });
    const f = run.file('projects/2024.csv');
    expect(f.rows).toBe(3);
    expect(run.accepted.map((a) => a.line)).toEqual([4, 5, 6]);
    expect(run.accepted[0]!.row).toMatchObject({
      year: '2024', name: '王家村道路硬化', township: '城关镇', village: '王家村', amount: 800000,
      fundCentral: 500000, fundProvince: 200000, fundCity: 50000, fundCounty: 50000, fundOther: 0, households: 120, contact: '0838-1234567',
    });
    expect(run.accepted[1]!.place).toEqual({ township: '城关镇', village: '李家村' });
    expect(f.context).toMatchObject({ period: '2024', source: { period: '标题行' } });
  });

  it('checks the 合计 row column by column under the sub-headers, in 万元', async () => {
    const run = await check({ 'projects/2024.csv': plan() });
    const f = run.file('projects/2024.csv');
    expect(brief(f)).toEqual(['total-mismatch@7:中央']);
    const issue = f.issues.find((i) => i.code === 'total-mismatch')!;
    expect(issue.severity).toBe('error');
    expect(issue.message).toContain('写的是 66 万元，但上面 3 行加起来是 65 万元（相差 1 万元）');
  });

  it('reports fund parts that do not add up; a 合计 below a rejected row is then only a warning', async () => {
    const run = await check({ 'projects/2024.csv': plan('4') });
    const f = run.file('projects/2024.csv');
    // 省级 35 is now also 1 万元 more than the rows typed above (34).
    expect(brief(f)).toEqual(['total-mismatch@6:资金规模（万元）', 'total-mismatch@7:中央', 'total-mismatch@7:省级']);
    const [fund, ...totals] = f.issues.filter((i) => i.code === 'total-mismatch');
    expect(fund!.severity).toBe('error');
    expect(fund!.message).toContain('资金来源各项合计 9.00 万元 与资金规模 10.00 万元 不一致');
    for (const t of totals) {
      expect(t.severity).toBe('warning');
      expect(t.message).toContain('上面有 1 行有错误');
    }
    expect(f.rows).toBe(2);
  });
});

describe('totals rows', () => {
  const header = ['乡镇', '村', '户主姓名', '保障人数', '月保障金额（元）', '发放年月'];
  const row = (name: string, persons: string, amount: string, village = '王家村') => ['城关镇', village, name, persons, amount, '2024-06'];

  it('an error naming the 合计 row, the column as written and both figures, when it disagrees', async () => {
    const run = await check({ 'dibao/a.csv': sheet([header, row('张三', '3', '1234.5'), row('李四', '2', '350'), ['合计', '', '', '5', '1,600', '']]) });
    const f = run.file('dibao/a.csv');
    expect(brief(f)).toEqual(['total-mismatch@4:月保障金额（元）']);
    const issue = f.issues.find((i) => i.code === 'total-mismatch')!;
    expect(issue.severity).toBe('error');
    expect(issue.message).toContain('「合计」行的「月保障金额（元）」写的是 1,600 元，但上面 2 行加起来是 1,584.5 元');
    expect(run.report.ok).toBe(false);
    // the total row is not data
    expect(f.rows).toBe(2);
  });

  it('a 合计 row right under the header is checked against the rows below it', async () => {
    const good = await check({ 'dibao/a.csv': sheet([header, ['合计', '', '', '5', '1,584.50', ''], row('张三', '3', '1234.5'), row('李四', '2', '350')]) });
    expect(brief(good.file('dibao/a.csv'))).toEqual([]);
    expect(good.file('dibao/a.csv').rows).toBe(2);
    const bad = await check({ 'dibao/a.csv': sheet([header, ['合计', '', '', '5', '1,600', ''], row('张三', '3', '1234.5'), row('李四', '2', '350')]) });
    const f = bad.file('dibao/a.csv');
    expect(brief(f)).toEqual(['total-mismatch@2:月保障金额（元）']);
    expect(f.issues[0]!.message).toContain('写的是 1,600 元，但下面 2 行加起来是 1,584.5 元');
  });

  it('a warning for a row with more cells than the header (an unquoted comma moved the rest of the row)', async () => {
    const text = `${header.join(',')}\n${row('张三', '3', '1234.5').join(',')}\n城关镇,王家村,李四,2,350,2024-06,多余\n城关镇,王家村,王五,1,100,2024-06,,\n`;
    const run = await check({ 'dibao/a.csv': text });
    const f = run.file('dibao/a.csv');
    expect(brief(f)).toEqual(['parse-error@3:-']);
    expect(f.issues[0]!.message).toContain('这一行有 7 格，比表头的 6 列多（多出的「多余」不会发布）');
    expect(f.rows).toBe(3);
  });

  it('a misspelt village in a file name is named as such, with the closest known village', async () => {
    const ledger = sheet([['日期', '凭证号', '摘要', '收入', '支出'], ['2026-07-03', '记-1', '利息', '10', '']]);
    const run = await check({ 'finance/城关镇王家庄-2026Q3.csv': ledger });
    const f = run.file('finance/城关镇王家庄-2026Q3.csv');
    expect(brief(f)).toContain('unknown-region@-:村');
    const issue = f.issues.find((x) => x.code === 'unknown-region')!;
    expect(issue.message).toContain('文件名中的村「王家庄」');
    expect(issue.message).toContain('是不是「王家村」');
  });

  it('publishes a note that gives the numbers to object to after something else, and keeps other notes out', async () => {
    const run = await check({ 'dibao/2024-06.csv': sheet([header, row('张三', '3', '1234.5'), ['注：金额单位为元；监督举报电话：12317，0999-1234567。'], ['注：本表由村委会填报。']]) });
    expect(run.file('dibao/2024-06.csv').notes).toEqual(['注：金额单位为元；监督举报电话：12317，0999-1234567。']);
  });

  it('a warning for a 公示期 line whose dates cannot be read (the site would show no window)', async () => {
    const run = await check({ 'dibao/2024-06.csv': sheet([header, row('张三', '3', '1234.5'), ['公示期：2024年6月1日至6月32日'], ['公示期：2024年6月1日至6月7日']]) });
    const f = run.file('dibao/2024-06.csv');
    expect(brief(f)).toEqual(['type-error@3:-']);
    expect(f.issues[0]!.message).toContain('读不出公示期「公示期：2024年6月1日至6月32日」的日期');
    expect(f.issues[0]!.severity).toBe('warning');
  });

  it('a warning when the file is named for one month and its rows say another (last month\'s sheet copied)', async () => {
    const run = await check({ 'dibao/2024-07.csv': sheet([header, row('张三', '3', '1234.5'), row('李四', '2', '350')]) });
    const f = run.file('dibao/2024-07.csv');
    expect(brief(f)).toEqual(['period-mismatch@2:发放年月']);
    expect(f.issues[0]!.message).toContain('文件名写的是2024年7月，但表中有 2 行的「发放年月」是2024年6月');
    expect(f.issues[0]!.severity).toBe('warning');
    const same = await check({ 'dibao/2024-06.csv': sheet([header, row('张三', '3', '1234.5')]) });
    expect(brief(same.file('dibao/2024-06.csv'))).toEqual([]);
  });

  it('township 小计 rows and a closing 合计: each checked, none taken for data', async () => {
    const run = await check({ 'dibao/a.csv': sheet([header, row('张三', '3', '1234.5'), ['', '城关镇小计', '', '3', '1234.5', ''], row('李四', '2', '350', '李家村'), ['', '城关镇 小计', '', '2', '350', ''], ['合计：', '', '', '5', '1,584.5', '']]) });
    const f = run.file('dibao/a.csv');
    expect(brief(f)).toEqual([]);
    expect(f.rows).toBe(2);
  });

  it('checks 小计 per section and 总计 over all rows, in 万元 when the header says so', async () => {
    const h = ['乡镇', '村', '户主姓名', '保障人数', '月保障金额（万元）', '发放年月'];
    const run = await check({
      'dibao/b.csv': sheet([
        h, row('甲', '1', '0.05'), row('乙', '2', '0.045'), ['小计', '', '', '3', '0.095', ''],
        row('丙', '1', '0.02', '李家村'), ['小计', '', '', '1', '0.03', ''],
        ['总计', '', '', '4', '0.115', ''],
      ]),
    });
    const f = run.file('dibao/b.csv');
    expect(brief(f)).toEqual(['total-mismatch@6:月保障金额（万元）']);
    expect(f.issues.find((i) => i.code === 'total-mismatch')!.message).toContain('写的是 0.03 万元，但上面 1 行加起来是 0.02 万元');
    expect(run.accepted.map((a) => a.row.amount)).toEqual([500, 450, 200]);
  });

  it('accepts a 合计 after each village followed by a 总计', async () => {
    const run = await check({
      'dibao/c.csv': sheet([header, row('甲', '1', '100'), row('乙', '1', '100'), ['合计', '', '', '2', '200', ''],
        row('丙', '3', '300', '李家村'), ['合计', '', '', '3', '300', ''], ['总计', '', '', '5', '500', '']]),
    });
    expect(brief(run.file('dibao/c.csv'))).toEqual([]);
  });
});

describe('files that are not CSV', () => {
  it('not-csv for an HTML error page and for an .xlsx saved as .csv; empty-file for an empty file', async () => {
    const run = await check({
      'dibao/error-page.csv': '<!DOCTYPE html>\r\n<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
      'dibao/workbook.csv': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00]),
      'dibao/empty.csv': '',
      'dibao/commas.csv': ',,,\r\n,,,\r\n',
      'dibao/list.xlsx': new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
    });
    expect(brief(run.file('dibao/error-page.csv'))).toEqual(['not-csv@-:-']);
    expect(run.issues('dibao/error-page.csv')[0]!.message).toContain('网页（HTML）');
    expect(brief(run.file('dibao/workbook.csv'))).toEqual(['not-csv@-:-']);
    expect(run.issues('dibao/workbook.csv')[0]!.message).toContain('.xlsx');
    expect(brief(run.file('dibao/empty.csv'))).toEqual(['empty-file@-:-']);
    expect(brief(run.file('dibao/commas.csv'))).toEqual(['empty-file@-:-']);
    expect(brief(run.file('dibao/list.xlsx'))).toEqual(['not-csv@-:-']);
    for (const p of ['dibao/error-page.csv', 'dibao/workbook.csv', 'dibao/empty.csv']) {
      expect(run.file(p)).toMatchObject({ encoding: null, rows: 0 });
      expect(run.file(p).issues[0]!.severity).toBe('error');
    }
    expect(run.report.summary.errors).toBe(5);
    expect(run.report.ok).toBe(false);
  });

  it('empty-file when the data folder has no data files at all', async () => {
    const { report } = await runCheck({ source: memorySource({}) });
    expect(report.ok).toBe(false);
    expect(report.files).toEqual([expect.objectContaining({ path: '.', issues: [expect.objectContaining({ code: 'empty-file', severity: 'error' })] })]);
  });

  it('a warning, not a crash, for a CSV outside the dataset folders', async () => {
    const run = await check({ 'misc/notes.csv': 'a,b\n1,2\n', 'dibao/2024-06.csv': sheet([['乡镇', '村', '户主姓名', '保障人数', '月保障金额'], ['城关镇', '王家村', '张三', '1', '100']]) });
    expect(brief(run.file('misc/notes.csv'))).toEqual(['unknown-file@-:-']);
    expect(run.report.ok).toBe(true);
  });

  it('a warning for a file in a dataset folder that is not read (a month saved without .csv), but not for system files', async () => {
    const list = sheet([['乡镇', '村', '户主姓名', '保障人数', '月保障金额'], ['城关镇', '王家村', '张三', '1', '100']]);
    const run = await check({ 'dibao/2024-06.csv': list, 'dibao/2024-07': list, 'dibao/2024-05.csv.bak': list, 'dibao/Thumbs.db': 'x', 'dibao/desktop.ini': 'x' });
    expect(brief(run.file('dibao/2024-07'))).toEqual(['unknown-file@-:-']);
    expect(run.file('dibao/2024-07').issues[0]!.message).toContain('另存为「CSV UTF-8」');
    expect(brief(run.file('dibao/2024-05.csv.bak'))).toEqual(['unknown-file@-:-']);
    expect(run.report.files.map((f) => f.path)).not.toContain('dibao/Thumbs.db');
    expect(run.report.files.map((f) => f.path)).not.toContain('dibao/desktop.ini');
    expect(run.report.ok).toBe(true);
  });
});

describe('every error code, with the spreadsheet row and the column as written', () => {
  const header = ['序号', '乡镇', '村', '户主姓名', '保障人数', '月保障金额（元）', '发放年月', '身份证号'];
  const errors = sheet([
    ['城关镇2024年9月低保名单'],
    header,
    ['1', '城关镇', '王家村', '张三', '3', '500', '2024-09', ID1],
    ['2', '城关镇', '王家村', '李四', '三人', '400', '2024-09', ''],
    ['3', '城关镇', '王家村', '王五', '25', '400', '2024-09', ''],
    ['4', '城关镇', '王家村', '—', '2', '400', '2024-09', ''],
    ['5', '城关镇', '王家庄', '赵六', '2', '400', '2024-09', ''],
    ['6', '城关镇', '王家村', '张三', '3', '500', '2024-09', ''],
    ['7', '河口乡', '河口村', '钱七', '1', '300', '2024-09', ID1],
    ['8', '城关镇', '李家村', `孙八 ${MOBILE}`, '1', '300', '2024-09', ''],
    ['9', '城关镇', '李家村', '周九', '1', '300', '2024年13月', ''],
    ['10', '城关镇', '李家村', '吴十', '1', '-5', '2024-09', ''],
    ['11', '城关镇', '李家村', '郑一', '1', '300', '2024-09', ''],
  ]);

  it('dibao: type-error, constraint-error, missing-value, unknown-region, duplicate-row, duplicate-person, pii-exposed', async () => {
    const run = await check({ 'dibao/2024-09.csv': errors });
    const f = run.file('dibao/2024-09.csv');
    expect(brief(f)).toEqual([
      'private-column-dropped@-:身份证号',
      'type-error@4:保障人数',
      'constraint-error@5:保障人数',
      'missing-value@6:户主姓名',
      'unknown-region@7:村',
      'duplicate-row@8:-',
      'duplicate-person@9:身份证号',
      'pii-exposed@10:户主姓名',
      'type-error@11:发放年月',
      'constraint-error@12:月保障金额（元）',
    ]);
    expect(f.rows).toBe(2);
    expect(run.accepted.map((a) => a.line)).toEqual([3, 13]);
    const by = (code: string) => f.issues.find((i) => i.code === code)!;
    expect(by('type-error').message).toContain('「三人」不是数字');
    expect(by('constraint-error').message).toContain('不能大于 20');
    expect(by('unknown-region').message).toContain('是不是「王家村」');
    expect(by('duplicate-row').message).toContain('dibao/2024-09.csv 第 3 行');
    expect(by('duplicate-person').message).toContain('dibao/2024-09.csv 第 3 行');
    expect(by('pii-exposed').message).toContain('手机号码');
    for (const i of f.issues) if (i.code !== 'private-column-dropped') expect(i.severity).toBe('error');
  });

  it('large inputs: duplicates among keys spilled out of memory are still reported, with row and first occurrence', async () => {
    // One key per index stays in memory (冯零's); every later key goes through the spill buckets,
    // so the repeats of 张三 (row 4) are found only at the end.
    const spilled = sheet([
      header,
      ['0', '城关镇', '李家村', '冯零', '1', '300', '2024-09', ID2],
      ['1', '城关镇', '王家村', '张三', '3', '500', '2024-09', ID1],
      ['2', '城关镇', '李家村', '郑一', '1', '300', '2024-09', ''],
      ['3', '城关镇', '王家村', '张三', '3', '500', '2024-09', ''],
      ['4', '城关镇', '李家村', '钱七', '1', '300', '2024-09', ID1],
    ]);
    const run = await check({ 'dibao/2024-09.csv': spilled }, { memoryEntries: 1 });
    const f = run.file('dibao/2024-09.csv');
    expect(brief(f)).toEqual(['private-column-dropped@-:身份证号', 'duplicate-row@5:-', 'duplicate-person@6:身份证号']);
    expect(f.rows).toBe(3);
    const by = (code: string) => f.issues.find((i) => i.code === code)!;
    expect(by('duplicate-row').message).toContain('dibao/2024-09.csv 第 3 行');
    expect(by('duplicate-person').message).toContain('dibao/2024-09.csv 第 3 行');
    expect(by('duplicate-person').message).not.toContain(ID1.slice(0, 10));
    expect(run.report.ok).toBe(false);
  });

  it('unknown-region on the 乡镇 column suggests the closest township', async () => {
    const run = await check({ 'dibao/2024-09.csv': sheet([header, ['1', '城官镇', '李家村', '吴十', '1', '300', '2024-09', '']]) });
    const [issue] = run.issues('dibao/2024-09.csv', 'unknown-region');
    expect(issue).toMatchObject({ severity: 'error', row: 2, column: '乡镇' });
    expect(issue!.message).toContain('是不是「城关镇」');
  });

  it('duplicate-person across 低保 and 特困 in one month, with the ID never printed in full', async () => {
    const run = await check({
      'dibao/2024-09.csv': errors,
      'tekun/2024-09.csv': sheet([['乡镇', '村', '姓名', '供养方式', '月供养金额', '身份证号'], ['城关镇', '王家村', '张三', '分散', '600', ID1], ['城关镇', '王家村', '李四', '集中', '700', ID2]]),
      'tekun/2024-10.csv': sheet([['乡镇', '村', '姓名', '供养方式', '月供养金额', '身份证号'], ['城关镇', '王家村', '张三', '分散', '600', ID1]]),
    });
    expect(brief(run.file('tekun/2024-09.csv'))).toEqual(['private-column-dropped@-:身份证号', 'duplicate-person@2:身份证号']);
    const issue = run.issues('tekun/2024-09.csv', 'duplicate-person')[0]!;
    expect(issue.message).toContain('dibao/2024-09.csv 第 3 行');
    expect(issue.message).toContain(`${ID1.slice(0, 2)}${'*'.repeat(13)}${ID1.slice(-3)}`);
    // another month is another payment
    expect(brief(run.file('tekun/2024-10.csv'))).toEqual(['private-column-dropped@-:身份证号']);
    const json = JSON.stringify(run.report);
    for (const id of [ID1, ID2, ID3]) {
      expect(json).not.toContain(id);
      expect(json).not.toContain(id.slice(0, 14));
    }
  });

  it('an ID mangled by Excel is a warning and is not used to find duplicates', async () => {
    const run = await check({ 'dibao/2024-06.csv': sheet([['乡镇', '村', '户主姓名', '保障人数', '月保障金额', '身份证号'], ['城关镇', '王家村', '张三', '1', '100', '5.11999E+17'], ['城关镇', '李家村', '李四', '1', '100', '5.11999E+17']]) });
    expect(brief(run.file('dibao/2024-06.csv'))).toEqual(['private-column-dropped@-:身份证号', 'mangled-id@2:身份证号', 'mangled-id@3:身份证号']);
    expect(run.report.ok).toBe(true);
  });

  it('encoding-error on the cell with undecodable bytes, in a GBK file and in a UTF-8 file with one GBK cell', async () => {
    const gbk = encodeGb18030(sheet([['乡镇', '村', '户主姓名', '保障人数', '月保障金额'], ['城关镇', '王家村', '张三', '1', '100'], ['城关镇', '王家村', 'NAME', '1', '100']]));
    const at = gbk.indexOf(0x4e); // "NAME" → bytes 4E 41 4D 45
    const broken = concatBytes(gbk.subarray(0, at), new Uint8Array([0xff]), gbk.subarray(at + 4));
    const enc = new TextEncoder();
    const mixed = concatBytes(enc.encode('乡镇,村,户主姓名,保障人数,月保障金额\n城关镇,王家村,张三,1,100\n城关镇,王家村,'), encodeGb18030('李四'), enc.encode(',1,100\n'));
    const run = await check({ 'dibao/2024-06.csv': broken, 'dibao/2024-07.csv': mixed });
    expect(run.file('dibao/2024-06.csv').encoding).toBe('gb18030');
    expect(brief(run.file('dibao/2024-06.csv'))).toEqual(['encoding-error@3:户主姓名']);
    expect(run.file('dibao/2024-07.csv').encoding).toBe('utf-8');
    expect(brief(run.file('dibao/2024-07.csv'))).toEqual(['encoding-error@3:户主姓名']);
    expect(run.issues('dibao/2024-07.csv', 'encoding-error')[0]!.message).toContain('乱码');
  });

  it('missing-column for a required column, naming it and its aliases', async () => {
    const run = await check({ 'tekun/2024-06.csv': sheet([['乡镇', '村', '姓名', '月供养金额'], ['城关镇', '王家村', '张三', '500']]) });
    const f = run.file('tekun/2024-06.csv');
    expect(brief(f)).toEqual(['missing-column@-:供养方式']);
    expect(f.issues.find((i) => i.code === 'missing-column')!.message).toContain('供养形式');
    expect(f.rows).toBe(0);
  });

  it('missing-column when place or period is neither a column nor in the file name or title', async () => {
    const run = await check({
      'finance/收支明细.csv': sheet([['日期', '摘要', '收入', '支出'], ['2024-04-01', '补助', '100', '']]),
      'dibao/名单.csv': sheet([['乡镇', '村', '户主姓名', '保障人数', '月保障金额'], ['城关镇', '王家村', '张三', '1', '100']]),
    });
    expect(brief(run.file('finance/收支明细.csv'))).toEqual(['missing-column@-:乡镇', 'missing-column@-:村']);
    expect(run.issues('finance/收支明细.csv', 'missing-column')[0]!.message).toContain('文件名或标题行');
    expect(brief(run.file('dibao/名单.csv'))).toEqual(['missing-column@-:发放年月']);
    expect(run.accepted).toEqual([]);
  });

  it('duplicate-column on the header row, naming the second column as written', async () => {
    const run = await check({ 'dibao/2024-06.csv': sheet([['低保名单'], ['乡镇', '村', '姓名', '户主姓名', '保障人数', '月保障金额'], ['城关镇', '王家村', '张三', '张三', '1', '100']]) });
    expect(brief(run.file('dibao/2024-06.csv'))).toEqual(['duplicate-column@2:户主姓名']);
  });

  it('pii-exposed for an ID, a mobile and a bank card in public cells; a 监督电话 office number is allowed', async () => {
    const run = await check({
      'projects/2024.csv': sheet([
        ['年度', '项目名称', '建设内容', '资金规模', '责任单位', '监督电话'],
        ['2024', '道路', '2公里', '80', '城关镇', '0838-1234567'],
        ['2024', '水渠', `负责人身份证${ID2}`, '10', '城关镇', '12345'],
        ['2024', '桥梁', '1座', '30', `联系人 ${MOBILE}`, '0838-1234567'],
        ['2024', '路灯', '20盏', '5', `收款账号 ${CARD.replace(/(\d{4})(?=\d)/g, '$1 ')}`, ''],
        ['2024', '广场', '1处', '5', '城关镇', ID3],
      ]),
    });
    const f = run.file('projects/2024.csv');
    expect(brief(f)).toEqual(['pii-exposed@3:建设内容', 'pii-exposed@4:责任单位', 'pii-exposed@5:责任单位', 'pii-exposed@6:监督电话']);
    expect(f.issues.map((i) => i.message.match(/中有(\S+?)，/)?.[1])).toEqual(['身份证号', '手机号码', '银行卡号', '身份证号']);
    expect(run.accepted.map((a) => a.row.contact)).toEqual(['0838-1234567']);
    const json = JSON.stringify(run.report);
    for (const secret of [ID2, ID3, MOBILE, CARD]) expect(json).not.toContain(secret);
  });

  it('the summary counts every file, accepted row, error and warning', async () => {
    const run = await check({ 'dibao/2024-09.csv': errors, 'finance/城关镇王家村-2024Q2.csv': sheet([['日期', '摘要', '收入', '支出'], ['2024-04-01', '补助', '100', '']]) });
    const { report } = run;
    const all = report.files.flatMap((f) => f.issues);
    expect(report.summary).toEqual({
      files: 3, // with regions.csv
      rows: 3,
      errors: all.filter((i) => i.severity === 'error').length,
      warnings: all.filter((i) => i.severity === 'warning').length,
    });
    expect(report.summary.errors).toBe(9);
    expect(report.ok).toBe(false);
  });
});

describe('privacy: what reaches the sink', () => {
  it('never passes a private column or an ID, phone, bank card or address value to the sink', async () => {
    const run = await check({
      'dibao/2024-06.csv': encodeGb18030(sheet([
        ['乡镇', '村', '户主姓名', '保障人数', '月保障金额', '发放年月', '身份证号', '联系电话', '手机号码', '银行卡号', '家庭住址', '家庭月收入', '备注'],
        ['城关镇', '王家村', '张三', '3', '500', '2024-06', ID1, '0838-7654321', MOBILE, CARD, '王家村三组18号', '800', '残疾'],
        ['城关镇', '李家村', '李四', '2', '400', '2024-06', ID2, '', '13912345678', CARD, '李家村一组', '600', ''],
      ])),
      'tekun/2024-06.csv': sheet([['乡镇', '村', '姓名', '供养方式', '月供养金额', '身份证号', '联系电话', '开户银行', '住址'], ['河口乡', '河口村', '王五', '集中供养', '700', ID3, MOBILE, '农商银行', '敬老院']]),
      'pension/2024-06.csv': sheet([['乡镇', '村', '姓名', '月养老金', '身份证号', '联系电话', '银行账号', '家庭住址'], ['城关镇', '王家村', '赵六', '188', residentId(9), '13712345678', CARD, '王家村']]),
    });
    expect(run.report.ok).toBe(true);
    expect(run.accepted).toHaveLength(4);
    for (const a of run.accepted) {
      for (const key of ['idNumber', 'phone', 'bankAccount', 'address', 'income']) expect(Object.keys(a.row)).not.toContain(key);
    }
    const out = JSON.stringify(run.accepted);
    for (const secret of [ID1, ID2, ID3, residentId(9), MOBILE, '13912345678', '13712345678', '0838-7654321', CARD, '王家村三组18号', '敬老院', '农商银行', '残疾', '800']) {
      expect(out).not.toContain(secret);
    }
    // The private columns are listed once, as a warning.
    expect(run.issues('dibao/2024-06.csv', 'private-column-dropped')).toEqual([
      expect.objectContaining({ severity: 'warning', column: '身份证号、联系电话、手机号码、银行卡号、家庭住址、家庭月收入' }),
    ]);
    expect(run.issues('dibao/2024-06.csv', 'unknown-column')).toEqual([expect.objectContaining({ severity: 'warning', column: '备注' })]);
  });

  it('withholds a notes row and a title that hold personal data', async () => {
    const run = await check({
      'dibao/2024-06.csv': sheet([
        [`低保公示 联系人${MOBILE}`],
        ['乡镇', '村', '户主姓名', '保障人数', '月保障金额', '发放年月'],
        ['城关镇', '王家村', '张三', '1', '100', '2024-06'],
        [`公示期：6月1日至7日 联系人李四${MOBILE}`],
      ]),
    });
    const f = run.file('dibao/2024-06.csv');
    expect(brief(f)).toEqual(['pii-exposed@4:-']);
    expect(f.title).toBeUndefined();
    expect(f.notes).toBeUndefined();
    expect(JSON.stringify(run.report)).not.toContain(MOBILE);
  });
});
