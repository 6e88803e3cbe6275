// The tour's embedding map, as one pipeline: word2vec (skip-gram) trained on the tour corpus for a
// seed, a snapshot of the vectors before training and after every epoch, and every snapshot
// projected on the final vectors' PCA axes — so the map animates from random initialisation to
// trained, and cat ends beside dog, banana apart, king near queen, apple far from car (checked
// for seeds 1–10 in test/word2vec/tour.test.ts, in cosine and on the map).
// Also the tour's missing-word model: CBOW on the same corpus, for "the cat sat on the ___" — its
// guess before training and after one pass, then single training steps on that one example.
// Does not handle: other corpora (the Embeddings page's workbench does), UMAP.

import { tourSentences } from '../corpus/tour.js';
import type { MissingWordGuess } from './missing-word.js';
import { projectFrames } from './project.js';
import type { WordVectors } from './vectors.js';
import { Word2Vec } from './word2vec.js';

export interface TourEmbeddingOptions {
  seed?: number;
  /** Vector size; default 32. */
  dim?: number;
  /** Passes over the corpus; default 8. */
  epochs?: number;
  /** Called after every epoch with its number and mean loss. */
  onEpoch?: (epoch: number, loss: number) => void;
}

export interface TourEmbeddings {
  /** The trained vectors. */
  vectors: WordVectors;
  /** One (words, 2) row-major map per moment: frame 0 is the random initialisation. */
  frames: Float32Array[];
  /** Mean loss at each frame (frame 0: measured before training). */
  losses: number[];
}

export const TOUR_EMBEDDING_DEFAULTS = { dim: 32, epochs: 8 } as const;

export async function tourEmbeddings(options: TourEmbeddingOptions = {}): Promise<TourEmbeddings> {
  const {
    seed = 1,
    dim = TOUR_EMBEDDING_DEFAULTS.dim,
    epochs = TOUR_EMBEDDING_DEFAULTS.epochs,
    onEpoch,
  } = options;
  const w2v = await Word2Vec.create(tourSentences({ seed }), {
    model: 'skipgram',
    dim,
    epochs,
    seed,
    minCount: 1,
  });
  const snapshots = [w2v.vectors()];
  const losses = [w2v.measureLoss()];
  for (let e = 1; e <= epochs; e++) {
    const r = w2v.trainEpoch();
    snapshots.push(w2v.vectors());
    losses.push(r.loss);
    onEpoch?.(e, r.loss);
  }
  return { vectors: snapshots[snapshots.length - 1], frames: projectFrames(snapshots), losses };
}

/** The explainer's blank: "the cat sat on the ___", and the word that fills it in the tour corpus. */
export const TOUR_MISSING_WORD = { context: ['the', 'cat', 'sat', 'on', 'the'], target: 'mat' } as const;

export interface TourMissingWord {
  /** The CBOW model after the first of its 8 passes, ready for trainMissing steps on the blank. */
  model: Word2Vec;
  /** Its guess for the blank at the random initialisation (every word equally likely). */
  untrained: MissingWordGuess;
  /** Its guess after one pass over the tour corpus. */
  trained: MissingWordGuess;
}

/**
 * The tour's missing-word model for a seed: CBOW (predict a word from the mean of its neighbours)
 * on the tour corpus, 32 numbers per word, every word kept (no subsampling, so "the" and "on" stay
 * in the contexts it learns from), measured on the blank before training and after the first of
 * its 8 passes — early in training, so one step at the schedule's rate there visibly moves it.
 */
export async function tourMissingWord(options: { seed?: number } = {}): Promise<TourMissingWord> {
  const { seed = 1 } = options;
  const model = await Word2Vec.create(tourSentences({ seed }), {
    model: 'cbow',
    dim: TOUR_EMBEDDING_DEFAULTS.dim,
    epochs: TOUR_EMBEDDING_DEFAULTS.epochs,
    sample: 0,
    seed,
    minCount: 1,
  });
  const { context, target } = TOUR_MISSING_WORD;
  const untrained = model.guessMissing(context, target);
  model.trainEpoch();
  return { model, untrained, trained: model.guessMissing(context, target) };
}
