// The Data page's worker job (it runs inside glassbox.worker.ts, never on the UI thread): the
// curation pipeline over dropped files, the built-in Brown corpus (as is or with web-like noise) or
// a Common Crawl-like WARC made from it (curate-job.ts). The pipeline's libraries (the HTML DOM and
// Readability, the WARC and parquet readers, fastText) are loaded with the job, not with the
// worker, so pages that never curate never download them.

import type { DataStats } from '@glassbox/model/data';
import type { Progress } from '@glassbox/model/run';

export type DataSource = 'brown' | 'brown-noisy' | 'crawl';

export type CurateInput =
  | { source: DataSource; seed: number }
  | { files: File[]; seed: number; textField?: string };

/** Progress, with a snapshot of the stats now and then for the live funnel. */
export type DataEvent = Progress & { snapshot?: DataStats };

export interface DataJobs {
  'data-curate': { input: CurateInput; output: DataStats; event: DataEvent };
}

export const dataHandlers = {
  'data-curate': async (input: CurateInput, progress: (p: DataEvent) => void): Promise<DataStats> =>
    (await import('./curate-job')).curate(input, progress),
};
