// Helpers for the word2vec kernel tests: lay out a batch (vectors, corpus, tables, RNG state,
// scratch, stats) in a kernel set's arena from plain arrays, and read everything back.

import {
  readWord2VecStats,
  type Word2VecBatch,
  type Word2VecKernels,
  word2vecWorkBytes,
} from '../dist/index.js';

export interface BatchSpec {
  syn0: Float32Array;
  syn1: Float32Array;
  dim: number;
  sentences: number[][];
  /** Keep thresholds (u32); default: keep every word. */
  keep?: number[];
  /** Alias table; default: uniform noise over the vocabulary. */
  aliasProb?: number[];
  aliasIdx?: number[];
  window: number;
  negative: number;
  alpha: number;
  rng: [number, number, number, number];
}

export interface Laid {
  batch: Word2VecBatch;
  syn0(): Float32Array;
  syn1(): Float32Array;
  rng(): number[];
  stats(): { lossSum: number; examples: number; kept: number };
  /** Rewrites vectors, RNG state and zeroes the stats, for repeated calls on the same layout. */
  reset(syn0: Float32Array, syn1: Float32Array, rng: number[]): void;
}

export function layOut(k: Word2VecKernels, spec: BatchSpec): Laid {
  const a = k.arena;
  const vocab = spec.syn0.length / spec.dim;
  const words = spec.sentences.flat();
  const starts = [0];
  for (const s of spec.sentences) starts.push(starts[starts.length - 1] + s.length);
  const syn0 = a.alloc([spec.syn0.length]);
  const syn1 = a.alloc([spec.syn1.length]);
  const ints = (xs: number[]) => {
    const t = a.allocInt(Math.max(1, xs.length));
    new Uint32Array(a.memory.buffer, t.ptr, xs.length).set(xs.map((x) => x >>> 0));
    return t.ptr;
  };
  const longest = Math.max(1, ...spec.sentences.map((s) => s.length));
  const batch: Word2VecBatch = {
    syn0: syn0.ptr,
    syn1: syn1.ptr,
    dim: spec.dim,
    words: ints(words),
    starts: ints(starts),
    sentences: spec.sentences.length,
    keep: ints(spec.keep ?? new Array(vocab).fill(0xffffffff)),
    aliasProb: ints(spec.aliasProb ?? new Array(vocab).fill(0xffffffff)),
    aliasIdx: ints(spec.aliasIdx ?? Array.from({ length: vocab }, (_, i) => i)),
    vocab,
    window: spec.window,
    negative: spec.negative,
    alpha: spec.alpha,
    rng: ints(spec.rng),
    work: a.allocBytes(word2vecWorkBytes(spec.dim, longest, spec.negative)),
    stats: a.allocBytes(24),
  };
  const laid: Laid = {
    batch,
    syn0: () => syn0.data.slice(),
    syn1: () => syn1.data.slice(),
    rng: () => [...new Uint32Array(a.memory.buffer, batch.rng, 4)],
    stats: () => readWord2VecStats(a, batch.stats),
    reset(s0, s1, rng) {
      syn0.data.set(s0);
      syn1.data.set(s1);
      new Uint32Array(a.memory.buffer, batch.rng, 4).set(rng);
      new Float64Array(a.memory.buffer, batch.stats, 3).fill(0);
    },
  };
  laid.reset(spec.syn0, spec.syn1, spec.rng);
  return laid;
}

/** Runs one batch of the given model. */
export function train(k: Word2VecKernels, model: 'skipgram' | 'cbow', laid: Laid): void {
  if (model === 'skipgram') k.skipGram(laid.batch);
  else k.cbow(laid.batch);
}
