// The word kind, the picture that tokenization starts from: each word is one token ("cat" = 17),
// and so is each punctuation mark and each run of whitespace (kept as tokens so that decoding
// gives the text back exactly). The vocabulary is capped by frequency: the most frequent pieces
// of a corpus, ties broken by code-point order; everything else becomes <unk>. Case is kept.

import { GlassboxError } from '../util/errors.js';
import { compilePattern, splitIsolated, WORD_PATTERN } from './pretokenize.js';
import { compareCodePoints } from './utf8.js';
import { VocabTokenizer } from './vocab-tokenizer.js';

export interface WordTrainOptions {
  texts: Iterable<string>;
  /** Vocabulary size, special tokens included. */
  vocabSize: number;
  /** Pieces seen fewer times than this are left out even if there is room (default 1). */
  minFrequency?: number;
  /** The unknown-token, id 0 (default "<unk>"). */
  unkToken?: string;
  /** Extra special tokens, after the unknown-token (e.g. "<|endoftext|>"). */
  specialTokens?: readonly string[];
}

export function trainWord(opts: WordTrainOptions): VocabTokenizer {
  const unk = opts.unkToken ?? '<unk>';
  const specials = [unk, ...(opts.specialTokens ?? []).filter((s) => s !== unk)];
  if (!Number.isInteger(opts.vocabSize) || opts.vocabSize <= specials.length) {
    throw new GlassboxError(
      `vocabulary size must be an integer above ${specials.length} (the special tokens), got ${opts.vocabSize}`,
      { field: 'vocabSize' },
    );
  }
  const re = compilePattern(WORD_PATTERN);
  const counts = new Map<string, number>();
  for (const text of opts.texts) {
    for (const piece of splitIsolated(text, re)) counts.set(piece, (counts.get(piece) ?? 0) + 1);
  }
  const minFrequency = opts.minFrequency ?? 1;
  const taken = new Set(specials);
  const words = [...counts]
    .filter(([w, c]) => c >= minFrequency && !taken.has(w))
    .sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))
    .slice(0, opts.vocabSize - specials.length)
    .map(([w]) => w);
  return new VocabTokenizer({
    kind: 'word',
    pattern: WORD_PATTERN,
    tokens: [...specials, ...words],
    special: specials,
    unkToken: unk,
  });
}
