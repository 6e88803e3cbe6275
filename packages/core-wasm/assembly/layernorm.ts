// LayerNorm over the last dimension C, forward and backward, as GPT-2 uses it (eps 1e-5):
//   y = (x − mean) · rstd · w + b,   rstd = 1 / sqrt(var + eps)   (biased variance)
// Forward stores mean and rstd per row for the backward pass. Backward accumulates (+=) into
// dinp, dweight and dbias, the convention of every backward kernel here.

import { hsum, sumf } from './simd';

export function layernormForward(
  out: usize, mean: usize, rstd: usize, inp: usize, weight: usize, bias: usize, rows: i32, C: i32, eps: f32,
): void {
  // Two rows at a time: each row's sums are a chain of dependent adds, and two chains overlap.
  // Each row's operations are the one-row order exactly; an odd last row pairs with itself.
  const rowBytes = <usize>C << 2;
  for (let r = 0; r < rows; r += 2) {
    const r1 = min(r + 1, rows - 1);
    const x0 = inp + <usize>r * rowBytes, x1 = inp + <usize>r1 * rowBytes;
    const y0 = out + <usize>r * rowBytes, y1 = out + <usize>r1 * rowBytes;
    // mean (simd.ts sumf, for two rows)
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0);
    let i = 0;
    for (; i + 4 <= C; i += 4) {
      const o = <usize>i << 2;
      a0 = f32x4.add(a0, v128.load(x0 + o));
      a1 = f32x4.add(a1, v128.load(x1 + o));
    }
    let s0 = hsum(a0), s1 = hsum(a1);
    for (; i < C; i++) {
      const o = <usize>i << 2;
      s0 += load<f32>(x0 + o);
      s1 += load<f32>(x1 + o);
    }
    const m0 = s0 / <f32>C, m1 = s1 / <f32>C;
    const mv0 = f32x4.splat(m0), mv1 = f32x4.splat(m1);
    // variance
    a0 = f32x4.splat(0);
    a1 = f32x4.splat(0);
    i = 0;
    for (; i + 4 <= C; i += 4) {
      const o = <usize>i << 2;
      const d0 = f32x4.sub(v128.load(x0 + o), mv0), d1 = f32x4.sub(v128.load(x1 + o), mv1);
      a0 = f32x4.add(a0, f32x4.mul(d0, d0));
      a1 = f32x4.add(a1, f32x4.mul(d1, d1));
    }
    let v0 = hsum(a0), v1 = hsum(a1);
    for (; i < C; i++) {
      const o = <usize>i << 2;
      const d0 = load<f32>(x0 + o) - m0, d1 = load<f32>(x1 + o) - m1;
      v0 += d0 * d0;
      v1 += d1 * d1;
    }
    const q0: f32 = 1.0 / Mathf.sqrt(v0 / <f32>C + eps), q1: f32 = 1.0 / Mathf.sqrt(v1 / <f32>C + eps);
    const sv0 = f32x4.splat(q0), sv1 = f32x4.splat(q1);
    i = 0;
    for (; i + 4 <= C; i += 4) {
      const o = <usize>i << 2;
      const w = v128.load(weight + o), b = v128.load(bias + o);
      // Both rows read before either is written: an odd last row pairs with itself, perhaps in place.
      const v0 = v128.load(x0 + o), v1 = v128.load(x1 + o);
      v128.store(y0 + o, f32x4.add(f32x4.mul(f32x4.mul(f32x4.sub(v0, mv0), sv0), w), b));
      v128.store(y1 + o, f32x4.add(f32x4.mul(f32x4.mul(f32x4.sub(v1, mv1), sv1), w), b));
    }
    for (; i < C; i++) {
      const o = <usize>i << 2;
      const w = load<f32>(weight + o), b = load<f32>(bias + o);
      const v0 = load<f32>(x0 + o), v1 = load<f32>(x1 + o);
      store<f32>(y0 + o, (v0 - m0) * q0 * w + b);
      store<f32>(y1 + o, (v1 - m1) * q1 * w + b);
    }
    store<f32>(mean + (<usize>r << 2), m0);
    store<f32>(rstd + (<usize>r << 2), q0);
    store<f32>(mean + (<usize>r1 << 2), m1);
    store<f32>(rstd + (<usize>r1 << 2), q1);
  }
}

