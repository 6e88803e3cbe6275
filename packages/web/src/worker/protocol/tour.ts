// The tour's own jobs (handlers in worker/jobs/tour.ts): the curation example's pages through the
// library's filters, a sentence cut by the tour's BPE (trained on the tour corpus), and the
// missing-word model (word2vec's CBOW on the tour corpus): its guesses for "the cat sat on the ___"
// before training and after one pass, and single training steps on that example; and the fine-tuning
// step's quick fine-tune of the tour model (@glassbox/model/finetune's tourFineTune). (The tour's GPT
// trains through trainStart in the 'tour' slot, its embedding map through embedTour.)

import type { PageVerdict } from '@glassbox/model/data';
import type { TourFineTune } from '@glassbox/model/finetune';
import type { MissingWordGuess, MissingWordStep } from '@glassbox/model/word2vec';
import type { ShownToken } from './tokens';

export interface TourMissingWordView {
  context: string[];
  target: string;
  vocabSize: number;
  dim: number;
  untrained: MissingWordGuess;
  trained: MissingWordGuess;
  /** The first training step on the blank, taken right after the pass. */
  step: MissingWordStep;
}

export interface TourJobs {
  tourCurate: { input: Record<string, never>; output: PageVerdict[] };
  /** A fresh missing-word model (seeded): one pass, then one step on the blank. */
  tourMissingWord: { input: { seed: number }; output: TourMissingWordView };
  /** One more step on the blank, on the model tourMissingWord made. */
  tourMissingWordStep: { input: Record<string, never>; output: MissingWordStep };
  /** The tour model (trained, not training) fine-tuned in a copy; progress per step. */
  tourFinetune: { input: Record<string, never>; output: TourFineTune & { modelId: number } };
  tourBpeSplit: { input: { text: string }; output: { vocabSize: number; tokens: ShownToken[] } };
}
