/**
 * Worker thread that writes people's-names indexes (one per county, see records.ts peopleGroupOf)
 * with a Pagefind service of its own, so that two counties index at once on two cores. It asks its
 * parent for a group, indexes that group's set-aside records (`<dir>/<group>.ndjson`, in the order
 * the build gave them) into `<outputPath>/<group>/`, drops the index, and asks again. Which worker
 * takes a group does not change the group's index: the same records in the same order.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { addRecord, closePagefind, newIndex, writeIndex } from './pagefind-index.ts';
import type { SearchRecord } from './records.ts';

export interface PeopleWorkerData { dir: string; outputPath: string; maxFragments: number }
export type PeopleRequest = { type: 'group'; group: string } | { type: 'end' };
export type PeopleReply = { type: 'next'; records: number } | { type: 'closed'; records: number } | { type: 'error'; message: string };

const port = parentPort!;
const { dir, outputPath, maxFragments } = workerData as PeopleWorkerData;
let records = 0;

async function indexGroup(group: string): Promise<void> {
  const index = await newIndex(maxFragments);
  const lines = createInterface({ input: createReadStream(join(dir, `${group}.ndjson`)), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    await addRecord(index, JSON.parse(line) as SearchRecord);
    records++;
  }
  await writeIndex(index, join(outputPath, group));
  await index.deleteIndex();
}

port.on('message', (m: PeopleRequest) => {
  const step = m.type === 'group'
    ? indexGroup(m.group).then(() => port.postMessage({ type: 'next', records } satisfies PeopleReply))
    : closePagefind().then(() => port.postMessage({ type: 'closed', records } satisfies PeopleReply));
  step.catch((e: unknown) => port.postMessage({ type: 'error', message: String((e as Error)?.message ?? e) } satisfies PeopleReply));
});
port.postMessage({ type: 'next', records } satisfies PeopleReply);
