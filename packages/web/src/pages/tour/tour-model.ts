// The tour's own model: a small GPT trained on the toy corpus with a word tokenizer, in the
// page, in well under a minute — so its autocomplete speaks in words ("the cat sleeps on the …")
// and cat and dog can be seen to share contexts. It lives in its own worker slot and never
// replaces the model of the Train page.

import { startTraining } from '../train/run-store';

export const TOUR_MODEL = { nLayer: 2, nHead: 2, nEmbd: 48, blockSize: 32 };
export const TOUR_STEPS = 400;

export function trainTourModel(): Promise<void> {
  return startTraining({
    slot: 'tour',
    corpus: { kind: 'toy' },
    tokenizer: 'word',
    model: TOUR_MODEL,
    train: {
      batchSize: 16,
      maxSteps: TOUR_STEPS,
      lr: 3e-3,
      minLr: 3e-4,
      warmupSteps: 20,
      decaySteps: TOUR_STEPS,
      evalInterval: 40,
      evalBatches: 4,
    },
    modelSeed: 1337,
  });
}
