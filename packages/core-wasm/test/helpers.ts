// Test helpers shared by every kernel test: a seeded RNG, both implementations side by side,
// copying arrays into an arena, and error measures with the tolerance stated at each call.

import { expect } from 'vitest';
import {
  type Allocator,
  createKernels,
  type IntTensor,
  type KernelImpl,
  type Kernels,
  type Tensor,
} from '../dist/index.js';

export const IMPLS: KernelImpl[] = ['wasm', 'reference'];

/** Awkward sizes: 1, primes, one past powers of two — what breaks SIMD tails and tile edges. */
export const AWKWARD = [1, 3, 5, 17, 65, 127];

/** mulberry32: small, seeded, good enough for test data. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randn(n: number, seed: number, scale = 1): Float32Array {
  const r = rng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = 1 - r();
    out[i] = scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
  }
  return out;
}

export function randInts(n: number, max: number, seed: number): Int32Array {
  const r = rng(seed);
  return Int32Array.from({ length: n }, () => Math.floor(r() * max));
}

export async function kernels(impl: KernelImpl): Promise<Kernels> {
  return createKernels(impl);
}

/** Both implementations, fresh arenas. */
export async function twins(): Promise<{ wasm: Kernels; ref: Kernels }> {
  return { wasm: await createKernels('wasm'), ref: await createKernels('reference') };
}

/** Where a test's buffers come from: the kernels' arena (persistent) or a scope of it. */
const allocator = (mem: Kernels | Allocator): Allocator => ('matmul' in mem ? mem.arena : mem);

export function put(
  mem: Kernels | Allocator,
  data: ArrayLike<number>,
  shape: number[] = [data.length],
): Tensor {
  const t = allocator(mem).alloc(shape);
  t.data.set(data);
  return t;
}

export function putInt(mem: Kernels | Allocator, data: ArrayLike<number>): IntTensor {
  const t = allocator(mem).allocInt(data.length);
  t.data.set(data);
  return t;
}

/** Largest |a − b| / (atol + |b|)-style error: passes when every element is within atol + rtol·|b|. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  atol: number,
): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let where = -1;
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    const err = diff === 0 ? 0 : diff / (atol + rtol * Math.abs(expected[i]));
    if (!(err <= worst)) {
      worst = err;
      where = i;
    }
  }
  if (!(worst <= 1)) {
    throw new Error(
      `mismatch at ${where}: got ${actual[where]}, want ${expected[where]} (rtol ${rtol}, atol ${atol})`,
    );
  }
}

/** Central finite difference of a scalar function f with respect to x[i] (x mutated and restored). */
export function finiteDiff(x: Float32Array, i: number, f: () => number, h = 1e-2): number {
  const orig = x[i];
  x[i] = orig + h;
  const up = f();
  x[i] = orig - h;
  const down = f();
  x[i] = orig;
  return (up - down) / (2 * h);
}

/** Tensors of awkward sizes laid out 4-aligned with padding between, as a parameter block is. */
export function segmentLayout(sizes: readonly number[]) {
  let offset = 0;
  const segments = sizes.map((size, i) => {
    const s = { offset, size, decay: i % 2 === 0 };
    offset += Math.ceil((size + 1) / 4) * 4; // at least one value of padding after each
    return s;
  });
  return { segments, n: offset };
}
