// Tokenizers: text ↔ token ids.
export type { EncodeOptions, Tokenizer, TokenizerKind, TokenSpan } from './types.js';
