// Fused softmax + cross-entropy forward and backward, including masked targets and in-place use.

import { describe, expect, it } from 'vitest';
import {
  AWKWARD,
  expectClose,
  finiteDiff,
  IMPLS,
  kernels,
  put,
  putInt,
  randInts,
  randn,
  twins,
} from './helpers.js';

describe.each(IMPLS)('cross-entropy (%s) on hand-computed values', (impl) => {
  it('gives −ln 0.8 = 0.2231 when the true token has p = 0.8, and 0 when p → 1', async () => {
    const k = await kernels(impl);
    // Row 0: logits [ln 0.8, ln 0.2] → p = [0.8, 0.2]; row 1: a near-certain prediction.
    const logits = put(k, [Math.log(0.8), Math.log(0.2), 0, 40]);
    const targets = putInt(k, [0, 1]);
    const probs = k.arena.alloc([4]);
    const losses = k.arena.alloc([2]);
    const mean = k.crossEntropyForward(probs.ptr, losses.ptr, logits.ptr, targets.ptr, 2, 2);
    expectClose(losses.data, [0.22314355, 0], 1e-5, 1e-7);
    expect(mean).toBeCloseTo((0.22314355 + 0) / 2, 6);
    expectClose(probs.data, [0.8, 0.2, 0, 1], 1e-6, 1e-7);
  });

  it('skips rows with a negative target in the mean and gives them zero gradient', async () => {
    const k = await kernels(impl);
    const logits = put(k, [0, 0, 5, -5]);
    const targets = putInt(k, [1, -1]);
    const probs = k.arena.alloc([4]);
    const losses = k.arena.alloc([2]);
    const mean = k.crossEntropyForward(probs.ptr, losses.ptr, logits.ptr, targets.ptr, 2, 2);
    expect(mean).toBeCloseTo(Math.log(2), 6);
    expect(losses.data[1]).toBe(0);
    k.crossEntropyBackward(probs.ptr, probs.ptr, targets.ptr, 2, 2, 1); // in place
    expectClose(probs.data, [0.5, -0.5, 0, 0], 1e-6, 1e-7);
  });
});

describe('cross-entropy: wasm against the reference', () => {
  it('agrees on awkward vocabulary sizes, in place, with some masked rows', async () => {
    const { wasm, ref } = await twins();
    let seed = 20;
    for (const V of [...AWKWARD, 1000]) {
      const rows = 9;
      const X = randn(rows * V, seed++, 4);
      const T = randInts(rows, V, seed++);
      T[4] = -1;
      const got: Float32Array[] = [];
      const means: number[] = [];
      for (const k of [wasm, ref]) {
        const mem = k.arena.scope();
        const x = put(mem, X);
        const t = putInt(mem, T);
        const losses = mem.alloc([rows]);
        means.push(k.crossEntropyForward(x.ptr, losses.ptr, x.ptr, t.ptr, rows, V));
        const probs = x.data.slice();
        k.crossEntropyBackward(x.ptr, x.ptr, t.ptr, rows, V, 1 / 8);
        got.push(Float32Array.from([...losses.data, ...probs, ...x.data]));
        mem.dispose();
      }
      expect(means[0]).toBeCloseTo(means[1], 5);
      expectClose(got[0], got[1], 2e-5, 1e-6);
    }
  });
});

describe.each(IMPLS)('cross-entropy backward (%s) against finite differences', (impl) => {
  it('matches d(mean loss)/d logits', async () => {
    const k = await kernels(impl);
    const rows = 3;
    const V = 5;
    const logits = put(k, randn(rows * V, 7));
    const targets = putInt(k, [4, 0, 2]);
    const probs = k.arena.alloc([rows * V]);
    const losses = k.arena.alloc([rows]);
    const grad = k.arena.alloc([rows * V]);
    const loss = () => k.crossEntropyForward(probs.ptr, losses.ptr, logits.ptr, targets.ptr, rows, V);
    loss();
    k.crossEntropyBackward(grad.ptr, probs.ptr, targets.ptr, rows, V, 1 / rows);
    const numeric = Array.from({ length: rows * V }, (_, i) => finiteDiff(logits.data, i, loss));
    expectClose(grad.data, numeric, 2e-2, 2e-3);
  });
});
