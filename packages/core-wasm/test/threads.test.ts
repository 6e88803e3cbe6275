// The threaded core: the same kernels shared out to worker threads over a shared memory must give
// exactly the single-threaded results (each output element is computed by the same code in the
// same order; only who computes it changes).

import { afterAll, describe, expect, it } from 'vitest';
import { type Allocator, createKernels, type Kernels, WasmKernels } from '../dist/index.js';
import { put, randn, segmentLayout } from './helpers.js';

describe('threaded kernels (2 threads)', async () => {
  const single = await createKernels('wasm');
  const multi = await createKernels('wasm', { threads: 2 });
  afterAll(() => multi.dispose());

  it('really runs on two threads over shared memory', () => {
    expect(multi.threads).toBe(2);
    expect(multi.arena.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  const run = (k: Kernels, f: (k: Kernels, mem: Allocator) => Float32Array) => {
    const mem = k.arena.scope();
    try {
      return f(k, mem).slice();
    } finally {
      mem.dispose();
    }
  };

  interface ProductOptions {
    transA?: boolean;
    transB?: boolean;
    bias?: boolean;
    /** C starts random and the product adds into it. */
    accumulate?: boolean;
    /** Also B's column sums, into random starting values (B not transposed). */
    sums?: boolean;
  }

  /** One product of random operands on k: C, then the column sums when asked. */
  const product =
    (m: number, kk: number, n: number, o: ProductOptions) =>
    (k: Kernels, mem: Allocator): Float32Array => {
      const c = o.accumulate ? put(mem, randn(m * n, 6)) : mem.alloc([m * n]);
      const s = put(mem, randn(n, kk));
      k.matmul({
        c: c.ptr,
        a: put(mem, randn(m * kk, m)).ptr,
        b: put(mem, randn(kk * n, n)).ptr,
        bias: o.bias ? put(mem, randn(n, 7)).ptr : undefined,
        m,
        k: kk,
        n,
        transA: o.transA,
        transB: o.transB,
        accumulate: o.accumulate,
        sumB: o.sums ? s.ptr : undefined,
      });
      return o.sums ? Float32Array.from([...c.data, ...s.data]) : c.data;
    };

  it('matmul splits rows (B packed once, by the threads side by side) or columns and matches bit for bit', () => {
    for (const [m, kk, n, transA, transB] of [
      [768, 128, 384, false, false],
      [128, 768, 512, true, false], // a weight gradient: rows, though wider than tall
      [200, 600, 1100, true, false], // packing chunks over three NC blocks, K past KC, a ragged panel
      [64, 300, 523, false, true],
      [130, 257, 67, true, false],
      [4, 300, 1200, false, true],
      [1, 512, 4099, false, true],
      [1, 768, 3072, false, false], // the matrix-vector path: columns split, any chunk boundary
      [1, 3072, 771, false, false],
      [1024, 1100, 1000, false, false], // B too big to pack whole (4.4 MB): two slabs of k
    ] as const) {
      const f = product(m, kk, n, { transA, transB, bias: true });
      expect(run(multi, f)).toEqual(run(single, f));
    }
  });

  it("matmul's sumB, added up while the threads pack B, matches bit for bit", () => {
    for (const [m, kk, n] of [
      [128, 768, 512], // a weight gradient and its bias gradient
      [200, 600, 1100], // packing chunks over three NC blocks, K past KC, a ragged panel
    ] as const) {
      const f = product(m, kk, n, { transA: true, sums: true });
      expect(run(multi, f)).toEqual(run(single, f));
    }
  });

  it('a B too big to pack whole goes in slabs of k: bit for bit with bias, accumulate and sumB', () => {
    // 2100 × 520 floats of B pack to 4.4 MB, past the 4 MB shared packing: slabs of 1792 and 308
    // k's (7 and 2 blocks of 256), the second adding into C. 40 rows still split by rows.
    for (const [transA, transB, sums] of [
      [true, false, true], // a weight gradient over many rows, with its bias gradient
      [false, false, false],
      [false, true, false],
    ] as const) {
      const f = product(40, 2100, 520, { transA, transB, sums, bias: true, accumulate: true });
      expect(run(multi, f)).toEqual(run(single, f));
    }
  });

  /**
   * A linear layer's backward (x: m × kk, W: kk × n) into random starting gradients: dinp += dout·Wᵀ
   * and dW += xᵀ·dout with db, by matmulPair on k (or one matmul after the other when `apart`).
   */
  const backward =
    (m: number, kk: number, n: number, apart = false) =>
    (k: Kernels, mem: Allocator): Float32Array => {
      const [dout, w, x] = [randn(m * n, 1), randn(kk * n, 2), randn(m * kk, 3)].map((v) => put(mem, v));
      const [dinp, dw, db] = [randn(m * kk, 4), randn(kk * n, 5), randn(n, 6)].map((v) => put(mem, v));
      const one = { c: dinp.ptr, a: dout.ptr, b: w.ptr, m, k: n, n: kk, transB: true, accumulate: true };
      const two = {
        c: dw.ptr,
        a: x.ptr,
        b: dout.ptr,
        m: kk,
        k: m,
        n,
        transA: true,
        accumulate: true,
        sumB: db.ptr,
      };
      if (apart) {
        k.matmul(one);
        k.matmul(two);
      } else k.matmulPair(one, two);
      return Float32Array.from([...dinp.data, ...dw.data, ...db.data]);
    };

  it("matmulPair runs a linear layer's two backward products side by side, bit for bit", () => {
    for (const [m, kk, n] of [
      [512, 128, 320], // like the baby recipe's mlp.c_fc: each thread packs its own product's B
      [400, 320, 128], // like mlp.c_proj
      [203, 130, 300], // ragged rows and panels, K past one block of k
    ] as const) {
      expect(run(multi, backward(m, kk, n))).toEqual(run(single, backward(m, kk, n, true)));
    }
  });

  it.each([
    [3, 16, 24, 4],
    [2, 260, 8, 2], // past the threads' own (T, T) scratch: each pair's slot of datt
  ])('attention forward and backward match bit for bit (B %i, T %i, C %i, %i heads)', (B, T, C, nh) => {
    const QKV = randn(B * T * 3 * C, 1);
    const DOUT = randn(B * T * C, 2);
    const f = (k: Kernels, mem: Allocator) => {
      const qkv = put(mem, QKV);
      const att = mem.alloc([B * nh * T * T]);
      const out = mem.alloc([B * T * C]);
      const datt = mem.alloc([B * nh * T * T]);
      const dqkv = mem.alloc([B * T * 3 * C]);
      k.attentionForward(out.ptr, att.ptr, qkv.ptr, B, T, C, nh);
      k.attentionBackward(dqkv.ptr, datt.ptr, put(mem, DOUT).ptr, qkv.ptr, att.ptr, B, T, C, nh);
      return Float32Array.from([...out.data, ...att.data, ...dqkv.data]);
    };
    expect(run(multi, f)).toEqual(run(single, f));
  });

  it.each([false, true])(
    'GELU forward and backward match bit for bit on a large input (saving: %s)',
    (saving) => {
      const n = 100_003;
      const X = randn(n, 3, 3);
      const DY = randn(n, 4);
      const f = (k: Kernels, mem: Allocator) => {
        const x = put(mem, X);
        const y = mem.alloc([n]);
        const dx = mem.alloc([n]);
        const saved = saving ? mem.alloc([n]).ptr : undefined;
        k.geluForward(y.ptr, x.ptr, n, saved);
        k.geluBackward(dx.ptr, x.ptr, put(mem, DY).ptr, n, saved);
        return Float32Array.from([...y.data, ...dx.data]);
      };
      expect(run(multi, f)).toEqual(run(single, f));
    },
  );

  it('LayerNorm forward and AdamW (clearing the gradients) match bit for bit', () => {
    const [rows, C] = [300, 130];
    const X = randn(rows * C, 5);
    const W = randn(C, 6);
    const P = randn(70_001, 7);
    const G = randn(70_001, 8);
    const f = (k: Kernels, mem: Allocator) => {
      const out = mem.alloc([rows * C]);
      const mean = mem.alloc([rows]);
      const rstd = mem.alloc([rows]);
      k.layernormForward(
        out.ptr,
        mean.ptr,
        rstd.ptr,
        put(mem, X).ptr,
        put(mem, W).ptr,
        put(mem, W).ptr,
        rows,
        C,
      );
      const p = put(mem, P);
      const m = mem.alloc([P.length]);
      const v = mem.alloc([P.length]);
      const hyper = { lr: 1e-2, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0.1 };
      const g = put(mem, G);
      k.adamw({
        params: p.ptr,
        grads: g.ptr,
        m: m.ptr,
        v: v.ptr,
        n: P.length,
        ...hyper,
        step: 3,
        clearGrads: true,
      });
      const data = [...out.data, ...mean.data, ...rstd.data, ...p.data, ...m.data, ...v.data, ...g.data];
      return Float32Array.from(data);
    };
    expect(run(multi, f)).toEqual(run(single, f));
  });

  it.each([
    [517, 131],
    [401, 166],
    [768, 128],
  ])(
    'LayerNorm backward (%i × %i: weight and bias gradients by columns, dinp by rows) matches bit for bit',
    (rows, C) => {
      const [X, W, DY, G] = [randn(rows * C, 13), randn(C, 14), randn(rows * C, 15), randn(2 * C, 16)];
      const f = (k: Kernels, mem: Allocator) => {
        const [x, w, dy] = [put(mem, X), put(mem, W), put(mem, DY)];
        const [out, mean, rstd] = [mem.alloc([rows * C]), mem.alloc([rows]), mem.alloc([rows])];
        k.layernormForward(out.ptr, mean.ptr, rstd.ptr, x.ptr, w.ptr, w.ptr, rows, C);
        // Gradients that already hold something: the backward adds to them.
        const [dx, dw, db] = [put(mem, DY), put(mem, G.subarray(0, C)), put(mem, G.subarray(C))];
        for (let i = 0; i < 2; i++)
          k.layernormBackward(dx.ptr, dw.ptr, db.ptr, dy.ptr, x.ptr, w.ptr, mean.ptr, rstd.ptr, rows, C);
        return Float32Array.from([...dx.data, ...dw.data, ...db.data]);
      };
      expect(run(multi, f)).toEqual(run(single, f));
    },
  );

  it('AdamW over segments (a parameter block) matches bit for bit', () => {
    const { segments, n } = segmentLayout([3, 50_000, 130, 20_001, 8]);
    const [P, G] = [randn(n, 11), randn(n, 12)];
    const f = (k: Kernels, mem: Allocator) => {
      const [p, g, m, v] = [put(mem, P), put(mem, G), mem.alloc([n]), mem.alloc([n])];
      const hyper = { lr: 1e-2, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0.1 };
      k.adamw({
        params: p.ptr,
        grads: g.ptr,
        m: m.ptr,
        v: v.ptr,
        n,
        ...hyper,
        step: 2,
        clearGrads: true,
        segments,
      });
      return Float32Array.from([...p.data, ...m.data, ...v.data, ...g.data]);
    };
    expect(run(multi, f)).toEqual(run(single, f));
  });

  it('keeps working after the shared memory grows', () => {
    const before = multi.arena.memory.buffer.byteLength;
    multi.arena.alloc([16 * 1024 * 1024]);
    expect(multi.arena.memory.buffer.byteLength).toBeGreaterThan(before);
    const f = (k: Kernels, mem: Allocator) => {
      const c = mem.alloc([256 * 256]);
      k.matmul({
        c: c.ptr,
        a: put(mem, randn(256 * 256, 9)).ptr,
        b: put(mem, randn(256 * 256, 10)).ptr,
        m: 256,
        k: 256,
        n: 256,
      });
      return c.data;
    };
    expect(run(multi, f)).toEqual(run(single, f));
  });

  it('measures the ceiling with every thread running the micro-kernel, then still computes right', () => {
    // Not a timing test: a job whose chunks did no work would read thousands of times the one
    // thread's figure; two cores at work can give at most about twice it (a slow spell of the one
    // thread's vCPU can make that 3×; the bound leaves room for more).
    const one = single instanceof WasmKernels ? single.ceilingGflops(20) : Number.NaN;
    const both = multi instanceof WasmKernels ? multi.ceilingGflops(20) : Number.NaN;
    expect(one).toBeGreaterThan(0);
    expect(both).toBeGreaterThan(0);
    expect(both / one).toBeLessThan(10);
    const f = (k: Kernels, mem: Allocator) => {
      const c = mem.alloc([64 * 96]);
      const a = put(mem, randn(64 * 128, 1)),
        b = put(mem, randn(128 * 96, 2));
      k.matmul({ c: c.ptr, a: a.ptr, b: b.ptr, m: 64, k: 128, n: 96 });
      return c.data;
    };
    expect(run(multi, f)).toEqual(run(single, f));
  });

  it("the wait clock reads the caller's clock once before and once after each job's wait, only while on", async () => {
    // A counter for a clock: each job with no inner barrier (GELU's) adds exactly 1 while it runs.
    let ticks = 0;
    const k = await WasmKernels.create({ threads: 2, clock: () => ticks++ });
    const mem = k.arena.scope();
    try {
      expect(single.waits).toBeUndefined();
      const waits = k.waits;
      if (!waits) throw new Error('2 threads but no wait clock');
      const n = 1 << 16; // threaded from 2^15
      const x = put(mem, randn(n, 3));
      const y = mem.alloc([n]);
      for (let i = 0; i < 3; i++) k.geluForward(y.ptr, x.ptr, n);
      expect([ticks, waits.ms()]).toEqual([0, 0]);
      waits.clock(true);
      for (let i = 0; i < 5; i++) k.geluForward(y.ptr, x.ptr, n);
      expect([ticks, waits.ms()]).toEqual([10, 5]);
      k.geluForward(y.ptr, x.ptr, 100); // one thread's job: no wait
      waits.clock(false);
      k.geluForward(y.ptr, x.ptr, n);
      expect([ticks, waits.ms()]).toEqual([10, 5]);
    } finally {
      mem.dispose();
      k.dispose();
    }
  });
});
