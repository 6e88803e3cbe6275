// One entry point to build a tokenizer of any kind (char, word, byte-level BPE) from texts.
// Loading one from a file is load.ts's job.

import { GlassboxError } from '../util/errors.js';
import type { ProgressFn } from '../util/progress.js';
import { trainBpe } from './bpe-train.js';
import { trainChar } from './char.js';
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
        throw new GlassboxError(`a ${opts.type} tokenizer needs a vocabulary size`, { field: 'vocabSize' });
      }
      return opts.type === 'word'
        ? trainWord({ ...opts, vocabSize })
        : trainBpe({ ...opts, vocabSize }).tokenizer;
    }
    default:
      throw new GlassboxError(`unknown tokenizer type "${opts.type}" (expected char, word or bpe)`, {
        field: 'tokenizerType',
      });
  }
}
