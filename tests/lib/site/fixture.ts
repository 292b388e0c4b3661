// A small county as in-memory CSVs, and a helper that runs the real build over it (not a test file).
//
//   阳光县 510199000000
//   ├─ 东风镇 510199100000
//   │   ├─ 红星村 510199100201   (低保 for 3 months: 李四 leaves, 赵六 joins, 张三's amount changes)
//   │   └─ 向阳村 510199100202   (低保: 刘二 joins in October)
//   └─ 清河乡 510199101000
//       └─ 清河村 510199101201
//
// Every person row carries a resident ID and a mobile number that must never reach the model.
import { buildSite, type BuildResult } from '../../../src/lib/build.ts';
import { memoryOutput } from '../../../src/lib/output.ts';
import type { SiteModel } from '../../../src/lib/site/model.ts';
import { memorySource } from '../../../src/lib/source.ts';
import { csv, residentId } from '../helpers.ts';

export const AS_OF = '2026-11-22';

export const CODES = {
  county: '510199000000',
  dongfeng: '510199100000',
  hongxing: '510199100201',
  xiangyang: '510199100202',
  qinghe: '510199101000',
  qingheVillage: '510199101201',
} as const;

export const REGIONS = csv([
  '区划代码,名称,上级代码',
  `${CODES.county},阳光县,`,
  `${CODES.dongfeng},东风镇,${CODES.county}`,
  `${CODES.hongxing},红星村,${CODES.dongfeng}`,
  `${CODES.xiangyang},向阳村,${CODES.dongfeng}`,
  `${CODES.qinghe},清河乡,${CODES.county}`,
  `${CODES.qingheVillage},清河村,${CODES.qinghe}`,
]);

/** Every resident ID and phone number written into the input, to scan outputs for. */
export const SECRETS: string[] = [];
let seq = 0;
/** A fresh valid resident ID and mobile number for one person (the same person keeps theirs). */
const people = new Map<string, { id: string; phone: string }>();
function person(name: string): { id: string; phone: string } {
  let p = people.get(name);
  if (!p) {
    seq++;
    p = { id: residentId(100 + seq, '510199'), phone: `139${String(10000000 + seq * 7919).padStart(8, '0')}` };
    people.set(name, p);
    SECRETS.push(p.id, p.phone);
  }
  return p;
}

type Household = [township: string, village: string, name: string, persons: number, amount: string];

const DIBAO_HEADER = '乡镇,村,户主姓名,身份证号,联系电话,保障人数,月保障金额';
function dibaoSheet(rows: Household[], notes: string[] = []): string {
  return csv([DIBAO_HEADER, ...rows.map(([t, v, n, p, a]) => { const x = person(n); return `${t},${v},${n},${x.id},${x.phone},${p},${a}`; }), ...notes]);
}

const XIANGYANG: Household[] = [['东风镇', '向阳村', '孙七', 2, '600'], ['东风镇', '向阳村', '周八', 1, '350']];
/** October: 向阳村 gains a household (刘二) and loses none. */
const XIANGYANG_OCT: Household[] = [...XIANGYANG, ['东风镇', '向阳村', '刘二', 5, '10650']];
const QINGHE: Household[] = [['清河乡', '清河村', '吴九', 3, '900'], ['清河乡', '清河村', '郑十', 2, '700'], ['清河乡', '清河村', '钱一', 1, '400']];
const HONGXING_AUG_SEP: Household[] = [['东风镇', '红星村', '张三', 2, '500'], ['东风镇', '红星村', '李四', 3, '1234.5'], ['东风镇', '红星村', '王五', 1, '300']];
/** October: 李四 left, 赵六 joined, 张三 now gets 550. */
const HONGXING_OCT: Household[] = [['东风镇', '红星村', '张三', 2, '550'], ['东风镇', '红星村', '王五', 1, '300'], ['东风镇', '红星村', '赵六', 4, '1234.5']];

export const SUPERVISION_PHONE = '0838-1234567';
export const NOTE_MOBILE = '13900001111';
SECRETS.push(NOTE_MOBILE);

/** Every person's name in the input (recipients), for scanning outputs that must not hold them. */
export const PERSON_NAMES = ['张三', '李四', '王五', '赵六', '孙七', '周八', '刘二', '吴九', '郑十', '钱一', '冯甲', '陈乙', '褚丙', '卫丁', '蒋戊'];

