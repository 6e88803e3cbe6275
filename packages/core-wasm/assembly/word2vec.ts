// word2vec training kernels: skip-gram and CBOW with negative sampling, the whole inner loop for a
// batch of sentences in one call (a call per (center, context) pair would cost more in call
// overhead than the arithmetic it runs). Per sentence: frequent-word subsampling into a buffer,
// then for each kept word a dynamic window (reduced by a random b in [0, window)), and for each
// example the positive target plus `negative` draws from the noise distribution (Walker's alias
// table over unigram^0.75, built by the host), with the plain SGD updates of the original tool.
//
// Randomness is xoshiro128** with its state in memory (4 × u32 at `rng`), the same generator as
// the model package's Random, drawn in a fixed order that the reference twin repeats exactly:
// one draw per word for subsampling, one per kept word for the window, one per noise word.
// The loss of each example (−ln σ(pos) − Σ ln σ(−neg)) is accumulated in f64 into stats.
// Does not handle: hierarchical softmax, sentences longer than the host's work buffer.
//
// Layouts: syn0, syn1 (vocab, dim) f32; words i32; starts (sentences + 1) i32 indices into words;
// keep, aliasProb u32 and aliasIdx i32 (vocab); stats f64 [loss sum, examples, words kept];
// work = neu1e (dim f32) | neu1 (dim f32) | targets and scores (2 × (negative + 1)) | sentence
// buffer (i32), each 16-byte aligned.

import { expf } from './simd';
import {
  addTo,
  align16,
  copyTo,
  dot,
  finish,
  noise,
  recordProb,
  scaled,
  scaleBy,
  start,
  subsample,
  update,
} from './word2vec-ops';

/**
 * Negative-sampling step for one input vector h against the positive target and `negative`
 * noise words: writes the error into err and updates the syn1 rows in place. The targets are
 * drawn first and every score dot(h, row) is taken before any row changes — the gradient at the
 * example's starting point, and independent dot products the CPU can overlap — then the
 * updates run in order. tmp holds (negative + 1) target ids, then as many scores.
 */
@inline function negativeSampling(
  h: usize, err: usize, target: i32, syn1: usize, dim: i32, negative: i32,
  aliasProb: usize, aliasIdx: usize, vocab: u32, alpha: f32, tmp: usize,
): void {
  const rowBytes = <usize>dim << 2;
  const scores = tmp + (<usize>(negative + 1) << 2);
  store<i32>(tmp, target);
  let n = 1;
  for (let d = 0; d < negative; d++) {
    const t = noise(aliasProb, aliasIdx, vocab);
    if (t == target) continue;
    store<i32>(tmp + (<usize>n << 2), t);
    n++;
  }
  for (let k = 0; k < n; k++) {
    const o = <usize>k << 2;
    store<f32>(scores + o, dot(h, syn1 + <usize>load<i32>(tmp + o) * rowBytes, dim));
  }
  // g = (label − σ(f))·alpha, kept in place of the score.
  for (let k = 0; k < n; k++) {
    const o = <usize>k << 2;
    const e = expf(-load<f32>(scores + o));
    const s: f32 = 1.0 / (1.0 + e); // σ(f)
    // σ(f) for the positive target, σ(−f) = e·σ(f) for a noise word (no cancellation).
    recordProb(k == 0 ? s : e * s);
    store<f32>(scores + o, k == 0 ? (1.0 - s) * alpha : -s * alpha);
  }
  for (let k = 0; k < n; k++) {
    const o = <usize>k << 2;
    update(err, syn1 + <usize>load<i32>(tmp + o) * rowBytes, h, load<f32>(scores + o), dim, k == 0);
  }
}

/** One batch of sentences: skip-gram (cbow = 0) or CBOW (cbow = 1). */
export function w2vTrain(
  cbow: i32, syn0: usize, syn1: usize, dim: i32, words: usize, starts: usize, sentences: i32,
  keep: usize, aliasProb: usize, aliasIdx: usize, vocab: i32,
  window: i32, negative: i32, alpha: f32, rng: usize, work: usize, stats: usize,
): void {
  start(rng);
  const err = work;
  const neu1 = work + align16(<usize>dim << 2);
  const tmp = neu1 + align16(<usize>dim << 2);
  const buf = tmp + align16(<usize>(negative + 1) << 3);
  const rowBytes = <usize>dim << 2;
  let examples: f64 = 0;
  let kept: f64 = 0;
  for (let s = 0; s < sentences; s++) {
    const len = subsample(words, load<i32>(starts + (<usize>s << 2)), load<i32>(starts + (<usize>(s + 1) << 2)), keep, buf);
    kept += len;
    for (let i = 0; i < len; i++) {
      const b = <i32>(scaled(<u32>window) >> 32);
      const lo = max(0, i - window + b);
      const hi = min(len, i + window - b + 1);
      const center = load<i32>(buf + (<usize>i << 2));
      if (!cbow) {
        for (let j = lo; j < hi; j++) {
          if (j == i) continue;
          // Skip-gram as in the original tool: the context word's vector predicts the center word.
          const h = syn0 + <usize>load<i32>(buf + (<usize>j << 2)) * rowBytes;
          negativeSampling(h, err, center, syn1, dim, negative, aliasProb, aliasIdx, <u32>vocab, alpha, tmp);
          addTo(h, err, dim);
          examples += 1;
        }
        continue;
      }
      if (hi - lo < 2) continue; // no context words
      // h = mean of the context vectors (gensim's cbow_mean=1).
      let first = true;
      for (let j = lo; j < hi; j++) {
        if (j == i) continue;
        const row = syn0 + <usize>load<i32>(buf + (<usize>j << 2)) * rowBytes;
        if (first) copyTo(neu1, row, dim);
        else addTo(neu1, row, dim);
        first = false;
      }
      scaleBy(neu1, <f32>1.0 / <f32>(hi - lo - 1), dim);
      negativeSampling(neu1, err, center, syn1, dim, negative, aliasProb, aliasIdx, <u32>vocab, alpha, tmp);
      // Like the original tool and gensim, every context word receives the whole error.
      for (let j = lo; j < hi; j++) {
        if (j != i) addTo(syn0 + <usize>load<i32>(buf + (<usize>j << 2)) * rowBytes, err, dim);
      }
      examples += 1;
    }
  }
  finish(rng, stats, examples, kept);
}
