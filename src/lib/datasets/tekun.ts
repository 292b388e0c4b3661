import { col, defineDataset, privateColumns } from '../schema.ts';

/** 特困供养: one row per supported person (特困人员认定办法 art. 17). */
export const tekun = defineDataset({
  id: 'tekun',
  title: '特困供养人员',
  titleEn: 'Extreme-poverty support recipients',
  description: '特困人员救助供养名单，每人一行 One row per person receiving extreme-poverty support',
  folder: 'tekun',
  frequency: 'monthly',
  key: ['period', 'township', 'village', 'name'],
  periodKey: 'period',
  duplicateSeverity: 'error',
  personIdKey: 'idNumber',
  shape: {
    township: col.township(),
    village: col.village(),
    name: col.personName('姓名', 'Name', '供养对象姓名 Name', { aliases: ['供养对象姓名', '特困人员姓名', '救助对象姓名', '姓 名'] }),
    careMode: col.enumOf(['集中', '分散'], '供养方式', 'Form of support', '集中供养（机构）或分散供养（在家） Institutional or home-based', { aliases: ['供养形式', '供养类型'] }),
    selfCare: col.enumOf(['全自理', '部分丧失', '完全丧失'], '生活自理能力', 'Self-care ability', '生活自理能力 Self-care ability', { aliases: ['自理能力', '自理情况', '生活自理情况'], required: false }),
    amount: col.money('月供养金额', 'Monthly support', '月救助供养金额（元） Monthly support, in yuan', { aliases: ['供养金额', '救助供养金额', '供养标准', '月供养标准', '基本生活费', '救助供养标准', '发放金额'], summable: true }),
    period: col.month('发放年月', 'Month', '发放年月 Month of payment', { aliases: ['年月', '月份', '公示月份', '发放月份'], fromContext: 'period' }),
    idNumber: col.idNumber(),
    phone: privateColumns.phone(),
    bankAccount: privateColumns.bankAccount(),
    address: privateColumns.address(),
  },
});
