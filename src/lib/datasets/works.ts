import { col, defineDataset, type RuleParams } from '../schema.ts';

/** 村级工程项目: 专项公开 of collective works, tendering and payments. */
export const works = defineDataset({
  id: 'works',
  title: '村级工程项目',
  titleEn: 'Village construction projects',
  description: '村集体工程项目的招标、合同与支付情况 Contracts and payments of village works',
  folder: 'works',
  frequency: 'on-change',
  key: ['township', 'village', 'name'],
  duplicateSeverity: 'error',
  shape: {
    township: col.township(),
    village: col.village(),
    name: col.text('项目名称', 'Project', '工程项目名称 Project name', { aliases: ['工程名称', '项目', '工程项目名称'] }),
    tender: col.text('招标方式', 'Procurement', '招标（采购）方式 Procurement method', { aliases: ['采购方式', '发包方式', '招投标方式'], required: false }),
    contractor: col.org('施工单位', 'Contractor', '中标（施工）单位 Contractor', { aliases: ['中标单位', '承建单位', '施工方', '承包单位', '中标人'] }),
    contract: col.money('合同金额', 'Contract amount', '合同金额（元） Contract amount, yuan', { aliases: ['中标金额', '合同价', '合同价款', '工程造价'], summable: true }),
    paid: col.money('已支付金额', 'Paid', '已支付金额（元） Paid so far, yuan', { aliases: ['已付金额', '已付款', '支付金额', '累计支付', '已拨付金额'], summable: true }),
    startDate: col.date('开工日期', 'Started', '开工日期 Start date', { aliases: ['开工时间'], required: false }),
    endDate: col.date('竣工日期', 'Completed', '竣工日期 Completion date', { aliases: ['竣工时间', '完工日期', '完工时间'], required: false }),
    acceptance: col.text('验收情况', 'Acceptance', '验收情况 Acceptance', { aliases: ['验收结果', '是否验收', '验收'], required: false }),
  },
  rules(row, ctx) {
    if (typeof row.paid === 'number' && typeof row.contract === 'number' && row.paid > row.contract + 0.005) {
      ctx.addIssue({ code: 'custom', path: ['paid'], input: row.paid,
        message: `已支付 ${row.paid.toFixed(2)} 元，超过合同金额 ${row.contract.toFixed(2)} 元；如有变更协议请在备注说明`,
        params: { code: 'payment-exceeds-contract', severity: 'warning' } satisfies RuleParams });
    }
    if (row.startDate && row.endDate && row.endDate < row.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], input: row.endDate,
        message: '竣工日期早于开工日期', params: { code: 'constraint-error', severity: 'error' } satisfies RuleParams });
    }
  },
});
