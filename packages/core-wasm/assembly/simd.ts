// Vector helpers shared by the kernels: a fast f32x4 exp, tanh and horizontal reductions.
// exp uses the classic range reduction x = n·ln2 + r, |r| ≤ ln2/2, a degree-6 polynomial for e^r
// and 2^n built directly in the exponent bits. Relative error is about 2e-7 over [-87, 88];
// inputs are clamped to that range, so exp never returns inf or denormals.

const LOG2E: f32 = 1.44269504;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const EXP_MAX: f32 = 88.3762626647949;
const EXP_MIN: f32 = -87.3365447504;
const ROUND: f32 = 12582912.0; // 1.5·2²³

@inline export function expv(x: v128): v128 {
  // pmax/pmin (one x86 instruction each) rather than max/min (several, for NaN and −0 rules):
  // the same result here, as the bounds are finite and non-zero and a NaN x stays NaN either way.
  x = f32x4.pmin(f32x4.pmax(x, f32x4.splat(EXP_MIN)), f32x4.splat(EXP_MAX));
  // n = round(x·log2 e) by adding 1.5·2²³: the sum's low mantissa bits then hold n itself, which
  // later becomes the exponent of 2^n without a float-to-int conversion.
  const t = f32x4.add(f32x4.mul(x, f32x4.splat(LOG2E)), f32x4.splat(ROUND));
  const n = f32x4.sub(t, f32x4.splat(ROUND));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  // Cephes expf polynomial: e^r ≈ 1 + r + r²·P(r)
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const r2 = f32x4.mul(r, r);
  p = f32x4.add(f32x4.add(f32x4.mul(p, r2), r), f32x4.splat(1.0));
  // 2^n: (n + 127) << 23 as f32 bits; the bits of t are ROUND's plus n, and ROUND's own bits
  // vanish in the shift. n ∈ [-126, 127] after the clamp.
  return f32x4.mul(p, i32x4.shl(i32x4.add(t, i32x4.splat(127)), 23));
}

/** Scalar exp through the vector path, so tails round exactly like bodies. */
@inline export function expf(x: f32): f32 {
  return f32x4.extract_lane(expv(f32x4.splat(x)), 0);
}

/** tanh(u) = 1 − 2 / (e^{2u} + 1); saturates cleanly to ±1 thanks to the clamped exp. */
@inline export function tanhv(u: v128): v128 {
  const e = expv(f32x4.add(u, u));
  return f32x4.sub(f32x4.splat(1.0), f32x4.div(f32x4.splat(2.0), f32x4.add(e, f32x4.splat(1.0))));
}

@inline export function tanhf(u: f32): f32 {
  return f32x4.extract_lane(tanhv(f32x4.splat(u)), 0);
}

@inline export function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3)
  );
}

@inline export function hmax(v: v128): f32 {
  return max(max(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)), max(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)));
}

/** Sum of n floats at p (SIMD body, scalar tail). */
@inline export function sumf(p: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) acc = f32x4.add(acc, v128.load(p + (<usize>i << 2)));
  let s = hsum(acc);
  for (; i < n; i++) s += load<f32>(p + (<usize>i << 2));
  return s;
}

/** Dot product of n floats at p and q. */
@inline export function dotf(p: usize, q: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    acc = f32x4.add(acc, f32x4.mul(v128.load(p + o), v128.load(q + o)));
  }
  let s = hsum(acc);
  for (; i < n; i++) s += load<f32>(p + (<usize>i << 2)) * load<f32>(q + (<usize>i << 2));
  return s;
}