// With n = (x − mean)·rstd and g = dy ⊙ w:
//   dx += rstd · (g − mean(g) − n · mean(g ⊙ n)),  dw += dy ⊙ n,  db += dy
// Two rows at a time, as forward: their sums overlap, and dw and db take both rows' terms in one
// pass, row r's before row r + 1's as one row at a time would add them. An odd last row goes alone.
export function layernormBackward(
  dinp: usize, dweight: usize, dbias: usize, dout: usize, inp: usize, weight: usize, mean: usize, rstd: usize,
  rows: i32, C: i32,
): void {
  backwardRows(dinp, dweight, dbias, dout, inp, weight, mean, rstd, 0, rows, C, true);
}

/**
 * layernormBackward's dinp alone, for rows [r0, r1): a thread's share when the weight and bias
 * gradients are summed apart, by columns (layernormBackwardParams). Each row's operations are
 * layernormBackward's exactly.
 */
export function layernormBackwardInput(
  dinp: usize, dout: usize, inp: usize, weight: usize, mean: usize, rstd: usize, r0: i32, r1: i32, C: i32,
): void {
  backwardRows(dinp, 0, 0, dout, inp, weight, mean, rstd, r0, r1, C, false);
}

/**
 * layernormBackward's dweight and dbias alone, for columns [c0, c1) (c0 a multiple of 4): each
 * column's sums down all the rows in row order, the order layernormBackward adds them in,
 *   dbias[c] += dout[r, c],   dweight[c] += dout[r, c] · (x[r, c] − mean[r]) · rstd[r]
 * so that threads can share the columns and give the same bits.
 */
export function layernormBackwardParams(
  dweight: usize, dbias: usize, dout: usize, inp: usize, mean: usize, rstd: usize, rows: i32, C: i32, c0: i32, c1: i32,
): void {
  const rowBytes = <usize>C << 2;
  let c = c0;
  // 8 columns at a time: both sums' two vectors stay in registers down the rows.
  for (; c + 8 <= c1; c += 8) {
    const o = <usize>c << 2;
    let b0 = v128.load(dbias + o), b1 = v128.load(dbias + o, 16);
    let w0 = v128.load(dweight + o), w1 = v128.load(dweight + o, 16);
    let dy = dout + o, x = inp + o;
    for (let r = 0; r < rows; r++) {
      const mv = v128.load32_splat(mean + (<usize>r << 2)), sv = v128.load32_splat(rstd + (<usize>r << 2));
      const d0 = v128.load(dy), d1 = v128.load(dy, 16);
      b0 = f32x4.add(b0, d0);
      b1 = f32x4.add(b1, d1);
      w0 = f32x4.add(w0, f32x4.mul(d0, f32x4.mul(f32x4.sub(v128.load(x), mv), sv)));
      w1 = f32x4.add(w1, f32x4.mul(d1, f32x4.mul(f32x4.sub(v128.load(x, 16), mv), sv)));
      dy += rowBytes;
      x += rowBytes;
    }
    v128.store(dbias + o, b0);
    v128.store(dbias + o, b1, 16);
    v128.store(dweight + o, w0);
    v128.store(dweight + o, w1, 16);
  }
  for (; c + 4 <= c1; c += 4) {
    const o = <usize>c << 2;
    let b = v128.load(dbias + o), w = v128.load(dweight + o);
    for (let r = 0; r < rows; r++) {
      const mv = v128.load32_splat(mean + (<usize>r << 2)), sv = v128.load32_splat(rstd + (<usize>r << 2));
      const off = <usize>r * rowBytes + o;
      const d = v128.load(dout + off);
      b = f32x4.add(b, d);
      w = f32x4.add(w, f32x4.mul(d, f32x4.mul(f32x4.sub(v128.load(inp + off), mv), sv)));
    }
    v128.store(dbias + o, b);
    v128.store(dweight + o, w);
  }
  for (; c < c1; c++) {
    const o = <usize>c << 2;
    let b = load<f32>(dbias + o), w = load<f32>(dweight + o);
    for (let r = 0; r < rows; r++) {
      const off = <usize>r * rowBytes + o;
      const d = load<f32>(dout + off);
      b += d;
      w += d * ((load<f32>(inp + off) - load<f32>(mean + (<usize>r << 2))) * load<f32>(rstd + (<usize>r << 2)));
    }
    store<f32>(dbias + o, b);
    store<f32>(dweight + o, w);
  }
}

