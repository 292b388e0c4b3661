/**
 * Village finance: income and spending per quarter for every place, and the latest quarter's
 * entries for each village (older entries stay in the downloads).
 */
import { incomeVsSpendingChart } from '../../charts/income-vs-spending.ts';
import type { RowOrigin } from '../../check.ts';
import type { Region } from '../../regions.ts';
import type { DatasetSpec } from '../../schema.ts';
import type { Row } from '../../validate.ts';
import type { DatasetSection, Figure } from '../model.ts';
import { formatYuan, periodText } from '../format.ts';
import { countEn, periodEn, yuanEn } from '../english.ts';
import { chartId, listKeys, maxPeriod, notesOf, RowKeeper, rowsTable, withEnglish, type DatasetAggregate, type Headline, type PeriodSummary, type SectionContext } from './common.ts';

interface Q { income: number; spending: number; n: number }

export function quarterOf(isoDate: string): string {
  const m = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}Q${Math.ceil(m / 3)}`;
}

export class FinanceAggregate implements DatasetAggregate {
  readonly spec: DatasetSpec;
  readonly headlineLabel = '村级财务（本季度支出）';
  readonly headlineLabelEn = 'Village finance (spending this quarter)';
  private quarters = new Map<string, Map<string, Q>>();
  private latest = new Map<string, { quarter: string; rows: Row[]; files: Set<string> }>();
  private all = new Set<string>();
  private readonly keeper: RowKeeper;

  constructor(spec: DatasetSpec) { this.spec = spec; this.keeper = new RowKeeper(spec); }

  add(row: Row, chain: readonly Region[], origin: RowOrigin): void {
    const q = quarterOf(String(row.date));
    this.all.add(q);
    const income = Number(row.income ?? 0), spending = Number(row.spending ?? 0);
    for (const r of chain) {
      let m = this.quarters.get(r.id);
      if (!m) { m = new Map(); this.quarters.set(r.id, m); }
      const s = m.get(q);
      if (s) { s.income += income; s.spending += spending; s.n++; } else m.set(q, { income, spending, n: 1 });
    }
    const v = chain[0];
    if (!v || v.level !== 'village') return;
    const cur = this.latest.get(v.id);
    if (!cur || q > cur.quarter) this.latest.set(v.id, { quarter: q, rows: [this.keeper.keep(row)], files: new Set([origin.file]) });
    else if (q === cur.quarter) { cur.rows.push(this.keeper.keep(row)); cur.files.add(origin.file); }
  }

  has(placeId: string): boolean { return this.quarters.has(placeId); }
  release(placeId: string): void { this.latest.delete(placeId); }
  periods(): string[] { return [...this.all].sort(); }
  latestPeriod(placeId: string): string | undefined { const m = this.quarters.get(placeId); return m ? maxPeriod(m.keys()) : undefined; }

  headline(placeId: string): Headline | undefined {
    const p = this.latestPeriod(placeId);
    if (!p) return undefined;
    const v = Math.round(this.quarters.get(placeId)!.get(p)!.spending * 100) / 100;
    return { label: this.headlineLabel, value: v, display: formatYuan(v), displayEn: yuanEn(v) };
  }

  periodSummaries(placeId: string): PeriodSummary[] {
    const m = this.quarters.get(placeId);
    if (!m) return [];
    const r = (n: number) => Math.round(n * 100) / 100;
    return [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([period, s]) => ({
      period,
      title: `${periodText(period)}${this.spec.title}`,
      summary: `收入 ${formatYuan(r(s.income))}，支出 ${formatYuan(r(s.spending))}，共 ${s.n} 笔`,
    }));
  }

  private figures(placeId: string): Figure[] {
    const p = this.latestPeriod(placeId)!;
    const s = this.quarters.get(placeId)!.get(p)!;
    const r = (n: number) => Math.round(n * 100) / 100;
    return [
      { label: '本季度收入', value: formatYuan(r(s.income)), note: periodText(p), labelEn: 'Income this quarter', valueEn: yuanEn(r(s.income)), noteEn: periodEn(p) },
      { label: '本季度支出', value: formatYuan(r(s.spending)), note: periodText(p), labelEn: 'Spending this quarter', valueEn: yuanEn(r(s.spending)), noteEn: periodEn(p) },
      { label: '收支笔数', value: `${s.n} 笔`, labelEn: 'Entries', valueEn: countEn(s.n, '笔') },
    ];
  }

  private chart(place: Region) {
    const m = this.quarters.get(place.id)!;
    return withEnglish(incomeVsSpendingChart({
      id: chartId('finance', 'quarters'),
      title: `${place.name}村级财务收入与支出（按季度）`,
      description: `${place.name}每季度的村集体收入与支出合计`,
      series: [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([period, s]) => ({ period, income: Math.round(s.income * 100) / 100, spending: Math.round(s.spending * 100) / 100 })),
    }), {
      title: `${place.name}: village income and spending per quarter`,
      description: `Total income and spending of the village collectives of ${place.name}, quarter by quarter`,
      columns: ['Period', 'Income (yuan)', 'Spending (yuan)', 'Balance (yuan)'],
    });
  }

  section(place: Region, ctx: SectionContext): DatasetSection | undefined {
    if (!this.quarters.has(place.id)) return undefined;
    const latest = this.latest.get(place.id);
    const section: DatasetSection = {
      dataset: this.spec.id, title: this.spec.title, titleEn: this.spec.titleEn,
      latestPeriod: periodText(this.latestPeriod(place.id)),
      figures: this.figures(place.id), charts: [this.chart(place)], notes: [],
    };
    if (place.level === 'village' && latest) {
      const keys = listKeys(this.spec);
      section.table = rowsTable(this.spec, keys, latest.rows, [`${place.name}${periodText(latest.quarter)}收支明细`, `${place.name}: income and spending entries, ${periodEn(latest.quarter)}`]);
      section.table.csv = ctx.tableCsv(place.id, this.spec, keys, latest.rows);
      section.notes = notesOf(latest.files, ctx);
    }
    return section;
  }

  datasetPage(root: Region, _ctx: SectionContext) {
    if (!this.quarters.has(root.id)) return { figures: [], charts: [] };
    return { figures: this.figures(root.id), charts: [this.chart(root)] };
  }
}
