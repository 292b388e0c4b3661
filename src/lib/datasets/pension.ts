import { col, defineDataset, privateColumns } from '../schema.ts';

/** 城乡居民基本养老保险待遇领取名单 (residents' basic pension, formerly 新农保). */
export const pension = defineDataset({
  id: 'pension',
  title: '城乡居民养老金领取',
  titleEn: "Residents' basic pension recipients",
  description: '城乡居民基本养老保险待遇领取名单，每人一行 One row per pension recipient',
  folder: 'pension',
  frequency: 'monthly',
  key: ['period', 'township', 'village', 'name'],
  periodKey: 'period',
  duplicateSeverity: 'error',
  personIdKey: 'idNumber',
  shape: {
    township: col.township(),
    village: col.village(),
    name: col.personName('姓名', 'Name', '领取人姓名 Recipient name', { aliases: ['领取人姓名', '参保人姓名', '待遇领取人'] }),
    pension: col.money('月养老金', 'Monthly pension', '月养老金（元） Monthly pension, in yuan', { aliases: ['养老金', '月领取金额', '待遇金额', '月待遇', '月养老金额', '领取金额', '发放金额'], summable: true }),
    startMonth: col.month('领取起始年月', 'Receiving since', '开始领取待遇的年月 Month the pension started', { aliases: ['领取起始时间', '起始年月', '开始领取年月', '待遇起始年月'], required: false }),
    period: col.month('发放年月', 'Month', '发放年月 Month of payment', { aliases: ['年月', '月份', '公示月份', '发放月份'], fromContext: 'period' }),
    idNumber: col.idNumber(),
    phone: privateColumns.phone(),
    bankAccount: privateColumns.bankAccount(),
    address: privateColumns.address(),
  },
});
