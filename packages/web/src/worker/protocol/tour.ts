// The tour's own jobs (handlers in worker/jobs/tour.ts): the curation example's pages through the
// library's filters, and a sentence cut by the tour's BPE (trained on the tour corpus). (The
// tour's GPT trains through trainStart in the 'tour' slot, its embedding map through embedTour.)

import type { PageVerdict } from '@glassbox/model/data';
import type { ShownToken } from './tokens';

export interface TourJobs {
  tourCurate: { input: Record<string, never>; output: PageVerdict[] };
  tourBpeSplit: { input: { text: string }; output: { vocabSize: number; tokens: ShownToken[] } };
}
