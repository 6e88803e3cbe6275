// Tokenizers: text ↔ token ids.
export type { EncodeOptions, TokenSpan, Tokenizer, TokenizerKind } from './types.js';
