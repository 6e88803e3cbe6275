// The reference element-wise kernels: out = a + b, x *= s, out[j] += Σ_r inp[r, j] (a bias's
// gradient), and Σ x² (for gradient clipping).

import type { Arena, Ptr } from '../arena.js';

export function add(arena: Arena, out: Ptr, a: Ptr, b: Ptr, n: number): void {
  const f = arena.f32;
  for (let j = 0; j < n; j++) f[(out >> 2) + j] = f[(a >> 2) + j] + f[(b >> 2) + j];
}

export function scale(arena: Arena, x: Ptr, n: number, s: number): void {
  const f = arena.f32;
  for (let j = 0; j < n; j++) f[(x >> 2) + j] *= s;
}

export function columnSums(arena: Arena, out: Ptr, inp: Ptr, rows: number, cols: number): void {
  const f = arena.f32;
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let r = 0; r < rows; r++) s += f[(inp >> 2) + r * cols + j];
    f[(out >> 2) + j] += s;
  }
}

export function sumSquares(arena: Arena, x: Ptr, n: number): number {
  const f = arena.f32;
  let s = 0;
  for (let j = 0; j < n; j++) s += f[(x >> 2) + j] ** 2;
  return s;
}
