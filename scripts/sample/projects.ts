/**
 * 衔接资金 project plans (projects/YYYY.csv, two-row merged header, amounts in 万元)
 * and village works (works/YYYY.csv, amounts in 元).
 */
import { COUNTY_PHONE, TAG, countyLabel, openCsv, wan, yuan } from './context.ts';
import type { Context } from './context.ts';
import { padRow } from './csv.ts';
import type { Cell } from './csv.ts';
import { dayNumber, daysInMonth, formatDate, fromDayNumber } from './dates.ts';
import type { YMD } from './dates.ts';
import { Random, rngFor } from './prng.ts';
import type { Village } from './regions.ts';
import { PROJECTS_HEADER_1, PROJECTS_HEADER_2, WORKS_HEADER } from './headers.ts';

type Category = '产业发展' | '基础设施' | '就业项目' | '乡村建设';

type Item = { name: string; content: (r: Random) => [string, string]; range: [number, number]; natures: readonly Project['nature'][] };
type Template = { unit: string; items: readonly Item[] };

const km = (r: Random, lo: number, hi: number): string => (r.int(lo * 10, hi * 10) / 10).toFixed(1);
const ANY = ['新建', '续建', '维修'] as const;
const NEW = ['新建', '续建'] as const;

const TEMPLATES: Record<Category, Template> = {
  产业发展: {
    unit: '示例县农业农村局',
    items: [
      { name: '食用菌大棚建设项目', content: (r) => [`新建食用菌标准化大棚${r.int(6, 40)}个`, `配套喷灌及电力设施`], range: [30, 150], natures: NEW },
      { name: '茶园提质增效项目', content: (r) => [`改造低产茶园${r.int(100, 800)}亩`, `配套生产便道${km(r, 0.5, 3)}公里`], range: [20, 120], natures: ANY },
      { name: '中药材种植基地建设项目', content: (r) => [`新建中药材种植基地${r.int(100, 600)}亩`, `带动脱贫户${r.int(10, 60)}户增收`], range: [20, 150], natures: NEW },
      { name: '生猪养殖场改扩建项目', content: (r) => [`改扩建标准化圈舍${r.int(800, 3000)}平方米`, `配套粪污处理设施`], range: [50, 200], natures: ['新建', '续建', '维修'] },
      { name: '农产品冷链仓储设施项目', content: (r) => [`新建冷藏库${r.int(200, 1500)}立方米`, `配套分拣包装车间`], range: [40, 200], natures: NEW },
      { name: '村级光伏电站项目', content: (r) => [`建设村级光伏电站${r.int(100, 500)}千瓦`, `收益用于公益岗位和小型公益事业`], range: [60, 200], natures: NEW },
    ],
  },
  基础设施: {
    unit: '示例县交通运输局',
    items: [
      { name: '产业路硬化项目', content: (r) => [`硬化产业路${km(r, 0.5, 6)}公里`, `宽${r.pick(['3.5', '4.5'])}米，配套排水边沟`], range: [30, 300], natures: ANY },
      { name: '通组公路建设项目', content: (r) => [`新建通组公路${km(r, 0.5, 5)}公里`, `宽${r.pick(['3.5', '4.5', '5'])}米`], range: [40, 300], natures: NEW },
      { name: '"四好农村路"提升工程', content: (r) => [`提升改造村道${km(r, 1, 8)}公里`, `增设安全防护设施`], range: [40, 300], natures: ['续建', '维修'] },
      { name: '安全饮水巩固提升工程', content: (r) => [`新建蓄水池${r.int(1, 4)}口`, `铺设供水管网${km(r, 1, 10)}公里`], range: [20, 150], natures: ANY },
      { name: '农田灌溉渠道建设项目', content: (r) => [`新建灌溉渠道${km(r, 0.5, 5)}公里`, `改善灌溉面积${r.int(200, 1500)}亩`], range: [30, 200], natures: ANY },
      { name: '便民桥建设项目', content: (r) => [`新建便民桥${r.int(1, 2)}座`, `桥长${r.int(12, 40)}米，宽${r.pick(['4', '4.5', '5'])}米`], range: [30, 150], natures: NEW },
    ],
  },
  就业项目: {
    unit: '示例县人力资源和社会保障局',
    items: [
      { name: '公益性岗位补贴项目', content: (r) => [`开发乡村公益性岗位${r.int(5, 40)}个`, `按月发放岗位补贴`], range: [5, 30], natures: ['新建'] },
      { name: '就业帮扶车间建设项目', content: (r) => [`改造就业帮扶车间${r.int(300, 1500)}平方米`, `吸纳脱贫劳动力${r.int(10, 50)}人就业`], range: [10, 60], natures: NEW },
      { name: '以工代赈项目', content: (r) => [`组织当地群众务工${r.int(20, 120)}人`, `发放劳务报酬`], range: [10, 60], natures: ['新建'] },
      { name: '外出务工一次性交通补助项目', content: (r) => [`补助跨省务工脱贫劳动力${r.int(20, 200)}人`, `每人一次性补助不超过500元`], range: [2, 15], natures: ['新建'] },
    ],
  },
  乡村建设: {
    unit: '示例县农业农村局',
    items: [
      { name: '人居环境整治项目', content: (r) => [`整治房前屋后环境${r.int(50, 300)}户`, `新建垃圾收集点${r.int(2, 12)}处`], range: [10, 80], natures: ANY },
      { name: '村内道路亮化项目', content: (r) => [`安装太阳能路灯${r.int(30, 200)}盏`, `覆盖村内主干道${km(r, 1, 6)}公里`], range: [10, 60], natures: NEW },
      { name: '农村户厕改造项目', content: (r) => [`改造农村户厕${r.int(30, 200)}户`, `配套化粪池`], range: [10, 80], natures: NEW },
      { name: '村级综合服务中心改造项目', content: (r) => [`改造村级综合服务中心${r.int(200, 800)}平方米`, `配套便民服务设施`], range: [15, 80], natures: ['维修', '续建'] },
    ],
  },
};
const CATEGORIES = Object.keys(TEMPLATES) as Category[];

