import type { DatasetSpec } from '../schema.ts';
import { dibao } from './dibao.ts';
import { tekun } from './tekun.ts';
import { projects } from './projects.ts';
import { finance } from './finance.ts';
import { works } from './works.ts';
import { partyDues } from './party-dues.ts';
import { pension } from './pension.ts';

/** Every dataset, in the order the site lists them. */
export const DATASETS: readonly DatasetSpec[] = [dibao, tekun, projects, finance, works, partyDues, pension];

export const DATASET_BY_FOLDER: ReadonlyMap<string, DatasetSpec> = new Map(DATASETS.map((d) => [d.folder, d]));
export const DATASET_BY_ID: ReadonlyMap<string, DatasetSpec> = new Map(DATASETS.map((d) => [d.id, d]));

export { dibao, tekun, projects, finance, works, partyDues, pension };
