// The reference softmax over rows of `cols`, with a scale and an optional causal mask (row r
// sees its first (r mod cols) + 1 entries; the rest are 0):
//   y[j] = exp(s·x[j] − max) / Σ_u exp(s·x[u] − max)
//   dx[j] += s·y[j]·(dy[j] − Σ_u y[u]·dy[u])

import type { Arena, Ptr } from '../arena.js';

export function softmaxForward(
  arena: Arena,
  out: Ptr,
  inp: Ptr,
  rows: number,
  cols: number,
  scale = 1,
  causal = false,
): void {
  const f = arena.f32;
  for (let r = 0; r < rows; r++) {
    const x = (inp >> 2) + r * cols;
    const y = (out >> 2) + r * cols;
    const seen = causal ? (r % cols) + 1 : cols;
    let max = -Infinity;
    for (let j = 0; j < seen; j++) max = Math.max(max, f[x + j] * scale);
    let sum = 0;
    for (let j = 0; j < seen; j++) sum += Math.exp(f[x + j] * scale - max);
    for (let j = 0; j < cols; j++) f[y + j] = j < seen ? Math.exp(f[x + j] * scale - max) / sum : 0;
  }
}

export function softmaxBackward(
  arena: Arena,
  dinp: Ptr,
  out: Ptr,
  dout: Ptr,
  rows: number,
  cols: number,
  scale = 1,
  causal = false,
): void {
  const f = arena.f32;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const seen = causal ? (r % cols) + 1 : cols;
    let dot = 0;
    for (let j = 0; j < seen; j++) dot += f[(out >> 2) + o + j] * f[(dout >> 2) + o + j];
    for (let j = 0; j < seen; j++) {
      f[(dinp >> 2) + o + j] += scale * f[(out >> 2) + o + j] * (f[(dout >> 2) + o + j] - dot);
    }
  }
}
