// The Embeddings page's worker jobs: their inputs and outputs (types only, shared by the page and
// the worker). The worker keeps the current vectors; every job after a load or a training run
// asks about those, so a 14,000-word vocabulary crosses to the page once, as words and a map.

import type { Neighbour, ProjectionMethod } from '@glassbox/model/word2vec';

export interface EmbeddingMap {
  words: string[];
  dim: number;
  method: ProjectionMethod;
  /** Word ids placed on the map (all of them for PCA; the most frequent for UMAP). */
  ids: number[];
  /** (ids.length, 2) row-major. */
  coords: number[];
  /** PCA: share of the variance per axis. */
  explained?: number[];
}

export interface TrainFrame {
  epoch: number;
  /** Mean loss per example at the end of the epoch (epoch 0: before training). */
  loss: number;
  /** (words, 2) on the axes of the final PCA. */
  coords: number[];
}

export interface ToyTrainSettings {
  model: 'skipgram' | 'cbow';
  epochs: number;
  dim: number;
  seed: number;
}

export interface EmbeddingJobs {
  /**
   * The tour's embedding map (@glassbox/model/word2vec tourEmbeddings): word2vec on the tour
   * corpus, one frame per moment from random initialisation (frame 0) to trained, all on the
   * trained vectors' PCA axes.
   */
  embedTour: {
    input: { seed: number };
    output: { words: string[]; dim: number; frames: TrainFrame[]; families: Record<string, string> };
  };
  embedTrainToy: {
    input: ToyTrainSettings;
    /** families: the toy corpus's word families (word → family), for colouring the map. */
    output: { map: EmbeddingMap; frames: TrainFrame[]; families: Record<string, string> };
  };
  /** A word2vec file's bytes (binary or text). */
  embedLoad: { input: { bytes: Uint8Array; name: string }; output: EmbeddingMap };
  /** Any embedding matrix with its vocabulary, e.g. a GPT checkpoint's wte (vocab, C). */
  embedFromMatrix: { input: { matrix: Float32Array; vocabulary: string[] }; output: EmbeddingMap };
  /**
   * The token embedding (wte) of the model loaded on the Train page (a GPT-2, say): every token
   * becomes a word (its text, whitespace made visible); the map shows the chosen tokens and each
   * one's nearest neighbours, on their own PCA.
   */
  embedFromModel: { input: { tokens: string[]; neighbours: number }; output: EmbeddingMap };
  embedProject: { input: { method: ProjectionMethod; seed: number; top: number }; output: EmbeddingMap };
  embedNeighbours: { input: { word: string; n: number }; output: Neighbour[] };
  embedAnalogy: {
    input: { a: string; b: string; c: string; method: 'add' | 'mul'; n: number };
    output: Neighbour[];
  };
  embedRows: { input: { words: string[] }; output: { word: string; id: number; vector: number[] }[] };
}
