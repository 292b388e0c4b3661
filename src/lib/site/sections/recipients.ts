/**
 * Recipient lists (低保, 特困, 养老金): monthly counts and amounts per place, the latest list per
 * village, and who was added or left since the previous month. Memory stays bounded: only the two
 * latest months' rows of each village are kept.
 */
import { categoryBarsChart } from '../../charts/category-bars.ts';
import { monthlyTrendChart } from '../../charts/monthly-trend.ts';
import type { RowOrigin } from '../../check.ts';
import type { Region } from '../../regions.ts';
import type { DatasetSpec } from '../../schema.ts';
import type { Row } from '../../validate.ts';
import type { Changes, DatasetSection, Figure, TableData } from '../model.ts';
import { contactFromNotes, count, formatNumber, formatYuan, periodText } from '../format.ts';
import { changeNoteEn, countEn, periodEn, unitEn, yuanEn } from '../english.ts';
import { capitalise, chartId, listKeys, maxPeriod, notesOf, RowKeeper, rowsTable, withEnglish, type DatasetAggregate, type Headline, type PeriodSummary, type SectionContext } from './common.ts';

interface Stat { count: number; persons: number; amount: number }
/** The latest period's rows of a village; the period before it only as names (for who left). */
interface Bucket { rows: Row[]; files: Set<string> }
interface VillageLists { period: string; latest: Bucket; previousPeriod?: string; previousNames?: string; previousCount?: number }

const SEP = '\u0001';
/** Months of counts shown next to who joined and left. */
const RECENT_PERIODS = 6;

export interface RecipientWords {
  /** What one row counts: 户 or 人. */
  unit: string;
  countLabel: string;
  amountKey: string;
  amountLabel: string;
  personsKey?: string;
  /** English: what one row is, lower case and plural (「dibao households」), and the figure labels. */
  nounEn: string;
  countLabelEn: string;
  amountLabelEn: string;
  headlineLabelEn: string;
}

export class RecipientsAggregate implements DatasetAggregate {
  readonly spec: DatasetSpec;
  readonly headlineLabel: string;
  readonly headlineLabelEn: string;
  private readonly words: RecipientWords;
  private stats = new Map<string, Map<string, Stat>>();
  private latest = new Map<string, VillageLists>();
  private allPeriods = new Set<string>();
  private readonly keeper: RowKeeper;

  constructor(spec: DatasetSpec, words: RecipientWords) {
    this.spec = spec;
    this.keeper = new RowKeeper(spec);
    this.words = words;
    this.headlineLabel = `${spec.title}（${words.unit}）`;
    this.headlineLabelEn = words.headlineLabelEn;
  }

  add(row: Row, chain: readonly Region[], origin: RowOrigin): void {
    const period = String(row.period);
    this.allPeriods.add(period);
    const persons = this.words.personsKey ? Number(row[this.words.personsKey] ?? 0) : 1;
    const amount = Number(row[this.words.amountKey] ?? 0);
    for (const r of chain) {
      let byPeriod = this.stats.get(r.id);
      if (!byPeriod) { byPeriod = new Map(); this.stats.set(r.id, byPeriod); }
      const s = byPeriod.get(period);
      if (s) { s.count++; s.persons += persons; s.amount += amount; }
      else byPeriod.set(period, { count: 1, persons, amount });
    }
    const village = chain[0];
    if (!village || village.level !== 'village') return;
    const kept = this.keeper.keep(row);
    const lists = this.latest.get(village.id);
    if (!lists) { this.latest.set(village.id, { period, latest: { rows: [kept], files: new Set([origin.file]) } }); return; }
    if (period === lists.period) { lists.latest.rows.push(kept); lists.latest.files.add(origin.file); return; }
    if (period > lists.period) {
      // A newer month: the current list becomes "previous", kept only as names.
      lists.previousPeriod = lists.period;
      lists.previousNames = lists.latest.rows.map((r) => String(r.name)).join(SEP);
      lists.previousCount = lists.latest.rows.length;
      lists.period = period;
      lists.latest = { rows: [kept], files: new Set([origin.file]) };
    } else if (lists.previousPeriod === undefined || period >= lists.previousPeriod) {
      // An older month arriving late (files are not always in date order).
      if (period !== lists.previousPeriod) { lists.previousPeriod = period; lists.previousNames = ''; lists.previousCount = 0; }
      lists.previousNames += (lists.previousNames ? SEP : '') + String(row.name);
      lists.previousCount = (lists.previousCount ?? 0) + 1;
    }
  }

