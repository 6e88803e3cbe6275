// Loading a tokenizer of any kind from a Hugging Face tokenizer.json: the file's model type says
// which (WordLevel for char and word tokenizers, byte-level BPE for trained BPE and GPT-2).
// Not handled: other tokenizer models (Unigram, WordPiece), normalizers beyond what we write.

import { GlassboxError } from '../util/errors.js';
import { BpeTokenizer } from './bpe.js';
import { bpeModelFromJSON } from './hf-bpe.js';
import { asHFJSON } from './hf-json.js';
import { wordLevelFromJSON } from './hf-wordlevel.js';
import type { Tokenizer } from './types.js';

/**
 * A tokenizer from the Hugging Face tokenizer.json glassbox writes (an object, or its text).
 * `where` (e.g. the file path) prefixes error messages.
 */
export function tokenizerFromJSON(json: unknown, where?: string): Tokenizer {
  const file = asHFJSON(json, where);
  switch (file.model.type) {
    case 'WordLevel':
      return wordLevelFromJSON(file, where);
    case 'BPE': {
      const { model, specials, pattern } = bpeModelFromJSON(file, where);
      return new BpeTokenizer(model, specials, pattern);
    }
    default:
      throw new GlassboxError(
        `unsupported tokenizer model "${String(file.model.type)}" (glassbox reads WordLevel and byte-level BPE)`,
        where,
      );
  }
}
