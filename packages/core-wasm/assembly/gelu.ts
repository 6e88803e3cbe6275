// GELU in GPT-2's tanh form, forward and backward:
//   y = ½·x·(1 + tanh(u)),  u = √(2/π)·(x + 0.044715·x³)
//   dy/dx = ½·(1 + tanh u) + ½·x·(1 − tanh² u)·√(2/π)·(1 + 3·0.044715·x²)
// Backward writes dinp = dy/dx · dout (as +0 + dy/dx · dout: it used to accumulate into zeros, and a
// −0 stays +0 as it did then, so the numbers are the same bit for bit).
// Forward may also keep e^{2u} of each value (`saved`, as LayerNorm keeps mean and rstd), and
// backward then reads it instead of computing it again: its exp chain is most of its time, and
// e^{2u} is the same bits either way. Only whole vectors are kept: a last 1–3 values (forward takes
// them through tanhf) are computed again.
// Each loop step takes four vectors: one vector's exp is a long chain of dependent operations, and
// independent chains keep the core busy (forward 2.4×, backward 2.0× over one vector per step and
// NaN-exact min/max in exp, on these machines; every number unchanged). Writing apart from its
// inputs, a kernel also pipelines them: e^{2u} of the next 16 values while it finishes the 16
// before (forward 1.05–1.07×, backward 1.15×, the same bits).

import { expf, expv, tanhf } from './simd';

const S: f32 = 0.7978845608028654; // √(2/π)
const A: f32 = 0.044715;

/** GELU of 4 values. */
@inline function geluv(x: v128): v128 {
  return geluOf(x, exp2u(x));
}

/** e^{2u} of 4 values, u = √(2/π)·(x + 0.044715·x³): the long chain of GELU's forward. */
@inline function exp2u(x: v128): v128 {
  const u = f32x4.mul(f32x4.splat(S), f32x4.add(x, f32x4.mul(f32x4.splat(A), f32x4.mul(x, f32x4.mul(x, x)))));
  return expv(f32x4.add(u, u));
}

/** ½·x·(1 + tanh u) from x and e = e^{2u}: tanh u = 1 − 2 / (e + 1), saturating cleanly to ±1. */
@inline function geluOf(x: v128, e: v128): v128 {
  const t = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(e, f32x4.splat(1))));
  return f32x4.mul(f32x4.mul(f32x4.splat(0.5), x), f32x4.add(f32x4.splat(1), t));
}

/** dGELU/dx of 4 values. */
@inline function geluGradv(x: v128): v128 {
  return gradOf(x, exp2u(x));
}

/** dGELU/dx of 4 values from x and e = e^{2u}. */
@inline function gradOf(x: v128, e: v128): v128 {
  const one = f32x4.splat(1), half = f32x4.splat(0.5);
  // With r = 1/(e + 1): tanh u = 1 − 2r and 1 − tanh² u = 4r·(e·r), one division for both, and no
  // cancellation where tanh saturates (1 − t² would cancel).
  const r = f32x4.div(one, f32x4.add(e, one));
  const t = f32x4.sub(one, f32x4.add(r, r));
  const sech2 = f32x4.mul(f32x4.mul(f32x4.splat(4), r), f32x4.mul(e, r)); // e·r ≤ 1: no overflow
  const du = f32x4.mul(f32x4.splat(S), f32x4.add(one, f32x4.mul(f32x4.splat(3 * A), f32x4.mul(x, x))));
  return f32x4.add(f32x4.mul(half, f32x4.add(one, t)), f32x4.mul(f32x4.mul(half, x), f32x4.mul(sech2, du)));
}

