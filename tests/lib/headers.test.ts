import { describe, expect, it } from 'vitest';
import { dibao, finance, projects, tekun, works, DATASETS } from '../../src/lib/datasets/index.ts';
import { detectHeader, guessDataset, lookupHeader, normHeader } from '../../src/lib/headers.ts';

const rows = (...lines: string[]) => lines.map((l) => l.split(','));
const mapped = (h: ReturnType<typeof detectHeader>) => Object.fromEntries(h!.columns.map((c) => [c.def.key, { index: c.index, header: c.header, unit: c.unit }]));

describe('normHeader / lookupHeader', () => {
  it('ignores required-markers, spaces, full-width forms and units in brackets', () => {
    expect(normHeader('*户主姓名')).toBe('户主姓名');
    expect(normHeader(' 月保障金额（元） ')).toBe('月保障金额');
    expect(normHeader('资金规模(万元)')).toBe('资金规模');
    expect(normHeader('姓　名')).toBe('姓名');
  });

  it.each([
    ['乡镇(街道)', 'township'], ['乡镇（街道）', 'township'], ['镇', 'township'], ['街道', 'township'],
    ['村(社区)', 'village'], ['所在村', 'village'], ['村居', 'village'], ['村屯', 'village'], ['社区', 'village'],
    ['户主姓名', 'name'], ['姓名', 'name'], ['申请人姓名', 'name'], ['户主', 'name'],
    ['保障人数', 'persons'], ['家庭人口', 'persons'], ['家庭成员数', 'persons'], ['享受人数', 'persons'],
    ['月保障金额', 'amount'], ['保障金额', 'amount'], ['低保金额', 'amount'], ['户月保障金额（元）', 'amount'],
    ['保障类别', 'category'], ['低保类别', 'category'], ['认定日期', 'approvedOn'],
    ['发放年月', 'period'], ['年月', 'period'], ['月份', 'period'], ['公示月份', 'period'],
    ['身份证号码（18位）', 'idNumber'], ['联系电话', 'phone'], ['银行卡号', 'bankAccount'], ['家庭住址', 'address'],
  ])('dibao header %s → %s', (header, key) => {
    expect(lookupHeader(dibao, header)?.key).toBe(key);
  });

  it.each([
    [projects, '计划投入资金', 'amount'], [projects, '建设任务', 'scope'], [projects, '总投资（万元）', 'amount'],
    [tekun, '供养金额', 'amount'], [tekun, '救助供养金额', 'amount'], [finance, '记账日期', 'date'],
  ] as const)('%s header %s', (dataset, header, key) => {
    expect(lookupHeader(dataset, header)?.key).toBe(key);
  });

  it('knows nothing of unrelated headers', () => {
    expect(lookupHeader(dibao, '备注')).toBeUndefined();
    expect(lookupHeader(dibao, '')).toBeUndefined();
  });
});

