// Data curation: readers, normalization, FineWeb's quality filters, exact and MinHash dedup, the
// streaming pipeline and its stats, the train/validation split and token shards.
export * from './curate.js';
export { ExactDedup } from './dedup/exact.js';
export * from './dedup/minhash.js';
export * from './document.js';
export * from './filters/index.js';
export * from './noise.js';
export { normalizeText } from './normalize.js';
export * from './readers/index.js';
export * from './reasons.js';
export * from './shards.js';
export * from './split.js';
export * from './stats.js';
export { countSentences, wordTokens } from './words.js';
