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
// work = neu1e (dim f32) | neu1 (dim f32) | sentence buffer (i32), each 16-byte aligned.

import { expf } from './simd';

let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

@inline function nextU32(): u32 {
  const result = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return result;
}

@inline function loadRng(rng: usize): void {
  s0 = load<u32>(rng);
  s1 = load<u32>(rng, 4);
  s2 = load<u32>(rng, 8);
  s3 = load<u32>(rng, 12);
}

@inline function storeRng(rng: usize): void {
  store<u32>(rng, s0);
  store<u32>(rng, s1, 4);
  store<u32>(rng, s2, 8);
  store<u32>(rng, s3, 12);
}

@inline function align16(bytes: usize): usize {
  return (bytes + 15) & ~(<usize>15);
}

/**
 * A uniform integer in [0, n) and a uniform u32 from one draw: the high and low halves of the
 * 64-bit product r·n (the low half is uniform on a grid of step n, fine enough for a coin).
 */
@inline function scaled(n: u32): u64 {
  return <u64>nextU32() * <u64>n;
}

/** A draw from the noise distribution: a uniform column, then its own word or its alias. */
@inline function noise(aliasProb: usize, aliasIdx: usize, vocab: u32): i32 {
  const p = scaled(vocab);
  const col = <usize>(p >> 32);
  const coin = <u32>p;
  const o = col << 2;
  return coin < load<u32>(aliasProb + o) ? <i32>col : load<i32>(aliasIdx + o);
}

/** Copies the words of sentence [from, to) that survive subsampling into buf; returns the count. */
@inline function subsample(words: usize, from: i32, to: i32, keep: usize, buf: usize): i32 {
  let len = 0;
  for (let i = from; i < to; i++) {
    const w = load<i32>(words + (<usize>i << 2));
    const k = load<u32>(keep + (<usize>w << 2));
    const r = nextU32();
    if (r < k || k == 0xffffffff) {
      store<i32>(buf + (<usize>len << 2), w);
      len++;
    }
  }
  return len;
}

/** Dot product with two accumulators (halves the add-latency chain). */
@inline function dot(p: usize, q: usize, dim: i32): f32 {
  let a = f32x4.splat(0);
  let b = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= dim; i += 8) {
    const o = <usize>i << 2;
    a = f32x4.add(a, f32x4.mul(v128.load(p + o), v128.load(q + o)));
    b = f32x4.add(b, f32x4.mul(v128.load(p + o, 16), v128.load(q + o, 16)));
  }
  for (; i + 4 <= dim; i += 4) {
    const o = <usize>i << 2;
    a = f32x4.add(a, f32x4.mul(v128.load(p + o), v128.load(q + o)));
  }
  a = f32x4.add(a, b);
  let s = f32x4.extract_lane(a, 0) + f32x4.extract_lane(a, 1) + f32x4.extract_lane(a, 2) + f32x4.extract_lane(a, 3);
  for (; i < dim; i++) s += load<f32>(p + (<usize>i << 2)) * load<f32>(q + (<usize>i << 2));
  return s;
}

/** err (+)= g·l2 and l2 += g·h in one pass (l2 is read before it is updated); first: err = g·l2. */
@inline function update(err: usize, l2: usize, h: usize, g: f32, dim: i32, first: bool): void {
  const gv = f32x4.splat(g);
  let i = 0;
  if (first) {
    for (; i + 4 <= dim; i += 4) {
      const o = <usize>i << 2;
      const v2 = v128.load(l2 + o);
      v128.store(err + o, f32x4.mul(gv, v2));
      v128.store(l2 + o, f32x4.add(v2, f32x4.mul(gv, v128.load(h + o))));
    }
  } else {
    for (; i + 4 <= dim; i += 4) {
      const o = <usize>i << 2;
      const v2 = v128.load(l2 + o);
      v128.store(err + o, f32x4.add(v128.load(err + o), f32x4.mul(gv, v2)));
      v128.store(l2 + o, f32x4.add(v2, f32x4.mul(gv, v128.load(h + o))));
    }
  }
  for (; i < dim; i++) {
    const o = <usize>i << 2;
    const v2 = load<f32>(l2 + o);
    store<f32>(err + o, (first ? 0 : load<f32>(err + o)) + g * v2);
    store<f32>(l2 + o, v2 + g * load<f32>(h + o));
  }
}

/** dst += src (dim floats). */
@inline function addTo(dst: usize, src: usize, dim: i32): void {
  let i = 0;
  for (; i + 4 <= dim; i += 4) {
    const o = <usize>i << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  }
  for (; i < dim; i++) {
    const o = <usize>i << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
  }
}

