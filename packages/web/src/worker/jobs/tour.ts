// The worker side of the tour's curation step: @glassbox/model/data's curateTourPages, as is.

import { curateTourPages } from '@glassbox/model/data';
import type { TourJobs } from '../protocol/tour';

export const tourHandlers: {
  [K in keyof TourJobs]: (input: TourJobs[K]['input']) => Promise<TourJobs[K]['output']>;
} = {
  tourCurate: () => curateTourPages(),
};
