import { col, defineDataset } from '../schema.ts';

/** 党费收缴: aggregate per party organisation and period (no per-member salaries). */
export const partyDues = defineDataset({
  id: 'party-dues',
  title: '党费收缴',
  titleEn: 'Party dues',
  description: '各党组织党费应缴与实缴情况 Party dues due and paid, per party organisation',
  folder: 'party-dues',
  frequency: 'yearly',
  key: ['org', 'period'],
  periodKey: 'period',
  duplicateSeverity: 'error',
  shape: {
    org: col.org('党组织', 'Party organisation', '党组织名称 Party organisation', { aliases: ['党组织名称', '支部', '党支部', '支部名称', '党支部名称', '基层党组织'] }),
    township: col.township({ required: false }),
    village: col.village({ required: false }),
    period: col.period('期间', 'Period', '年度、季度或年月 Year, quarter or month', { aliases: ['年度', '年月', '月份', '缴纳期间', '所属期间', '季度'], fromContext: 'period' }),
    members: col.integer('党员人数', 'Members', '党员人数 Members', 0, 100000, { aliases: ['党员数', '人数', '缴纳人数', '应缴人数'], required: false, summable: true }),
    due: col.money('应缴金额', 'Due', '应缴党费（元） Dues due, yuan', { aliases: ['应缴党费', '应交金额', '应缴'], required: false, summable: true }),
    paid: col.money('实缴金额', 'Paid', '实缴党费（元） Dues paid, yuan', { aliases: ['实缴党费', '实交金额', '实缴', '已缴金额', '缴纳金额', '全年缴纳总数'], summable: true }),
  },
});