/** out = GELU(inp); with `saved` ≠ 0 also saved = e^{2u} of every whole vector of inp (saved apart from out and inp). */
export function geluForward(out: usize, inp: usize, n: i32, saved: usize): void {
  let i = 0;
  if (out != inp && n >= 32) {
    // Pipelined by 16 values: each step computes e^{2u} of the next 16 (kept in `saved`, or in
    // `out` for one step) and finishes the 16 before them, so the division at the end of one
    // group's chain overlaps the exp of the next. The same operations per value as geluv.
    const e = saved ? saved : out;
    expGroup(e, inp);
    for (i = 16; i + 16 <= n; i += 16) {
      const o = <usize>i << 2;
      expGroup(e + o, inp + o);
      finishGroup(out + o - 64, inp + o - 64, e + o - 64);
    }
    finishGroup(out + (<usize>i << 2) - 64, inp + (<usize>i << 2) - 64, e + (<usize>i << 2) - 64);
  }
  if (saved) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inp + o);
      const e = exp2u(x);
      v128.store(saved + o, e);
      v128.store(out + o, geluOf(x, e));
    }
  }
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

/** e^{2u} of the 16 values at inp, stored at out. */
@inline function expGroup(out: usize, inp: usize): void {
  const e0 = exp2u(v128.load(inp)), e1 = exp2u(v128.load(inp, 16));
  const e2 = exp2u(v128.load(inp, 32)), e3 = exp2u(v128.load(inp, 48));
  v128.store(out, e0);
  v128.store(out, e1, 16);
  v128.store(out, e2, 32);
  v128.store(out, e3, 48);
}

/** GELU of the 16 values at inp, from their e^{2u} at e (perhaps out itself), to out. */
@inline function finishGroup(out: usize, inp: usize, e: usize): void {
  const y0 = geluOf(v128.load(inp), v128.load(e)), y1 = geluOf(v128.load(inp, 16), v128.load(e, 16));
  const y2 = geluOf(v128.load(inp, 32), v128.load(e, 32)), y3 = geluOf(v128.load(inp, 48), v128.load(e, 48));
  v128.store(out, y0);
  v128.store(out, y1, 16);
  v128.store(out, y2, 32);
  v128.store(out, y3, 48);
}

/** dinp = 0 + dGELU/dx · dout for the 16 values at inp, from their e^{2u} at e (perhaps dinp itself). */
@inline function finishGradGroup(dinp: usize, inp: usize, dout: usize, e: usize): void {
  const zero = f32x4.splat(0);
  const g0 = gradOf(v128.load(inp), v128.load(e)), g1 = gradOf(v128.load(inp, 16), v128.load(e, 16));
  const g2 = gradOf(v128.load(inp, 32), v128.load(e, 32)), g3 = gradOf(v128.load(inp, 48), v128.load(e, 48));
  v128.store(dinp, f32x4.add(zero, f32x4.mul(g0, v128.load(dout))));
  v128.store(dinp, f32x4.add(zero, f32x4.mul(g1, v128.load(dout, 16))), 16);
  v128.store(dinp, f32x4.add(zero, f32x4.mul(g2, v128.load(dout, 32))), 32);
  v128.store(dinp, f32x4.add(zero, f32x4.mul(g3, v128.load(dout, 48))), 48);
}

/** dinp = GELU'(inp) ⊙ dout; with `saved` ≠ 0, e^{2u} of the whole vectors is read from it (geluForward). */
export function geluBackward(dinp: usize, inp: usize, dout: usize, n: i32, saved: usize): void {
  const zero = f32x4.splat(0);
  let i = 0;
  if (saved) {
    for (; i + 16 <= n; i += 16) {
      const o = <usize>i << 2;
      finishGradGroup(dinp + o, inp + o, dout + o, saved + o);
    }
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(dinp + o, f32x4.add(zero, f32x4.mul(gradOf(v128.load(inp + o), v128.load(saved + o)), v128.load(dout + o))));
    }
  }
  if (!saved && dinp != inp && dinp != dout && n >= 32) {
    // Pipelined as forward: e^{2u} of the next 16 values waits in dinp for one step.
    expGroup(dinp, inp);
    for (i = 16; i + 16 <= n; i += 16) {
      const o = <usize>i << 2;
      expGroup(dinp + o, inp + o);
      finishGradGroup(dinp + o - 64, inp + o - 64, dout + o - 64, dinp + o - 64);
    }
    const o = (<usize>i << 2) - 64;
    finishGradGroup(dinp + o, inp + o, dout + o, dinp + o);
  }
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
