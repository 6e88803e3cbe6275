// word2vec's settings and its per-epoch report: the defaults (gensim's: vector size 100,
// window 5, 5 noise words, subsampling 1e-3, min count 5, learning rate 0.025 → 0.0001) and the
// checks that turn an impossible setting into a clear message naming it.

import { GlassboxError } from '../util/errors.js';

export interface Word2VecOptions {
  model: 'skipgram' | 'cbow';
  /** Vector size. */
  dim: number;
  /** Largest distance between the center word and a context word. */
  window: number;
  /** Noise words per example. */
  negative: number;
  epochs: number;
  /** Words seen fewer times are dropped from the vocabulary (and from the sentences). */
  minCount: number;
  /** Subsampling of frequent words (0 turns it off). */
  sample: number;
  /** Learning rate at the start and at the end of training (linear in between). */
  alpha: number;
  minAlpha: number;
  seed: number;
  /** Words per kernel call; the learning rate and the progress events step between calls. */
  batchWords: number;
  /** Longer sentences are cut into pieces of this many words. */
  maxSentence: number;
  /** Kernel implementation: 'wasm' (fast) or 'reference' (the readable twin, for tests). */
  impl: 'wasm' | 'reference';
}

export const WORD2VEC_DEFAULTS: Word2VecOptions = {
  model: 'skipgram',
  dim: 100,
  window: 5,
  negative: 5,
  epochs: 5,
  minCount: 5,
  sample: 1e-3,
  alpha: 0.025,
  minAlpha: 0.0001,
  seed: 1,
  batchWords: 10_000,
  maxSentence: 10_000,
  impl: 'wasm',
};

export function validate(o: Word2VecOptions): void {
  if (o.model !== 'skipgram' && o.model !== 'cbow') {
    throw new GlassboxError(`unknown model "${o.model}"; choose skipgram or cbow`, 'model');
  }
  const ints: [keyof Word2VecOptions, number][] = [
    ['dim', 1],
    ['window', 1],
    ['negative', 1],
    ['epochs', 1],
    ['minCount', 1],
    ['batchWords', 1],
    ['maxSentence', 1],
  ];
  for (const [key, min] of ints) {
    const v = o[key] as number;
    if (!Number.isInteger(v) || v < min)
      throw new GlassboxError(`expected an integer ≥ ${min}, got ${v}`, key);
  }
  if (!(o.sample >= 0 && o.sample < 1))
    throw new GlassboxError(`expected 0 ≤ sample < 1, got ${o.sample}`, 'sample');
  if (!(o.alpha > 0 && o.minAlpha >= 0 && o.minAlpha <= o.alpha)) {
    throw new GlassboxError(
      `expected 0 ≤ minAlpha ≤ alpha and alpha > 0, got ${o.minAlpha}, ${o.alpha}`,
      'alpha',
    );
  }
}

export interface EpochReport {
  epoch: number;
  /**
   * Mean loss per example (−ln σ(positive) − Σ ln σ(−noise), summed in f64) of the vectors at
   * the end of the epoch, on a fixed 5 % sample of the corpus with fixed noise words and no
   * updates: comparable from epoch to epoch, so it falls while the model learns.
   */
  loss: number;
  /**
   * The same mean over the epoch's own training examples, each measured just before its update.
   * It runs below `loss` (each example profits from updates on the words just before it) and can
   * rise in the last epochs as the learning rate shrinks; it is what gensim reports.
   */
  trainLoss: number;
  examples: number;
  /** Words left after subsampling. */
  keptWords: number;
  /** Training time (the loss measurement not included). */
  seconds: number;
  /** Raw corpus words (every token, as gensim counts them) per second. */
  wordsPerSecond: number;
  /** Learning rate at the end of the epoch. */
  alpha: number;
}