/** Rows [r0, r1) of the backward pass, two at a time; dweight and dbias only with `params`. */
@inline function backwardRows(
  dinp: usize, dweight: usize, dbias: usize, dout: usize, inp: usize, weight: usize, mean: usize, rstd: usize,
  r0: i32, r1: i32, C: i32, params: bool,
): void {
  const rowBytes = <usize>C << 2;
  let r = r0;
  for (; r + 2 <= r1; r += 2) {
    const off = <usize>r * rowBytes;
    const x0 = inp + off, dy0 = dout + off, dx0 = dinp + off;
    const x1 = x0 + rowBytes, dy1 = dy0 + rowBytes, dx1 = dx0 + rowBytes;
    const m0 = load<f32>(mean + (<usize>r << 2)), m1 = load<f32>(mean + (<usize>r << 2), 4);
    const s0 = load<f32>(rstd + (<usize>r << 2)), s1 = load<f32>(rstd + (<usize>r << 2), 4);
    const mv0 = f32x4.splat(m0), sv0 = f32x4.splat(s0), mv1 = f32x4.splat(m1), sv1 = f32x4.splat(s1);
    // Two means per row: of g and of g ⊙ n.
    let ag0 = f32x4.splat(0), agn0 = f32x4.splat(0), ag1 = f32x4.splat(0), agn1 = f32x4.splat(0);
    let i = 0;
    for (; i + 4 <= C; i += 4) {
      const o = <usize>i << 2;
      const w = v128.load(weight + o);
      const n0 = f32x4.mul(f32x4.sub(v128.load(x0 + o), mv0), sv0), n1 = f32x4.mul(f32x4.sub(v128.load(x1 + o), mv1), sv1);
      const g0 = f32x4.mul(v128.load(dy0 + o), w), g1 = f32x4.mul(v128.load(dy1 + o), w);
      ag0 = f32x4.add(ag0, g0);
      agn0 = f32x4.add(agn0, f32x4.mul(g0, n0));
      ag1 = f32x4.add(ag1, g1);
      agn1 = f32x4.add(agn1, f32x4.mul(g1, n1));
    }
    let sg0 = hsum(ag0), sgn0 = hsum(agn0), sg1 = hsum(ag1), sgn1 = hsum(agn1);
    for (; i < C; i++) {
      const o = <usize>i << 2;
      const w = load<f32>(weight + o);
      const n0 = (load<f32>(x0 + o) - m0) * s0, n1 = (load<f32>(x1 + o) - m1) * s1;
      const g0 = load<f32>(dy0 + o) * w, g1 = load<f32>(dy1 + o) * w;
      sg0 += g0;
      sgn0 += g0 * n0;
      sg1 += g1;
      sgn1 += g1 * n1;
    }
    const mgs0 = sg0 / <f32>C, mgns0 = sgn0 / <f32>C, mgs1 = sg1 / <f32>C, mgns1 = sgn1 / <f32>C;
    const mg0 = f32x4.splat(mgs0), mgn0 = f32x4.splat(mgns0), mg1 = f32x4.splat(mgs1), mgn1 = f32x4.splat(mgns1);
    i = 0;
    for (; i + 4 <= C; i += 4) {
      const o = <usize>i << 2;
      const w = v128.load(weight + o);
      const d0 = v128.load(dy0 + o), d1 = v128.load(dy1 + o);
      const n0 = f32x4.mul(f32x4.sub(v128.load(x0 + o), mv0), sv0), n1 = f32x4.mul(f32x4.sub(v128.load(x1 + o), mv1), sv1);
      const g0 = f32x4.mul(d0, w), g1 = f32x4.mul(d1, w);
      if (params) {
        v128.store(dbias + o, f32x4.add(f32x4.add(v128.load(dbias + o), d0), d1));
        v128.store(dweight + o, f32x4.add(f32x4.add(v128.load(dweight + o), f32x4.mul(d0, n0)), f32x4.mul(d1, n1)));
      }
      const t0 = f32x4.mul(f32x4.sub(f32x4.sub(g0, mg0), f32x4.mul(n0, mgn0)), sv0);
      const t1 = f32x4.mul(f32x4.sub(f32x4.sub(g1, mg1), f32x4.mul(n1, mgn1)), sv1);
      v128.store(dx0 + o, f32x4.add(v128.load(dx0 + o), t0));
      v128.store(dx1 + o, f32x4.add(v128.load(dx1 + o), t1));
    }
    for (; i < C; i++) {
      const o = <usize>i << 2;
      const w = load<f32>(weight + o);
      const d0 = load<f32>(dy0 + o), d1 = load<f32>(dy1 + o);
      const n0 = (load<f32>(x0 + o) - m0) * s0, n1 = (load<f32>(x1 + o) - m1) * s1;
      if (params) {
        store<f32>(dbias + o, load<f32>(dbias + o) + d0 + d1);
        store<f32>(dweight + o, load<f32>(dweight + o) + d0 * n0 + d1 * n1);
      }
      store<f32>(dx0 + o, load<f32>(dx0 + o) + (d0 * w - mgs0 - n0 * mgns0) * s0);
      store<f32>(dx1 + o, load<f32>(dx1 + o) + (d1 * w - mgs1 - n1 * mgns1) * s1);
    }
  }
  if (r < r1) backwardRow(dinp, dweight, dbias, dout, inp, weight, mean, rstd, r, C, params);
}

