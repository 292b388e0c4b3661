/**
 * Aggregate stage: accepted public rows → the site model. A RowSink during the check; afterwards it
 * writes one JSON file per place and per dataset (see model.ts) plus each page table as CSV.
 */
import type { CheckReport, FileReport, PlaceIds, RowOrigin, RowSink } from '../check.ts';
import { CODE_LABEL } from '../issues.ts';
import { ENCODING_LABEL } from '../decode.ts';
import { DATASETS } from '../datasets/index.ts';
import type { OutputFiles } from '../output.ts';
import type { Region, RegionRegistry } from '../regions.ts';
import type { DatasetSpec } from '../schema.ts';
import type { SiteConfig } from '../site-config.ts';
import type { Row } from '../validate.ts';
import { BOM, csvLine, downloadColumns, Utf8Builder, type DownloadStats } from './downloads.ts';
import { contactFromNotes, periodText } from './format.ts';
import { CODE_LABEL_EN, ENCODING_EN, periodEn } from './english.ts';
import type { DatasetInfo, DatasetPage, PlaceLink, PlacePage, QualityData, SiteModel, TableData } from './model.ts';
import { FinanceAggregate } from './sections/finance.ts';
import { LedgerAggregate } from './sections/ledgers.ts';
import { RecipientsAggregate } from './sections/recipients.ts';
import type { DatasetAggregate, SectionContext } from './sections/common.ts';
import { columnTitle } from './format.ts';
import { buildTimeliness } from './timeliness-model.ts';
import { scheduleOf } from './timeliness.ts';
import type { ShareWriter } from '../share/writer.ts';
import { objectionFromNotes, RULE_DAYS, sectionObjection } from './objection-window.ts';
import { absoluteUrl, repeatedQrSvg } from './qr.ts';

function makeAggregates(): Map<string, DatasetAggregate> {
  const by = new Map(DATASETS.map((d) => [d.id, d]));
  const list: DatasetAggregate[] = [
    new RecipientsAggregate(by.get('dibao')!, { unit: '户', countLabel: '低保户数', amountKey: 'amount', amountLabel: '月保障金额合计', personsKey: 'persons',
      nounEn: 'dibao households', countLabelEn: 'Dibao households', amountLabelEn: 'Monthly allowances, total', headlineLabelEn: 'Dibao (households)' }),
    new RecipientsAggregate(by.get('tekun')!, { unit: '人', countLabel: '特困供养人数', amountKey: 'amount', amountLabel: '月供养金额合计',
      nounEn: 'people in extreme-poverty support', countLabelEn: 'People supported', amountLabelEn: 'Monthly support, total', headlineLabelEn: 'Extreme-poverty support (people)' }),
    new LedgerAggregate(by.get('projects')!, { periodKey: 'year', amountKey: 'amount', amountLabel: '计划资金', paidKey: 'paid', paidLabel: '已拨付', itemLabel: (r) => String(r.name), unit: '个', contactKey: 'contact', countLabel: '项目数',
      nameEn: 'Transition fund projects', amountLabelEn: 'planned funds', paidLabelEn: 'disbursed', countLabelEn: 'projects' }),
    new FinanceAggregate(by.get('finance')!),
    new LedgerAggregate(by.get('works')!, { amountKey: 'contract', amountLabel: '合同金额', paidKey: 'paid', paidLabel: '已支付', itemLabel: (r) => String(r.name), unit: '项', countLabel: '工程数',
      nameEn: 'Village works', amountLabelEn: 'contract amount', paidLabelEn: 'paid', countLabelEn: 'works' }),
    new LedgerAggregate(by.get('party-dues')!, { periodKey: 'period', amountKey: 'paid', amountLabel: '实缴党费', itemLabel: (r) => String(r.org), unit: '条', omit: [], countLabel: '党组织数',
      nameEn: 'Party dues', amountLabelEn: 'dues paid', countLabelEn: 'party organisations' }),
    new RecipientsAggregate(by.get('pension')!, { unit: '人', countLabel: '领取人数', amountKey: 'pension', amountLabel: '月养老金合计',
      nounEn: 'pension recipients', countLabelEn: 'Recipients', amountLabelEn: 'Monthly pensions, total', headlineLabelEn: 'Residents\' pension (people)' }),
  ];
  return new Map(list.map((a) => [a.spec.id, a]));
}

