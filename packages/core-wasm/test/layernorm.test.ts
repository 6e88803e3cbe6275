// LayerNorm forward and backward.

import { describe, expect, it } from 'vitest';
import { createKernels } from '../dist/index.js';
import { AWKWARD, expectClose, finiteDiff, IMPLS, kernels, put, randn, twins } from './helpers.js';

describe.each(IMPLS)('layernorm (%s) on hand-computed values', (impl) => {
  it('normalises [1, 2, 3] to mean 0, variance 1, then applies weight and bias', async () => {
    const k = await kernels(impl);
    const x = put(k, [1, 2, 3]);
    const w = put(k, [1, 2, 1]);
    const b = put(k, [0, 0, 10]);
    const y = k.arena.alloc([3]);
    const mean = k.arena.alloc([1]);
    const rstd = k.arena.alloc([1]);
    k.layernormForward(y.ptr, mean.ptr, rstd.ptr, x.ptr, w.ptr, b.ptr, 1, 3, 0);
    const s = Math.sqrt(3 / 2); // variance of [1,2,3] is 2/3
    expectClose(y.data, [-s, 0, s + 10], 1e-6, 1e-6);
    expectClose(mean.data, [2], 1e-7, 0);
    expectClose(rstd.data, [s], 1e-6, 0);
  });

  it('honours ε (GPT2Config.layer_norm_epsilon): rstd = 1/√(var + ε), also on the threaded path', async () => {
    for (const k of [
      await kernels(impl),
      ...(impl === 'wasm' ? [await createKernels('wasm', { threads: 2 })] : []),
    ]) {
      const x = put(k, [1, 2, 3]);
      const w = put(k, [1, 1, 1]);
      const b = put(k, [0, 0, 0]);
      const y = k.arena.alloc([3]);
      const mean = k.arena.alloc([1]);
      const rstd = k.arena.alloc([1]);
      k.layernormForward(y.ptr, mean.ptr, rstd.ptr, x.ptr, w.ptr, b.ptr, 1, 3, 0.25);
      const r = 1 / Math.sqrt(2 / 3 + 0.25);
      expectClose(rstd.data, [r], 1e-6, 0);
      expectClose(y.data, [-r, 0, r], 1e-6, 1e-6);
      // The default is GPT-2's 1e-5; wide rows go to the threads, which must pass ε on too.
      const rows = 64;
      const C = 768;
      const xs = put(k, randn(rows * C, 9));
      const ones = put(k, new Float32Array(C).fill(1));
      const zeros = put(k, new Float32Array(C));
      const ys = [0.5, 1e-5].map((eps) => {
        const out = k.arena.alloc([rows * C]);
        const m = k.arena.alloc([rows]);
        const rs = k.arena.alloc([rows]);
        k.layernormForward(out.ptr, m.ptr, rs.ptr, xs.ptr, ones.ptr, zeros.ptr, rows, C, eps);
        return { rs: Float32Array.from(rs.data), m: Float32Array.from(m.data) };
      });
      const def = k.arena.alloc([rows * C]);
      const dm = k.arena.alloc([rows]);
      const drs = k.arena.alloc([rows]);
      k.layernormForward(def.ptr, dm.ptr, drs.ptr, xs.ptr, ones.ptr, zeros.ptr, rows, C);
      expect(Array.from(drs.data)).toEqual(Array.from(ys[1].rs));
      const data = xs.data;
      for (let r = 0; r < rows; r++) {
        let v = 0;
        for (let c = 0; c < C; c++) v += (data[r * C + c] - ys[0].m[r]) ** 2;
        expect(ys[0].rs[r]).toBeCloseTo(1 / Math.sqrt(v / C + 0.5), 5);
      }
      k.dispose();
    }
  });
});

describe('layernorm: wasm against the reference', () => {
  it('agrees forward and backward on awkward widths', async () => {
    const { wasm, ref } = await twins();
    let seed = 30;
    for (const C of [...AWKWARD, 768]) {
      const rows = 5;
      const inputs = [
        randn(rows * C, seed++, 2),
        randn(C, seed++),
        randn(C, seed++),
        randn(rows * C, seed++),
      ];
      const acc = [randn(rows * C, seed++), randn(C, seed++), randn(C, seed++)];
      const got: Float32Array[] = [];
      for (const k of [wasm, ref]) {
        const mem = k.arena.scope();
        const [x, w, b, dy] = inputs.map((d) => put(mem, d));
        const [dx, dw, db] = acc.map((d) => put(mem, d));
        const y = mem.alloc([rows * C]);
        const mean = mem.alloc([rows]);
        const rstd = mem.alloc([rows]);
        k.layernormForward(y.ptr, mean.ptr, rstd.ptr, x.ptr, w.ptr, b.ptr, rows, C);
        k.layernormBackward(dx.ptr, dw.ptr, db.ptr, dy.ptr, x.ptr, w.ptr, mean.ptr, rstd.ptr, rows, C);
        got.push(
          Float32Array.from([...y.data, ...mean.data, ...rstd.data, ...dx.data, ...dw.data, ...db.data]),
        );
        mem.dispose();
      }
      expectClose(got[0], got[1], 1e-4, 1e-5);
    }
  });
});

