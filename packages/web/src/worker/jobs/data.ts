// The Data page's worker job (it runs inside glassbox.worker.ts, never on the UI thread): the
// curation pipeline (data-curate.ts). The pipeline's libraries (the HTML DOM and Readability, the
// WARC and parquet readers, fastText) are loaded with the job, not with the worker, so pages that
// never curate never download them.

import type { DataStats } from '@glassbox/model/data';
import type { CurateInput, DataEvent } from '../protocol/data';

export const dataHandlers = {
  dataCurate: async (input: CurateInput, progress: (p: DataEvent) => void): Promise<DataStats> =>
    (await import('./data-curate')).curate(input, progress),
};
