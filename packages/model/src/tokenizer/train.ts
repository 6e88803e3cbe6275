// One entry point to build a tokenizer of any kind from texts, and one to load any kind from a
// Hugging Face tokenizer.json (it reads the file to tell which kind it is).

import { GlassboxError } from '../util/errors.js';
import type { ProgressFn } from '../util/progress.js';
import { BpeTokenizer } from './bpe.js';
import { trainBpe } from './bpe-train.js';
import { trainChar } from './char.js';
import { bpeModelFromJSON } from './hf-bpe.js';
import { asHFJSON } from './hf-json.js';
import { wordLevelFromJSON } from './hf-wordlevel.js';
import type { Tokenizer, TokenizerKind } from './types.js';
import { trainWord } from './word.js';

export interface TrainTokenizerOptions {
  type: TokenizerKind;
  texts: Iterable<string>;
  /** Target vocabulary size, special tokens included (char: an upper bound; default all characters). */
  vocabSize?: number;
  /** Pieces (word) or pairs (bpe) seen fewer times than this are left out. */
  minFrequency?: number;
  /** Special tokens to reserve (bpe default: ["<|endoftext|>"]). */
  specialTokens?: readonly string[];
  /** Progress of BPE training. */
  onProgress?: ProgressFn;
}

/** Builds a tokenizer of the given kind from a corpus. */
export function trainTokenizer(opts: TrainTokenizerOptions): Tokenizer {
  switch (opts.type) {
    case 'char':
      return trainChar(opts);
    case 'word':
    case 'bpe': {
      const { vocabSize } = opts;
      if (vocabSize === undefined) {
        throw new GlassboxError(`a ${opts.type} tokenizer needs a vocabulary size`, '--vocab-size');
      }
      return opts.type === 'word'
        ? trainWord({ ...opts, vocabSize })
        : trainBpe({ ...opts, vocabSize }).tokenizer;
    }
    default:
      throw new GlassboxError(`unknown tokenizer type "${opts.type}" (expected char, word or bpe)`, '--type');
  }
}

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