export type Project = {
  village: Village;
  name: string;
  category: Category;
  nature: '新建' | '续建' | '维修';
  content: [string, string];
  /** Amounts in hundredths of 万元 (i.e. 100 元). */
  total: number;
  parts: [number, number, number, number, number];
  households: number;
  persons: number;
  startMonth: number;
  endMonth: number;
  unit: string;
  status: '未开工' | '在建' | '已完工';
  paid: number;
  phone: string;
};

/** Splits total into five non-negative parts (中央/省/市/县/其他) that sum exactly to total. */
function splitFunds(rng: Random, total: number): [number, number, number, number, number] {
  const weights = [rng.int(50, 80), rng.int(0, 25), rng.chance(0.5) ? rng.int(0, 10) : 0, rng.int(0, 20), rng.chance(0.3) ? rng.int(1, 15) : 0];
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  parts[0] = total - parts.slice(1).reduce((a, b) => a + b, 0);
  return parts as [number, number, number, number, number];
}

/** Projects for one year, for every village; `forceFirstTotal` pins the first project's size (used for the `80万` cell). */
export function yearProjects(ctx: Context, year: number, current: { year: number; month: number }): Project[] {
  const out: Project[] = [];
  for (const village of ctx.regions.villages) {
    const rng = rngFor(ctx.seed, TAG.projects, year, village.index);
    const count = rng.chance(0.5) ? 2 : 1;
    const usedItems = new Set<string>();
    for (let i = 0; i < count; i++) {
      // Project names must differ within a village and year (年度+乡镇+村+项目名称 is the record key).
      let category = rng.weighted(CATEGORIES, [35, 35, 12, 18]);
      let item = rng.pick(TEMPLATES[category].items);
      while (usedItems.has(item.name)) {
        category = rng.weighted(CATEGORIES, [35, 35, 12, 18]);
        item = rng.pick(TEMPLATES[category].items);
      }
      usedItems.add(item.name);
      const t = TEMPLATES[category];
      const name = rng.chance(0.5) ? `${village.name}${year}年${item.name}` : `${village.name}${item.name}`;
      const nature = rng.pick(item.natures);
      const content = item.content(rng);
      const [lo, hi] = item.range;
      // Mostly round figures (35, 35.5), sometimes two decimals (12.35).
      let total = rng.int(lo * 10, hi * 10) * 10;
      if (rng.chance(0.25)) total += rng.int(1, 9);
      if (out.length === 0 && year === current.year) total = 8000; // 80 万元 (written `80万` in the non-clean sample)
      const parts = splitFunds(rng, total);
      const households = rng.int(10, 300);
      const persons = Math.round(households * (2.4 + rng.next()));
      const startMonth = rng.int(1, 8);
      const endMonth = Math.min(12, startMonth + rng.int(3, 8));
      let status: Project['status'];
      if (year < current.year || endMonth < current.month) status = rng.chance(0.9) ? '已完工' : '在建';
      else if (startMonth > current.month) status = '未开工';
      else status = '在建';
      const paid =
        status === '已完工'
          ? rng.chance(0.7) ? total : Math.floor((total * rng.int(90, 99)) / 100)
          : status === '在建' ? Math.floor((total * rng.int(30, 80)) / 100) : 0;
      const unit = rng.chance(0.3) ? `${village.township.name}人民政府` : t.unit.replace('示例县', village.township.county.name);
      const phone = rng.chance(0.5) ? '12317' : COUNTY_PHONE;
      out.push({ village, name, category, nature, content, total, parts, households, persons, startMonth, endMonth, unit, status, paid, phone });
    }
  }
  return out;
}

