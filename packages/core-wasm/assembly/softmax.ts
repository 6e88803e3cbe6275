// Row softmax, y = softmax(scale·x) per row of `cols`, and its backward pass.
// causal = 1 treats the rows as (…, T, T) attention scores: row r sits at position t = r mod cols
// and sees columns 0..t only; the masked columns get probability exactly 0.
// Does not handle: rows longer than memory, masks other than causal.

import { dotf, expf, expv, hmax, hsum } from './simd';

export function softmaxForward(out: usize, inp: usize, rows: i32, cols: i32, scale: f32, causal: i32): void {
  for (let r = 0; r < rows; r++) {
    const x = inp + (<usize>r * cols << 2);
    const y = out + (<usize>r * cols << 2);
    const n = causal ? (r % cols) + 1 : cols;
    // pmax (one instruction) rather than max (several, for NaN and −0): it can only differ by a
    // NaN input, which makes the whole row NaN either way through its exp, or by the sign of a zero
    // maximum, which changes no output (x·s − (±0) differs only where it is ±0, and e^±0 = 1).
    let mv = f32x4.splat(-Infinity);
    let i = 0;
    for (; i + 4 <= n; i += 4) mv = f32x4.pmax(mv, v128.load(x + (<usize>i << 2)));
    let m = hmax(mv);
    for (; i < n; i++) m = max(m, load<f32>(x + (<usize>i << 2)));
    const sv = f32x4.splat(scale);
    const ms = f32x4.splat(m * scale);
    let acc = f32x4.splat(0);
    i = 0;
    // Four, then two vectors per step (independent exp chains; the sum still adds them in order).
    for (; i + 16 <= n; i += 16) {
      const o = <usize>i << 2;
      const e0 = expv(f32x4.sub(f32x4.mul(v128.load(x + o), sv), ms));
      const e1 = expv(f32x4.sub(f32x4.mul(v128.load(x + o, 16), sv), ms));
      const e2 = expv(f32x4.sub(f32x4.mul(v128.load(x + o, 32), sv), ms));
      const e3 = expv(f32x4.sub(f32x4.mul(v128.load(x + o, 48), sv), ms));
      v128.store(y + o, e0);
      v128.store(y + o, e1, 16);
      v128.store(y + o, e2, 32);
      v128.store(y + o, e3, 48);
      acc = f32x4.add(f32x4.add(f32x4.add(f32x4.add(acc, e0), e1), e2), e3);
    }
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 2;
      const e0 = expv(f32x4.sub(f32x4.mul(v128.load(x + o), sv), ms));
      const e1 = expv(f32x4.sub(f32x4.mul(v128.load(x + o, 16), sv), ms));
      v128.store(y + o, e0);
      v128.store(y + o, e1, 16);
      acc = f32x4.add(f32x4.add(acc, e0), e1);
    }
    for (; i + 4 <= n; i += 4) {
      const e = expv(f32x4.sub(f32x4.mul(v128.load(x + (<usize>i << 2)), sv), ms));
      v128.store(y + (<usize>i << 2), e);
      acc = f32x4.add(acc, e);
    }
    let sum = hsum(acc);
    const body = i;
    if (i < n) {
      // The last 1–3 values through one exp (lane by lane the same as one at a time), added to
      // the sum one after another.
      const e = expv(f32x4.sub(f32x4.mul(loadTail(x + (<usize>i << 2), n - i), sv), ms));
      store<f32>(y + (<usize>i << 2), f32x4.extract_lane(e, 0));
      sum += f32x4.extract_lane(e, 0);
      if (i + 1 < n) {
        store<f32>(y + (<usize>i << 2), f32x4.extract_lane(e, 1), 4);
        sum += f32x4.extract_lane(e, 1);
      }
      if (i + 2 < n) {
        store<f32>(y + (<usize>i << 2), f32x4.extract_lane(e, 2), 8);
        sum += f32x4.extract_lane(e, 2);
      }
    }
    const inv = f32x4.splat(1.0 / sum);
    for (i = 0; i < body; i += 4) v128.store(y + (<usize>i << 2), f32x4.mul(v128.load(y + (<usize>i << 2)), inv));
    for (; i < n; i++) store<f32>(y + (<usize>i << 2), load<f32>(y + (<usize>i << 2)) / sum);
    zeroFrom(y, i, cols);
  }
}

/** The 1–3 floats at p as a vector (the other lanes 0); reads nothing past them. */
@inline function loadTail(p: usize, count: i32): v128 {
  let v = f32x4.splat(0);
  v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (count > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (count > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}

/** Zeroes row[i0 .. cols): a causal row's masked end, in vectors once aligned. */
@inline export function zeroFrom(row: usize, i0: i32, cols: i32): void {
  let i = i0;
  for (; i < cols && (i & 3) != 0; i++) store<f32>(row + (<usize>i << 2), 0);
  const z = f32x4.splat(0);
  for (; i + 4 <= cols; i += 4) v128.store(row + (<usize>i << 2), z);
  for (; i < cols; i++) store<f32>(row + (<usize>i << 2), 0);
}

// dx += scale · y ⊙ (dy − Σ y·dy), row by row (y = the forward output). Masked entries have y = 0
// and so receive no gradient.
export function softmaxBackward(dinp: usize, out: usize, dout: usize, rows: i32, cols: i32, scale: f32, causal: i32): void {
  for (let r = 0; r < rows; r++) {
    const off = <usize>r * cols << 2;
    const y = out + off, dy = dout + off, dx = dinp + off;
    const n = causal ? (r % cols) + 1 : cols;
    const dot = dotf(y, dy, n);
    const dv = f32x4.splat(dot);
    const sv = f32x4.splat(scale);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const g = f32x4.mul(f32x4.mul(v128.load(y + o), f32x4.sub(v128.load(dy + o), dv)), sv);
      v128.store(dx + o, f32x4.add(v128.load(dx + o), g));
    }
    for (; i < n; i++) {
      const o = <usize>i << 2;
      store<f32>(dx + o, load<f32>(dx + o) + scale * load<f32>(y + o) * (load<f32>(dy + o) - dot));
    }
  }
}
