/**
 * Datasets small enough to keep whole (projects, works, party dues): every row is indexed under its
 * place and all places above it, so each page lists and sums only its own rows.
 *
 * With a period column (年度 for projects, 期间 for party dues) every figure, headline and chart is
 * the place's latest period only, and says which; the table lists every period, newest first.
 * Without one (works) they cover every row.
 */
import { categoryBarsChart } from '../../charts/category-bars.ts';
import { plannedVsPaidChart } from '../../charts/planned-vs-paid.ts';
import type { ChartResult } from '../../charts/render.ts';
import type { RowOrigin } from '../../check.ts';
import type { Region } from '../../regions.ts';
import type { DatasetSpec } from '../../schema.ts';
import type { Row } from '../../validate.ts';
import type { DatasetSection, Figure, NewestPart, TableData } from '../model.ts';
import { contactFromNotes, count, formatYuan, periodText } from '../format.ts';
import { countEn, periodEn, yuanEn } from '../english.ts';
import { capitalise, chartId, listKeys, maxPeriod, notesOf, RowKeeper, rowsTable, withEnglish, type DatasetAggregate, type Headline, type PeriodSummary, type SectionContext } from './common.ts';

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
  /** The count figure's label (default 条目数; e.g. 项目数, 工程数, 党组织数). */
  countLabel?: string;
  /** Columns left out of place tables beyond township/village. */
  omit?: string[];
  /** 监督电话 column, if the dataset has one. */
  contactKey?: string;
  /** English: the dataset's short name for headlines, and the labels above (lower case). */
  nameEn: string;
  amountLabelEn: string;
  paidLabelEn?: string;
  countLabelEn: string;
}

export class LedgerAggregate implements DatasetAggregate {
  readonly spec: DatasetSpec;
  readonly headlineLabel: string;
  readonly headlineLabelEn: string;
  private readonly o: LedgerOptions;
  private byPlace = new Map<string, Entry[]>();
  private allPeriods = new Set<string>();
  private readonly keeper: RowKeeper;

  constructor(spec: DatasetSpec, o: LedgerOptions) {
    this.spec = spec;
    this.o = o;
    this.keeper = new RowKeeper(spec);
    this.headlineLabel = `${spec.title}（${o.amountLabel}）`;
    this.headlineLabelEn = `${o.nameEn} (${o.amountLabelEn})`;
  }

  add(row: Row, chain: readonly Region[], origin: RowOrigin): void {
    if (this.o.periodKey && row[this.o.periodKey] !== undefined) this.allPeriods.add(String(row[this.o.periodKey]));
    const e = { row: this.keeper.keep(row), file: origin.file };
    for (const r of chain) {
      const list = this.byPlace.get(r.id);
      if (list) list.push(e); else this.byPlace.set(r.id, [e]);
    }
  }

  has(placeId: string): boolean { return this.byPlace.has(placeId); }
  release(placeId: string): void { this.byPlace.delete(placeId); }
  periods(): string[] { return [...this.allPeriods].sort(); }
  latestPeriod(placeId: string): string | undefined {
    if (!this.o.periodKey) return undefined;
    return maxPeriod((this.byPlace.get(placeId) ?? []).map((e) => String(e.row[this.o.periodKey!] ?? '')).filter(Boolean));
  }

  /** The latest date any row of the place carries (start, completion …): when a list without periods last moved. */
  latestDate(placeId: string): string | undefined {
    const keys = this.spec.columns.filter((c) => c.kind === 'date').map((c) => c.key);
    let best: string | undefined;
    for (const e of this.byPlace.get(placeId) ?? []) {
      for (const k of keys) { const v = e.row[k]; if (typeof v === 'string' && (best === undefined || v > best)) best = v; }
    }
    return best;
  }

  private periodOf(e: Entry): string {
    return this.o.periodKey ? String(e.row[this.o.periodKey] ?? '') : '';
  }