export function projectYears(ctx: Context): number[] {
  return [...new Set(ctx.months.map((m) => m.year))];
}

export function writeProjects(ctx: Context): void {
  const last = ctx.months[ctx.months.length - 1] ?? { year: 2026, month: 10 };
  const width = PROJECTS_HEADER_1.length;
  for (const year of projectYears(ctx)) {
    const w = openCsv(ctx, `projects/${year}.csv`);
    if (!ctx.clean) w.line(padRow([`${countyLabel(ctx)}${year}年度巩固拓展脱贫攻坚成果和乡村振兴项目计划`], width));
    w.line(PROJECTS_HEADER_1);
    w.line(PROJECTS_HEADER_2);
    const sums = { total: 0, parts: [0, 0, 0, 0, 0], households: 0, persons: 0, paid: 0 };
    yearProjects(ctx, year, last).forEach((p, i) => {
      sums.total += p.total;
      p.parts.forEach((v, k) => (sums.parts[k] = (sums.parts[k] ?? 0) + v));
      sums.households += p.households;
      sums.persons += p.persons;
      sums.paid += p.paid;
      const quirkyTotal = !ctx.clean && i === 0 && year === last.year; // deliberate warning: unit inside a 万元 cell
      // Non-clean: one cell has an in-cell line break (Alt+Enter in Excel), which must be quoted.
      const content = p.content.join(!ctx.clean && i === 1 ? '\n' : i % 3 === 2 ? ',' : '，');
      const fundCell = (v: number, k: number): string => (v === 0 && k > 0 && !ctx.clean ? '' : wan(v));
      w.row([
        i + 1, p.name, p.category, p.nature, p.village.township.name, p.village.name, content,
        quirkyTotal ? `${wan(p.total)}万` : wan(p.total),
        ...p.parts.map(fundCell),
        p.households, p.persons,
        `${year}年${p.startMonth}月-${year}年${p.endMonth}月`,
        p.unit, p.status, wan(p.paid), p.phone,
      ]);
    });
    if (!ctx.clean) {
      w.line([
        '合计', '', '', '', '', '', '', wan(sums.total), ...sums.parts.map((v) => wan(v)),
        sums.households, sums.persons, '', '', '', wan(sums.paid), '',
      ]);
      // Only the start, as clerks often write it: the 10-day rule for fund projects gives the end.
      w.line(padRow([`公示时间：${year}年3月2日起`], width));
      w.line(padRow([`注：资金规模及资金来源单位为万元；监督举报电话：12317，${COUNTY_PHONE}。`], width));
    }
    w.close();
  }
}

