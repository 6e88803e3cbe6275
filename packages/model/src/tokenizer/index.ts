// @glassbox/model/tokenizer — text ↔ token ids. Kinds: char, word, byte-level BPE (trained here, or
// GPT-2's real vocabulary); files: Hugging Face tokenizer.json; token labels for display.
export { BpeTokenizer } from './bpe.js';
export { type MergeStep, mergeSteps } from './bpe-steps.js';
export { type BpeTrainOptions, type BpeTrainResult, type MergeRecord, trainBpe } from './bpe-train.js';
export { type CharTrainOptions, trainChar } from './char.js';
export { bpeFromTiktokenRanks, loadGpt2, type TiktokenRanks } from './gpt2.js';
export { tokenLabels, visibleWhitespace } from './labels.js';
export { tokenizerFromJSON } from './load.js';
export { type TrainTokenizerOptions, trainTokenizer } from './train.js';
export type { EncodeOptions, Tokenizer, TokenizerKind, TokenSpan } from './types.js';
export { VocabTokenizer, type VocabTokenizerSpec } from './vocab-tokenizer.js';
export { trainWord, type WordTrainOptions } from './word.js';
