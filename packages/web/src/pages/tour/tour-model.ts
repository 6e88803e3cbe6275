// The tour's own model: a small GPT trained on the tour corpus (the toy corpus with the explainer's example sentences) with a word tokenizer, in the
// page, in well under a minute — so its autocomplete speaks in words ("the cat sleeps on the …")
// and cat and dog can be seen to share contexts. It lives in its own worker slot and never
// replaces the model of the Train page.

import type { TrainRequest } from '../../worker/protocol/explorer';

const STEPS = 400;

export const TOUR_RUN: TrainRequest = {
  slot: 'tour',
  corpus: { kind: 'tour' },
  tokenizer: 'word',
  model: { nLayer: 2, nHead: 2, nEmbd: 48, blockSize: 32 },
  train: {
    batchSize: 16,
    maxSteps: STEPS,
    lr: 3e-3,
    minLr: 3e-4,
    warmupSteps: 20,
    decaySteps: STEPS,
    evalInterval: 40,
    evalBatches: 4,
  },
  modelSeed: 1337,
};
