// The Data page's job (handler in worker/jobs/data.ts): the curation pipeline over dropped files,
// the built-in Brown corpus (as is or with web-like noise) or a Common Crawl-like WARC made from it.

import type { DataStats } from '@glassbox/model/data';
import type { Progress } from '@glassbox/model/run';

export type DataSource = 'brown' | 'brown-noisy' | 'crawl';

export type CurateInput =
  | { source: DataSource; seed: number }
  | { files: File[]; seed: number; textField?: string };

/** Progress, with a snapshot of the stats now and then for the live funnel. */
export type DataEvent = Progress & { snapshot?: DataStats };

export interface DataJobs {
  dataCurate: { input: CurateInput; output: DataStats; event: DataEvent };
}
