// The tour's own jobs (handlers in worker/jobs/tour.ts): the curation example's pages through the
// library's filters. (The tour's GPT trains through trainStart in the 'tour' slot, its embedding
// map through embedTour.)

import type { PageVerdict } from '@glassbox/model/data';

export interface TourJobs {
  tourCurate: { input: Record<string, never>; output: PageVerdict[] };
}