describe.each(IMPLS)('layernorm backward (%s) against finite differences', (impl) => {
  it('matches dL/dx, dL/dw and dL/db for L = Σ r·layernorm(x)', async () => {
    const k = await kernels(impl);
    const rows = 2;
    const C = 7;
    const x = put(k, randn(rows * C, 1));
    const w = put(k, randn(C, 2));
    const b = put(k, randn(C, 3));
    const R = randn(rows * C, 4);
    const r = put(k, R);
    const y = k.arena.alloc([rows * C]);
    const mean = k.arena.alloc([rows]);
    const rstd = k.arena.alloc([rows]);
    const [dx, dw, db] = [rows * C, C, C].map((n) => k.arena.alloc([n]));
    const loss = () => {
      k.layernormForward(y.ptr, mean.ptr, rstd.ptr, x.ptr, w.ptr, b.ptr, rows, C);
      return y.data.reduce((s, v, i) => s + v * R[i], 0);
    };
    loss();
    k.layernormBackward(dx.ptr, dw.ptr, db.ptr, r.ptr, x.ptr, w.ptr, mean.ptr, rstd.ptr, rows, C);
    for (const [param, grad] of [
      [x, dx],
      [w, dw],
      [b, db],
    ]) {
      const numeric = Array.from({ length: param.size }, (_, i) => finiteDiff(param.data, i, loss));
      expectClose(grad.data, numeric, 3e-2, 3e-3);
    }
  });
});

describe.each(IMPLS)('layernorm (%s): a row does not depend on its neighbours', (impl) => {
  it('gives the same bits for many rows at once as one row per call, forward and backward', async () => {
    // The kernels may take rows two at a time; each row's numbers, and the order in which rows
    // add into dweight and dbias, must be one row at a time's. 7 rows (odd), C = 130 (a tail).
    const k = await kernels(impl);
    const [rows, C] = [7, 130];
    const mem = k.arena.scope();
    try {
      const [x, dy, w, b] = [randn(rows * C, 1, 2), randn(rows * C, 2), randn(C, 3), randn(C, 4)].map((v) =>
        put(mem, v),
      );
      const runs = [0, 1].map(() => ({
        y: mem.alloc([rows * C]),
        mean: mem.alloc([rows]),
        rstd: mem.alloc([rows]),
        dx: put(mem, randn(rows * C, 5)),
        dw: put(mem, randn(C, 6)),
        db: put(mem, randn(C, 7)),
      }));
      const [all, each] = runs;
      k.layernormForward(all.y.ptr, all.mean.ptr, all.rstd.ptr, x.ptr, w.ptr, b.ptr, rows, C);
      k.layernormBackward(
        all.dx.ptr,
        all.dw.ptr,
        all.db.ptr,
        dy.ptr,
        x.ptr,
        w.ptr,
        all.mean.ptr,
        all.rstd.ptr,
        rows,
        C,
      );
      for (let r = 0; r < rows; r++) {
        const [o, s] = [4 * r * C, 4 * r];
        k.layernormForward(
          each.y.ptr + o,
          each.mean.ptr + s,
          each.rstd.ptr + s,
          x.ptr + o,
          w.ptr,
          b.ptr,
          1,
          C,
        );
      }
      for (let r = 0; r < rows; r++) {
        const [o, s] = [4 * r * C, 4 * r];
        k.layernormBackward(
          each.dx.ptr + o,
          each.dw.ptr,
          each.db.ptr,
          dy.ptr + o,
          x.ptr + o,
          w.ptr,
          each.mean.ptr + s,
          each.rstd.ptr + s,
          1,
          C,
        );
      }
      for (const key of ['y', 'mean', 'rstd', 'dx', 'dw', 'db'] as const)
        expect(all[key].data, key).toEqual(each[key].data);
    } finally {
      mem.dispose();
    }
  });
});

describe.each(IMPLS)('layernorm (%s) in place', (impl) => {
  it('writes over its input with the numbers it gives apart, odd row counts included', async () => {
    const k = await kernels(impl);
    const [rows, C] = [5, 130];
    const mem = k.arena.scope();
    try {
      const X = randn(rows * C, 8, 2);
      const [x, y, inPlace, w, b] = [
        put(mem, X),
        mem.alloc([rows * C]),
        put(mem, X),
        put(mem, randn(C, 9)),
        put(mem, randn(C, 10)),
      ];
      const [m1, r1, m2, r2] = [rows, rows, rows, rows].map((n) => mem.alloc([n]));
      k.layernormForward(y.ptr, m1.ptr, r1.ptr, x.ptr, w.ptr, b.ptr, rows, C);
      k.layernormForward(inPlace.ptr, m2.ptr, r2.ptr, inPlace.ptr, w.ptr, b.ptr, rows, C);
      expect(inPlace.data).toEqual(y.data);
    } finally {
      mem.dispose();
    }
  });
});
