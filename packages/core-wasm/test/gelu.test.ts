// GELU (tanh form) forward and backward.

import { describe, expect, it } from 'vitest';
import { AWKWARD, expectClose, finiteDiff, IMPLS, kernels, put, randn, twins } from './helpers.js';

describe.each(IMPLS)('gelu (%s) on hand-computed values', (impl) => {
  it('matches GPT-2 GELU at 0, ±1, 3 and saturates at ±20', async () => {
    const k = await kernels(impl);
    // 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))), evaluated by hand: gelu(1) = 0.8411920.
    const x = put(k, [0, 1, -1, 3, 20, -20]);
    const y = k.arena.alloc([6]);
    k.geluForward(y.ptr, x.ptr, 6);
    expectClose(y.data, [0, 0.841192, -0.158808, 2.9963627, 20, 0], 1e-5, 1e-6);
  });
});

describe('gelu: wasm against the reference', () => {
  it('agrees forward and backward over awkward lengths and a wide input range', async () => {
    const { wasm, ref } = await twins();
    let seed = 40;
    for (const n of [...AWKWARD, 4099]) {
      const X = randn(n, seed++, 4);
      const DY = randn(n, seed++);
      const DX = randn(n, seed++);
      const got: Float32Array[] = [];
      for (const k of [wasm, ref]) {
        const mem = k.arena.scope();
        const x = put(mem, X);
        const dy = put(mem, DY);
        const dx = put(mem, DX);
        const y = mem.alloc([n]);
        k.geluForward(y.ptr, x.ptr, n);
        k.geluBackward(dx.ptr, x.ptr, dy.ptr, n);
        got.push(Float32Array.from([...y.data, ...dx.data]));
        mem.dispose();
      }
      // tanh via exp loses a few ulps near 0 (1 − 2/(e^{2u}+1)): absolute tolerance covers it.
      expectClose(got[0], got[1], 1e-5, 1e-6);
    }
  });
});

describe.each(IMPLS)('gelu backward (%s) against finite differences', (impl) => {
  it('matches d gelu(x)/dx', async () => {
    const k = await kernels(impl);
    const n = 9;
    const x = put(k, [-4, -2, -1, -0.3, 0, 0.3, 1, 2, 4]);
    const y = k.arena.alloc([n]);
    const ones = put(k, new Float32Array(n).fill(1));
    const dx = k.arena.alloc([n]);
    k.geluBackward(dx.ptr, x.ptr, ones.ptr, n);
    const numeric = Array.from({ length: n }, (_, i) =>
      finiteDiff(x.data, i, () => {
        k.geluForward(y.ptr, x.ptr, n);
        return y.data[i];
      }),
    );
    expectClose(dx.data, numeric, 1e-2, 1e-3);
  });
});

describe.each(IMPLS)('gelu (%s): in place and apart agree', (impl) => {
  it('gives the same bits writing over its input as into another buffer, forward and backward', async () => {
    // Apart (output ≠ inputs), the kernels pipeline 16 values at a time; in place they cannot.
    const k = await kernels(impl);
    const n = 16 * 5 + 7; // several groups of 16, a vector, a ragged end
    const mem = k.arena.scope();
    try {
      const [X, DY] = [randn(n, 21, 4), randn(n, 22)];
      const [x, y, same] = [put(mem, X), mem.alloc([n]), put(mem, X)];
      k.geluForward(y.ptr, x.ptr, n);
      k.geluForward(same.ptr, same.ptr, n);
      expect(same.data).toEqual(y.data);
      const [dy, dx, dyIn] = [put(mem, DY), mem.alloc([n]), put(mem, DY)];
      k.geluBackward(dx.ptr, x.ptr, dy.ptr, n);
      k.geluBackward(dyIn.ptr, x.ptr, dyIn.ptr, n);
      expect(dyIn.data).toEqual(dx.data);
    } finally {
      mem.dispose();
    }
  });
});

describe.each(IMPLS)('gelu (%s): what forward saves for backward', (impl) => {
  it('gives the same numbers as computing it again, apart and in place, over ragged lengths', async () => {
    // The wasm kernels save e^{2u}, bit for bit what backward would compute; the reference saves
    // nothing and must ignore the buffer.
    const k = await kernels(impl);
    const same = (got: Float32Array, want: Float32Array) => expect(got).toEqual(want);
    for (const n of [3, 16 * 5 + 7, 4099]) {
      const mem = k.arena.scope();
      try {
        const [X, DY] = [randn(n, 31, 4), randn(n, 32)];
        const [x, y, ys, saved] = [put(mem, X), mem.alloc([n]), mem.alloc([n]), mem.alloc([n])];
        k.geluForward(y.ptr, x.ptr, n);
        k.geluForward(ys.ptr, x.ptr, n, saved.ptr);
        expect(ys.data).toEqual(y.data);
        const [dy, dx, dxs] = [put(mem, DY), mem.alloc([n]), mem.alloc([n])];
        k.geluBackward(dx.ptr, x.ptr, dy.ptr, n);
        k.geluBackward(dxs.ptr, x.ptr, dy.ptr, n, saved.ptr);
        same(dxs.data, dx.data);
        // In place (forward over a copy of x; backward over dout), saving as well.
        const [xIn, savedIn, dyIn] = [put(mem, X), mem.alloc([n]), put(mem, DY)];
        k.geluForward(xIn.ptr, xIn.ptr, n, savedIn.ptr);
        expect(xIn.data).toEqual(y.data);
        k.geluBackward(dyIn.ptr, x.ptr, dyIn.ptr, n, savedIn.ptr);
        same(dyIn.data, dx.data);
      } finally {
        mem.dispose();
      }
    }
  });
});