export function placeUrl(id: string): string {
  return `place/${encodeURIComponent(id)}/`;
}

export class SiteAggregator implements RowSink {
  readonly aggregates = makeAggregates();
  readonly notesByFile = new Map<string, string[]>();
  private readonly regions: RegionRegistry;
  private readonly root: Region;
  private readonly synthetic: boolean;
  private chains = new Map<string, Region[]>();
  private kids = new Map<string, Region[]>();

  constructor(regions: RegionRegistry, site: SiteConfig) {
    this.regions = regions;
    const tops = regions.ordered().filter((r) => !r.parent || !regions.get(r.parent));
    this.synthetic = tops.length !== 1;
    this.root = tops.length === 1 ? tops[0]! : { id: 'all', name: site.county ?? site.title, level: tops[0]?.level === 'county' ? 'prefecture' : 'county' };
  }

  /** The place and every place above it, up to the root. */
  private chainOf(region: Region | undefined): Region[] {
    if (!region) return [this.root];
    const hit = this.chains.get(region.id);
    if (hit) return hit;
    const chain: Region[] = [];
    for (let r: Region | undefined = region; r; r = r.parent ? this.regions.get(r.parent) : undefined) chain.push(r);
    if (this.synthetic) chain.push(this.root);
    this.chains.set(region.id, chain);
    return chain;
  }

  accept(dataset: DatasetSpec, row: Row, place: PlaceIds, origin: RowOrigin): void {
    this.aggregates.get(dataset.id)!.add(row, this.chainOf(place.village ?? place.township), origin);
  }

  fileDone(report: FileReport): void {
    if (report.notes?.length) this.notesByFile.set(report.path, report.notes);
  }

  private children(id: string): Region[] {
    if (this.kids.size === 0) {
      for (const r of this.regions.ordered()) {
        const parent = r.parent && this.regions.get(r.parent) ? r.parent : this.root.id;
        if (r.id === this.root.id) continue;
        const list = this.kids.get(parent);
        if (list) list.push(r); else this.kids.set(parent, [r]);
      }
    }
    return this.kids.get(id) ?? [];
  }

  private link(r: Region): PlaceLink {
    const parent = r.id === this.root.id ? undefined : (r.parent && this.regions.get(r.parent) ? r.parent : this.root.id);
    return { id: r.id, ...(r.code ? { code: r.code } : {}), name: r.name, level: r.level, ...(parent ? { parent } : {}), url: placeUrl(r.id) };
  }

