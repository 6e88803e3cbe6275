// matmul in all three layouts, with bias, accumulate and leading dimensions, on both
// implementations: hand-computed values, then wasm against the reference on awkward shapes.

import { describe, expect, it } from 'vitest';
import type { Allocator, MatmulArgs, Ptr } from '../dist/index.js';
import { AWKWARD, expectClose, IMPLS, kernels, put, randn, twins } from './helpers.js';

describe.each(IMPLS)('matmul (%s) on hand-computed values', (impl) => {
  it('computes A·B, A·Bᵀ and Aᵀ·B of 2×2 matrices', async () => {
    const k = await kernels(impl);
    const a = put(k, [1, 2, 3, 4]); // [[1,2],[3,4]]
    const b = put(k, [5, 6, 7, 8]); // [[5,6],[7,8]]
    const c = k.arena.alloc([4]);
    k.matmul({ c: c.ptr, a: a.ptr, b: b.ptr, m: 2, k: 2, n: 2 });
    expect([...c.data]).toEqual([19, 22, 43, 50]);
    k.matmul({ c: c.ptr, a: a.ptr, b: b.ptr, m: 2, k: 2, n: 2, transB: true });
    expect([...c.data]).toEqual([17, 23, 39, 53]);
    k.matmul({ c: c.ptr, a: a.ptr, b: b.ptr, m: 2, k: 2, n: 2, transA: true });
    expect([...c.data]).toEqual([26, 30, 38, 44]);
  });

  it('adds a bias per column and accumulates when asked', async () => {
    const k = await kernels(impl);
    const a = put(k, [1, 2, 3]); // (1×3)
    const b = put(k, [1, 0, 0, 1, 1, 1]); // (3×2)
    const bias = put(k, [10, 20]);
    const c = put(k, [100, 200]);
    k.matmul({ c: c.ptr, a: a.ptr, b: b.ptr, bias: bias.ptr, m: 1, k: 3, n: 2, accumulate: true });
    expect([...c.data]).toEqual([100 + 4 + 10, 200 + 5 + 20]);
    k.matmul({ c: c.ptr, a: a.ptr, b: b.ptr, m: 1, k: 3, n: 2 });
    expect([...c.data]).toEqual([4, 5]);
  });

  it('treats K = 0 as an empty sum (C = bias)', async () => {
    const k = await kernels(impl);
    const bias = put(k, [1, 2, 3]);
    const c = put(k, [9, 9, 9, 9, 9, 9]);
    k.matmul({ c: c.ptr, a: bias.ptr, b: bias.ptr, bias: bias.ptr, m: 2, k: 0, n: 3 });
    expect([...c.data]).toEqual([1, 2, 3, 1, 2, 3]);
  });
});

