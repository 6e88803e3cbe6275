// The reference cross-entropy of logits (rows, vocab) against integer targets (−1 = ignored):
//   p = softmax(logits),  loss[r] = −ln p[r, target[r]],  mean over counted rows
//   dlogits[r, j] = (p[r, j] − [j = target[r]])·scale

import type { Arena, Ptr } from '../arena.js';

export function crossEntropyForward(
  arena: Arena,
  probs: Ptr,
  losses: Ptr,
  logits: Ptr,
  targets: Ptr,
  rows: number,
  vocab: number,
): number {
  const f = arena.f32;
  const ids32 = arena.i32;
  let total = 0;
  let count = 0;
  for (let r = 0; r < rows; r++) {
    const x = f.slice((logits >> 2) + r * vocab, (logits >> 2) + (r + 1) * vocab); // copy: probs may alias
    const target = ids32[(targets >> 2) + r];
    let max = -Infinity;
    for (let j = 0; j < vocab; j++) max = Math.max(max, x[j]);
    let sum = 0;
    for (let j = 0; j < vocab; j++) sum += Math.exp(x[j] - max);
    for (let j = 0; j < vocab; j++) f[(probs >> 2) + r * vocab + j] = Math.exp(x[j] - max) / sum;
    const loss = target >= 0 ? Math.log(sum) + max - x[target] : 0;
    f[(losses >> 2) + r] = loss;
    if (target >= 0) {
      total += Math.fround(loss);
      count++;
    }
  }
  return count > 0 ? total / count : 0;
}

export function crossEntropyBackward(
  arena: Arena,
  dlogits: Ptr,
  probs: Ptr,
  targets: Ptr,
  rows: number,
  vocab: number,
  scale: number,
): void {
  const f = arena.f32;
  const ids32 = arena.i32;
  for (let r = 0; r < rows; r++) {
    const target = ids32[(targets >> 2) + r];
    for (let j = 0; j < vocab; j++) {
      const p = f[(probs >> 2) + r * vocab + j];
      f[(dlogits >> 2) + r * vocab + j] = target < 0 ? 0 : (p - (j === target ? 1 : 0)) * scale;
    }
  }
}
