// GELU in GPT-2's tanh form, forward and backward:
//   y = ½·x·(1 + tanh(u)),  u = √(2/π)·(x + 0.044715·x³)
//   dy/dx = ½·(1 + tanh u) + ½·x·(1 − tanh² u)·√(2/π)·(1 + 3·0.044715·x²)
// Backward accumulates into dinp.

import { expf, expv, tanhf, tanhv } from './simd';

const S: f32 = 0.7978845608028654; // √(2/π)
const A: f32 = 0.044715;

export function geluForward(out: usize, inp: usize, n: i32): void {
  const sv = f32x4.splat(S), av = f32x4.splat(A), half = f32x4.splat(0.5), one = f32x4.splat(1);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const x = v128.load(inp + o);
    const u = f32x4.mul(sv, f32x4.add(x, f32x4.mul(av, f32x4.mul(x, f32x4.mul(x, x)))));
    v128.store(out + o, f32x4.mul(f32x4.mul(half, x), f32x4.add(one, tanhv(u))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const x = load<f32>(inp + o);
    store<f32>(out + o, 0.5 * x * (1 + tanhf(S * (x + A * x * x * x))));
  }
}

export function geluBackward(dinp: usize, inp: usize, dout: usize, n: i32): void {
  const sv = f32x4.splat(S), av = f32x4.splat(A), a3 = f32x4.splat(3 * A);
  const half = f32x4.splat(0.5), one = f32x4.splat(1);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const x = v128.load(inp + o);
    const x2 = f32x4.mul(x, x);
    // With e = e^{2u} and r = 1/(e + 1): tanh u = 1 − 2r and 1 − tanh² u = 4r·(e·r), one division
    // for both, and no cancellation where tanh saturates (1 − t² would cancel).
    const u = f32x4.mul(sv, f32x4.add(x, f32x4.mul(av, f32x4.mul(x, x2))));
    const e = expv(f32x4.add(u, u));
    const r = f32x4.div(one, f32x4.add(e, one));
    const t = f32x4.sub(one, f32x4.add(r, r));
    const sech2 = f32x4.mul(f32x4.mul(f32x4.splat(4), r), f32x4.mul(e, r)); // e·r ≤ 1: no overflow
    const du = f32x4.mul(sv, f32x4.add(one, f32x4.mul(a3, x2)));
    const g = f32x4.add(f32x4.mul(half, f32x4.add(one, t)), f32x4.mul(f32x4.mul(half, x), f32x4.mul(sech2, du)));
    v128.store(dinp + o, f32x4.add(v128.load(dinp + o), f32x4.mul(g, v128.load(dout + o))));
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
    store<f32>(dinp + o, load<f32>(dinp + o) + g * load<f32>(dout + o));
  }
}
