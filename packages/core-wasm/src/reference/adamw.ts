// The reference AdamW step (decoupled weight decay, as PyTorch's torch.optim.AdamW):
//   m = β1·m + (1 − β1)·g,  v = β2·v + (1 − β2)·g²
//   p −= lr·( (m / bc1) / (√(v / bc2) + eps) + wd·p ),  bc = 1 − βᵗ;  g = 0 afterwards if asked
// Several tensors in one call (segments) are updated one after the other.

import type { Arena } from '../arena.js';
import { type AdamWArgs, adamBiasCorrections, adamwSegments } from '../kernels.js';

export function adamw(arena: Arena, args: AdamWArgs): void {
  for (const { offset, size, decay } of adamwSegments(args)) {
    const at = 4 * offset;
    const { params, grads, m, v } = args;
    update(arena, { ...args, params: params + at, grads: grads + at, m: m + at, v: v + at, n: size }, decay);
  }
}

/** One tensor. */
function update(
  arena: Arena,
  { params, grads, m, v, n, lr, beta1, beta2, eps, weightDecay: wd, step, clearGrads }: AdamWArgs,
  decay: boolean,
): void {
  const f = arena.f32;
  const weightDecay = decay ? wd : 0;
  const [bc1, bc2] = adamBiasCorrections(beta1, beta2, step);
  for (let j = 0; j < n; j++) {
    const g = f[(grads >> 2) + j];
    if (clearGrads) f[(grads >> 2) + j] = 0;
    const mj = beta1 * f[(m >> 2) + j] + (1 - beta1) * g;
    const vj = beta2 * f[(v >> 2) + j] + (1 - beta2) * g * g;
    f[(m >> 2) + j] = mj;
    f[(v >> 2) + j] = vj;
    const p = f[(params >> 2) + j];
    f[(params >> 2) + j] = p - lr * (mj / bc1 / (Math.sqrt(vj / bc2) + eps) + weightDecay * p);
  }
}
