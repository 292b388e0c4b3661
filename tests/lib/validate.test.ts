import { describe, expect, it } from 'vitest';
import { dibao, finance, projects, tekun, works } from '../../src/lib/datasets/index.ts';
import { detectHeader } from '../../src/lib/headers.ts';
import type { DatasetSpec } from '../../src/lib/schema.ts';
import { classify, publicPart, validateRecord, type Row } from '../../src/lib/validate.ts';
import { bankCard, residentId } from './helpers.ts';

/** Validates one record of `line` under `header`, as spreadsheet row `row`. */
function validate(dataset: DatasetSpec, header: string, line: string, row = 2, context: Row = {}) {
  const h = detectHeader(dataset, [header.split(',')]);
  if (!h) throw new Error('no header');
  return validateRecord(dataset, h.columns, line.split(','), row, context);
}
const codes = (r: ReturnType<typeof validate>) => r.issues.map((i) => `${i.severity}:${i.code}@${i.row}:${i.column}`);

const DIBAO = '乡镇,村,户主姓名,保障人数,月保障金额（元）,保障类别,认定日期,发放年月,身份证号,联系电话';

describe('classify', () => {
  it.each([
    ['blank', ['', ' ', '\u3000']],
    ['data', ['1', '城关镇', '王家村', '张三', '3', '500']],
    ['data', ['城关镇', '王家村', '审核明', '2', '300']],
  ] as const)('%s: %j', (kind, cells) => {
    expect(classify([...cells]).kind).toBe(kind);
  });

  it.each([
    [['合计', '', '', '', '5', '1,600']], [['合 计', '', '', '', '5', '1,600']], [['合计：', '', '', '5']],
    [['', '总计', '', '', '5']], [['', '', '小计', '', '5']], [['本页合计', '', '5']],
    [['本月合计', '', '', '1,000.00', '600.00']], [['本季合计', '', '', '1,000.00']], [['本年累计', '', '', '3,000.00']],
    [['', '城关镇小计', '', '', '5', '1,716']], [['', '柳河乡 小计', '', '', '5']], [['全村合计', '', '5']],
    [['合计：2户4人，金额1716元', '', '', '', '']], [['合计数', '', '5']],
  ])('total row: %j', (cells) => {
    expect(classify(cells).kind).toBe('total');
  });

  it('keeps the label a total row was written with, and tells 小计 from 合计', () => {
    expect(classify(['', '城关镇小计', '', '5'])).toEqual({ kind: 'total', label: '城关镇小计' });
    expect(classify(['本月合计：', '', '5'])).toEqual({ kind: 'total', label: '本月合计' });
    expect(classify(['合计：2户4人，金额1716元', ''])).toEqual({ kind: 'total', label: '合计' });
  });

  it.each([
    [['2024-06-03', '记-12', '支付保洁费合计', '1,200.00']],
    [['1', '城关镇', '合计村', '张三', '2', '300']],
    [['2024-06-03', '记-12', '合计：见附表', '1,200.00', '', '']],
  ])('a data row that mentions 合计 is still data: %j', (cells) => {
    expect(classify(cells).kind).toBe('data');
  });

  it.each([
    [['公示期：2024年6月1日至6月7日', '', '']],
    [['监督电话：0838-1234567', '', '']],
    [['监督电话', '0838-1234567', '']],
    [['制表人：赵六', '', '']],
    [['备注：本表金额单位为元']],
    // a signature line spread over the row
    [['制表人：赵六', '', '审核人：钱七', '', '日期：2024年6月5日']],
    [['制表人：', '赵六', '审核人：', '钱七', '填表日期：', '2024-06-05']],
  ])('notes row: %j', (cells) => {
    expect(classify(cells).kind).toBe('note');
  });

  it('keeps the text of a notes row for the report', () => {
    expect(classify(['公示期：6月1日至7日', '', '监督电话：0838-1234567'])).toEqual({ kind: 'note', text: '公示期：6月1日至7日 监督电话：0838-1234567' });
  });
});

