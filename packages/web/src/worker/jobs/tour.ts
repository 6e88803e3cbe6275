// The worker side of the tour's own jobs: the curation step's pages through @glassbox/model/data's
// curateTourPages, the tokens step's sentence cut by the tour's BPE (@glassbox/model/run's
// tourBpe, trained once per worker on the tour corpus, in a few tens of milliseconds), and the
// missing-word step's CBOW model (@glassbox/model/word2vec's tourMissingWord and trainMissing),
// kept between steps.

import { curateTourPages } from '@glassbox/model/data';
import { tourBpe } from '@glassbox/model/run';
import type { Tokenizer } from '@glassbox/model/tokenizer';
import { TOUR_MISSING_WORD, type TourMissingWord, tourMissingWord } from '@glassbox/model/word2vec';
import type { TourJobs } from '../protocol/tour';
import { shown } from './tokens';

let bpe: Tokenizer | undefined;
let missing: Promise<TourMissingWord> | undefined;

function missingStep(m: TourMissingWord) {
  return m.model.trainMissing(TOUR_MISSING_WORD.context, TOUR_MISSING_WORD.target);
}

export const tourHandlers: {
  [K in keyof TourJobs]: (input: TourJobs[K]['input']) => Promise<TourJobs[K]['output']>;
} = {
  tourCurate: () => curateTourPages(),
  tourMissingWord: async ({ seed }) => {
    missing = tourMissingWord({ seed });
    const m = await missing;
    return {
      context: [...TOUR_MISSING_WORD.context],
      target: TOUR_MISSING_WORD.target,
      vocabSize: m.model.vocab.words.length,
      dim: m.model.options.dim,
      untrained: m.untrained,
      trained: m.trained,
      step: missingStep(m),
    };
  },
  tourMissingWordStep: async () => {
    missing ??= tourMissingWord({ seed: 1 });
    return missingStep(await missing);
  },
  tourBpeSplit: async ({ text }) => {
    bpe ??= tourBpe().tokenizer;
    return { vocabSize: bpe.vocabSize, tokens: shown(text, bpe.explain(text)) };
  },
};
