import { col, defineDataset, type RuleParams } from '../schema.ts';

const FUND_PARTS = ['fundCentral', 'fundProvince', 'fundCity', 'fundCounty', 'fundOther'] as const;
const wan = { unit: '万元' as const, required: false, summable: true, group: '资金来源' };

/** 衔接资金 / 扶贫项目 plans and progress (国开办发〔2017〕50号 fields). Amounts are written in 万元. */
export const projects = defineDataset({
  id: 'projects',
  title: '衔接资金项目',
  titleEn: 'Poverty-alleviation and transition fund projects',
  description: '巩固拓展脱贫攻坚成果和乡村振兴（衔接资金）项目计划与进度 Project plans and progress',
  folder: 'projects',
  frequency: 'yearly',
  key: ['year', 'township', 'village', 'name'],
  periodKey: 'year',
  duplicateSeverity: 'error',
  shape: {
    year: col.year('年度', 'Year', '计划年度 Plan year', { aliases: ['项目年度', '计划年度', '年份'], fromContext: 'year' }),
    name: col.text('项目名称', 'Project', '项目名称 Project name', { aliases: ['项目', '名称'] }),
    category: col.text('项目类别', 'Category', '项目类别 Category', { aliases: ['项目类型', '类别', '项目子类型'], required: false }),
    nature: col.enumOf(['新建', '续建', '改建', '扩建', '维修', '维修改造'], '建设性质', 'Build type', '新建、续建、维修等 New, continued or repair', { aliases: ['性质'], required: false }),
    township: col.township({ required: false, group: '实施地点' }),
    village: col.village({ required: false, group: '实施地点' }),
    scope: col.text('建设内容', 'Scope', '建设内容及规模 Scope of work', { aliases: ['建设任务', '建设内容及规模', '项目内容', '建设规模'] }),
    amount: col.money('资金规模', 'Budget', '计划投入资金（元；原表多以万元填写） Planned funding, yuan', { aliases: ['计划投入资金', '投资规模', '总投资', '项目资金', '资金总额', '投资总额', '计划投资', '资金规模及筹资方式'], unit: '万元', summable: true }),
    fundCentral: col.money('中央衔接资金', 'Central funds', '其中中央资金（元） Central government funds', { aliases: ['中央资金', '中央财政资金', '中央'], ...wan }),
    fundProvince: col.money('省级衔接资金', 'Provincial funds', '其中省级资金（元） Provincial funds', { aliases: ['省级资金', '省级财政资金', '省级', '省级资金'], ...wan }),
    fundCity: col.money('市级衔接资金', 'Prefecture funds', '其中市级资金（元） Prefecture funds', { aliases: ['市级资金', '市级财政资金', '市级'], ...wan }),
    fundCounty: col.money('县级衔接资金', 'County funds', '其中县级资金（元） County funds', { aliases: ['县级资金', '县级财政资金', '县级'], ...wan }),
    fundOther: col.money('其他资金', 'Other funds', '其中其他资金（元） Other funds', { aliases: ['其他', '自筹资金', '其他来源'], ...wan }),
    households: col.integer('受益户数', 'Households benefiting', '受益户数 Households benefiting', 0, 1_000_000, { aliases: ['受益户', '带动户数', '受益农户数'], required: false, summable: true }),
    people: col.integer('受益人数', 'People benefiting', '受益人数 People benefiting', 0, 10_000_000, { aliases: ['受益人口', '带动人数', '受益人口数'], required: false, summable: true }),
    term: col.text('实施期限', 'Term', '实施期限（起止年月） Implementation period', { aliases: ['实施期限(年/月-年/月)', '建设期限', '实施时间', '起止时间', '建设周期'], required: false }),
    unit: col.org('责任单位', 'Responsible unit', '项目责任（实施）单位 Responsible unit', { aliases: ['实施单位', '项目实施单位', '主管单位', '项目主管单位', '责任单位及责任人'], required: false }),
    status: col.text('项目状态', 'Status', '未开工、在建、已完工等 Progress', { aliases: ['进展情况', '实施进度', '项目进度', '建设进度', '状态'], required: false }),
    paid: col.money('已拨付资金', 'Paid out', '已拨付（支付）资金（元） Funds paid out so far', { aliases: ['已拨付', '拨付资金', '已支付资金', '已拨付金额', '资金拨付'], unit: '万元', required: false, summable: true }),
    contact: col.contact(),
  },
  rules(row, ctx) {
    const parts = FUND_PARTS.map((k) => row[k]).filter((v): v is number => typeof v === 'number');
    if (parts.length > 0 && typeof row.amount === 'number') {
      const sum = parts.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - row.amount) > 1) {
        ctx.addIssue({ code: 'custom', path: ['amount'], input: row.amount,
          message: `资金来源各项合计 ${yuan(sum)} 与资金规模 ${yuan(row.amount)} 不一致，请核对`,
          params: { code: 'total-mismatch', severity: 'error' } satisfies RuleParams });
      }
    }
    if (typeof row.paid === 'number' && typeof row.amount === 'number' && row.paid > row.amount + 1) {
      ctx.addIssue({ code: 'custom', path: ['paid'], input: row.paid,
        message: `已拨付资金 ${yuan(row.paid)} 超过资金规模 ${yuan(row.amount)}，请核对`,
        params: { code: 'payment-exceeds-budget', severity: 'warning' } satisfies RuleParams });
    }
  },
});

function yuan(n: number): string {
  return n >= 10000 ? `${(n / 10000).toFixed(2)} 万元` : `${n.toFixed(2)} 元`;
}