  has(placeId: string): boolean { return this.stats.has(placeId); }
  release(placeId: string): void { this.latest.delete(placeId); }
  periods(): string[] { return [...this.allPeriods].sort(); }
  latestPeriod(placeId: string): string | undefined { const s = this.stats.get(placeId); return s ? maxPeriod(s.keys()) : undefined; }

  headline(placeId: string): Headline | undefined {
    const s = this.stats.get(placeId);
    if (!s) return undefined;
    const p = maxPeriod(s.keys())!;
    const v = s.get(p)!.count;
    return { label: this.headlineLabel, value: v, display: count(v, this.words.unit), displayEn: countEn(v, this.words.unit) };
  }

  periodSummaries(placeId: string): PeriodSummary[] {
    if (!this.stats.has(placeId)) return [];
    return this.series(placeId).map(([period, s]) => ({
      period,
      title: `${periodText(period)}${this.spec.title}名单`,
      summary: [`${count(s.count, this.words.unit)}${this.words.personsKey ? `（${count(s.persons, '人')}）` : ''}`, `${this.words.amountLabel} ${formatYuan(Math.round(s.amount * 100) / 100)}`].join('，'),
    }));
  }

  private series(placeId: string) {
    const s = this.stats.get(placeId)!;
    return [...s.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  private figures(placeId: string): Figure[] {
    const series = this.series(placeId);
    const [p, cur] = series[series.length - 1]!;
    const prev = series.length > 1 ? series[series.length - 2]! : undefined;
    const delta = prev ? cur.count - prev[1].count : 0;
    const w = this.words;
    const figs: Figure[] = [{
      label: w.countLabel, value: count(cur.count, w.unit), note: prev ? `${periodText(p)}，${changeNote(p, prev[0], delta, w.unit)}` : periodText(p),
      labelEn: w.countLabelEn, valueEn: countEn(cur.count, w.unit), noteEn: prev ? `${periodEn(p)}, ${changeNoteEn(previousMonth(p) === prev[0] ? undefined : prev[0], delta, w.unit)}` : periodEn(p),
    }];
    if (w.personsKey) figs.push({ label: '保障人数', value: count(cur.persons, '人'), labelEn: 'People covered', valueEn: countEn(cur.persons, '人') });
    const amount = Math.round(cur.amount * 100) / 100;
    figs.push({ label: w.amountLabel, value: formatYuan(amount), note: periodText(p), labelEn: w.amountLabelEn, valueEn: yuanEn(amount), noteEn: periodEn(p) });
    return figs;
  }

  private trend(placeId: string, name: string) {
    const noun = this.words.nounEn;
    return withEnglish(monthlyTrendChart({
      id: chartId(this.spec.id, 'trend'),
      title: `${name}${this.spec.title}${this.words.unit}数（按月）`,
      description: `${name}每月${this.spec.title}的${this.words.unit}数`,
      unitLabel: this.words.unit,
      series: this.series(placeId).filter(([p]) => /^\d{4}-\d{2}$/.test(p)).map(([period, s]) => ({ period, value: s.count })),
    }), { title: `${name}: ${noun} per month`, description: `Number of ${noun} in ${name}, month by month`, columns: ['Month', capitalise(unitEn(this.words.unit))] });
  }

  private childBars(place: Region, ctx: SectionContext) {
    const kids = ctx.children(place.id).filter((k) => this.stats.has(k.id));
    if (kids.length < 2) return undefined;
    const noun = this.words.nounEn;
    const per = kids[0]!.level === 'village' ? 'village' : 'township';
    return withEnglish(categoryBarsChart({
      id: chartId(this.spec.id, 'children'),
      title: `各${kids[0]!.level === 'village' ? '村' : '乡镇'}${this.spec.title}${this.words.unit}数`,
      description: `最新一期各下级地区的${this.spec.title}${this.words.unit}数`,
      unitLabel: this.words.unit,
      bars: kids.map((k) => ({ label: k.name, value: this.headline(k.id)!.value })),
    }), { title: `${capitalise(noun)} per ${per}`, description: `Number of ${noun} in each ${per}, latest month`, columns: [capitalise(per), capitalise(unitEn(this.words.unit))] });
  }

  private changes(villageId: string): { changes?: Changes; latest?: Bucket; period?: string } {
    const lists = this.latest.get(villageId);
    if (!lists) return {};
    const { latest, period } = lists;
    if (lists.previousPeriod === undefined) return { latest, period };
    const now = new Set(latest.rows.map((r) => String(r.name)));
    const before = new Set(lists.previousNames ? lists.previousNames.split(SEP) : []);
    return {
      latest, period,
      changes: {
        period, previousPeriod: lists.previousPeriod,
        added: [...now].filter((n) => !before.has(n)),
        removed: [...before].filter((n) => !now.has(n)),
        delta: latest.rows.length - (lists.previousCount ?? 0),
        recent: this.series(villageId).slice(-RECENT_PERIODS).map(([p, st]) => ({ period: p, count: st.count })),
        unit: this.words.unit,
      },
    };
  }

  section(place: Region, ctx: SectionContext): DatasetSection | undefined {
    if (!this.stats.has(place.id)) return undefined;
    const latestPeriod = this.latestPeriod(place.id)!;
    const charts = [this.trend(place.id, place.name)];
    const bars = this.childBars(place, ctx);
    if (bars) charts.push(bars);
    let table: TableData | undefined;
    let changes: Changes | undefined;
    let notes: string[] = [];
    if (place.level === 'village') {
      const c = this.changes(place.id);
      if (c.latest) {
        const keys = listKeys(this.spec);
        table = rowsTable(this.spec, keys, c.latest.rows, [`${place.name}${periodText(c.period)}${this.spec.title}名单`, `${place.name}: ${this.spec.titleEn}, ${periodEn(c.period)}`]);
        table.csv = ctx.tableCsv(place.id, this.spec, keys, c.latest.rows);
        notes = notesOf(c.latest.files, ctx);
      }
      changes = c.changes;
    }
    return {
      dataset: this.spec.id, title: this.spec.title, titleEn: this.spec.titleEn,
      latestPeriod: periodText(latestPeriod),
      figures: this.figures(place.id), charts, ...(table ? { table } : {}), ...(changes ? { changes } : {}),
      notes, ...(contactFromNotes(notes) ? { contact: contactFromNotes(notes)! } : {}),
    };
  }

  datasetPage(root: Region, ctx: SectionContext) {
    const figures = this.stats.has(root.id) ? this.figures(root.id) : [];
    const charts = this.stats.has(root.id) ? [this.trend(root.id, root.name)] : [];
    const bars = this.childBars(root, ctx);
    if (bars) charts.push(bars);
    // The whole latest list, when it fits one page.
    const latest = this.latestPeriod(root.id);
    let table: TableData | undefined;
    const total = latest ? this.stats.get(root.id)!.get(latest)!.count : 0;
    if (latest && total <= 1500) {
      const rows: Row[] = [];
      for (const l of this.latest.values()) if (l.period === latest) rows.push(...l.latest.rows);
      table = rowsTable(this.spec, listKeys(this.spec, ['period']), rows, [
        `${periodText(latest)}${this.spec.title}名单（共 ${formatNumber(rows.length, 0)} ${this.words.unit}）`,
        `${this.spec.titleEn}, ${periodEn(latest)} (${countEn(rows.length, this.words.unit)})`,
      ]);
    }
    return { figures, charts, ...(table ? { table } : {}) };
  }
}

/** 「比上月增加 2 户」「比上月减少 3 户」「与上月持平」; names the month when it is not the one before. */
export function changeNote(period: string, previous: string, delta: number, unit: string): string {
  const than = previous === previousMonth(period) ? '上月' : periodText(previous);
  if (delta === 0) return `与${than}持平`;
  return `比${than}${delta > 0 ? '增加' : '减少'} ${Math.abs(delta)} ${unit}`;
}

/** `2026-10` → `2026-09`, `2026-01` → `2025-12`. */
export function previousMonth(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
