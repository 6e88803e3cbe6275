// LayerNorm over the last dimension C, forward and backward, as GPT-2 uses it (eps 1e-5):
//   y = (x − mean) · rstd · w + b,   rstd = 1 / sqrt(var + eps)   (biased variance)
// Forward stores mean and rstd per row for the backward pass. Backward accumulates (+=) into
// dinp, dweight and dbias, the convention of every backward kernel here.

import { hsum, sumf } from './simd';

export function layernormForward(
  out: usize, mean: usize, rstd: usize, inp: usize, weight: usize, bias: usize, rows: i32, C: i32, eps: f32,
): void {
  for (let r = 0; r < rows; r++) {
    const x = inp + (<usize>r * C << 2);
    const y = out + (<usize>r * C << 2);
    const m = sumf(x, C) / <f32>C;
    const mv = f32x4.splat(m);
    let acc = f32x4.splat(0);
    let i = 0;
    for (; i + 4 <= C; i += 4) {
      const d = f32x4.sub(v128.load(x + (<usize>i << 2)), mv);
      acc = f32x4.add(acc, f32x4.mul(d, d));
    }
    let v = hsum(acc);
    for (; i < C; i++) {
      const d = load<f32>(x + (<usize>i << 2)) - m;
      v += d * d;
    }
    const s: f32 = 1.0 / Mathf.sqrt(v / <f32>C + eps);
    const sv = f32x4.splat(s);
    i = 0;
    for (; i + 4 <= C; i += 4) {
      const o = <usize>i << 2;
      const n = f32x4.mul(f32x4.sub(v128.load(x + o), mv), sv);
      v128.store(y + o, f32x4.add(f32x4.mul(n, v128.load(weight + o)), v128.load(bias + o)));
    }
    for (; i < C; i++) {
      const o = <usize>i << 2;
      store<f32>(y + o, (load<f32>(x + o) - m) * s * load<f32>(weight + o) + load<f32>(bias + o));
    }
    store<f32>(mean + (<usize>r << 2), m);
    store<f32>(rstd + (<usize>r << 2), s);
  }
}

// With n = (x − mean)·rstd and g = dy ⊙ w:
//   dx += rstd · (g − mean(g) − n · mean(g ⊙ n)),  dw += dy ⊙ n,  db += dy
export function layernormBackward(
  dinp: usize, dweight: usize, dbias: usize, dout: usize, inp: usize, weight: usize, mean: usize, rstd: usize,
  rows: i32, C: i32,
): void {
  for (let r = 0; r < rows; r++) {
    const off = <usize>r * C << 2;
    const x = inp + off, dy = dout + off, dx = dinp + off;
    const m = load<f32>(mean + (<usize>r << 2));
    const s = load<f32>(rstd + (<usize>r << 2));
    const mv = f32x4.splat(m), sv = f32x4.splat(s);
    // Two means over the row: of g and of g ⊙ n.
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
    const mg = f32x4.splat(sg / <f32>C), mgn = f32x4.splat(sgn / <f32>C);
    i = 0;
    for (; i + 4 <= C; i += 4) {
      const o = <usize>i << 2;
      const d = v128.load(dy + o);
      const n = f32x4.mul(f32x4.sub(v128.load(x + o), mv), sv);
      const g = f32x4.mul(d, v128.load(weight + o));
      v128.store(dbias + o, f32x4.add(v128.load(dbias + o), d));
      v128.store(dweight + o, f32x4.add(v128.load(dweight + o), f32x4.mul(d, n)));
      const t = f32x4.mul(f32x4.sub(f32x4.sub(g, mg), f32x4.mul(n, mgn)), sv);
      v128.store(dx + o, f32x4.add(v128.load(dx + o), t));
    }
    const mgs = sg / <f32>C, mgns = sgn / <f32>C;
    for (; i < C; i++) {
      const o = <usize>i << 2;
      const d = load<f32>(dy + o);
      const n = (load<f32>(x + o) - m) * s;
      const g = d * load<f32>(weight + o);
      store<f32>(dbias + o, load<f32>(dbias + o) + d);
      store<f32>(dweight + o, load<f32>(dweight + o) + d * n);
      store<f32>(dx + o, load<f32>(dx + o) + (g - mgs - n * mgns) * s);
    }
  }
}