describe('matmul: wasm against the reference', () => {
  // f32 sums of K products in different orders: error grows like √K·ε·|a||b|; 1e-4 relative
  // plus 1e-4·√K absolute is loose enough for K ≤ 600 and tight enough to catch a wrong element.
  const shapes: [number, number, number][] = [];
  for (const m of AWKWARD) for (const n of [1, 5, 17, 65]) shapes.push([m, AWKWARD[(m + n) % 6], n]);
  shapes.push([4, 8, 8], [12, 300, 9], [9, 600, 520], [130, 257, 33]);

  for (const layout of ['NN', 'NT', 'TN'] as const) {
    it(`agrees in layout ${layout} on ${shapes.length} awkward shapes, with and without bias/accumulate`, async () => {
      const { wasm, ref } = await twins();
      let seed = 1;
      for (const [m, kk, n] of shapes) {
        const A = randn(m * kk, seed++);
        const B = randn(kk * n, seed++);
        const bias = randn(n, seed++);
        const C0 = randn(m * n, seed++);
        const out: Float32Array[] = [];
        for (const k of [wasm, ref]) {
          const mem = k.arena.scope();
          const a = put(mem, A);
          const b = put(mem, B);
          const bi = put(mem, bias);
          const c = put(mem, C0);
          const args = {
            a: a.ptr,
            b: b.ptr,
            m,
            k: kk,
            n,
            transA: layout === 'TN',
            transB: layout === 'NT',
          };
          k.matmul({ ...args, c: c.ptr, bias: bi.ptr, accumulate: true });
          const c2 = mem.alloc([m * n]);
          k.matmul({ ...args, c: c2.ptr });
          out.push(Float32Array.from([...c.data, ...c2.data]));
          mem.dispose();
        }
        expectClose(out[0], out[1], 1e-4, 1e-4 * Math.sqrt(kk + 1));
      }
    });
  }

  it('takes one row (the matrix-vector path of generation) with any K, N and ldb, bias and accumulate', async () => {
    // Shapes around the unrolling (4 rows of B per pass, 4 columns per vector) and GPT-2's own.
    const shapes: [number, number, number][] = [
      [1, 1, 0],
      [3, 7, 2],
      [5, 9, 0],
      [64, 13, 3],
      [768, 2304, 0],
      [3073, 771, 5],
    ];
    const { wasm, ref } = await twins();
    let seed = 500;
    for (const [kk, n, pad] of shapes) {
      for (const transB of [false, true]) {
        const ldb = (transB ? kk : n) + pad;
        const x = randn(kk, seed++);
        const B = randn((transB ? n : kk) * ldb, seed++);
        const bias = randn(n, seed++);
        const C0 = randn(n, seed++);
        const out: Float32Array[] = [];
        for (const k of [wasm, ref]) {
          const mem = k.arena.scope();
          const [a, b, bi, c] = [x, B, bias, C0].map((d) => put(mem, d));
          const c2 = mem.alloc([n]);
          const args = { a: a.ptr, b: b.ptr, m: 1, k: kk, n, transB, ldb };
          k.matmul({ ...args, c: c.ptr, bias: bi.ptr, accumulate: true });
          k.matmul({ ...args, c: c2.ptr });
          out.push(Float32Array.from([...c.data, ...c2.data]));
          mem.dispose();
        }
        expectClose(out[0], out[1], 1e-4, 1e-4 * Math.sqrt(kk + 1));
      }
    }
  });

  it('respects leading dimensions (one head of a packed qkv buffer)', async () => {
    // q, k of head h live at columns [h*hs, (h+1)*hs) of a (T × 3C) buffer: scores = q·kᵀ.
    const T = 7;
    const C = 12;
    const hs = 4;
    const h = 1;
    const qkv = randn(T * 3 * C, 99);
    const results: Float32Array[] = [];
    for (const k of Object.values(await twins())) {
      const buf = put(k, qkv);
      const scores = k.arena.alloc([T, T + 3]); // padded rows: ldc = T + 3
      k.matmul({
        c: scores.ptr,
        a: buf.ptr + h * hs * 4,
        b: buf.ptr + (C + h * hs) * 4,
        m: T,
        k: hs,
        n: T,
        transB: true,
        lda: 3 * C,
        ldb: 3 * C,
        ldc: T + 3,
      });
      results.push(scores.data.slice());
    }
    // Check against a direct computation, padding columns untouched (still zero).
    for (let i = 0; i < T; i++) {
      for (let j = 0; j < T + 3; j++) {
        let want = 0;
        if (j < T)
          for (let d = 0; d < hs; d++) want += qkv[i * 3 * C + h * hs + d] * qkv[j * 3 * C + C + h * hs + d];
        for (const r of results) expect(r[i * (T + 3) + j]).toBeCloseTo(want, 4);
      }
    }
  });
});

