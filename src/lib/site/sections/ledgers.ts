/**
 * Datasets small enough to keep whole (projects, works, party dues): every row is indexed under its
 * place and all places above it, so each page lists and sums only its own rows.
 */
import { categoryBarsChart } from '../../charts/category-bars.ts';
import { plannedVsPaidChart } from '../../charts/planned-vs-paid.ts';
import type { ChartResult } from '../../charts/render.ts';
import type { RowOrigin } from '../../check.ts';
import type { Region } from '../../regions.ts';
import type { DatasetSpec } from '../../schema.ts';
import type { Row } from '../../validate.ts';
import type { DatasetSection, Figure, TableData } from '../model.ts';
import { contactFromNotes, count, formatYuan, periodText } from '../format.ts';
import { detach } from './recipients.ts';
import { chartId, listKeys, maxPeriod, notesOf, rowsTable, type DatasetAggregate, type Headline, type SectionContext } from './common.ts';

interface Entry { row: Row; file: string }

export interface LedgerOptions {
  /** Column with the period (year or period) for "latest". */
  periodKey?: string;
  /** Money column summed as the headline (planned / contract / paid). */
  amountKey: string;
  amountLabel: string;
  /** Money column compared against amountKey (paid), for planned-vs-paid charts. */
  paidKey?: string;
  paidLabel?: string;
  itemLabel: (row: Row) => string;
  unit: string;
  /** Columns left out of place tables beyond township/village. */
  omit?: string[];
  /** 监督电话 column, if the dataset has one. */
  contactKey?: string;
}

export class LedgerAggregate implements DatasetAggregate {
  readonly spec: DatasetSpec;
  readonly headlineLabel: string;
  private readonly o: LedgerOptions;
  private byPlace = new Map<string, Entry[]>();
  private allPeriods = new Set<string>();

  constructor(spec: DatasetSpec, o: LedgerOptions) {
    this.spec = spec;
    this.o = o;
    this.headlineLabel = `${spec.title}（${o.amountLabel}）`;
  }

  add(row: Row, chain: readonly Region[], origin: RowOrigin): void {
    if (this.o.periodKey && row[this.o.periodKey] !== undefined) this.allPeriods.add(String(row[this.o.periodKey]));
    const e = { row: detach(row), file: origin.file };
    for (const r of chain) {
      const list = this.byPlace.get(r.id);
      if (list) list.push(e); else this.byPlace.set(r.id, [e]);
    }
  }

  has(placeId: string): boolean { return this.byPlace.has(placeId); }
  periods(): string[] { return [...this.allPeriods].sort(); }
  latestPeriod(placeId: string): string | undefined {
    if (!this.o.periodKey) return undefined;
    return maxPeriod((this.byPlace.get(placeId) ?? []).map((e) => String(e.row[this.o.periodKey!] ?? '')).filter(Boolean));
  }

  private sum(entries: readonly Entry[], key: string): number {
    let s = 0;
    for (const e of entries) s += typeof e.row[key] === 'number' ? (e.row[key] as number) : 0;
    return Math.round(s * 100) / 100;
  }

  headline(placeId: string): Headline | undefined {
    const entries = this.byPlace.get(placeId);
    if (!entries) return undefined;
    const v = this.sum(entries, this.o.amountKey);
    return { label: this.headlineLabel, value: v, display: formatYuan(v) };
  }

  private figures(entries: readonly Entry[]): Figure[] {
    const amount = this.sum(entries, this.o.amountKey);
    const figs: Figure[] = [
      { label: '条目数', value: count(entries.length, this.o.unit) },
      { label: this.o.amountLabel, value: formatYuan(amount) },
    ];
    if (this.o.paidKey) {
      const paid = this.sum(entries, this.o.paidKey);
      figs.push({ label: this.o.paidLabel ?? '已支付', value: formatYuan(paid), ...(amount > 0 ? { note: `占 ${(100 * paid / amount).toFixed(1)}%` } : {}) });
    }
    return figs;
  }

