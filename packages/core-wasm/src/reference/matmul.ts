// The reference matmul: C = op(A)·op(B) (+ bias per column) (+ C when accumulating), where op
// transposes when asked; A is (m, k) after op, B (k, n), C (m, n), each with its leading dimension.
//   C[i, j] = bias[j] + Σ_p A[i, p]·B[p, j];  sumB[j] += Σ_p B[p, j] when asked
// Three plain loops, f64 accumulation.

import type { Arena } from '../arena.js';
import { checkSumB, type MatmulArgs } from '../kernels.js';
import { columnSums } from './elementwise.js';

export function matmul(arena: Arena, args: MatmulArgs): void {
  const { c, a, b, bias = 0, m, k, n, transA, transB, accumulate, lda, ldb, ldc, sumB } = args;
  const f = arena.f32;
  checkSumB(args);
  if (sumB) columnSums(arena, sumB, b, k, n);
  const la = lda ?? (transA ? m : k);
  const lb = ldb ?? (transB ? k : n);
  const lc = ldc ?? n;
  const A = (i: number, p: number) => f[(a >> 2) + (transA ? p * la + i : i * la + p)];
  const B = (p: number, j: number) => f[(b >> 2) + (transB ? j * lb + p : p * lb + j)];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = bias ? f[(bias >> 2) + j] : 0;
      for (let p = 0; p < k; p++) s += A(i, p) * B(p, j);
      const at = (c >> 2) + i * lc + j;
      f[at] = accumulate ? f[at] + s : s;
    }
  }
}
