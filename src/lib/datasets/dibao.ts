import { col, defineDataset, privateColumns } from '../schema.ts';

/** 低保对象: the rule (民发〔2021〕57号 art. 24) publishes name, household size and amount only. */
export const dibao = defineDataset({
  id: 'dibao',
  title: '低保对象',
  titleEn: 'Minimum living allowance (dibao) recipients',
  description: '最低生活保障对象名单，每户一行 One row per household receiving the minimum living allowance',
  folder: 'dibao',
  frequency: 'monthly',
  key: ['period', 'township', 'village', 'name'],
  periodKey: 'period',
  duplicateSeverity: 'error',
  personIdKey: 'idNumber',
  shape: {
    township: col.township(),
    village: col.village(),
    name: col.personName('户主姓名', 'Head of household', '户主（申请人）姓名 Name of the head of household', { aliases: ['姓名', '申请人姓名', '户主', '申请人', '救助姓名', '户主名称', '保障对象姓名'] }),
    persons: col.integer('保障人数', 'Persons covered', '家庭保障人数 Household members covered', 1, 20, { aliases: ['家庭人口', '家庭成员数', '享受人数', '家庭人口数', '保障人口', '救助人数', '家庭成员数量', '人数'], summable: true }),
    amount: col.money('月保障金额', 'Monthly allowance', '户月保障金额（元） Monthly allowance for the household, in yuan', { aliases: ['保障金额', '低保金额', '户月保障金额', '月低保金', '发放金额', '月发放金额', '低保金', '补助金额'], summable: true }),
    category: col.text('保障类别', 'Category', '低保类别（如 A类、城市、农村） Category', { aliases: ['低保类别', '类别', '救助类型', '保障类型', '救助类别', '分类'], required: false }),
    approvedOn: col.date('认定日期', 'Approved on', '认定（享受）日期 Date approved', { aliases: ['享受日期', '审批日期', '批准日期', '纳入时间', '认定时间'], required: false }),
    period: col.month('发放年月', 'Month', '公示（发放）年月 Month of payment', { aliases: ['年月', '月份', '公示月份', '发放月份', '所属月份', '发放时间'], fromContext: 'period' }),
    idNumber: col.idNumber(),
    phone: privateColumns.phone(),
    bankAccount: privateColumns.bankAccount(),
    address: privateColumns.address(),
    income: privateColumns.income(),
  },
});