// ---------------------------------------------------------------- 村级工程 (works)

const WORKS = ['村委会办公楼维修工程', '文化广场建设工程', '排洪渠整治工程', '村内道路硬化工程', '小型提灌站建设工程', '村卫生室改造工程', '河堤加固工程', '便民服务中心装修工程'];
const CONTRACTORS = ['宏达建筑工程有限公司', '鑫源建设有限公司', '顺通路桥工程有限公司', '安居建筑劳务有限公司', '青山水利工程有限公司', '恒泰建设工程有限公司'];

type Work = { village: Village; name: string; method: string; contractor: string; contract: number; paid: number; start: YMD; end: YMD | undefined; acceptance: string };

export function yearWorks(ctx: Context, year: number, current: { year: number; month: number }): Work[] {
  const out: Work[] = [];
  const cutoff = dayNumber({ year: current.year, month: current.month, day: daysInMonth(current.year, current.month) });
  for (const village of ctx.regions.villages) {
    const rng = rngFor(ctx.seed, TAG.works, year, village.index);
    if (!rng.chance(0.5)) continue;
    const contract = rng.int(300, 15000) * 10000; // cents: 30,000 – 1,500,000 元 in 100-元 steps
    const method =
      contract >= 40_000_000 ? '公开招标' : contract >= 10_000_000 ? rng.pick(['邀请招标', '竞争性谈判', '询价']) : rng.pick(['询价', '村民代表会议议定']);
    const contractor = village.township.county.name + rng.pick(CONTRACTORS);
    const startDay = dayNumber({ year, month: rng.int(1, 8), day: 1 }) + rng.int(0, 27);
    const endDay = startDay + rng.int(30, 180);
    const finished = endDay <= cutoff;
    const accepted = finished && rng.chance(0.8);
    const paid = accepted
      ? rng.chance(0.5) ? contract : Math.floor(contract * 0.97) // 3% quality retention
      : Math.floor((contract * rng.int(30, finished ? 90 : 70)) / 100);
    out.push({
      village,
      name: village.name + rng.pick(WORKS),
      method,
      contractor,
      contract,
      paid,
      start: fromDayNumber(startDay),
      end: finished ? fromDayNumber(endDay) : undefined,
      acceptance: accepted ? '已验收合格' : finished ? '待验收' : '施工中',
    });
  }
  return out;
}

export function writeWorks(ctx: Context): void {
  const last = ctx.months[ctx.months.length - 1] ?? { year: 2026, month: 10 };
  const w = openCsv(ctx, `works/${last.year}.csv`);
  w.line(WORKS_HEADER);
  const works = yearWorks(ctx, last.year, last);
  // Deliberate warning (non-clean only): exactly one (accepted) row paid more than its contract.
  const overpaid = ctx.clean ? -1 : Math.max(0, works.findIndex((x) => x.acceptance === '已验收合格'));
  works.forEach((x, i) => {
    const paid = i === overpaid ? x.contract + Math.round(x.contract * 0.08 / 100) * 100 : x.paid;
    const row: Cell[] = [
      x.village.township.name, x.village.name, x.name, x.method, x.contractor, yuan(x.contract), yuan(paid),
      formatDate(x.start, 'iso'), x.end ? formatDate(x.end, 'iso') : '', x.acceptance,
    ];
    w.row(row);
  });
  w.close();
}