/** dst = src (dim floats). */
@inline function copyTo(dst: usize, src: usize, dim: i32): void {
  let i = 0;
  for (; i + 4 <= dim; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
  for (; i < dim; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
}

// Loss bookkeeping: the probabilities the model gives to each example's right answers are
// multiplied in f64 and turned into −ln only when the product gets small, so the hot loop
// spends one multiply per target instead of one log. Factors are floored at 1e-30 (|f| > 69).
let lossProd: f64 = 1;
let lossSum: f64 = 0;

@inline function recordProb(p: f32): void {
  lossProd *= max(<f64>p, 1e-30);
  if (lossProd < 1e-250) {
    lossSum -= Math.log(lossProd);
    lossProd = 1;
  }
}

/**
 * Negative-sampling step for one input vector h against the positive target and `negative`
 * noise words: writes the error into err (the positive target, always first, sets it) and updates syn1 rows in place.
 */
@inline function negativeSampling(
  h: usize, err: usize, target: i32, syn1: usize, dim: i32, negative: i32,
  aliasProb: usize, aliasIdx: usize, vocab: u32, alpha: f32,
): void {
  const rowBytes = <usize>dim << 2;
  for (let d = 0; d <= negative; d++) {
    let t = target;
    if (d > 0) {
      t = noise(aliasProb, aliasIdx, vocab);
      if (t == target) continue;
    }
    const l2 = syn1 + <usize>t * rowBytes;
    const f = dot(h, l2, dim);
    const e = expf(-f);
    const s: f32 = 1.0 / (1.0 + e); // σ(f)
    // σ(f) for the positive target, σ(−f) = e·σ(f) for a noise word (no cancellation).
    const g: f32 = d == 0 ? (1.0 - s) * alpha : -s * alpha;
    recordProb(d == 0 ? s : e * s);
    update(err, l2, h, g, dim, d == 0);
  }
}

export function w2vSkipGram(
  syn0: usize, syn1: usize, dim: i32, words: usize, starts: usize, sentences: i32,
  keep: usize, aliasProb: usize, aliasIdx: usize, vocab: i32,
  window: i32, negative: i32, alpha: f32, rng: usize, work: usize, stats: usize,
): void {
  loadRng(rng);
  lossProd = 1;
  lossSum = 0;
  const err = work;
  const buf = work + 2 * align16(<usize>dim << 2);
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
      for (let j = lo; j < hi; j++) {
        if (j == i) continue;
        // Skip-gram as in the original tool: the context word's vector predicts the center word.
        const h = syn0 + <usize>load<i32>(buf + (<usize>j << 2)) * rowBytes;
        negativeSampling(h, err, center, syn1, dim, negative, aliasProb, aliasIdx, <u32>vocab, alpha);
        addTo(h, err, dim);
        examples += 1;
      }
    }
  }
  storeRng(rng);
  store<f64>(stats, load<f64>(stats) + lossSum - Math.log(lossProd));
  store<f64>(stats, load<f64>(stats, 8) + examples, 8);
  store<f64>(stats, load<f64>(stats, 16) + kept, 16);
}

export function w2vCbow(
  syn0: usize, syn1: usize, dim: i32, words: usize, starts: usize, sentences: i32,
  keep: usize, aliasProb: usize, aliasIdx: usize, vocab: i32,
  window: i32, negative: i32, alpha: f32, rng: usize, work: usize, stats: usize,
): void {
  loadRng(rng);
  lossProd = 1;
  lossSum = 0;
  const err = work;
  const neu1 = work + align16(<usize>dim << 2);
  const buf = neu1 + align16(<usize>dim << 2);
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
      const inv = f32x4.splat(<f32>1.0 / <f32>(hi - lo - 1));
      let k = 0;
      for (; k + 4 <= dim; k += 4) v128.store(neu1 + (<usize>k << 2), f32x4.mul(v128.load(neu1 + (<usize>k << 2)), inv));
      for (; k < dim; k++) store<f32>(neu1 + (<usize>k << 2), load<f32>(neu1 + (<usize>k << 2)) * f32x4.extract_lane(inv, 0));
      negativeSampling(neu1, err, load<i32>(buf + (<usize>i << 2)), syn1, dim, negative, aliasProb, aliasIdx, <u32>vocab, alpha);
      // Like the original tool and gensim, every context word receives the whole error.
      for (let j = lo; j < hi; j++) {
        if (j != i) addTo(syn0 + <usize>load<i32>(buf + (<usize>j << 2)) * rowBytes, err, dim);
      }
      examples += 1;
    }
  }
  storeRng(rng);
  store<f64>(stats, load<f64>(stats) + lossSum - Math.log(lossProd));
  store<f64>(stats, load<f64>(stats, 8) + examples, 8);
  store<f64>(stats, load<f64>(stats, 16) + kept, 16);
}
