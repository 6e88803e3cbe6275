// One AdamW step with decoupled weight decay (Loshchilov & Hutter), over one flat tensor:
//   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
//   p ← p − lr·( m̂ / (√v̂ + eps) + wd·p ),  m̂ = m / (1−β1^t), v̂ = v / (1−β2^t)
// The host passes the two bias corrections (1−β^t), so the kernel knows nothing of the step count,
// and passes wd = 0 for tensors that are not decayed (biases, LayerNorm, embeddings). With `clear`
// each gradient is set to zero once read, by the thread that just read it: the next step's backward
// adds into zeros without a separate pass over the gradients. adamwSegments takes several tensors
// laid out back to back (a model's parameter block) in one call, each with its own decay.

export function adamw(
  params: usize, grads: usize, m: usize, v: usize, n: i32,
  lr: f32, beta1: f32, beta2: f32, eps: f32, wd: f32, bc1: f32, bc2: f32, clear: i32,
): void {
  const zero = f32x4.splat(0);
  const b1 = f32x4.splat(beta1), b2 = f32x4.splat(beta2);
  const c1 = f32x4.splat(1 - beta1), c2 = f32x4.splat(1 - beta2);
  const ib1 = f32x4.splat(1 / bc1), ib2 = f32x4.splat(1 / bc2);
  const lrv = f32x4.splat(lr), wdv = f32x4.splat(wd), ev = f32x4.splat(eps);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const g = v128.load(grads + o);
    if (clear) v128.store(grads + o, zero);
    const mv = f32x4.add(f32x4.mul(b1, v128.load(m + o)), f32x4.mul(c1, g));
    const vv = f32x4.add(f32x4.mul(b2, v128.load(v + o)), f32x4.mul(c2, f32x4.mul(g, g)));
    v128.store(m + o, mv);
    v128.store(v + o, vv);
    const p = v128.load(params + o);
    const upd = f32x4.div(f32x4.mul(mv, ib1), f32x4.add(f32x4.sqrt(f32x4.mul(vv, ib2)), ev));
    v128.store(params + o, f32x4.sub(p, f32x4.mul(lrv, f32x4.add(upd, f32x4.mul(wdv, p)))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const g = load<f32>(grads + o);
    if (clear) store<f32>(grads + o, 0);
    const mv = beta1 * load<f32>(m + o) + (1 - beta1) * g;
    const vv = beta2 * load<f32>(v + o) + (1 - beta2) * g * g;
    store<f32>(m + o, mv);
    store<f32>(v + o, vv);
    const p = load<f32>(params + o);
    store<f32>(params + o, p - lr * ((mv * (1 / bc1)) / (Mathf.sqrt(vv * (1 / bc2)) + eps) + wd * p));
  }
}

/**
 * adamw over elements [s0, s1) of a run of tensors described by `count` segments at `table`, i32
 * triples (offset, size, decayed): each segment's part is updated as a call of its own would
 * update it, with weight decay wd where decayed and 0 elsewhere; elements outside every segment
 * (padding) are left alone. Offsets are multiples of 4 and s0 a multiple of 4 too, so each part's
 * whole vectors are those of its segment, and only a segment's own last 1–3 values go one by one.
 */
export function adamwSegments(
  params: usize, grads: usize, m: usize, v: usize, s0: i32, s1: i32,
  lr: f32, beta1: f32, beta2: f32, eps: f32, wd: f32, bc1: f32, bc2: f32, clear: i32,
  table: usize, count: i32,
): void {
  for (let i = 0; i < count; i++) {
    const t = table + <usize>i * 12;
    const start = load<i32>(t);
    const a = max(start, s0), b = min(start + load<i32>(t, 4), s1);
    if (a >= b) continue;
    const off = <usize>a << 2;
    adamw(params + off, grads + off, m + off, v + off, b - a, lr, beta1, beta2, eps, load<i32>(t, 8) ? wd : 0, bc1, bc2, clear);
  }
}
