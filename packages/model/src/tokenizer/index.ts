// Tokenizers: text ↔ token ids. Kinds: char, word, byte-level BPE; files: Hugging Face tokenizer.json.
export { type CharTrainOptions, trainChar } from './char.js';
export { CHAR_PATTERN, GPT2_PATTERN, WHITE_SPACE, WORD_PATTERN } from './pretokenize.js';
export { type TrainTokenizerOptions, tokenizerFromJSON, trainTokenizer } from './train.js';
export type { EncodeOptions, Tokenizer, TokenizerKind, TokenSpan } from './types.js';
export { VocabTokenizer, type VocabTokenizerSpec } from './vocab-tokenizer.js';
export { trainWord, type WordTrainOptions } from './word.js';
