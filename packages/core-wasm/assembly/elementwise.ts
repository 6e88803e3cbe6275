// Elementwise kernels on flat f32 arrays: the residual add (out = a + b; out may alias a or b,
// which also makes it the gradient accumulate dst += src) and in-place scaling (used by
// gradient clipping and by averaging accumulated gradients).

export function add(out: usize, a: usize, b: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.add(v128.load(a + o), v128.load(b + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, load<f32>(a + o) + load<f32>(b + o));
  }
}

export function scale(x: usize, n: i32, s: f32): void {
  const sv = f32x4.splat(s);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(x + o, f32x4.mul(v128.load(x + o), sv));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(x + o, load<f32>(x + o) * s);
  }
}

// Σ x², accumulated in f32 vectors over blocks of 1024 and in f64 across blocks, so the global
// gradient norm of millions of parameters stays accurate.
export function sumSquares(x: usize, n: i32): f64 {
  let total: f64 = 0;
  for (let b = 0; b < n; b += 1024) {
    const end = min(n, b + 1024);
    let acc = f32x4.splat(0);
    let i = b;
    for (; i + 4 <= end; i += 4) {
      const v = v128.load(x + (<usize>i << 2));
      acc = f32x4.add(acc, f32x4.mul(v, v));
    }
    let s: f64 = <f64>f32x4.extract_lane(acc, 0) + <f64>f32x4.extract_lane(acc, 1);
    s += <f64>f32x4.extract_lane(acc, 2) + <f64>f32x4.extract_lane(acc, 3);
    for (; i < end; i++) {
      const v = <f64>load<f32>(x + (<usize>i << 2));
      s += v * v;
    }
    total += s;
  }
  return total;
}

// out (cols) += Σ over rows of inp (rows, cols): the bias gradient of a linear layer.
export function columnSums(out: usize, inp: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) add(out, out, inp + (<usize>r * cols << 2), cols);
}