describe('detectHeader', () => {
  it('finds the header below title rows and keeps the titles for place and period', () => {
    const h = detectHeader(dibao, rows(
      '城关镇王家村2024年6月低保对象公示,,,,',
      ',,,,',
      '乡镇,村,户主姓名,保障人数,月保障金额',
      '城关镇,王家村,张三,3,500',
    ));
    expect(h).toBeDefined();
    expect(h!.lastHeaderIndex).toBe(2);
    expect(h!.titleLines).toEqual(['城关镇王家村2024年6月低保对象公示']);
    expect(Object.keys(mapped(h))).toEqual(['township', 'village', 'name', 'persons', 'amount']);
  });

  it('skips the 序号 column and records blank trailing columns', () => {
    const h = detectHeader(dibao, rows('序号,乡镇,村,户主姓名,保障人数,月保障金额,,'))!;
    expect(h.columns.map((c) => c.index)).toEqual([1, 2, 3, 4, 5]);
    expect(h.columns.some((c) => c.header === '序号')).toBe(false);
    expect(h.dropped.filter((d) => d.reason === 'blank').map((d) => d.index)).toEqual([6, 7]);
    expect(h.issues).toEqual([]);
  });

  it('takes the unit from the header: （万元） on a 元 column, (元) on a 万元 column', () => {
    const d = mapped(detectHeader(dibao, rows('乡镇,村,户主姓名,保障人数,月保障金额（万元）')));
    expect(d.amount).toEqual({ index: 4, header: '月保障金额（万元）', unit: '万元' });
    const p = mapped(detectHeader(projects, rows('年度,项目名称,建设内容,资金规模(元),已拨付资金')));
    expect(p.amount!.unit).toBe('元');
    expect(p.paid!.unit).toBe('万元'); // the column's default
  });

  it('applies 「单位：万元」 written above the header to money columns whose header names no unit', () => {
    const h = detectHeader(works, rows('城关镇2024年村级工程项目公示,,,,,', ',,,,,单位：万元', '乡镇,村,项目名称,施工单位,合同金额,已支付金额(元)'))!;
    const m = mapped(h);
    expect(m.contract!.unit).toBe('万元');
    expect(m.paid!.unit).toBe('元');
    expect(mapped(detectHeader(works, rows('乡镇,村,项目名称,施工单位,合同金额,已支付金额'))).contract!.unit).toBe('元');
  });

  it('merges a two-row header: 实施地点 → 乡镇/村, 资金来源（元） → 中央/省级/… with the group’s unit', () => {
    const h = detectHeader(projects, rows(
      '示例县2024年度衔接资金项目计划,,,,,,,,,,',
      '序号,项目名称,实施地点,,建设内容,资金规模(元),资金来源（元）,,,,受益户数',
      ',,乡镇,村,,,中央,省级,市级,县级,',
      '1,道路硬化,城关镇,王家村,2公里,800000,500000,200000,50000,50000,120',
    ))!;
    expect(h.lastHeaderIndex).toBe(2);
    expect(h.titleLines).toEqual(['示例县2024年度衔接资金项目计划']);
    const m = mapped(h);
    expect(m.township).toEqual({ index: 2, header: '乡镇', unit: '元' });
    expect(m.village!.header).toBe('村');
    expect(m.fundCentral).toEqual({ index: 6, header: '中央', unit: '元' }); // 万元 unless the header says otherwise
    expect(m.fundProvince!.index).toBe(7);
    expect(m.fundCity!.index).toBe(8);
    expect(m.fundCounty!.index).toBe(9);
    expect(m.amount).toEqual({ index: 5, header: '资金规模(元)', unit: '元' });
    expect(m.households!.index).toBe(10);
  });

  it('merges a two-row header when the sub-header row is found first', () => {
    // The lower row has more known names (乡镇, 村, 中央, 省级) than the upper one.
    const h = detectHeader(projects, rows(
      '项目名称,实施地点,,资金来源,,,',
      ',乡镇,村,中央,省级,其他,',
      '道路硬化,城关镇,王家村,50,20,0,',
    ))!;
    expect(h.lastHeaderIndex).toBe(1);
    expect(h.titleLines).toEqual([]);
    expect(Object.keys(mapped(h)).sort()).toEqual(['fundCentral', 'fundOther', 'fundProvince', 'name', 'township', 'village'].sort());
  });

  it('reports a duplicate column with its spreadsheet row and the header as written', () => {
    const h = detectHeader(dibao, rows('村务公开,,,,,', '乡镇,村,姓名,户主姓名,保障人数,月保障金额'))!;
    expect(h.issues).toHaveLength(1);
    expect(h.issues[0]).toMatchObject({ severity: 'error', code: 'duplicate-column', row: 2, column: '户主姓名' });
    expect(h.issues[0]!.message).toContain('第 3 列「姓名」');
    expect(mapped(h).name!.index).toBe(2);
  });

  it('drops private columns and does not call two of one kind (联系电话, 手机号码) a duplicate', () => {
    const h = detectHeader(dibao, rows('乡镇,村,户主姓名,保障人数,月保障金额,身份证号,联系电话,手机号码,银行卡号,家庭住址,残疾证号,备注'))!;
    expect(h.issues).toEqual([]);
    const priv = h.dropped.filter((d) => d.reason === 'private').map((d) => d.header);
    expect(priv).toEqual(['身份证号', '联系电话', '手机号码', '银行卡号', '家庭住址', '残疾证号']);
    expect(h.dropped.find((d) => d.header === '备注')?.reason).toBe('unknown');
    // The ID column is read (never published) to find the same person twice.
    expect(h.columns.find((c) => c.def.key === 'idNumber')?.index).toBe(5);
    expect(h.columns.filter((c) => !c.def.public).map((c) => c.def.key)).toEqual(['idNumber', 'phone', 'bankAccount', 'address']);
  });

  it('gives up when no row looks like this dataset’s header', () => {
    expect(detectHeader(dibao, rows('项目名称,合同金额', '村道,100'))).toBeUndefined();
    expect(detectHeader(dibao, [])).toBeUndefined();
  });
});

describe('guessDataset', () => {
  it('recognises a table by its headers', () => {
    expect(guessDataset(DATASETS, rows('乡镇,村,项目名称,施工单位,合同金额,已支付金额'))).toBe(works);
    expect(guessDataset(DATASETS, rows('标题', '乡镇,村,户主姓名,保障人数,月保障金额'))).toBe(dibao);
    expect(guessDataset(DATASETS, rows('a,b,c'))).toBeUndefined();
  });
});
