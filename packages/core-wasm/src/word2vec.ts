// The word2vec kernels' interface: one call trains skip-gram or CBOW with negative sampling over
// a batch of sentences already turned into vocabulary ids. Two implementations stand behind it,
// `wasm` (AssemblyScript, SIMD; assembly/word2vec.ts) and `reference` (plain TypeScript, f64
// arithmetic, word2vec-reference.ts); tests hold them to each other and to finite differences.
// Both draw the same random numbers in the same order, so they pick the same examples and noise
// words and differ only by float rounding.
//
// Does not handle: building the vocabulary, the noise table or the schedule — that is the model
// package's trainer; these kernels only run the inner loop.

import type { Arena, Ptr } from './arena.js';
import type { KernelImpl } from './kernels.js';

export interface Word2VecBatch {
  /** Input vectors (vocab, dim) f32, updated in place. */
  syn0: Ptr;
  /** Output (negative-sampling) vectors (vocab, dim) f32, updated in place. */
  syn1: Ptr;
  dim: number;
  /** Vocabulary ids of the corpus, i32. */
  words: Ptr;
  /** (sentences + 1) i32 indices into `words`: sentence s is words[starts[s] .. starts[s+1]). */
  starts: Ptr;
  sentences: number;
  /** (vocab) u32: a word is kept when a uniform u32 draw is below it (0xffffffff: always). */
  keep: Ptr;
  /**
   * Walker alias table of the noise distribution: (vocab) u32 thresholds and (vocab) i32 aliases.
   * One u32 draw r picks column ⌊r·vocab/2³²⌋ and flips its coin with the low 32 bits of r·vocab.
   */
  aliasProb: Ptr;
  aliasIdx: Ptr;
  vocab: number;
  /** Largest window; each word's window is reduced by a uniform draw in [0, window). */
  window: number;
  /** Noise words per example. */
  negative: number;
  /** Learning rate for this batch. */
  alpha: number;
  /** xoshiro128** state, 4 × u32 (a model-package Random's state()); read and advanced. */
  rng: Ptr;
  /** Scratch of word2vecWorkBytes(dim, longest sentence, negative) bytes. */
  work: Ptr;
  /** f64 × 3, accumulated: [loss sum, examples, words kept after subsampling]. */
  stats: Ptr;
}

export interface Word2VecKernels {
  readonly impl: KernelImpl;
  readonly arena: Arena;
  /** Skip-gram: each context word's syn0 row predicts the center word. */
  skipGram(batch: Word2VecBatch): void;
  /** CBOW: the mean of the context rows predicts the center word; each context row gets the whole error. */
  cbow(batch: Word2VecBatch): void;
}

/** Bytes of scratch a batch needs: two dim-float vectors, the targets and scores of one example
 * and one sentence of ids, each 16-aligned. */
export function word2vecWorkBytes(dim: number, longestSentence: number, negative: number): number {
  return 2 * align16(dim * 4) + align16((negative + 1) * 8) + align16(longestSentence * 4);
}

/** The f64 stats block of a batch, as numbers. */
export function readWord2VecStats(
  arena: Arena,
  stats: Ptr,
): { lossSum: number; examples: number; kept: number } {
  const v = new Float64Array(arena.memory.buffer, stats, 3);
  return { lossSum: v[0], examples: v[1], kept: v[2] };
}

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}

/** The kernel trusts its sizes (no bounds checks in the hot loop): refuse the impossible ones here. */
export function checkWord2VecBatch(b: Word2VecBatch): void {
  if (!(b.dim >= 1 && b.vocab >= 1 && b.window >= 1 && b.negative >= 0 && b.sentences >= 0)) {
    throw new RangeError(
      `word2vec batch: need dim, vocab, window ≥ 1 and negative, sentences ≥ 0 (got dim ${b.dim}, vocab ${b.vocab}, window ${b.window}, negative ${b.negative}, sentences ${b.sentences})`,
    );
  }
  if (b.stats % 8 !== 0) throw new RangeError('word2vec batch: stats must be 8-byte aligned');
}
