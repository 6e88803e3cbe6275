// The matrix-vector product: one row of A times op(B), the whole cost of generating a token with a
// KV cache (every weight is read once per token, so this is bound by memory bandwidth, not
// arithmetic). matmul's blocking would pack B first — reading and writing it once more than the
// product itself does — so a single row takes this path instead:
//   A·B   y[j] (+)= Σ_k x[k]·B[k, j]   B read row by row, front to back; y (the columns [j0, j1))
//                                       accumulates in L1, four rows of B per pass over it
//   A·Bᵀ  y[j] (+)= x · B[j, :]        one dot product per row of B, four rows at a time
// plus the bias when given (C (+)= x·op(B) + bias, as matmul). Threads split the columns
// [j0, j1), so each output is summed by one thread in one order: results do not depend on the
// thread count. Not handled: op(A) transposed, more than one row (matmul does those).

import { dotf, hsum } from './simd';

/** Columns [j0, j1) of y (1 × N) for x (1 × K) and B (K × N, row stride ldb) or Bᵀ (B stored N × K). */
export function matvecBlock(
  y: usize, x: usize, b: usize, bias: usize,
  K: i32, N: i32, transB: i32, accumulate: i32, ldb: i32, j0: i32, j1: i32,
): void {
  if (j1 <= j0) return;
  if (transB) matvecT(y, x, b, bias, K, ldb, accumulate, j0, j1);
  else matvecN(y, x, b, bias, K, ldb, accumulate, j0, j1);
}

export function matvec(
  y: usize, x: usize, b: usize, bias: usize, K: i32, N: i32, transB: i32, accumulate: i32, ldb: i32,
): void {
  matvecBlock(y, x, b, bias, K, N, transB, accumulate, ldb, 0, N);
}

/** y[j0..j1) starts as its old value (accumulate) or 0, plus the bias. */
@inline function initY(y: usize, bias: usize, accumulate: i32, j0: i32, j1: i32): void {
  for (let j = j0; j < j1; j++) {
    const o = <usize>j << 2;
    const base: f32 = accumulate ? load<f32>(y + o) : 0;
    store<f32>(y + o, bias ? base + load<f32>(bias + o) : base);
  }
}

function matvecN(y: usize, x: usize, b: usize, bias: usize, K: i32, ldb: i32, accumulate: i32, j0: i32, j1: i32): void {
  initY(y, bias, accumulate, j0, j1);
  const rs = <usize>ldb << 2;
  const n = j1 - j0;
  const n4 = n & ~3;
  const y0 = y + (<usize>j0 << 2);
  let k = 0;
  for (; k + 4 <= K; k += 4) {
    const r0 = b + <usize>k * rs + (<usize>j0 << 2);
    const r1 = r0 + rs, r2 = r1 + rs, r3 = r2 + rs;
    const x0 = load<f32>(x + (<usize>k << 2)), x1 = load<f32>(x + (<usize>(k + 1) << 2));
    const x2 = load<f32>(x + (<usize>(k + 2) << 2)), x3 = load<f32>(x + (<usize>(k + 3) << 2));
    const v0 = f32x4.splat(x0), v1 = f32x4.splat(x1), v2 = f32x4.splat(x2), v3 = f32x4.splat(x3);
    let j = 0;
    for (; j < n4; j += 4) {
      const o = <usize>j << 2;
      let acc = v128.load(y0 + o);
      acc = f32x4.add(acc, f32x4.mul(v0, v128.load(r0 + o)));
      acc = f32x4.add(acc, f32x4.mul(v1, v128.load(r1 + o)));
      acc = f32x4.add(acc, f32x4.mul(v2, v128.load(r2 + o)));
      acc = f32x4.add(acc, f32x4.mul(v3, v128.load(r3 + o)));
      v128.store(y0 + o, acc);
    }
    for (; j < n; j++) {
      const o = <usize>j << 2;
      let s = load<f32>(y0 + o);
      s += x0 * load<f32>(r0 + o);
      s += x1 * load<f32>(r1 + o);
      s += x2 * load<f32>(r2 + o);
      s += x3 * load<f32>(r3 + o);
      store<f32>(y0 + o, s);
    }
  }
  for (; k < K; k++) {
    const r = b + <usize>k * rs + (<usize>j0 << 2);
    const xk = load<f32>(x + (<usize>k << 2));
    const v = f32x4.splat(xk);
    let j = 0;
    for (; j < n4; j += 4) {
      const o = <usize>j << 2;
      v128.store(y0 + o, f32x4.add(v128.load(y0 + o), f32x4.mul(v, v128.load(r + o))));
    }
    for (; j < n; j++) {
      const o = <usize>j << 2;
      store<f32>(y0 + o, load<f32>(y0 + o) + xk * load<f32>(r + o));
    }
  }
}

function matvecT(y: usize, x: usize, b: usize, bias: usize, K: i32, ldb: i32, accumulate: i32, j0: i32, j1: i32): void {
  initY(y, bias, accumulate, j0, j1);
  const rs = <usize>ldb << 2;
  let j = j0;
  // Four rows at a time: x is loaded once for four dot products, each summed in dotf's order (SIMD
  // lanes, their sum, then the scalar tail), so a row gives the same bits whichever way it is reached.
  for (; j + 4 <= j1; j += 4) {
    const r0 = b + <usize>j * rs, r1 = r0 + rs, r2 = r1 + rs, r3 = r2 + rs;
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
    let k = 0;
    for (; k + 4 <= K; k += 4) {
      const o = <usize>k << 2;
      const xv = v128.load(x + o);
      a0 = f32x4.add(a0, f32x4.mul(xv, v128.load(r0 + o)));
      a1 = f32x4.add(a1, f32x4.mul(xv, v128.load(r1 + o)));
      a2 = f32x4.add(a2, f32x4.mul(xv, v128.load(r2 + o)));
      a3 = f32x4.add(a3, f32x4.mul(xv, v128.load(r3 + o)));
    }
    let s0 = hsum(a0), s1 = hsum(a1), s2 = hsum(a2), s3 = hsum(a3);
    for (; k < K; k++) {
      const o = <usize>k << 2;
      const xk = load<f32>(x + o);
      s0 += xk * load<f32>(r0 + o);
      s1 += xk * load<f32>(r1 + o);
      s2 += xk * load<f32>(r2 + o);
      s3 += xk * load<f32>(r3 + o);
    }
    const o = <usize>j << 2;
    store<f32>(y + o, load<f32>(y + o) + s0);
    store<f32>(y + o + 4, load<f32>(y + o + 4) + s1);
    store<f32>(y + o + 8, load<f32>(y + o + 8) + s2);
    store<f32>(y + o + 12, load<f32>(y + o + 12) + s3);
  }
  for (; j < j1; j++) {
    const o = <usize>j << 2;
    store<f32>(y + o, load<f32>(y + o) + dotf(x, b + <usize>j * rs, K));
  }
}