describe.each(IMPLS)('matmul (%s) with sumB', (impl) => {
  it("adds B's column sums, bit for bit what columnSums adds, beside the same product", async () => {
    const k = await kernels(impl);
    // Rows and columns around the micro-tile (4×8), K past one 256-deep block, the one-row path.
    for (const [m, kk, n, transA] of [
      [13, 300, 37, true],
      [64, 70, 520, false],
      [1, 33, 9, false],
      [128, 600, 130, true],
    ] as const) {
      const A = randn(m * kk, m);
      const B = randn(kk * n, n);
      const S = randn(n, kk);
      const mem = k.arena.scope();
      try {
        const [a, b] = [put(mem, A), put(mem, B)];
        const [c1, c2] = [mem.alloc([m * n]), mem.alloc([m * n])];
        const [s1, s2] = [put(mem, S), put(mem, S)];
        k.matmul({ c: c1.ptr, a: a.ptr, b: b.ptr, m, k: kk, n, transA, sumB: s1.ptr });
        k.matmul({ c: c2.ptr, a: a.ptr, b: b.ptr, m, k: kk, n, transA });
        k.columnSums(s2.ptr, b.ptr, kk, n);
        expect(c1.data).toEqual(c2.data);
        expect(s1.data).toEqual(s2.data);
      } finally {
        mem.dispose();
      }
    }
  });

  it('refuses a transposed B, naming what it needs', async () => {
    const k = await kernels(impl);
    const mem = k.arena.scope();
    try {
      const [c, a, b, s] = [mem.alloc([4]), mem.alloc([4]), mem.alloc([4]), mem.alloc([2])];
      expect(() =>
        k.matmul({ c: c.ptr, a: a.ptr, b: b.ptr, m: 2, k: 2, n: 2, transB: true, sumB: s.ptr }),
      ).toThrow(/sumB needs B stored k × n/);
    } finally {
      mem.dispose();
    }
  });
});

describe.each(IMPLS)('matmulPair (%s)', (impl) => {
  /** A linear layer's backward (x: m × kk, W: kk × n): dinp = dout·Wᵀ and dW += xᵀ·dout, db. */
  const backward = (mem: Allocator, m: number, kk: number, n: number) => {
    const dout = put(mem, randn(m * n, 1));
    const w = put(mem, randn(kk * n, 2));
    const x = put(mem, randn(m * kk, 3));
    return (dinp: Ptr, dw: Ptr, db: Ptr): [MatmulArgs, MatmulArgs] => [
      { c: dinp, a: dout.ptr, b: w.ptr, m, k: n, n: kk, transB: true, accumulate: true },
      { c: dw, a: x.ptr, b: dout.ptr, m: kk, k: m, n, transA: true, accumulate: true, sumB: db },
    ];
  };

  it('gives exactly what matmul gives for each product in turn', async () => {
    const k = await kernels(impl);
    for (const [m, kk, n] of [
      [13, 300, 37],
      [64, 70, 520],
    ] as const) {
      const mem = k.arena.scope();
      try {
        const args = backward(mem, m, kk, n);
        const start = [randn(m * kk, 4), randn(kk * n, 5), randn(n, 6)];
        const [one, two] = [0, 1].map(() => start.map((v) => put(mem, v)));
        const [a, b] = args(one[0].ptr, one[1].ptr, one[2].ptr);
        k.matmul(a);
        k.matmul(b);
        k.matmulPair(...args(two[0].ptr, two[1].ptr, two[2].ptr));
        for (let i = 0; i < 3; i++) expect(two[i].data).toEqual(one[i].data);
      } finally {
        mem.dispose();
      }
    }
  });

  it('refuses products that are not independent, naming what to do', async () => {
    const k = await kernels(impl);
    const mem = k.arena.scope();
    try {
      const args = backward(mem, 8, 8, 8);
      const [dinp, dw, db] = [mem.alloc([64]), mem.alloc([64]), mem.alloc([8])];
      const [a, b] = args(dinp.ptr, dw.ptr, db.ptr);
      // The second writes where the first reads (B), then where the first writes (C), then sumB into C.
      expect(() => k.matmulPair(a, { ...b, c: a.b })).toThrow(/not independent.*call matmul twice/);
      expect(() => k.matmulPair(a, { ...b, c: dinp.ptr + 4 * 63 })).toThrow(/not independent/);
      expect(() => k.matmulPair(a, { ...b, sumB: dinp.ptr })).toThrow(/not independent/);
      // Reading the same operand is fine (both read dout).
      expect(() => k.matmulPair(a, b)).not.toThrow();
    } finally {
      mem.dispose();
    }
  });
});
