// Embedding gather and its backward scatter-add (repeated ids accumulate).

import { describe, expect, it } from 'vitest';
import { AWKWARD, expectClose, IMPLS, kernels, put, putInt, randInts, randn, twins } from './helpers.js';

describe.each(IMPLS)('embedding (%s) on hand-computed values', (impl) => {
  it('gathers rows by id and scatter-adds gradients back, summing repeats', async () => {
    const k = await kernels(impl);
    const table = put(k, [0, 1, 10, 11, 20, 21]); // 3 rows × 2
    const ids = putInt(k, [2, 0, 2]);
    const out = k.arena.alloc([6]);
    k.gather(out.ptr, table.ptr, ids.ptr, 3, 2);
    expect([...out.data]).toEqual([20, 21, 0, 1, 20, 21]);
    const dtable = k.arena.alloc([6]);
    const dout = put(k, [1, 2, 3, 4, 5, 6]);
    k.scatterAdd(dtable.ptr, dout.ptr, ids.ptr, 3, 2);
    expect([...dtable.data]).toEqual([3, 4, 0, 0, 1 + 5, 2 + 6]);
  });
});

describe('embedding: wasm against the reference', () => {
  it('agrees on awkward widths with many repeated ids', async () => {
    const { wasm, ref } = await twins();
    let seed = 60;
    for (const C of AWKWARD) {
      const V = 11;
      const n = 40;
      const TABLE = randn(V * C, seed++);
      const IDS = randInts(n, V, seed++);
      const DOUT = randn(n * C, seed++);
      const got: Float32Array[] = [];
      for (const k of [wasm, ref]) {
        const mem = k.arena.scope();
        const table = put(mem, TABLE);
        const ids = putInt(mem, IDS);
        const dout = put(mem, DOUT);
        const out = mem.alloc([n * C]);
        const dtable = put(mem, TABLE); // accumulate onto existing values
        k.gather(out.ptr, table.ptr, ids.ptr, n, C);
        k.scatterAdd(dtable.ptr, dout.ptr, ids.ptr, n, C);
        got.push(Float32Array.from([...out.data, ...dtable.data]));
        mem.dispose();
      }
      expectClose(got[0], got[1], 1e-6, 1e-6);
    }
  });
});
