// Residual add, in-place scale, sum of squares and the global-norm clipping built on them.

import { describe, expect, it } from 'vitest';
import { clipGradNorm } from '../dist/index.js';
import { AWKWARD, expectClose, IMPLS, kernels, put, randn, twins } from './helpers.js';

describe.each(IMPLS)('elementwise (%s) on hand-computed values', (impl) => {
  it('adds, accumulates in place, scales and sums squares', async () => {
    const k = await kernels(impl);
    const a = put(k, [1, 2, 3, 4, 5]);
    const b = put(k, [10, 20, 30, 40, 50]);
    const out = k.arena.alloc([5]);
    k.add(out.ptr, a.ptr, b.ptr, 5);
    expect([...out.data]).toEqual([11, 22, 33, 44, 55]);
    k.add(a.ptr, a.ptr, b.ptr, 5); // a += b
    expect([...a.data]).toEqual([11, 22, 33, 44, 55]);
    k.scale(b.ptr, 5, 0.5);
    expect([...b.data]).toEqual([5, 10, 15, 20, 25]);
    expect(k.sumSquares(b.ptr, 5)).toBe(25 + 100 + 225 + 400 + 625);
  });

  it('adds the column sums of a matrix (a bias gradient) into a vector', async () => {
    const k = await kernels(impl);
    const m = put(k, [1, 2, 3, 10, 20, 30]); // (2 × 3)
    const out = put(k, [100, 200, 300]);
    k.columnSums(out.ptr, m.ptr, 2, 3);
    expect([...out.data]).toEqual([111, 222, 333]);
  });

  it('clips a gradient of norm 5 to norm 1 and leaves a small one alone', async () => {
    const k = await kernels(impl);
    const g = put(k, [3, 4]);
    expect(clipGradNorm(k, g.ptr, 2, 1)).toBeCloseTo(5, 6);
    expectClose(g.data, [0.6, 0.8], 1e-5, 0);
    expect(clipGradNorm(k, g.ptr, 2, 10)).toBeCloseTo(1, 5);
    expectClose(g.data, [0.6, 0.8], 1e-6, 0);
  });
});

describe('elementwise: wasm against the reference', () => {
  it('agrees on awkward lengths, including a sum of squares over a million values', async () => {
    const { wasm, ref } = await twins();
    let seed = 50;
    for (const n of [...AWKWARD, 1_000_003]) {
      const A = randn(n, seed++);
      const B = randn(n, seed++);
      const got: Float32Array[] = [];
      const sums: number[] = [];
      for (const k of [wasm, ref]) {
        const mem = k.arena.scope();
        const a = put(mem, A);
        const b = put(mem, B);
        const out = mem.alloc([n]);
        k.add(out.ptr, a.ptr, b.ptr, n);
        k.scale(out.ptr, n, -1.5);
        sums.push(k.sumSquares(out.ptr, n));
        // Column sums over at most 4,099 rows (a bias gradient sums B·T rows, not millions).
        const cols = n % 7 === 0 ? 7 : 1;
        const rows = Math.min(n / cols, 4099);
        const colSums = mem.alloc([cols]);
        k.columnSums(colSums.ptr, a.ptr, rows, cols);
        got.push(Float32Array.from([...out.data, ...colSums.data]));
        mem.dispose();
      }
      // f32 sums in another order than the reference's f64: a few ulps of each total.
      expectClose(got[0], got[1], 1e-5, 1e-4);
      expect(Math.abs(sums[0] - sums[1]) / sums[1]).toBeLessThan(1e-6);
    }
  });
});
