/**
 * The site model: everything the pages show, prepared by src/lib (figures formatted, charts already
 * rendered to SVG, tables already reduced to public columns). Astro pages only lay it out.
 * Written by the data stage as JSON files: model/site.json and one model/places/<id>.json per place.
 */
import type { ChartResult } from '../charts/render.ts';
import type { ObjectionInfo } from './objection-window.ts';
import type { RepeatedQr } from './qr.ts';
import type { RegionLevel } from '../regions.ts';
import type { SiteConfig } from '../site-config.ts';
import type { PlaceTimeliness, TimelinessGroup } from './timeliness-model.ts';

export interface PlaceLink {
  id: string;
  /** 12-digit statistical code when the office's regions.csv gives one. */
  code?: string;
  name: string;
  level: RegionLevel;
  parent?: string;
  /** Relative to the site root, no leading slash: `place/999901100201/`. */
  url: string;
}

export interface Figure {
  label: string;
  /** Already formatted the Chinese way: 「412 户」「25.60万元」. */
  value: string;
  /** A short note under the figure: 「2026年10月」「比上月 +3」. */
  note?: string;
  /** The same in English (the English pages fall back to the Chinese when absent). */
  labelEn?: string;
  valueEn?: string;
  noteEn?: string;
}

export interface TableColumn {
  key: string;
  title: string;
  numeric: boolean;
  titleEn?: string;
  /** Cells are periods (2026年10月): the English page shows them as Oct 2026. */
  period?: boolean;
}

export interface TableData {
  caption: string;
  captionEn?: string;
  /** The dataset whose schema columns these are (by key): the English titles come from the schema. */
  dataset?: string;
  columns: TableColumn[];
  /** Cells as display strings (numbers formatted); the raw numbers are in the downloads. */
  rows: string[][];
  /** Sort keys for numeric columns (same shape as rows; null where not numeric). */
  sortValues?: (number | null)[][];
  /** Rows not shown because the list is long; the full list is in the download. */
  omitted?: number;
  /** Site-relative link to this table as CSV. */
  csv?: string;
  /** Links per row (e.g. child place pages), same order as rows. */
  links?: (string | null)[];
}

export interface Changes {
  period: string;
  previousPeriod: string;
  added: string[];
  removed: string[];
  /** Count change, e.g. +3. */
  delta: number;
  /** The last months' counts, oldest first (the count trend next to who joined and left). */
  recent?: { period: string; count: number }[];
  /** What one row counts: 户 or 人. */
  unit?: string;
}

/**
 * The newest period's rows of a table that lists several periods, newest first. The figures speak of
 * these, the 公示期 is read from their files' notes, and the notice board prints only them, so an
 * older year's list or window never stands under this year's title.
 */
export interface NewestPart {
  /** How many rows, from the top of the table, belong to the newest period. */
  rows: number;
  /** The table's caption for those rows alone: 「白马村衔接资金项目（2026年）」. */
  caption: string;
  /** Their files' notes, when they differ from the whole table's. */
  notes?: string[];
}

export interface DatasetSection {
  dataset: string;
  title: string;
  titleEn: string;
  /** Latest period covered, as a label (2026年10月), and when it was last updated. */
  latestPeriod?: string;
  figures: Figure[];
  charts: ChartResult[];
  table?: TableData;
  changes?: Changes;
  /** 公示期 / 监督电话 lines published with the list. */
  notes: string[];
  /** When the table also lists earlier periods (projects of 2025 and 2026): the newest period's part. */
  newest?: NewestPart;
  /** Where to object: 监督电话 from the data, else the office in site.json. */
  contact?: string;
  /** The 公示期 its notes state, and whether it has ended on the as-of date (objection-window.ts). */
  objection?: ObjectionInfo;
}

/** What a page offers for sharing and following (see src/lib/share/, src/lib/feeds/). */
export interface PageShare {
  /** Site-relative path of the Atom feed for this page (`feed.xml`, `place/<id>/feed.xml`). */
  feed: string;
  /** Site-relative path of the share image (PNG, 1200×630), when one was rendered. */
  image?: string;
  imageAlt?: string;
  /** One line with the page's headline figures, for og:description. */
  summary?: string;
}

export interface PlacePage {
  place: PlaceLink;
  /** From the top of the hierarchy down to the parent. */
  ancestors: PlaceLink[];
  children: PlaceLink[];
  /** One row per child place with its latest figures (for county and township pages). */
  childTable?: TableData;
  sections: DatasetSection[];
  contact: string;
  /** Villages: per dataset, the latest period and whether it is on time as of --as-of. */
  timeliness?: PlaceTimeliness;
  /** Places whose children are villages (townships): how many are up to date, and who is late. */
  timelinessGroup?: TimelinessGroup;
  share?: PageShare;
  /** Villages, when site.json has a url: the QR code (SVG) of this page online, for the print view's sheets. */
  printQr?: RepeatedQr;
}

export interface DatasetDownload {
  csv: string;
  json: string;
  csvBytes: number;
  jsonBytes: number;
  csvSha256: string;
}

export interface DatasetInfo {
  id: string;
  title: string;
  titleEn: string;
  description: string;
  frequency: string;
  rows: number;
  files: number;
  periods: string[];
  latestPeriod?: string;
  download: DatasetDownload;
  columns: { name: string; title: string; type: string; unit?: string; description: string }[];
}

export interface DatasetPage {
  info: DatasetInfo;
  figures: Figure[];
  charts: ChartResult[];
  /** Per child-of-root place (townships) with this dataset's latest figures. */
  byPlace?: TableData;
  /** The latest list when it is short enough for one page; else only the downloads. */
  table?: TableData;
  /** When that table also lists earlier periods: the newest period's part (for the notice board). */
  newest?: NewestPart;
  /** What the check corrected or flagged, without personal data. */
  quality: QualityData;
  share?: PageShare;
  /** The latest 公示期 stated (with its year) in the dataset's files' notes. */
  objection?: ObjectionInfo;
}

export interface QualityData {
  files: { path: string; encoding: string; encodingEn?: string; rows: number; errors: number; warnings: number; notes: string[]; notesEn?: string[] }[];
  /** Count per issue label (e.g. 「个人信息列不公开」: 12). No row contents. */
  counts: { code: string; label: string; labelEn?: string; severity: string; count: number }[];
  /** Plain-language lines: 「3 个文件是 GBK 编码，已自动转换」. */
  lines: string[];
  /** The English lines, without the personal-data columns dropped (those are in droppedColumns). */
  linesEn?: string[];
  /** Headers of personal-data columns removed from the offices' tables, as they wrote them. */
  droppedColumns?: string[];
}

export interface HomeData {
  figures: Figure[];
  charts: ChartResult[];
  latest: { dataset: string; title: string; titleEn?: string; period: string; url: string }[];
}

export interface SiteModel {
  /** The date the site speaks as of (YYYY-MM-DD). */
  asOf: string;
  site: SiteConfig;
  root: PlaceLink;
  /** Top-level children of the root (townships of a county), for navigation. */
  topChildren: PlaceLink[];
  datasets: DatasetInfo[];
  home: HomeData;
  /** Every place with a page, parents first. */
  places: PlaceLink[];
  /** The county's feed and share image, for pages without their own. */
  share?: PageShare;
}