  /** The rows the figures speak of: the latest period's (all rows when there is no period column). */
  private current(placeId: string): { entries: Entry[]; period?: string } | undefined {
    const all = this.byPlace.get(placeId);
    if (!all) return undefined;
    const period = this.latestPeriod(placeId);
    return period === undefined ? { entries: all } : { entries: all.filter((e) => this.periodOf(e) === period), period };
  }

  /** Every row, newest period first (file order within a period). */
  private newestFirst(entries: readonly Entry[]): Entry[] {
    if (!this.o.periodKey) return [...entries];
    return entries.map((e, i) => ({ e, i, p: this.periodOf(e) })).sort((a, b) => (a.p === b.p ? a.i - b.i : a.p < b.p ? 1 : -1)).map((x) => x.e);
  }

  private sum(entries: readonly Entry[], key: string): number {
    let s = 0;
    for (const e of entries) s += typeof e.row[key] === 'number' ? (e.row[key] as number) : 0;
    return Math.round(s * 100) / 100;
  }

  /** The latest period's total (every row's without a period column); latestPeriod() names the period. */
  headline(placeId: string): Headline | undefined {
    const cur = this.current(placeId);
    if (!cur) return undefined;
    const v = this.sum(cur.entries, this.o.amountKey);
    return { label: this.headlineLabel, value: v, display: formatYuan(v), displayEn: yuanEn(v) };
  }

  /** Per period of the period column; datasets without one (works) have no periods to announce. */
  periodSummaries(placeId: string): PeriodSummary[] {
    const all = this.byPlace.get(placeId);
    if (!all || !this.o.periodKey) return [];
    const by = new Map<string, Entry[]>();
    for (const e of all) {
      const p = this.periodOf(e);
      if (!p) continue;
      const list = by.get(p);
      if (list) list.push(e); else by.set(p, [e]);
    }
    return [...by.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([period, es]) => ({
      period,
      title: `${periodText(period)}${this.spec.title}`,
      summary: [count(es.length, this.o.unit), `${this.o.amountLabel} ${formatYuan(this.sum(es, this.o.amountKey))}`,
        ...(this.o.paidKey ? [`${this.paidLabel} ${formatYuan(this.sum(es, this.o.paidKey))}`] : [])].join('，'),
    }));
  }

  private get paidLabel(): string { return this.o.paidLabel ?? '已支付'; }
  private get paidLabelEn(): string { return this.o.paidLabelEn ?? 'paid'; }

  private figures(entries: readonly Entry[], period: string | undefined): Figure[] {
    const o = this.o;
    const when = period ? periodText(period) : undefined;
    const whenEn = period ? periodEn(period) : undefined;
    const amount = this.sum(entries, o.amountKey);
    const figs: Figure[] = [
      { label: o.countLabel ?? '条目数', value: count(entries.length, o.unit), ...(when ? { note: when } : {}), labelEn: capitalise(o.countLabelEn), valueEn: countEn(entries.length, o.unit), ...(whenEn ? { noteEn: whenEn } : {}) },
      { label: o.amountLabel, value: formatYuan(amount), ...(when ? { note: when } : {}), labelEn: capitalise(o.amountLabelEn), valueEn: yuanEn(amount), ...(whenEn ? { noteEn: whenEn } : {}) },
    ];
    if (o.paidKey) {
      const paid = this.sum(entries, o.paidKey);
      const pct = amount > 0 ? `${(100 * paid / amount).toFixed(1)}%` : undefined;
      const note = [when, pct && `占${o.amountLabel} ${pct}`].filter(Boolean).join('，');
      const noteEn = [whenEn, pct && `${pct} of ${o.amountLabelEn}`].filter(Boolean).join(', ');
      figs.push({ label: this.paidLabel, value: formatYuan(paid), ...(note ? { note } : {}), labelEn: capitalise(this.paidLabelEn), valueEn: yuanEn(paid), ...(noteEn ? { noteEn } : {}) });
    }
    return figs;
  }

