// @glassbox/model: the language-model library. Browser-safe: nothing here imports node:*;
// file-system helpers live in '@glassbox/model/node'.

export * from './checkpoint/index.js';
export * from './corpus/brown.js';
export * from './corpus/brown-asset.js';
export { TOY_FAMILIES, type ToyCorpusOptions, toyCorpus, toySentences } from './corpus/toy.js';
export * from './data/index.js';
export * from './embeddings/index.js';
export { type EvalResult, evaluateTokens } from './eval/evaluate.js';
export * from './eval/metrics.js';
export * from './finetune/index.js';
export * from './gpt/index.js';
export * from './tokenizer/index.js';
export * from './train/index.js';
export { GlassboxError, isGlassboxError } from './util/errors.js';
export { etaSeconds, type Progress, type ProgressFn } from './util/progress.js';
export { Random, type RandomState } from './util/random.js';
