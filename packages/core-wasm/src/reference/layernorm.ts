// The reference layer norm over rows of C, keeping each row's mean and 1/std for the backward:
//   n = (x − mean)·rstd,  rstd = 1/√(var + eps),  y = n·weight + bias
//   dx += rstd·(g − mean(g) − n·mean(g·n)),  g = dy·weight;  dweight += dy·n;  dbias += dy

import type { Arena, Ptr } from '../arena.js';

export function layernormForward(
  arena: Arena,
  out: Ptr,
  mean: Ptr,
  rstd: Ptr,
  inp: Ptr,
  weight: Ptr,
  bias: Ptr,
  rows: number,
  C: number,
  eps = 1e-5,
): void {
  const f = arena.f32;
  for (let r = 0; r < rows; r++) {
    const x = (inp >> 2) + r * C;
    let m = 0;
    for (let j = 0; j < C; j++) m += f[x + j];
    m /= C;
    let v = 0;
    for (let j = 0; j < C; j++) v += (f[x + j] - m) ** 2;
    const s = 1 / Math.sqrt(v / C + eps);
    for (let j = 0; j < C; j++) {
      f[(out >> 2) + r * C + j] = (f[x + j] - m) * s * f[(weight >> 2) + j] + f[(bias >> 2) + j];
    }
    f[(mean >> 2) + r] = m;
    f[(rstd >> 2) + r] = s;
  }
}

export function layernormBackward(
  arena: Arena,
  dinp: Ptr,
  dweight: Ptr,
  dbias: Ptr,
  dout: Ptr,
  inp: Ptr,
  weight: Ptr,
  mean: Ptr,
  rstd: Ptr,
  rows: number,
  C: number,
): void {
  const f = arena.f32;
  for (let r = 0; r < rows; r++) {
    const m = f[(mean >> 2) + r];
    const s = f[(rstd >> 2) + r];
    const norm = (j: number) => (f[(inp >> 2) + r * C + j] - m) * s;
    const dy = (j: number) => f[(dout >> 2) + r * C + j];
    let meanG = 0;
    let meanGN = 0;
    for (let j = 0; j < C; j++) {
      const g = dy(j) * f[(weight >> 2) + j];
      meanG += g / C;
      meanGN += (g * norm(j)) / C;
    }
    for (let j = 0; j < C; j++) {
      const g = dy(j) * f[(weight >> 2) + j];
      f[(dbias >> 2) + j] += dy(j);
      f[(dweight >> 2) + j] += dy(j) * norm(j);
      f[(dinp >> 2) + r * C + j] += (g - meanG - norm(j) * meanGN) * s;
    }
  }
}