  /** Writes model/site.json, model/places/*.json, model/datasets/*.json and the page tables as CSV (data/places/). */
  writeModel(opts: { model: OutputFiles; data: OutputFiles; config: SiteConfig; asOf: string; report: CheckReport; downloads: Map<string, DownloadStats>; onSiteWritten?: (model: SiteModel) => void; share?: ShareWriter; onPlaceWritten?: (page: PlacePage) => void }): SiteModel {
    const { model, config } = opts;
    // Each page table's CSV is encoded straight into one reused buffer (joining its lines cost more).
    const tableText = new Utf8Builder();
    const ctx: SectionContext = {
      regions: this.regions,
      site: config,
      notesByFile: this.notesByFile,
      children: (id) => this.children(id),
      placeUrl,
      tableCsv: (placeId, spec, keys, rows) => {
        const path = `places/${placeId}/${spec.id}.csv`;
        // The page shows the place and the period above its table; a saved file must carry them
        // itself, in the column order of the dataset's full download.
        const wanted = new Set([...keys, 'township', 'village', ...(spec.periodKey ? [spec.periodKey] : [])]);
        const defs = spec.columns.filter((c) => c.public && wanted.has(c.key));
        const text = tableText.reset().append(BOM + csvLine(defs.map((d) => (d.kind === 'money' ? `${d.title}（元）` : d.title))));
        for (const r of rows) text.append(csvLine(defs.map((d) => r[d.key] as string | number | undefined)));
        opts.data.writeFile(path, text.bytes());
        return `data/${path.split('/').map(encodeURIComponent).join('/')}`;
      },
    };

    const places = [this.root, ...this.regions.ordered().filter((r) => r.id !== this.root.id)];
    const aggregates = [...this.aggregates.values()];
    const datasets: DatasetInfo[] = [];
    for (const a of aggregates) {
      const stats = opts.downloads.get(a.spec.id);
      if (!stats) continue;
      const periods = a.periods();
      const info: DatasetInfo = {
        id: a.spec.id, title: a.spec.title, titleEn: a.spec.titleEn, description: a.spec.description, frequency: scheduleOf(a.spec, config.frequencies).frequency,
        rows: stats.rows, files: stats.files, periods,
        ...(periods.length ? { latestPeriod: periods[periods.length - 1] } : {}),
        download: { csv: `data/${a.spec.id}.csv`, json: `data/${a.spec.id}.json`, csvBytes: stats.csvBytes, jsonBytes: stats.jsonBytes, csvSha256: stats.csvSha256 },
        columns: downloadColumns(a.spec).map((c) => ({ name: c.header, title: c.def?.titleEn ?? 'Area code', type: c.def?.kind ?? 'code', ...(c.def?.kind === 'money' ? { unit: '元' } : {}), description: c.def?.description ?? '12 位统计用区划代码 Statistical area code (12 digits)' })),
      };
      datasets.push(info);
      const page: DatasetPage = {
        info,
        ...a.datasetPage(this.root, ctx),
        byPlace: this.childTable(this.root, this.children(this.root.id), [a]),
        quality: quality(a.spec, opts.report),
      };
      opts.share?.dataset(page, this.root.name);
      const objection = datasetObjection(a.spec.id, opts.report, this.notesByFile, opts.asOf, periods[periods.length - 1]);
      if (objection) page.objection = objection;
      model.writeFile(`datasets/${a.spec.id}.json`, JSON.stringify(page));
    }

    const rootDibao = this.aggregates.get('dibao')!;
    const homeCharts = [];
    for (const id of ['dibao', 'projects', 'finance']) {
      const s = this.aggregates.get(id)!.section(this.root, ctx);
      if (s?.charts[0]) homeCharts.push(s.charts[0]);
    }
    const siteModel: SiteModel = {
      asOf: opts.asOf,
      site: config,
      root: this.link(this.root),
      topChildren: this.children(this.root.id).map((c) => this.link(c)),
      datasets,
      home: {
        figures: aggregates.flatMap((a) => {
          const h = a.headline(this.root.id);
          const p = a.latestPeriod(this.root.id);
          return h ? [{ label: a.headlineLabel, value: h.display, ...(p ? { note: periodText(p) } : {}), labelEn: a.headlineLabelEn, valueEn: h.displayEn, ...(p ? { noteEn: periodEn(p) } : {}) }] : [];
        }),
        charts: homeCharts,
        latest: datasets.map((d) => ({ dataset: d.id, title: d.title, titleEn: d.titleEn, period: periodText(d.latestPeriod), url: `datasets/${d.id}/` })),
      },
      places: places.map((p) => this.link(p)),
    };
    void rootDibao;
    // Timeliness depends on --as-of: its own file and the place files, never site.json. Written
    // before site.json so the overview page finds it when the renderer starts.
    const timeliness = buildTimeliness({
      aggregates, root: this.root, places, config, asOf: opts.asOf, link: (r) => this.link(r),
      parentOf: (r) => (r.parent && this.regions.get(r.parent)) || this.root,
    });
    model.writeFile('timeliness.json', JSON.stringify(timeliness.overview));
    opts.share?.site(siteModel);
    model.writeFile('site.json', JSON.stringify(siteModel));
    // The page renderer may start now: it waits for each place file as it comes.
    opts.onSiteWritten?.(siteModel);

    for (const place of places) {
      const ancestors = this.chainOf(place).slice(1).reverse().map((r) => this.link(r));
      const children = this.children(place.id);
      const sections = aggregates.map((a) => a.section(place, ctx)).filter((s) => s !== undefined);
      for (const s of sections) {
        const w = sectionObjection({ ...s, notes: s.newest?.notes ?? s.notes }, opts.asOf);
        if (w) s.objection = w;
      }
      const page: PlacePage = {
        place: this.link(place),
        ancestors,
        children: children.map((c) => this.link(c)),
        ...(children.length ? { childTable: this.childTable(place, children, aggregates) } : {}),
        sections,
        // A village's own 监督电话 first; above villages, the office in site.json speaks for all.
        contact: place.level === 'village'
          ? sections.map((s) => s.contact).find(Boolean) ?? config.contact
          : config.contact || (sections.map((s) => s.contact).find(Boolean) ?? ''),
        ...(timeliness.village(place.id) ? { timeliness: timeliness.village(place.id) } : {}),
        ...(timeliness.group(place.id) ? { timelinessGroup: timeliness.group(place.id) } : {}),
      };
      // The notice board's QR code, drawn here rather than by the page renderer, which is the
      // busier of the two processes while the pages are written (README, Where the time goes).
      const online = place.level === 'village' ? absoluteUrl(config.url, page.place.url) : undefined;
      if (online) page.printQr = repeatedQrSvg(online, `二维码：${place.name}网上公开页面 ${online}`);
      // Feeds and share metadata (src/lib/share/writer.ts): one feed per place, written alongside.
      opts.share?.place(page, aggregates.map((a) => ({ dataset: a.spec.id, periods: a.periodSummaries?.(place.id) ?? [] })));
      model.writeFile(`places/${place.id}.json`, JSON.stringify(page));
      opts.onPlaceWritten?.(page);
      for (const a of aggregates) a.release?.(place.id);
    }

    return siteModel;
  }

