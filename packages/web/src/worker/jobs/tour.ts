// The worker side of the tour's own jobs: the curation step's pages through @glassbox/model/data's
// curateTourPages, the tokens step's sentence cut by the tour's BPE (@glassbox/model/run's
// tourBpe, trained once per worker on the tour corpus, in a few tens of milliseconds), and the
// missing-word step's CBOW model (@glassbox/model/word2vec's tourMissingWord and trainMissing),
// kept between steps; and the fine-tuning step's fine-tune of a copy of the tour model
// (@glassbox/model/finetune's tourFineTune, about a second), with a progress event per step.

import { GlassboxError } from '@glassbox/model';
import { curateTourPages } from '@glassbox/model/data';
import { tourFineTune } from '@glassbox/model/finetune';
import { type Progress, tourBpe } from '@glassbox/model/run';
import type { Tokenizer } from '@glassbox/model/tokenizer';
import { TOUR_MISSING_WORD, type TourMissingWord, tourMissingWord } from '@glassbox/model/word2vec';
import type { TourJobs } from '../protocol/tour';
import { peekSession } from './sessions';
import { shown } from './tokens';

let bpe: Tokenizer | undefined;
let missing: Promise<TourMissingWord> | undefined;

function missingStep(m: TourMissingWord) {
  return m.model.trainMissing(TOUR_MISSING_WORD.context, TOUR_MISSING_WORD.target);
}

export const tourHandlers: {
  [K in keyof TourJobs]: (
    input: TourJobs[K]['input'],
    progress: (p: Progress) => void,
  ) => Promise<TourJobs[K]['output']>;
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
  tourFinetune: async (_input, progress) => {
    const s = peekSession('tour');
    if (!s || s.running)
      throw new GlassboxError('the tour model is not trained yet: wait until it has finished its steps');
    const out = await tourFineTune(s.model, s.tokenizer, {
      onStep: (done, total, loss) => progress({ stage: 'finetune', done, total, metrics: { loss } }),
    });
    return { ...out, modelId: s.modelId };
  },
  tourBpeSplit: async ({ text }) => {
    bpe ??= tourBpe().tokenizer;
    return { vocabSize: bpe.vocabSize, tokens: shown(text, bpe.explain(text)) };
  },
};
