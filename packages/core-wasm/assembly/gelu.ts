// GELU in GPT-2's tanh form, forward and backward:
//   y = ½·x·(1 + tanh(u)),  u = √(2/π)·(x + 0.044715·x³)
//   dy/dx = ½·(1 + tanh u) + ½·x·(1 − tanh² u)·√(2/π)·(1 + 3·0.044715·x²)
// Backward writes dinp = dy/dx · dout (as +0 + dy/dx · dout: it used to accumulate into zeros, and a
// −0 stays +0 as it did then, so the numbers are the same bit for bit).
// Each loop step takes four vectors: one vector's exp is a long chain of dependent operations, and
// independent chains keep the core busy (forward 2.4×, backward 2.0× over one vector per step and
// NaN-exact min/max in exp, on these machines; every number unchanged).

import { expf, expv, tanhf } from './simd';

const S: f32 = 0.7978845608028654; // √(2/π)
const A: f32 = 0.044715;

/** GELU of 4 values. */
@inline function geluv(x: v128): v128 {
  const u = f32x4.mul(f32x4.splat(S), f32x4.add(x, f32x4.mul(f32x4.splat(A), f32x4.mul(x, f32x4.mul(x, x)))));
  // tanh u = 1 − 2 / (e^{2u} + 1): saturates cleanly to ±1 thanks to the clamped exp.
  const e = expv(f32x4.add(u, u));
  const t = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(e, f32x4.splat(1))));
  return f32x4.mul(f32x4.mul(f32x4.splat(0.5), x), f32x4.add(f32x4.splat(1), t));
}

/** dGELU/dx of 4 values. */
@inline function geluGradv(x: v128): v128 {
  const one = f32x4.splat(1), half = f32x4.splat(0.5);
  const x2 = f32x4.mul(x, x);
  // With e = e^{2u} and r = 1/(e + 1): tanh u = 1 − 2r and 1 − tanh² u = 4r·(e·r), one division
  // for both, and no cancellation where tanh saturates (1 − t² would cancel).
  const u = f32x4.mul(f32x4.splat(S), f32x4.add(x, f32x4.mul(f32x4.splat(A), f32x4.mul(x, x2))));
  const e = expv(f32x4.add(u, u));
  const r = f32x4.div(one, f32x4.add(e, one));
  const t = f32x4.sub(one, f32x4.add(r, r));
  const sech2 = f32x4.mul(f32x4.mul(f32x4.splat(4), r), f32x4.mul(e, r)); // e·r ≤ 1: no overflow
  const du = f32x4.mul(f32x4.splat(S), f32x4.add(one, f32x4.mul(f32x4.splat(3 * A), x2)));
  return f32x4.add(f32x4.mul(half, f32x4.add(one, t)), f32x4.mul(f32x4.mul(half, x), f32x4.mul(sech2, du)));
}

export function geluForward(out: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const o = <usize>i << 2;
    const y0 = geluv(v128.load(inp + o));
    const y1 = geluv(v128.load(inp + o, 16));
    const y2 = geluv(v128.load(inp + o, 32));
    const y3 = geluv(v128.load(inp + o, 48));
    v128.store(out + o, y0);
    v128.store(out + o, y1, 16);
    v128.store(out + o, y2, 32);
    v128.store(out + o, y3, 48);
  }
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, geluv(v128.load(inp + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const x = load<f32>(inp + o);
    store<f32>(out + o, 0.5 * x * (1 + tanhf(S * (x + A * x * x * x))));
  }
}

export function geluBackward(dinp: usize, inp: usize, dout: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const o = <usize>i << 2;
    const g0 = geluGradv(v128.load(inp + o));
    const g1 = geluGradv(v128.load(inp + o, 16));
    const g2 = geluGradv(v128.load(inp + o, 32));
    const g3 = geluGradv(v128.load(inp + o, 48));
    v128.store(dinp + o, f32x4.add(zero, f32x4.mul(g0, v128.load(dout + o))));
    v128.store(dinp + o, f32x4.add(zero, f32x4.mul(g1, v128.load(dout + o, 16))), 16);
    v128.store(dinp + o, f32x4.add(zero, f32x4.mul(g2, v128.load(dout + o, 32))), 32);
    v128.store(dinp + o, f32x4.add(zero, f32x4.mul(g3, v128.load(dout + o, 48))), 48);
  }
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(dinp + o, f32x4.add(zero, f32x4.mul(geluGradv(v128.load(inp + o)), v128.load(dout + o))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const x = load<f32>(inp + o);
    const u = S * (x + A * x * x * x);
    const e = expf(u + u);
    const r: f32 = 1 / (e + 1);
    const t: f32 = 1 - 2 * r;
    const sech2: f32 = 4 * r * (e * r);
    const g: f32 = 0.5 * (1 + t) + 0.5 * x * sech2 * S * (1 + 3 * A * x * x);
    store<f32>(dinp + o, <f32>0 + g * load<f32>(dout + o));
  }
}