describe('validateRecord', () => {
  it('normalises a good row: numbers, money in 元, dates, month', () => {
    const r = validate(dibao, DIBAO, '城关镇,王家村,张三,３,¥1234.50,A类,2020/3/1,2024年6月,,');
    expect(r.issues).toEqual([]);
    expect(r.row).toEqual({ township: '城关镇', village: '王家村', name: '张三', persons: 3, amount: 1234.5, category: 'A类', approvedOn: '2020-03-01', period: '2024-06' });
  });

  it('reads the unit from the header: 0.05 in 月保障金额（万元） is 500 元', () => {
    const r = validate(dibao, '乡镇,村,户主姓名,保障人数,月保障金额（万元）,发放年月', '城关镇,王家村,张三,3,0.05,2024-06');
    expect(r.row?.amount).toBe(500);
  });

  it('fills columns the table lacks from the context', () => {
    const r = validate(dibao, '户主姓名,保障人数,月保障金额', '张三,3,500', 5, { township: '城关镇', village: '王家村', period: '2024-06' });
    expect(r.row).toMatchObject({ township: '城关镇', village: '王家村', period: '2024-06', name: '张三' });
  });

  it('type-error names the column as written and quotes the cell', () => {
    const r = validate(dibao, DIBAO, '城关镇,王家村,张三,三人,500,,,2024-06,,', 14);
    expect(codes(r)).toEqual(['error:type-error@14:保障人数']);
    expect(r.issues[0]!.message).toContain('「三人」不是数字');
    expect(r.row).toBeUndefined();
  });

  it('type-error for dates that do not exist', () => {
    const r = validate(dibao, DIBAO, '城关镇,王家村,张三,3,500,,2024-02-30,2024-13,,', 7);
    expect(codes(r)).toEqual(['error:type-error@7:认定日期', 'error:type-error@7:发放年月']);
  });

  it('missing-value for required cells left blank or written as —, -, /', () => {
    for (const blank of ['', '—', '-', '/']) {
      const r = validate(dibao, DIBAO, `城关镇,王家村,${blank},3,${blank},,,2024-06,,`, 9);
      expect(codes(r)).toEqual(['error:missing-value@9:户主姓名', 'error:missing-value@9:月保障金额（元）']);
      expect(r.issues[0]!.message).toBe('「户主姓名」为空，这一列必须填写 Required value missing');
    }
  });

  it('constraint-error for values out of range, with the limit', () => {
    const r = validate(dibao, DIBAO, '城关镇,王家村,张三,25,-5,,,2024-06,,', 3);
    expect(codes(r)).toEqual(['error:constraint-error@3:保障人数', 'error:constraint-error@3:月保障金额（元）']);
    expect(r.issues[0]!.message).toContain('不能大于 20');
    expect(r.issues[1]!.message).toContain('不能小于 0');
  });

  it('constraint-error for a value outside a list, after reading long forms (集中供养 → 集中)', () => {
    const header = '乡镇,村,姓名,供养方式,生活自理能力,月供养金额,发放年月';
    expect(validate(tekun, header, '城关镇,王家村,张三,集中供养,部分丧失生活自理能力,500,2024-06').row).toMatchObject({ careMode: '集中', selfCare: '部分丧失' });
    const bad = validate(tekun, header, '城关镇,王家村,张三,自理,,500,2024-06', 4);
    expect(codes(bad)).toEqual(['error:constraint-error@4:供养方式']);
    expect(bad.issues[0]!.message).toContain('集中、分散');
  });

  it('pii-exposed for an ID, mobile or bank card in a public column', () => {
    const id = residentId(11);
    const r = validate(dibao, DIBAO, `城关镇,王家村,张三${id},3,500,卡${bankCard()},,2024-06,,`, 6);
    expect(codes(r)).toEqual(['error:pii-exposed@6:户主姓名', 'error:pii-exposed@6:保障类别']);
    expect(r.issues[0]!.message).toContain('身份证号');
    expect(r.issues[1]!.message).toContain('银行卡号');
    expect(JSON.stringify(r.issues)).not.toContain(id);
    const m = validate(dibao, DIBAO, '城关镇,王家村,李四 13912345678,3,500,,,2024-06,,', 8);
    expect(codes(m)).toEqual(['error:pii-exposed@8:户主姓名']);
    expect(m.issues[0]!.message).toContain('手机号码');
  });

  it('pii-exposed for an ID mangled into 5.11999E+17 in a public column', () => {
    const r = validate(dibao, DIBAO, '城关镇,王家村,5.11999E+17,3,500,,,2024-06,,', 3);
    expect(codes(r)).toEqual(['error:pii-exposed@3:户主姓名']);
  });

  it('allows an office number in 监督电话 but not an ID', () => {
    const header = '年度,项目名称,建设内容,资金规模,监督电话';
    expect(validate(projects, header, '2024,道路,2公里,80,0838-1234567').issues).toEqual([]);
    expect(validate(projects, header, '2024,道路,2公里,80,12345').row?.contact).toBe('12345');
    expect(codes(validate(projects, header, `2024,道路,2公里,80,${residentId(2)}`, 5))).toEqual(['error:pii-exposed@5:监督电话']);
  });

  it('mangled-id warning when the ID column was turned into 5.11999E+17; the row is still accepted', () => {
    const r = validate(dibao, DIBAO, '城关镇,王家村,张三,3,500,,,2024-06,5.11999E+17,', 10);
    expect(codes(r)).toEqual(['warning:mangled-id@10:身份证号']);
    expect(r.row).toBeDefined();
    expect(r.row!.idNumber).toBeUndefined();
  });

  it('encoding-error for a cell with undecodable bytes', () => {
    const r = validate(dibao, DIBAO, '城关镇,王家村,张\ufffd,3,500,,,2024-06,,', 4);
    expect(codes(r)).toEqual(['error:encoding-error@4:户主姓名']);
    expect(r.issues[0]!.message).toContain('乱码');
  });

  it('reads the ID column (for duplicates) but never the other private columns', () => {
    const id = residentId(5).toLowerCase();
    const r = validate(dibao, DIBAO, `城关镇,王家村,张三,3,500,,,2024-06,${id},13800138000`);
    expect(r.row!.idNumber).toBe(id.toUpperCase());
    expect(r.row!.phone).toBeUndefined();
    const pub = publicPart(dibao, r.row!);
    expect(Object.keys(pub)).not.toContain('idNumber');
    expect(JSON.stringify(pub)).not.toContain(id.slice(0, 17));
  });

  it('reads an ID exported as ="5101…" or \'5101… (to stop Excel mangling it) as the plain ID', () => {
    const id = residentId(8);
    for (const cell of [`="${id}"`, `'${id}`, ` ${id} `]) {
      expect(validate(dibao, DIBAO, `城关镇,王家村,张三,3,500,,,2024-06,${cell},`).row!.idNumber).toBe(id);
    }
  });

  it('projects: fund-source parts that do not add up to 资金规模 are a total-mismatch on that column', () => {
    const header = '年度,项目名称,建设内容,资金规模（万元）,中央衔接资金,省级衔接资金';
    expect(validate(projects, header, '2024,道路,2公里,80,50,30').issues).toEqual([]);
    const r = validate(projects, header, '2024,道路,2公里,80,50,20', 12);
    expect(codes(r)).toEqual(['error:total-mismatch@12:资金规模（万元）']);
    expect(r.issues[0]!.message).toContain('70.00 万元');
    expect(r.issues[0]!.message).toContain('80.00 万元');
  });

  it('works: a payment above the contract is flagged; completion before start is an error', () => {
    const header = '乡镇,村,项目名称,施工单位,合同金额,已支付金额,开工日期,竣工日期';
    const over = validate(works, header, '城关镇,王家村,村道,某公司,100000,120000,2024-03-01,2024-05-01', 3);
    expect(codes(over)).toEqual(['warning:payment-exceeds-contract@3:已支付金额']);
    expect(over.row).toBeDefined();
    const back = validate(works, header, '城关镇,王家村,村道,某公司,100000,90000,2024-03-01,2024-02-01', 4);
    expect(codes(back)).toEqual(['error:constraint-error@4:竣工日期']);
  });

  it('finance: each row has income or spending, not both, not neither', () => {
    const header = '乡镇,村,日期,摘要,收入,支出';
    expect(validate(finance, header, '城关镇,王家村,2024-04-01,补助,100,').issues).toEqual([]);
    expect(codes(validate(finance, header, '城关镇,王家村,2024-04-01,补助,100,50', 5))).toEqual(['error:constraint-error@5:支出']);
    expect(codes(validate(finance, header, '城关镇,王家村,2024-04-01,补助,—,-', 6))).toEqual(['error:constraint-error@6:收入']);
  });
});