  /** One row per child place with each dataset's headline figure, linking to the child's page. */
  private childTable(place: Region, children: Region[], aggregates: DatasetAggregate[]): TableData {
    const used = aggregates.filter((a) => children.some((c) => a.has(c.id)));
    const villages = children[0]?.level === 'village';
    return {
      caption: `${place.name}各${villages ? '村（社区）' : '下级地区'}概况`,
      captionEn: `${place.name}: ${villages ? 'villages and communities' : children[0]?.level === 'township' ? 'townships' : 'places below'} at a glance`,
      columns: [{ key: 'name', title: '名称', titleEn: 'Name', numeric: false }, ...used.map((a) => ({ key: a.spec.id, title: a.headlineLabel, titleEn: a.headlineLabelEn, numeric: true }))],
      rows: children.map((c) => [c.name, ...used.map((a) => a.headline(c.id)?.display ?? '—')]),
      sortValues: children.map((c) => [null, ...used.map((a) => a.headline(c.id)?.value ?? null)]),
      links: children.map((c) => placeUrl(c.id)),
    };
  }
}

/**
 * A dataset page's 公示期: the latest one its files' notes state with a year (no period to borrow one
 * from). Where file names or titles give the period, only the latest period's files count: an older
 * year's window must not stand for this year's list when this year's note cannot be read.
 */
function datasetObjection(dataset: string, report: CheckReport, notesByFile: ReadonlyMap<string, readonly string[]>, asOf: string, latestPeriod: string | undefined) {
  const files = report.files.filter((f) => f.dataset === dataset);
  const ofLatest = latestPeriod ? files.filter((f) => f.context?.period === undefined || f.context.period.startsWith(latestPeriod) || latestPeriod.startsWith(f.context.period)) : files;
  const notes = ofLatest.flatMap((f) => notesByFile.get(f.path) ?? []);
  const ruleDays = RULE_DAYS[dataset];
  return objectionFromNotes(notes, asOf, ruleDays ? { ruleDays } : {});
}

