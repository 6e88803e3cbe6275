// Tokenizers: text ↔ token ids. Kinds: char, word, byte-level BPE (trained here, or GPT-2's real
// vocabulary); files: Hugging Face tokenizer.json.
export { BpeTokenizer } from './bpe.js';
export { type MergeStep, mergeSteps } from './bpe-steps.js';
export { type BpeTrainOptions, type BpeTrainResult, type MergeRecord, trainBpe } from './bpe-train.js';
export { BYTE_CHAR, BYTE_ORDER, bytesToTokenText } from './bytes.js';
export { type CharTrainOptions, trainChar } from './char.js';
export { bpeFromTiktokenRanks, loadGpt2, type TiktokenRanks } from './gpt2.js';
export { tokenLabels, visibleWhitespace } from './labels.js';
export { CHAR_PATTERN, GPT2_PATTERN, WHITE_SPACE, WORD_PATTERN } from './pretokenize.js';
export { type TrainTokenizerOptions, tokenizerFromJSON, trainTokenizer } from './train.js';
export type { EncodeOptions, Tokenizer, TokenizerKind, TokenSpan } from './types.js';
export { VocabTokenizer, type VocabTokenizerSpec } from './vocab-tokenizer.js';
export { trainWord, type WordTrainOptions } from './word.js';
