/**
 * Worker thread that runs the build's check (check.ts) on a core of its own: reading, decoding,
 * parsing and validating every file, and the checks across files. Accepted rows go back to the
 * build in batches (node-check.ts), where the downloads and the site aggregates take them; before,
 * both halves ran one after the other on one core while the other waited for the model.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runCheck, type CheckReport, type FileReport, type Progress } from './check.ts';
import { folderSource } from './node-source.ts';
import { diskSpill } from './node-spill.ts';
import type { Region } from './regions.ts';
import type { SiteConfig } from './site-config.ts';
import type { Row } from './validate.ts';

export interface CheckWorkerData {
  dataDir: string;
  /** Whether to send progress events (not with --quiet). */
  progress: boolean;
  /** One Int32: batches sent and not yet taken by the build (back-pressure, see send()). */
  inFlight: SharedArrayBuffer;
  maxIssuesPerCode?: number;
  memoryEntries?: number;
}

/** An accepted row: dataset id, the public row, township and village ids, spreadsheet line. */
export type RowTuple = [dataset: string, row: Row, township: string | undefined, village: string | undefined, line: number];

export type CheckWorkerMessage =
  | { type: 'context'; regions: Region[]; closed: boolean; site: SiteConfig }
  /** `regions`: places learnt from the data since the last batch (no regions.csv), before the rows that use them. */
  | { type: 'rows'; file: string; regions: Region[]; rows: RowTuple[] }
  | { type: 'file-done'; report: FileReport }
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; report: CheckReport }
  | { type: 'error'; message: string };

/** Rows per message: large enough that messaging costs little, small enough to keep memory flat. */
export const BATCH_ROWS = 2048;
/** Batches the build may have queued; past this the check waits for it (rows would pile up in memory). */
export const MAX_IN_FLIGHT = 8;

const port = parentPort!;
const data = workerData as CheckWorkerData;
const inFlight = new Int32Array(data.inFlight);
let batch: RowTuple[] = [];
let batchFile = '';
let learnt: Region[] = [];

function send(): void {
  if (!batch.length && !learnt.length) return;
  // The check runs synchronously inside the parser's callbacks, so it waits here, blocking.
  for (let n; (n = Atomics.load(inFlight, 0)) >= MAX_IN_FLIGHT;) Atomics.wait(inFlight, 0, n);
  Atomics.add(inFlight, 0, 1);
  port.postMessage({ type: 'rows', file: batchFile, regions: learnt, rows: batch } satisfies CheckWorkerMessage);
  batch = [];
  learnt = [];
}

runCheck({
  source: folderSource(data.dataDir),
  spill: () => diskSpill(),
  ...(data.maxIssuesPerCode !== undefined ? { maxIssuesPerCode: data.maxIssuesPerCode } : {}),
  ...(data.memoryEntries !== undefined ? { memoryEntries: data.memoryEntries } : {}),
  onContext(regions, site) {
    regions.onLearn = (r) => learnt.push(r);
    port.postMessage({ type: 'context', regions: [...regions.regions.values()], closed: regions.closed, site } satisfies CheckWorkerMessage);
  },
  sink: {
    accept(dataset, row, place, origin) {
      if (origin.file !== batchFile) { send(); batchFile = origin.file; }
      batch.push([dataset.id, row, place.township?.id, place.village?.id, origin.row]);
      if (batch.length >= BATCH_ROWS) send();
    },
    fileDone(report) {
      send();
      port.postMessage({ type: 'file-done', report } satisfies CheckWorkerMessage);
    },
  },
  ...(data.progress ? { onProgress: (progress: Progress) => port.postMessage({ type: 'progress', progress } satisfies CheckWorkerMessage) } : {}),
}).then(({ report }) => {
  send();
  port.postMessage({ type: 'done', report } satisfies CheckWorkerMessage);
}, (e: unknown) => {
  port.postMessage({ type: 'error', message: String((e as Error)?.stack ?? e) } satisfies CheckWorkerMessage);
});
