// A linear layer in GPT-2's Conv1D layout, forward and backward side by side:
//   forward:  out (M, N) = inp (M, K) · w (K, N) + b (N)
//   backward: dinp (M, K) = dout · wᵀ      (written, or added when accumulateInput)
//             dw (K, N)  += inpᵀ · dout
//             db (N)     += Σ_rows dout    (column sums)
// A zero dw or db pointer skips that gradient (frozen weights, e.g. under LoRA).

import type { Kernels, Ptr } from '@glassbox/core-wasm';

export function linearForward(
  k: Kernels,
  out: Ptr,
  inp: Ptr,
  w: Ptr,
  b: Ptr,
  M: number,
  K: number,
  N: number,
): void {
  k.matmul({ c: out, a: inp, b: w, bias: b, m: M, k: K, n: N });
}

export function linearBackward(
  k: Kernels,
  dinp: Ptr,
  dw: Ptr,
  db: Ptr,
  dout: Ptr,
  inp: Ptr,
  w: Ptr,
  M: number,
  K: number,
  N: number,
  accumulateInput = false,
): void {
  const input = { c: dinp, a: dout, b: w, m: M, k: N, n: K, transB: true, accumulate: accumulateInput };
  // db's column sums of dout come with dw's product (the threads add them up while packing dout);
  // dinp and dw are independent products, which the threads may run side by side.
  if (dw)
    k.matmulPair(input, {
      c: dw,
      a: inp,
      b: dout,
      m: K,
      k: M,
      n: N,
      transA: true,
      accumulate: true,
      sumB: db || undefined,
    });
  else {
    k.matmul(input);
    if (db) k.columnSums(db, dout, M, N);
  }
}
