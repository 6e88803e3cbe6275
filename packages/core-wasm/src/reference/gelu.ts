// The reference GELU, tanh form (GPT-2's gelu_new):
//   y = ½x·(1 + tanh(√(2/π)·(x + 0.044715x³)))
//   dx = dy·(½(1 + t) + ½x·(1 − t²)·√(2/π)·(1 + 3·0.044715x²)),  t = tanh(…)

import type { Arena, Ptr } from '../arena.js';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const GELU_A = 0.044715;

export function geluForward(arena: Arena, out: Ptr, inp: Ptr, n: number): void {
  const f = arena.f32;
  for (let j = 0; j < n; j++) {
    const x = f[(inp >> 2) + j];
    f[(out >> 2) + j] = 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + GELU_A * x ** 3)));
  }
}

export function geluBackward(arena: Arena, dinp: Ptr, inp: Ptr, dout: Ptr, n: number): void {
  const f = arena.f32;
  for (let j = 0; j < n; j++) {
    const x = f[(inp >> 2) + j];
    const t = Math.tanh(SQRT_2_OVER_PI * (x + GELU_A * x ** 3));
    const local = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_A * x * x);
    f[(dinp >> 2) + j] = local * f[(dout >> 2) + j];
  }
}
