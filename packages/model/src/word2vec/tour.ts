// The tour's embedding map, as one pipeline: word2vec (skip-gram) trained on the tour corpus for a
// seed, a snapshot of the vectors before training and after every epoch, and every snapshot
// projected on the final vectors' PCA axes — so the map animates from random initialisation to
// trained, and cat ends beside dog, banana apart, king near queen, apple far from car (checked
// for seeds 1–10 in test/word2vec/tour.test.ts, in cosine and on the map).
// Does not handle: other corpora (the Embeddings page's workbench does), UMAP.

import { tourSentences } from '../corpus/tour.js';
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