/** layernormBackward for row r alone (dweight and dbias only with `params`). */
function backwardRow(
  dinp: usize, dweight: usize, dbias: usize, dout: usize, inp: usize, weight: usize, mean: usize, rstd: usize,
  r: i32, C: i32, params: bool,
): void {
  const off = <usize>r * C << 2;
  const x = inp + off, dy = dout + off, dx = dinp + off;
  const m = load<f32>(mean + (<usize>r << 2));
  const s = load<f32>(rstd + (<usize>r << 2));
  const mv = f32x4.splat(m), sv = f32x4.splat(s);
  let ag = f32x4.splat(0), agn = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= C; i += 4) {
    const o = <usize>i << 2;
    const n = f32x4.mul(f32x4.sub(v128.load(x + o), mv), sv);
    const g = f32x4.mul(v128.load(dy + o), v128.load(weight + o));
    ag = f32x4.add(ag, g);
    agn = f32x4.add(agn, f32x4.mul(g, n));
  }
  let sg = hsum(ag), sgn = hsum(agn);
  for (; i < C; i++) {
    const o = <usize>i << 2;
    const n = (load<f32>(x + o) - m) * s;
    const g = load<f32>(dy + o) * load<f32>(weight + o);
    sg += g;
    sgn += g * n;
  }
  const mgs = sg / <f32>C, mgns = sgn / <f32>C;
  const mg = f32x4.splat(mgs), mgn = f32x4.splat(mgns);
  i = 0;
  for (; i + 4 <= C; i += 4) {
    const o = <usize>i << 2;
    const d = v128.load(dy + o);
    const n = f32x4.mul(f32x4.sub(v128.load(x + o), mv), sv);
    const g = f32x4.mul(d, v128.load(weight + o));
    if (params) {
      v128.store(dbias + o, f32x4.add(v128.load(dbias + o), d));
      v128.store(dweight + o, f32x4.add(v128.load(dweight + o), f32x4.mul(d, n)));
    }
    const t = f32x4.mul(f32x4.sub(f32x4.sub(g, mg), f32x4.mul(n, mgn)), sv);
    v128.store(dx + o, f32x4.add(v128.load(dx + o), t));
  }
  for (; i < C; i++) {
    const o = <usize>i << 2;
    const d = load<f32>(dy + o);
    const n = (load<f32>(x + o) - m) * s;
    const g = d * load<f32>(weight + o);
    if (params) {
      store<f32>(dbias + o, load<f32>(dbias + o) + d);
      store<f32>(dweight + o, load<f32>(dweight + o) + d * n);
    }
    store<f32>(dx + o, load<f32>(dx + o) + (g - mgs - n * mgns) * s);
  }
}
