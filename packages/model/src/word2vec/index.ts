// @glassbox/model/word2vec — word2vec training, word vectors and their queries, projections, file
// formats and evaluation. Everything here runs in Node and the browser (files arrive and leave as
// bytes). The GPT's own embedding layer is gpt/layers/encoder.ts; vectorsFromCheckpoint reads its
// rows as word vectors.
export { vectorsFromCheckpoint } from './checkpoint.js';
export { type AnalogyReport, evaluateAnalogies, evaluatePairs, type PairsReport } from './evaluate.js';
export {
  formatProjectorTsv,
  formatWord2VecBinary,
  formatWord2VecText,
  parseProjectorTsv,
  parseWord2Vec,
  parseWord2VecBinary,
  parseWord2VecText,
} from './formats.js';
export type {
  MissingWordGuess,
  MissingWordStep,
  MovedVector,
  WordChance,
} from './missing-word.js';
export {
  type Projection,
  type ProjectionMethod,
  type ProjectionOptions,
  project,
  projectFrames,
} from './project.js';
export { closeSpellings } from './spelling.js';
export {
  TOUR_EMBEDDING_DEFAULTS,
  TOUR_MISSING_WORD,
  type TourEmbeddingOptions,
  type TourEmbeddings,
  type TourMissingWord,
  tourEmbeddings,
  tourMissingWord,
} from './tour.js';
export { type Neighbour, WordVectors } from './vectors.js';
export { Word2Vec } from './word2vec.js';
export { type EpochReport, WORD2VEC_DEFAULTS, type Word2VecOptions } from './word2vec-options.js';
