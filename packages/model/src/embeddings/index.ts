// Embeddings: word2vec training, word vectors and their queries, projections, file formats and
// evaluation. Everything here runs in Node and the browser (files arrive and leave as bytes).

export { vectorsFromCheckpoint } from './checkpoint.js';
export {
  type AnalogyReport,
  evaluateAnalogies,
  evaluatePairs,
  type PairsReport,
  pearson,
  ranks,
} from './evaluate.js';
export {
  formatProjectorTsv,
  formatWord2VecBinary,
  formatWord2VecText,
  parseProjectorTsv,
  parseWord2Vec,
  parseWord2VecBinary,
  parseWord2VecText,
  shortestFloat32,
} from './formats.js';
export {
  type Projection,
  type ProjectionMethod,
  type ProjectionOptions,
  project,
  projectFrames,
} from './project.js';
export { closeSpellings, editDistance } from './spelling.js';
export { combineAnalogy, type Neighbour, WordVectors } from './vectors.js';
export { aliasTable, buildVocabulary, keepThresholds, type Vocabulary } from './vocab.js';
export { Word2Vec } from './word2vec.js';
export { type EpochReport, WORD2VEC_DEFAULTS, type Word2VecOptions } from './word2vec-options.js';
