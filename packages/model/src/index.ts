// @glassbox/model: the language-model library. Browser-safe: nothing here imports node:*;
// file-system helpers live in '@glassbox/model/node'.

export { TOY_FAMILIES, type ToyCorpusOptions, toyCorpus, toySentences } from './corpus/toy.js';
export * from './embeddings/index.js';
export * from './tokenizer/index.js';
export { GlassboxError, isGlassboxError } from './util/errors.js';
export { etaSeconds, type Progress, type ProgressFn } from './util/progress.js';
export { Random, type RandomState } from './util/random.js';
