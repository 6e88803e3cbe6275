// The char kind: every Unicode code point is a token. The vocabulary is the sorted set of
// characters in a corpus (sorted by code point, as Python's sorted(set(text)) does, so ids match
// nanoGPT's character-level setup: tinyshakespeare gives 65). Special tokens, if any, follow the
// characters. With a vocabulary cap below the number of distinct characters, the most frequent
// ones are kept and the rest become the unknown-token.

import { GlassboxError } from '../util/errors.js';
import { CHAR_PATTERN } from './pretokenize.js';
import { compareCodePoints } from './utf8.js';
import { VocabTokenizer } from './vocab-tokenizer.js';

export interface CharTrainOptions {
  texts: Iterable<string>;
  /** Upper bound on the vocabulary, special tokens included. Default: every character seen. */
  vocabSize?: number;
  /** Extra special tokens, after the characters (e.g. "<|endoftext|>"). */
  specialTokens?: readonly string[];
  /** Unknown-token for characters not in the vocabulary. Default: none (they are an error), unless the cap drops characters, then "<unk>". */
  unkToken?: string;
}

/** Counts of each code point over the texts. */
function countChars(texts: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

export function trainChar(opts: CharTrainOptions): VocabTokenizer {
  const counts = countChars(opts.texts);
  let chars = [...counts.keys()];
  let unk = opts.unkToken;
  const specials = [...(opts.specialTokens ?? [])];
  const room = () =>
    (opts.vocabSize ?? Number.POSITIVE_INFINITY) - specials.length - (unk === undefined ? 0 : 1);
  if (chars.length > room()) {
    unk ??= '<unk>';
    if (room() < 1) {
      throw new GlassboxError(`vocabulary size ${opts.vocabSize} leaves no room for characters`, {
        field: 'vocabSize',
      });
    }
    // Most frequent first; equal counts by code point, so the choice is deterministic.
    chars.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || compareCodePoints(a, b));
    chars = chars.slice(0, room());
  }
  chars.sort(compareCodePoints);
  if (unk !== undefined && !specials.includes(unk)) specials.unshift(unk);
  for (const s of specials) {
    if (chars.includes(s)) throw new GlassboxError(`special token "${s}" is also an ordinary character`);
  }
  return new VocabTokenizer({
    kind: 'char',
    pattern: CHAR_PATTERN,
    tokens: [...chars, ...specials],
    special: specials,
    unkToken: unk,
  });
}
