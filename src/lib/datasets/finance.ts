import { col, defineDataset, type RuleParams } from '../schema.ts';

/** 村级财务收支明细: published item by item (农村集体经济组织财务公开规定). */
export const finance = defineDataset({
  id: 'finance',
  title: '村级财务收支',
  titleEn: 'Village collective income and spending',
  description: '村集体经济组织收支明细，每笔一行 One row per ledger entry',
  folder: 'finance',
  frequency: 'quarterly',
  key: ['township', 'village', 'date', 'voucher', 'summary'],
  duplicateSeverity: 'warning',
  shape: {
    township: col.township(),
    village: col.village(),
    date: col.date('日期', 'Date', '记账日期 Date of entry', { aliases: ['记账日期', '发生日期', '时间', '业务日期', '凭证日期'] }),
    voucher: col.text('凭证号', 'Voucher', '记账凭证号 Voucher number', { aliases: ['凭证编号', '凭证号码', '凭证字号', '记账凭证号'], required: false }),
    account: col.text('科目', 'Account', '会计科目 Account', { aliases: ['会计科目', '科目名称', '收支科目', '收支项目', '项目'], required: false }),
    summary: col.text('摘要', 'Description', '摘要（用途） Description', { aliases: ['内容', '事由', '收支内容', '用途', '摘 要'] }),
    income: col.money('收入', 'Income', '收入金额（元） Income, yuan', { aliases: ['收入金额', '收入(元)', '收方', '借方金额'], required: false, summable: true }),
    spending: col.money('支出', 'Spending', '支出金额（元） Spending, yuan', { aliases: ['支出金额', '付方', '贷方金额'], required: false, summable: true }),
    handler: col.personName('经手人', 'Handled by', '经手人（村干部，履职信息可公开） Official who handled it', { aliases: ['经办人', '报账人', '证明人', '审批人'], required: false }),
  },
  rules(row, ctx) {
    const hasIncome = typeof row.income === 'number' && row.income !== 0;
    const hasSpending = typeof row.spending === 'number' && row.spending !== 0;
    if (hasIncome === hasSpending) {
      ctx.addIssue({ code: 'custom', path: [hasIncome ? 'spending' : 'income'], input: undefined,
        message: hasIncome ? '同一行既有收入又有支出，请拆成两行' : '收入和支出都为空，每一行应填写其中一项',
        params: { code: 'constraint-error', severity: 'error' } satisfies RuleParams });
    }
  },
});
