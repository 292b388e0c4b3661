/**
 * What changed between two published releases: the shape of data/changes.json and of the overlay
 * model files the pages read (model/changes/…). Values are the cells of the published CSV downloads
 * (Chinese headers, money in 元), keyed by header, so the facts read the same as the downloads.
 */

/** Cells of one row by download header (乡镇, 村, 户主姓名, 月保障金额（元） …). */
export type Cells = Record<string, string>;

export interface RowRef {
  /** Place page id the row belongs to in this release (absent when the place no longer has a page). */
  place?: string;
  /** 乡镇 村 as published, for places without a page. */
  placeName: string;
  /** The row key's cells (发放年月, 乡镇, 村, 户主姓名 for 低保). */
  key: Cells;
}

export interface AddedRow extends RowRef { values: Cells }
export interface RemovedRow extends RowRef { values: Cells }
export interface CellChange { column: string; old: string; new: string }
export interface ChangedRow extends RowRef { changes: CellChange[] }

export interface ChangeCounts { added: number; removed: number; changed: number }

export interface PeriodCounts extends ChangeCounts {
  period: string;
  /** The previous release had no row of this period: its rows are a new publication, not a correction. */
  newPeriod: boolean;
}

/** `added` counts every new row; `newPeriod` those of them in periods the previous release did not have (a normal new publication). */
export interface PlaceCounts extends ChangeCounts { place?: string; placeName: string; newPeriod: number }

/** A bilingual note about the comparison (duplicate keys, unreadable file, columns added…). */
export interface ChangeNote { zh: string; en: string }

export type DatasetChangeStatus = 'compared' | 'new-dataset' | 'dataset-removed' | 'not-comparable';

export interface DatasetChanges {
  id: string;
  title: string;
  status: DatasetChangeStatus;
  /** Download headers forming the row key. */
  keyColumns: string[];
  rowsBefore: number;
  rowsAfter: number;
  counts: ChangeCounts & { unchanged: number };
  /** Columns the previous download did not have / no longer has (their values are not compared). */
  columnsAdded: string[];
  columnsRemoved: string[];
  byPeriod: PeriodCounts[];
  byPlace: PlaceCounts[];
  /** Rows added to periods already published (or to datasets without periods); capped. */
  added: AddedRow[];
  removed: RemovedRow[];
  changed: ChangedRow[];
  /** Rows counted but not listed because of the cap. */
  omitted: ChangeCounts;
  notes: ChangeNote[];
}

export type NoticeKind = 'withdrawn' | 'corrected';

/** A correction or withdrawal of a row already published: stays visible in later releases. */
export interface Notice extends RowRef {
  /** asOf of the release that made the correction. */
  release: string;
  dataset: string;
  datasetTitle: string;
  kind: NoticeKind;
  /** Withdrawn rows: the values as they were published. */
  values?: Cells;
  /** Corrected rows: old → new per column. */
  changes?: CellChange[];
}

/** Corrections/withdrawals per release, dataset and place, including those beyond the detail cap. */
export interface NoticeCount {
  release: string;
  dataset: string;
  datasetTitle: string;
  place?: string;
  placeName: string;
  withdrawn: number;
  corrected: number;
}

export interface ChangeLimits {
  /** Rows listed in full per dataset and kind (added, removed, changed) in one release. */
  detailsPerKind: number;
  /** Releases whose corrections/withdrawals are carried forward (this one included). */
  historyReleases: number;
  /** Detailed notices carried per dataset; older ones beyond it stay as counts only. */
  noticesPerDataset: number;
}

/** data/changes.json */
export interface ChangesFile {
  format: 'sunlight-changes/1';
  asOf: string;
  /** False when the build was not given --previous: nothing was compared. */
  compared: boolean;
  previous?: { asOf: string };
  limits: ChangeLimits;
  notes: ChangeNote[];
  datasets: DatasetChanges[];
  /** Corrections and withdrawals of this release and of earlier ones, newest release first. */
  notices: Notice[];
  noticeCounts: NoticeCount[];
  /** Releases compared so far, newest first (this one included when compared). */
  releases: { asOf: string; previous: string }[];
}

/** model/changes/release.json: the release page (summaries, no row details). */
export interface ReleaseOverlay {
  asOf: string;
  compared: boolean;
  previous?: { asOf: string };
  limits: ChangeLimits;
  notes: ChangeNote[];
  datasets: Omit<DatasetChanges, 'added' | 'removed' | 'changed' | 'byPlace'>[];
  noticeCounts: NoticeCount[];
  releases: { asOf: string; previous: string }[];
}

/** model/changes/datasets/<id>.json, written only for datasets with changes or notices. */
export interface DatasetOverlay {
  changes?: DatasetChanges;
  notices: Notice[];
  noticeCounts: NoticeCount[];
}

/** model/changes/places/<id>.json, written only for places with changes or notices. */
export interface PlaceOverlay {
  /** This release's rows added to already published periods, per dataset. */
  added: { dataset: string; datasetTitle: string; release: string; rows: AddedRow[] }[];
  notices: Notice[];
  noticeCounts: NoticeCount[];
}
