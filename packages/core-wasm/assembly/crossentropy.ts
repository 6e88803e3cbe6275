// Fused softmax + cross-entropy over rows of logits (rows × V), the language-model loss:
//   loss_r = −ln p_r[target_r] = logsumexp(logits_r) − logits_r[target_r]
// Forward writes the probabilities (which may overwrite the logits in place) and each row's loss,
// and returns the mean loss over rows whose target is ≥ 0 (a negative target means "no loss
// here", used to mask prompt tokens). Backward writes dlogits = (p − onehot(target))·scale,
// again possibly in place over the probabilities; masked rows get zero gradient.
// Targets are i32. Out-of-range targets are the caller's bug: the model validates token ids.

import { expf, expv, hmax, hsum } from './simd';

export function crossEntropyForward(probs: usize, losses: usize, logits: usize, targets: usize, rows: i32, V: i32): f64 {
  let total: f64 = 0;
  let count = 0;
  for (let r = 0; r < rows; r++) {
    const x = logits + (<usize>r * V << 2);
    const p = probs + (<usize>r * V << 2);
    const target = load<i32>(targets + (<usize>r << 2));
    let mv = f32x4.splat(-Infinity);
    let i = 0;
    for (; i + 4 <= V; i += 4) mv = f32x4.max(mv, v128.load(x + (<usize>i << 2)));
    let m = hmax(mv);
    for (; i < V; i++) m = max(m, load<f32>(x + (<usize>i << 2)));
    const xt: f32 = target >= 0 ? load<f32>(x + (<usize>target << 2)) : 0; // read before an in-place overwrite
    const mvv = f32x4.splat(m);
    let acc = f32x4.splat(0);
    i = 0;
    for (; i + 4 <= V; i += 4) {
      const e = expv(f32x4.sub(v128.load(x + (<usize>i << 2)), mvv));
      v128.store(p + (<usize>i << 2), e);
      acc = f32x4.add(acc, e);
    }
    let sum = hsum(acc);
    for (; i < V; i++) {
      const e = expf(load<f32>(x + (<usize>i << 2)) - m);
      store<f32>(p + (<usize>i << 2), e);
      sum += e;
    }
    const inv = f32x4.splat(1.0 / sum);
    i = 0;
    for (; i + 4 <= V; i += 4) v128.store(p + (<usize>i << 2), f32x4.mul(v128.load(p + (<usize>i << 2)), inv));
    for (; i < V; i++) store<f32>(p + (<usize>i << 2), load<f32>(p + (<usize>i << 2)) / sum);
    let loss: f32 = 0;
    if (target >= 0) {
      loss = <f32>(Math.log(<f64>sum) + <f64>m - <f64>xt);
      total += <f64>loss;
      count++;
    }
    store<f32>(losses + (<usize>r << 2), loss);
  }
  return count > 0 ? total / count : 0;
}

export function crossEntropyBackward(dlogits: usize, probs: usize, targets: usize, rows: i32, V: i32, scale: f32): void {
  const sv = f32x4.splat(scale);
  for (let r = 0; r < rows; r++) {
    const p = probs + (<usize>r * V << 2);
    const d = dlogits + (<usize>r * V << 2);
    const target = load<i32>(targets + (<usize>r << 2));
    if (target < 0) {
      memory.fill(d, 0, <usize>V << 2);
      continue;
    }
    let i = 0;
    for (; i + 4 <= V; i += 4) v128.store(d + (<usize>i << 2), f32x4.mul(v128.load(p + (<usize>i << 2)), sv));
    for (; i < V; i++) store<f32>(d + (<usize>i << 2), load<f32>(p + (<usize>i << 2)) * scale);
    const dt = d + (<usize>target << 2);
    store<f32>(dt, load<f32>(dt) - scale);
  }
}