  private chart(place: Region, entries: readonly Entry[], ctx: SectionContext): ChartResult | undefined {
    const kids = ctx.children(place.id).filter((k) => this.byPlace.has(k.id));
    const byChild = kids.length >= 2 && place.level !== 'village';
    if (this.o.paidKey) {
      const items = byChild
        ? kids.map((k) => { const es = this.byPlace.get(k.id)!; return { label: k.name, planned: this.sum(es, this.o.amountKey), paid: this.sum(es, this.o.paidKey!) }; })
        : entries.slice(0, 30).map((e) => ({ label: this.o.itemLabel(e.row), planned: Number(e.row[this.o.amountKey] ?? 0), paid: Number(e.row[this.o.paidKey!] ?? 0) }));
      if (!items.length) return undefined;
      return plannedVsPaidChart({
        id: chartId(this.spec.id, 'progress'),
        title: `${place.name}${this.spec.title}：${this.o.amountLabel}与${this.o.paidLabel ?? '已支付'}`,
        description: byChild ? `各下级地区的${this.o.amountLabel}与${this.o.paidLabel ?? '已支付'}` : `每个项目的${this.o.amountLabel}与${this.o.paidLabel ?? '已支付'}`,
        items,
      });
    }
    const bars = byChild
      ? kids.map((k) => ({ label: k.name, value: this.sum(this.byPlace.get(k.id)!, this.o.amountKey) }))
      : entries.slice(0, 30).map((e) => ({ label: this.o.itemLabel(e.row), value: Number(e.row[this.o.amountKey] ?? 0) }));
    if (!bars.length) return undefined;
    return categoryBarsChart({
      id: chartId(this.spec.id, 'bars'),
      title: `${place.name}${this.spec.title}（${this.o.amountLabel}）`,
      description: `${byChild ? '各下级地区' : '各条目'}的${this.o.amountLabel}`,
      unitLabel: '元',
      bars,
      formatValue: formatYuan,
    });
  }

  section(place: Region, ctx: SectionContext): DatasetSection | undefined {
    const entries = this.byPlace.get(place.id);
    if (!entries) return undefined;
    const keys = listKeys(this.spec, ['township', 'village', ...(this.o.omit ?? [])]).filter((k) => k !== this.o.contactKey);
    const rows = entries.map((e) => e.row);
    const table: TableData = rowsTable(this.spec, place.level === 'village' ? keys : ['village', ...keys].filter((k) => this.spec.columns.some((c) => c.key === k)), rows, `${place.name}${this.spec.title}`, 500);
    table.csv = ctx.tableCsv(place.id, this.spec, place.level === 'village' ? keys : ['township', 'village', ...keys], rows);
    const chart = this.chart(place, entries, ctx);
    const notes = notesOf(new Set(entries.map((e) => e.file)), ctx);
    const contactCell = this.o.contactKey ? entries.map((e) => e.row[this.o.contactKey!]).find((v) => typeof v === 'string' && v) as string | undefined : undefined;
    const contact = contactCell ?? contactFromNotes(notes);
    const latest = this.latestPeriod(place.id);
    return {
      dataset: this.spec.id, title: this.spec.title, titleEn: this.spec.titleEn,
      ...(latest ? { latestPeriod: periodText(latest) } : {}),
      figures: this.figures(entries), charts: chart ? [chart] : [], table, notes,
      ...(contact ? { contact } : {}),
    };
  }

  datasetPage(root: Region, ctx: SectionContext) {
    const entries = this.byPlace.get(root.id) ?? [];
    const chart = entries.length ? this.chart(root, entries, ctx) : undefined;
    const table = entries.length <= 2000
      ? rowsTable(this.spec, listKeys(this.spec, this.o.omit ?? []).filter((k) => k !== this.o.contactKey), entries.map((e) => e.row), `${this.spec.title}（共 ${entries.length} ${this.o.unit}）`)
      : undefined;
    return { figures: entries.length ? this.figures(entries) : [], charts: chart ? [chart] : [], ...(table ? { table } : {}) };
  }
}
