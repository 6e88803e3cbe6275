// The finite-difference check shared by the GPT's gradient tests: central differences of the loss
// with respect to chosen elements of a parameter tensor, against the backward pass's gradient,
// relative to the largest numeric gradient of the tensor (so tiny entries are not held to
// f32-noise precision).

import { expect } from 'vitest';

/** Checks g[i] ≈ ∂loss/∂w[i] for each i of `idx` (w is perturbed by ±h and restored). */
export function expectGradient(
  name: string,
  w: Float32Array,
  g: Float32Array,
  loss: () => number,
  idx: number[],
  h = 1e-2,
): void {
  const numeric = idx.map((i) => {
    const orig = w[i];
    w[i] = orig + h;
    const up = loss();
    w[i] = orig - h;
    const down = loss();
    w[i] = orig;
    return (up - down) / (2 * h);
  });
  const scale = Math.max(...numeric.map(Math.abs));
  expect(scale, `${name} has no gradient at all`).toBeGreaterThan(1e-4);
  idx.forEach((i, j) => {
    const err = Math.abs(g[i] - numeric[j]) / scale;
    expect(err, `${name}[${i}]: backward ${g[i]}, finite difference ${numeric[j]}`).toBeLessThan(2e-2);
  });
}

/** Every `stride`-th index of a tensor of `size` elements. */
export const everyNth = (size: number, stride: number) =>
  Array.from({ length: Math.ceil(size / stride) }, (_, i) => i * stride);
