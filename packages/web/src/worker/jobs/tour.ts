// The worker side of the tour's own jobs: the curation step's pages through @glassbox/model/data's
// curateTourPages, and the tokens step's sentence cut by the tour's BPE (@glassbox/model/run's
// tourBpe, trained once per worker on the tour corpus, in a few tens of milliseconds).

import { curateTourPages } from '@glassbox/model/data';
import { tourBpe } from '@glassbox/model/run';
import type { Tokenizer } from '@glassbox/model/tokenizer';
import type { TourJobs } from '../protocol/tour';
import { shown } from './tokens';

let bpe: Tokenizer | undefined;

export const tourHandlers: {
  [K in keyof TourJobs]: (input: TourJobs[K]['input']) => Promise<TourJobs[K]['output']>;
} = {
  tourCurate: () => curateTourPages(),
  tourBpeSplit: async ({ text }) => {
    bpe ??= tourBpe().tokenizer;
    return { vocabSize: bpe.vocabSize, tokens: shown(text, bpe.explain(text)) };
  },
};
