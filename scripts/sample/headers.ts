/** Exact header rows of every generated dataset (the clean variants omit the private columns). */

export const REGIONS_HEADER = ['区划代码', '名称', '上级代码'] as const;

export const DIBAO_HEADER = [
  '序号', '乡镇', '村', '户主姓名', '身份证号', '联系电话', '保障人数', '月保障金额（元）', '保障类别', '认定日期', '发放年月',
] as const;
/** Columns the checker treats as private (dropped with a warning). Only written in the non-clean sample. */
export const DIBAO_PRIVATE = ['身份证号', '联系电话'] as const;
export const DIBAO_HEADER_CLEAN = DIBAO_HEADER.filter((h) => !(DIBAO_PRIVATE as readonly string[]).includes(h));

export const TEKUN_HEADER = ['乡镇', '村', '姓名', '供养方式', '生活自理能力', '月供养金额', '发放年月'] as const;

export const PENSION_HEADER = ['乡镇', '村', '姓名', '身份证号', '月养老金', '领取起始年月', '发放年月'] as const;
export const PENSION_HEADER_CLEAN = PENSION_HEADER.filter((h) => h !== '身份证号');

export const PROJECTS_HEADER_1 = [
  '序号', '项目名称', '项目类别', '建设性质', '实施地点', '', '建设内容', '资金规模（万元）', '资金来源', '', '', '', '',
  '受益户数', '受益人数', '实施期限', '责任单位', '项目状态', '已拨付资金（万元）', '监督电话',
] as const;
export const PROJECTS_HEADER_2 = [
  '', '', '', '', '乡镇', '村', '', '', '中央衔接资金', '省级衔接资金', '市级衔接资金', '县级衔接资金', '其他资金',
  '', '', '', '', '', '', '',
] as const;

export const FINANCE_HEADER = ['日期', '凭证号', '科目', '摘要', '收入', '支出', '经手人'] as const;

export const WORKS_HEADER = [
  '乡镇', '村', '项目名称', '招标方式', '施工单位', '合同金额（元）', '已支付金额（元）', '开工日期', '竣工日期', '验收情况',
] as const;

export const PARTY_DUES_HEADER = ['党组织', '乡镇', '村', '年度', '党员人数', '应缴金额', '实缴金额'] as const;