  /** The chart of the figures' rows: per child place (their rows of the same period) or per item. */
  private chart(place: Region, entries: readonly Entry[], period: string | undefined, ctx: SectionContext): ChartResult | undefined {
    const inPeriod = (es: readonly Entry[]) => (period === undefined ? es : es.filter((e) => this.periodOf(e) === period));
    const kids = ctx.children(place.id).filter((k) => this.byPlace.has(k.id));
    const byChild = kids.length >= 2 && place.level !== 'village';
    const when = period ? `（${periodText(period)}）` : '';
    const whenEn = period ? ` (${periodEn(period)})` : '';
    const amountEn = this.o.amountLabelEn, paidEn = this.paidLabelEn;
    if (this.o.paidKey) {
      const paidKey = this.o.paidKey;
      const items = byChild
        ? kids.map((k) => { const es = inPeriod(this.byPlace.get(k.id)!); return { label: k.name, planned: this.sum(es, this.o.amountKey), paid: this.sum(es, paidKey) }; })
        : entries.slice(0, 30).map((e) => ({ label: this.o.itemLabel(e.row), planned: Number(e.row[this.o.amountKey] ?? 0), paid: Number(e.row[paidKey] ?? 0) }));
      if (!items.length) return undefined;
      return withEnglish(plannedVsPaidChart({
        id: chartId(this.spec.id, 'progress'),
        title: `${place.name}${this.spec.title}${when}：${this.o.amountLabel}与${this.paidLabel}`,
        description: `${byChild ? '各下级地区' : '每个项目'}的${this.o.amountLabel}与${this.paidLabel}`,
        items,
        plannedLabel: this.o.amountLabel,
        paidLabel: this.paidLabel,
        progressLabel: `${this.paidLabel.replace(/^已/, '')}进度`,
        itemLabel: byChild ? '地区' : '项目',
      }), {
        title: `${place.name}: ${this.spec.titleEn}${whenEn}, ${amountEn} and ${paidEn}`,
        description: `${capitalise(amountEn)} and ${paidEn} ${byChild ? 'for each place below' : 'for each project'}`,
        columns: [byChild ? 'Place' : 'Project', `${capitalise(amountEn)} (yuan)`, `${capitalise(paidEn)} (yuan)`, 'Share paid'],
      });
    }
    const bars = byChild
      ? kids.map((k) => ({ label: k.name, value: this.sum(inPeriod(this.byPlace.get(k.id)!), this.o.amountKey) }))
      : entries.slice(0, 30).map((e) => ({ label: this.o.itemLabel(e.row), value: Number(e.row[this.o.amountKey] ?? 0) }));
    // One bar compares nothing: the figures already give it.
    if (bars.length < 2) return undefined;
    return withEnglish(categoryBarsChart({
      id: chartId(this.spec.id, 'bars'),
      title: `${place.name}${this.spec.title}${when}：${this.o.amountLabel}`,
      description: `${byChild ? '各下级地区' : '各条目'}的${this.o.amountLabel}`,
      unitLabel: '元',
      bars,
      formatValue: formatYuan,
    }), {
      title: `${place.name}: ${this.spec.titleEn}${whenEn}, ${amountEn}`,
      description: `${capitalise(amountEn)} ${byChild ? 'for each place below' : 'for each entry'}`,
      columns: [byChild ? 'Place' : 'Name', `${capitalise(amountEn)} (yuan)`],
    });
  }