export function files(): Record<string, string> {
  return {
    'regions.csv': REGIONS,
    'site.json': JSON.stringify({ title: '阳光县三务公开', publisher: '阳光县民政局', contact: '县民政局 0838-7654321', county: '阳光县' }),
    'dibao/2026-08.csv': dibaoSheet([...HONGXING_AUG_SEP, ...XIANGYANG, ...QINGHE]),
    'dibao/2026-09.csv': dibaoSheet([...HONGXING_AUG_SEP, ...XIANGYANG, ...QINGHE]),
    'dibao/2026-10.csv': dibaoSheet([...HONGXING_OCT, ...XIANGYANG_OCT, ...QINGHE], ['公示期：2026年10月1日至10月7日', `监督电话：${SUPERVISION_PHONE}`]),
    'tekun/2026-10.csv': csv([
      '乡镇,村,姓名,身份证号,联系电话,供养方式,月供养金额',
      ...([['东风镇', '红星村', '冯甲', '分散', '800'], ['清河乡', '清河村', '陈乙', '集中', '950']] as const)
        .map(([t, v, n, m, a]) => { const x = person(n); return `${t},${v},${n},${x.id},${x.phone},${m},${a}`; }),
      // A note row naming a person with a mobile number: withheld by the check (pii-exposed).
      `经办人：冯甲，联系电话${NOTE_MOBILE}`,
    ]),
    'pension/2026-10.csv': csv([
      '乡镇,村,姓名,身份证号,联系电话,月养老金',
      ...([['东风镇', '红星村', '褚丙', '180'], ['东风镇', '向阳村', '卫丁', '200'], ['清河乡', '清河村', '蒋戊', '220.5']] as const)
        .map(([t, v, n, a]) => { const x = person(n); return `${t},${v},${n},${x.id},${x.phone},${a}`; }),
    ]),
    // 资金规模 and 已拨付资金 are in 万元 by default.
    'projects/2025.csv': csv([
      '年度,项目名称,乡镇,村,建设内容,资金规模,已拨付资金,监督电话',
      '2025,红星村产业路,东风镇,红星村,硬化道路3公里,50,50,0838-5550001',
      '2025,清河村水渠,清河乡,清河村,水渠1公里,20,20,',
    ]),
    'projects/2026.csv': csv([
      '年度,项目名称,乡镇,村,建设内容,资金规模,已拨付资金,监督电话',
      '2026,红星村冷库,东风镇,红星村,冷库1座,12.3,6,0838-5550002',
      '2026,向阳村光伏,东风镇,向阳村,光伏电站,30,10,',
      '2026,清河村桥梁,清河乡,清河村,桥梁1座,40,0,',
    ]),
    'finance/2026Q2.csv': csv([
      '乡镇,村,日期,凭证号,摘要,收入,支出,经手人',
      '东风镇,红星村,2026-05-10,记-01,集体土地租金,10000,,村会计甲',
      '东风镇,红星村,2026-06-20,记-02,道路维修,,3000,村会计甲',
      '清河乡,清河村,2026-04-02,记-01,上级补助,5000,,村会计乙',
    ]),
    'finance/2026Q3.csv': csv([
      '乡镇,村,日期,凭证号,摘要,收入,支出,经手人',
      '东风镇,红星村,2026-07-15,记-03,集体资产出租,8000,,村会计甲',
      '东风镇,红星村,2026-08-03,记-04,办公用品,,1200.5,村会计甲',
      '东风镇,向阳村,2026-09-01,记-01,保洁费,,2500,村会计丙',
      '清河乡,清河村,2026-09-30,记-02,水电费,,800,村会计乙',
    ]),
    'works/2026.csv': csv([
      '乡镇,村,项目名称,施工单位,合同金额,已支付金额',
      '东风镇,红星村,村委会办公楼维修,某建筑公司,200000,180000',
      // Paid more than the contract: a warning, not an error.
      '清河乡,清河村,文化广场,某工程公司,100000,120000',
    ]),
    'party-dues/2026.csv': csv([
      '党组织,乡镇,村,期间,党员人数,应缴金额,实缴金额',
      '红星村党支部,东风镇,红星村,2026,30,3600,3600',
      '清河村党支部,清河乡,清河村,2026,20,2400,2300',
    ]),
  };
}

export interface Built {
  result: BuildResult;
  model: ReturnType<typeof memoryOutput>;
  downloads: ReturnType<typeof memoryOutput>;
  rendered: SiteModel[];
}

/** Runs buildSite over in-memory files with memory outputs and a renderPages spy. */
export async function build(input: Record<string, string | Uint8Array> = files()): Promise<Built> {
  const model = memoryOutput();
  const downloads = memoryOutput();
  const rendered: SiteModel[] = [];
  const result = await buildSite({ source: memorySource(input), model, downloads, renderPages: async (m) => { rendered.push(m); } }, { asOf: AS_OF });
  return { result, model, downloads, rendered };
}

export function json<T = unknown>(out: { files: Map<string, string> }, path: string): T {
  const text = out.files.get(path);
  if (text === undefined) throw new Error(`no file ${path}; have ${[...out.files.keys()].join(', ')}`);
  return JSON.parse(text) as T;
}

/** Figures without their English words (tests of the Chinese text). */
export function zh<T extends { labelEn?: string; valueEn?: string; noteEn?: string }>(figures: readonly T[]): Omit<T, 'labelEn' | 'valueEn' | 'noteEn'>[] {
  return figures.map(({ labelEn: _l, valueEn: _v, noteEn: _n, ...rest }) => rest);
}

/** Figures as the English page shows them. */
export function en(figures: readonly { labelEn?: string; valueEn?: string; noteEn?: string }[]): { label?: string; value?: string; note?: string }[] {
  return figures.map((f) => ({ label: f.labelEn, value: f.valueEn, ...(f.noteEn !== undefined ? { note: f.noteEn } : {}) }));
}
