/**
 * The check in a worker thread (check-worker.ts), with the rows it accepts handed to the sink here,
 * in the order the check accepted them: the same calls, in the same order, as runCheck in this
 * thread, so the output is the same. Used by the build: at 30,000 villages the check alone kept one
 * core busy for about two minutes while the other had nothing to do.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { CheckOptions, CheckResult, PlaceIds } from './check.ts';
import type { CheckWorkerData, CheckWorkerMessage } from './check-worker.ts';
import { DATASET_BY_ID } from './datasets/index.ts';
import { RegionRegistry } from './regions.ts';
import type { SiteConfig } from './site-config.ts';

export type WorkerCheckOptions = Pick<CheckOptions, 'sink' | 'onProgress' | 'onContext' | 'maxIssuesPerCode' | 'memoryEntries'> & {
  /** The worker's heap (default: the process's; a --max-old-space-size flag overrides these). */
  resourceLimits?: ResourceLimits;
};

/** The rejection when the check ran out of heap: `code` is Node's ERR_WORKER_OUT_OF_MEMORY. */
export const CHECK_OUT_OF_MEMORY = 'ERR_WORKER_OUT_OF_MEMORY';

/** Checks the data folder `dataDir` in a worker thread (its duplicate indexes spill to a temporary folder). */
export function checkInWorker(dataDir: string, opts: WorkerCheckOptions = {}): Promise<CheckResult> {
  return new Promise<CheckResult>((resolve, reject) => {
    const inFlightBuffer = new SharedArrayBuffer(4);
    const inFlight = new Int32Array(inFlightBuffer);
    const workerData: CheckWorkerData = {
      dataDir, progress: opts.onProgress !== undefined, inFlight: inFlightBuffer,
      ...(opts.maxIssuesPerCode !== undefined ? { maxIssuesPerCode: opts.maxIssuesPerCode } : {}),
      ...(opts.memoryEntries !== undefined ? { memoryEntries: opts.memoryEntries } : {}),
    };
    const worker = new Worker(new URL('./check-worker.ts', import.meta.url), { workerData, ...(opts.resourceLimits ? { resourceLimits: opts.resourceLimits } : {}) });
    let regions: RegionRegistry | undefined;
    let site: SiteConfig | undefined;
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      // Node's own error keeps its code (ERR_WORKER_OUT_OF_MEMORY), which the build turns into advice.
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    worker.on('message', (m: CheckWorkerMessage) => {
      if (settled) return;
      try {
        switch (m.type) {
          case 'context':
            regions = new RegionRegistry(m.regions, m.closed);
            site = m.site;
            opts.onContext?.(regions, site);
            break;
          case 'rows': {
            const registry = regions!;
            for (const r of m.regions) registry.learn(r);
            const sink = opts.sink;
            if (sink) {
              for (const [id, row, township, village, line] of m.rows) {
                const place: PlaceIds = {};
                if (township !== undefined) place.township = registry.get(township);
                if (village !== undefined) place.village = registry.get(village);
                sink.accept(DATASET_BY_ID.get(id)!, row, place, { file: m.file, row: line });
              }
            }
            // Taken: the check may send another batch.
            Atomics.sub(inFlight, 0, 1);
            Atomics.notify(inFlight, 0);
            break;
          }
          case 'file-done':
            opts.sink?.fileDone?.(m.report);
            break;
          case 'progress':
            opts.onProgress?.(m.progress);
            break;
          case 'done':
            settled = true;
            void worker.terminate();
            resolve({ report: m.report, regions: regions!, site: site! });
            break;
          case 'error':
            fail(new Error(m.message));
            break;
        }
      } catch (e) {
        fail(e);
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`检查线程意外退出 check worker stopped (exit ${code})`)));
  });
}