  /**
   * 「城关镇衔接资金项目（2025年至2026年）」 (rows newest first), with 「共 N 个」 when `total` is
   * given; and the same in English.
   */
  private caption(name: string, entries: readonly Entry[], total?: number): [string, string] {
    const periods = [...new Set(entries.map((e) => this.periodOf(e)).filter(Boolean))].sort();
    const parts: string[] = [];
    const partsEn: string[] = [];
    if (total !== undefined) { parts.push(`共 ${total} ${this.o.unit}`); partsEn.push(countEn(total, this.o.unit)); }
    if (periods.length === 1) { parts.push(periodText(periods[0])); partsEn.push(periodEn(periods[0])); }
    if (periods.length > 1) {
      parts.push(`${periodText(periods[0])}至${periodText(periods[periods.length - 1])}`);
      partsEn.push(`${periodEn(periods[0])} to ${periodEn(periods[periods.length - 1])}`);
    }
    return [
      `${name}${this.spec.title}${parts.length ? `（${parts.join('，')}）` : ''}`,
      `${name ? `${name}: ` : ''}${this.spec.titleEn}${partsEn.length ? ` (${partsEn.join(', ')})` : ''}`,
    ];
  }

  section(place: Region, ctx: SectionContext): DatasetSection | undefined {
    const all = this.byPlace.get(place.id);
    const cur = this.current(place.id);
    if (!all || !cur) return undefined;
    const keys = listKeys(this.spec, ['township', 'village', ...(this.o.omit ?? [])]).filter((k) => k !== this.o.contactKey);
    const rows = this.newestFirst(all).map((e) => e.row);
    const table: TableData = rowsTable(this.spec, place.level === 'village' ? keys : ['village', ...keys].filter((k) => this.spec.columns.some((c) => c.key === k)), rows, this.caption(place.name, all), 500);
    table.csv = ctx.tableCsv(place.id, this.spec, place.level === 'village' ? keys : ['township', 'village', ...keys], rows);
    const chart = this.chart(place, cur.entries, cur.period, ctx);
    const notes = notesOf(new Set(all.map((e) => e.file)), ctx);
    const newest = this.newestPart(place.name, all, cur.entries, notes, ctx);
    const contactCell = this.o.contactKey ? this.newestFirst(all).map((e) => e.row[this.o.contactKey!]).find((v) => typeof v === 'string' && v) as string | undefined : undefined;
    const contact = contactCell ?? contactFromNotes(notes);
    return {
      dataset: this.spec.id, title: this.spec.title, titleEn: this.spec.titleEn,
      ...(cur.period ? { latestPeriod: periodText(cur.period) } : {}),
      figures: this.figures(cur.entries, cur.period), charts: chart ? [chart] : [], table, notes,
      ...(newest ? { newest } : {}),
      ...(contact ? { contact } : {}),
    };
  }

  datasetPage(root: Region, ctx: SectionContext) {
    const all = this.byPlace.get(root.id) ?? [];
    const cur = this.current(root.id);
    const chart = cur?.entries.length ? this.chart(root, cur.entries, cur.period, ctx) : undefined;
    const table = all.length <= 2000
      ? rowsTable(this.spec, listKeys(this.spec, this.o.omit ?? []).filter((k) => k !== this.o.contactKey), this.newestFirst(all).map((e) => e.row), this.caption('', all, all.length))
      : undefined;
    const newest = table && cur ? this.newestPart('', all, cur.entries, undefined, ctx, cur.entries.length) : undefined;
    return { figures: cur?.entries.length ? this.figures(cur.entries, cur.period) : [], charts: chart ? [chart] : [], ...(table ? { table } : {}), ...(newest ? { newest } : {}) };
  }

  /**
   * The newest period's part of a table listing several (undefined when it lists one): its row
   * count, its own caption and, for a place's section, its files' notes when they differ.
   */
  private newestPart(name: string, all: readonly Entry[], cur: readonly Entry[], notes: readonly string[] | undefined, ctx: SectionContext, total?: number): NewestPart | undefined {
    if (cur.length === all.length) return undefined;
    const curNotes = notes ? notesOf(new Set(cur.map((e) => e.file)), ctx) : undefined;
    const differ = curNotes !== undefined && (curNotes.length !== notes!.length || curNotes.some((n, i) => n !== notes![i]));
    return { rows: cur.length, caption: this.caption(name, cur, total)[0], ...(differ ? { notes: curNotes } : {}) };
  }
}