/** The data-quality page: what the check corrected or flagged, as counts — never row contents. */
export function quality(spec: DatasetSpec, report: CheckReport): QualityData {
  const files = report.files.filter((f) => f.dataset === spec.id);
  const counts = new Map<string, { severity: string; count: number }>();
  let gbk = 0, bom = 0, fromName = 0, totals = 0;
  const dropped = new Set<string>();
  for (const f of files) {
    if (f.encoding === 'gb18030') gbk++;
    if (f.encoding === 'utf-8-bom') bom++;
    for (const i of f.issues) {
      const c = counts.get(i.code) ?? { severity: i.severity, count: 0 };
      c.count++;
      counts.set(i.code, c);
      if (i.code === 'context-from-name') fromName++;
      if (i.code === 'private-column-dropped' && i.column) for (const h of i.column.split('、')) dropped.add(h);
    }
    for (const [code, n] of Object.entries(f.omitted ?? {})) { const c = counts.get(code); if (c) c.count += n; }
    void totals;
  }
  const lines: string[] = [];
  const linesEn: string[] = [];
  const rows = files.reduce((a, f) => a + f.rows, 0);
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  lines.push(`共 ${files.length} 个文件，${rows} 行数据通过检查并公开。`);
  linesEn.push(`${n(files.length, 'file', 'files')} with ${n(rows, 'row', 'rows')} passed the check and are published.`);
  if (gbk) { lines.push(`${gbk} 个文件是 GBK/GB18030 编码，已自动转换为 UTF-8。`); linesEn.push(`${n(gbk, 'file was', 'files were')} encoded in GBK/GB18030 and converted to UTF-8.`); }
  if (bom) { lines.push(`${bom} 个文件带 UTF-8 BOM，已正确读取。`); linesEn.push(`${n(bom, 'file', 'files')} with a UTF-8 byte-order mark (BOM) read correctly.`); }
  if (dropped.size) {
    lines.push(`原表中的个人信息列（${[...dropped].sort().join('、')}）已删除，从未公开。`);
  }
  if (fromName) { lines.push(`${fromName} 处地点或期间取自文件名或标题行。`); linesEn.push(`In ${n(fromName, 'case', 'cases')} the place or period was taken from the file name or title row.`); }
  lines.push('合计、小计行不作为数据公开，但已与明细核对；金额统一换算为元。');
  linesEn.push('Total and subtotal rows are not published as data, but were checked against the rows they sum; all amounts are converted to yuan.');
  return {
    files: files.map((f) => {
      let errors = 0, warnings = 0;
      for (const i of f.issues) { if (i.severity === 'error') errors++; else if (i.severity === 'warning') warnings++; }
      const fromNameMessages = f.issues.filter((i) => i.code === 'context-from-name').map((i) => i.message);
      return { path: f.path, encoding: f.encoding ? ENCODING_LABEL[f.encoding] : '—', encodingEn: f.encoding ? ENCODING_EN[f.encoding] ?? f.encoding : '—', rows: f.rows, errors, warnings,
        notes: fromNameMessages.map((m) => m.replace(/\s+[A-Za-z].*$/, '')), notesEn: fromNameMessages.map(englishPart) };
    }),
    counts: [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([code, c]) => ({ code, label: CODE_LABEL[code] ?? code, labelEn: CODE_LABEL_EN[code] ?? code, severity: c.severity, count: c.count })),
    lines,
    linesEn,
    ...(dropped.size ? { droppedColumns: [...dropped].sort() } : {}),
  };
}

export { contactFromNotes, columnTitle };

/**
 * The English of a 「context-from-name」 message (「表中没有「村」列，按文件名取为「王家村」 Village taken
 * from the file name」 → 「Village taken from the file name: 王家村」; the value is data and stays).
 */
export function englishPart(message: string): string {
  const m = /\s([A-Za-z][^\u3000-\u9fff\uff00-\uffef]*)$/.exec(message);
  if (!m) return message;
  const value = /取为「(.*)」/.exec(message)?.[1];
  return value ? `${m[1]!.trim()}: ${periodEn(value)}` : m[1]!.trim();
}
