// Building blocks of the word2vec kernels (word2vec.ts): the xoshiro128** stream kept in globals
// while a kernel runs, noise draws from the alias table, subsampling of a sentence, and the
// f32x4 row operations of one negative-sampling step. Everything is inlined into the kernels.

export let s0: u32 = 0;
export let s1: u32 = 0;
export let s2: u32 = 0;
export let s3: u32 = 0;

@inline export function nextU32(): u32 {
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

@inline export function loadRng(rng: usize): void {
  s0 = load<u32>(rng);
  s1 = load<u32>(rng, 4);
  s2 = load<u32>(rng, 8);
  s3 = load<u32>(rng, 12);
}

@inline export function storeRng(rng: usize): void {
  store<u32>(rng, s0);
  store<u32>(rng, s1, 4);
  store<u32>(rng, s2, 8);
  store<u32>(rng, s3, 12);
}

@inline export function align16(bytes: usize): usize {
  return (bytes + 15) & ~(<usize>15);
}

/**
 * A uniform integer in [0, n) and a uniform u32 from one draw: the high and low halves of the
 * 64-bit product r·n (the low half is uniform on a grid of step n, fine enough for a coin).
 */
@inline export function scaled(n: u32): u64 {
  return <u64>nextU32() * <u64>n;
}

/** A draw from the noise distribution: a uniform column, then its own word or its alias. */
@inline export function noise(aliasProb: usize, aliasIdx: usize, vocab: u32): i32 {
  const p = scaled(vocab);
  const col = <usize>(p >> 32);
  const coin = <u32>p;
  const o = col << 2;
  return coin < load<u32>(aliasProb + o) ? <i32>col : load<i32>(aliasIdx + o);
}

/** Copies the words of sentence [from, to) that survive subsampling into buf; returns the count. */
@inline export function subsample(words: usize, from: i32, to: i32, keep: usize, buf: usize): i32 {
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
@inline export function dot(p: usize, q: usize, dim: i32): f32 {
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
@inline export function update(err: usize, l2: usize, h: usize, g: f32, dim: i32, first: bool): void {
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
@inline export function addTo(dst: usize, src: usize, dim: i32): void {
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
@inline export function copyTo(dst: usize, src: usize, dim: i32): void {
  let i = 0;
  for (; i + 4 <= dim; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
  for (; i < dim; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
}

// Loss bookkeeping: the probabilities the model gives to each example's right answers are
// multiplied in f64 and turned into −ln only when the product gets small, so the hot loop
// spends one multiply per target instead of one log. Factors are floored at 1e-30 (|f| > 69).
let lossProd: f64 = 1;
let lossSum: f64 = 0;

@inline export function resetLoss(): void {
  lossProd = 1;
  lossSum = 0;
}

/** −Σ ln p over every recorded probability since resetLoss(). */
@inline export function lossTotal(): f64 {
  return lossSum - Math.log(lossProd);
}

@inline export function recordProb(p: f32): void {
  lossProd *= max(<f64>p, 1e-30);
  if (lossProd < 1e-250) {
    lossSum -= Math.log(lossProd);
    lossProd = 1;
  }
}

/** A kernel's first step: the random stream from memory, the loss sum from zero. */
@inline export function start(rng: usize): void {
  loadRng(rng);
  resetLoss();
}

/** A kernel's last step: the random stream back to memory, the counts added to stats. */
@inline export function finish(rng: usize, stats: usize, examples: f64, kept: f64): void {
  storeRng(rng);
  store<f64>(stats, load<f64>(stats) + lossTotal());
  store<f64>(stats, load<f64>(stats, 8) + examples, 8);
  store<f64>(stats, load<f64>(stats, 16) + kept, 16);
}

/** x *= s (dim floats). */
@inline export function scaleBy(x: usize, s: f32, dim: i32): void {
  const sv = f32x4.splat(s);
  let i = 0;
  for (; i + 4 <= dim; i += 4) v128.store(x + (<usize>i << 2), f32x4.mul(v128.load(x + (<usize>i << 2)), sv));
  for (; i < dim; i++) store<f32>(x + (<usize>i << 2), load<f32>(x + (<usize>i << 2)) * s);
}
