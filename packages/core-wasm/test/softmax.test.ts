// Row softmax (scale, causal mask) and its backward pass on both implementations.

import { describe, expect, it } from 'vitest';
import { AWKWARD, expectClose, finiteDiff, IMPLS, kernels, put, randn, twins } from './helpers.js';

describe.each(IMPLS)('softmax (%s) on hand-computed values', (impl) => {
  it('gives [1/3, 2/3] for logits [0, ln 2] and ignores a constant shift', async () => {
    const k = await kernels(impl);
    const x = put(k, [0, Math.log(2), 1000, 1000 + Math.log(2)]);
    const y = k.arena.alloc([4]);
    k.softmaxForward(y.ptr, x.ptr, 2, 2);
    expectClose(y.data.subarray(0, 2), [1 / 3, 2 / 3], 1e-6, 1e-7);
    // 1000 + ln 2 is not exact in f32 (spacing 6e-5): expect softmax of the stored values.
    const gap = x.data[3] - x.data[2];
    expectClose(y.data.subarray(2), [1 / (1 + Math.exp(gap)), 1 / (1 + Math.exp(-gap))], 1e-6, 1e-7);
  });

  it('applies the scale before normalising', async () => {
    const k = await kernels(impl);
    const x = put(k, [0, 2]);
    const y = k.arena.alloc([2]);
    k.softmaxForward(y.ptr, x.ptr, 1, 2, 0.5); // softmax([0, 1])
    const e = Math.E;
    expectClose(y.data, [1 / (1 + e), e / (1 + e)], 1e-6, 1e-7);
  });

  it('masks the future causally: row t sees columns 0..t, the rest are exactly 0', async () => {
    const k = await kernels(impl);
    const x = put(k, [5, 9, 9, 1, 1, 9, 7, 7, 7]); // (3 × 3)
    const y = k.arena.alloc([9]);
    k.softmaxForward(y.ptr, x.ptr, 3, 3, 1, true);
    expect([...y.data.slice(0, 3)]).toEqual([1, 0, 0]);
    expectClose(y.data.slice(3, 6), [0.5, 0.5, 0], 1e-6, 0);
    expectClose(y.data.slice(6, 9), [1 / 3, 1 / 3, 1 / 3], 1e-6, 0);
  });
});

describe('softmax: wasm against the reference', () => {
  it('agrees forward and backward on awkward shapes, causal or not, scaled', async () => {
    const { wasm, ref } = await twins();
    let seed = 10;
    for (const cols of AWKWARD) {
      for (const causal of [false, true]) {
        const rows = causal ? cols * 3 : 7;
        const X = randn(rows * cols, seed++, 3);
        const DY = randn(rows * cols, seed++);
        const DX0 = randn(rows * cols, seed++);
        const got: Float32Array[] = [];
        for (const k of [wasm, ref]) {
          const mem = k.arena.scope();
          const x = put(mem, X);
          const y = mem.alloc([rows * cols]);
          const dy = put(mem, DY);
          const dx = put(mem, DX0);
          k.softmaxForward(y.ptr, x.ptr, rows, cols, 0.37, causal);
          k.softmaxBackward(dx.ptr, y.ptr, dy.ptr, rows, cols, 0.37, causal);
          got.push(Float32Array.from([...y.data, ...dx.data]));
          mem.dispose();
        }
        // The wasm exp is a polynomial with ≈2e-7 relative error; sums add a few ulps.
        expectClose(got[0], got[1], 2e-5, 1e-6);
      }
    }
  });
});

describe.each(IMPLS)('softmax backward (%s) against finite differences', (impl) => {
  it('matches d/dx of L = Σ w·softmax(s·x) on a causal 5×5 block', async () => {
    const k = await kernels(impl);
    const n = 25;
    const X = randn(n, 3, 2);
    const W = randn(n, 4);
    const x = put(k, X);
    const w = put(k, W);
    const y = k.arena.alloc([n]);
    const dx = k.arena.alloc([n]);
    const loss = () => {
      k.softmaxForward(y.ptr, x.ptr, 5, 5, 0.5, true);
      let s = 0;
      for (let i = 0; i < n; i++) s += y.data[i] * W[i];
      return s;
    };
    loss();
    k.softmaxBackward(dx.ptr, y.ptr, w.ptr, 5, 5, 0.5, true);
    const numeric = Array.from({ length: n }, (_, i) => finiteDiff(x.data, i, loss));
    expectClose(dx.data, numeric, 2e-2, 2e-3);
  });
});
