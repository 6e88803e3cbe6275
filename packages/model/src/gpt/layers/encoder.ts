// The input embedding, forward and backward side by side:
//   forward:  x[b, t] = wte[token[b, t]] + wpe[t]            x: (B, T, C)
//   backward: dwte[token[b, t]] += dx[b, t];  dwpe[t] += Σ_b dx[b, t]
// Token ids must be in range: the model checks them before calling.

import type { Kernels, Ptr } from '@glassbox/core-wasm';

export function encoderForward(
  k: Kernels,
  x: Ptr,
  wte: Ptr,
  wpe: Ptr,
  tokens: Ptr,
  B: number,
  T: number,
  C: number,
): void {
  k.gather(x, wte, tokens, B * T, C);
  for (let b = 0; b < B; b++) {
    const xb = x + b * T * C * 4;
    k.add(xb, xb, wpe, T * C);
  }
}

export function encoderBackward(
  k: Kernels,
  dwte: Ptr,
  dwpe: Ptr,
  dx: Ptr,
  tokens: Ptr,
  B: number,
  T: number,
  C: number,
): void {
  k.scatterAdd(dwte, dx, tokens, B * T, C);
  for (let b = 0; b < B; b++) k.add(dwpe, dwpe, dx + b * T * C * 4, T * C);
}
