// matmul's thin path (assembly/matmul-thin.ts: K ≤ 32 or N ≤ 32, or M ≤ 16 with B read in place;
// matmul-swapped.ts: Aᵀ·B with N ≤ 8) against the general kernel, bit for bit: every layout, ragged sizes around the 4×8 tile and the 32 limit, K past one KC = 256
// block, bias and accumulate, leading dimensions, the causal shortcuts of attention, and the
// threaded build's row and column blocks; then against the reference twin like any matmul.

import { afterAll, describe, expect, it } from 'vitest';
import { createKernels, type Kernels, type WasmKernels } from '../dist/index.js';
import { expectClose, put, randn } from './helpers.js';

/** The first element whose bits differ, or -1 (so +0 against −0 counts as a difference). */
function firstDifference(x: Float32Array, y: Float32Array): number {
  const a = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const b = new Uint32Array(y.buffer, y.byteOffset, y.length);
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function expectSameBits(got: Float32Array, want: Float32Array, what: string): void {
  const i = firstDifference(got, want);
  if (i >= 0) throw new Error(`${what}: element ${i} is ${got[i]}, the general kernel gives ${want[i]}`);
}

type Layout = 'NN' | 'NT' | 'TN' | 'TT';
const LAYOUTS: Layout[] = ['NN', 'NT', 'TN', 'TT'];

interface Case {
  m: number;
  k: number;
  n: number;
  layout: Layout;
  /** Extra floats at the end of each row of A, B and C (leading dimensions past the width). */
  pad: number;
}

/** Runs one product with fresh copies of the same data; returns C after C = … and after C += … + bias. */
function product(k: Kernels, { m, k: kk, n, layout, pad }: Case, seed: number): Float32Array {
  const transA = layout[0] === 'T';
  const transB = layout[1] === 'T';
  const [rowsA, colsA] = transA ? [kk, m] : [m, kk];
  const [rowsB, colsB] = transB ? [n, kk] : [kk, n];
  const lda = colsA + pad;
  const ldb = colsB + pad;
  const ldc = n + pad;
  const mem = k.arena.scope();
  try {
    const a = put(mem, randn(rowsA * lda, seed));
    const b = put(mem, randn(rowsB * ldb, seed + 1));
    const bias = put(mem, randn(n, seed + 2));
    // Some exact zeros (and so products ±0) in A: the sign of a zero sum must match too.
    for (let i = 0; i < a.data.length; i += 7) a.data[i] = i % 2 ? -0 : 0;
    const c1 = put(mem, randn(m * ldc, seed + 3));
    const c2 = put(mem, randn(m * ldc, seed + 4));
    const args = { a: a.ptr, b: b.ptr, m, k: kk, n, transA, transB, lda, ldb, ldc };
    k.matmul({ ...args, c: c1.ptr });
    k.matmul({ ...args, c: c2.ptr, bias: bias.ptr, accumulate: true });
    return Float32Array.from([...c1.data, ...c2.data]);
  } finally {
    mem.dispose();
  }
}

/** Shapes with K or N thin: ragged around 4 rows, 8 columns, 32, and K past one 256-block. */
function thinCases(): Case[] {
  const cases: Case[] = [];
  const thin = [1, 7, 8, 9, 31, 32, 33];
  const rows = [1, 2, 3, 4, 5, 9, 13];
  const wide = [1, 5, 17, 40, 300];
  let i = 0;
  for (const t of thin) {
    for (const w of wide) {
      const m = rows[i % rows.length];
      const layout = LAYOUTS[i % LAYOUTS.length];
      const pad = i % 3 === 0 ? 3 : 0;
      i++;
      cases.push({ m, k: w, n: t, layout, pad }); // thin N
      cases.push({ m: rows[(i + 3) % rows.length], k: t, n: w, layout, pad }); // thin K
    }
  }
  // Few rows (M ≤ 16, K and N past 32): B read in place in A·B and Aᵀ·B (the other layouts take
  // the general kernel); ragged last column panels, N past one NC block, K past one KC block.
  const few = [1, 3, 4, 5, 8, 13, 16];
  const big = [33, 61, 257, 520, 1030];
  for (let j = 0; j < few.length * 2; j++) {
    cases.push({
      m: few[j % few.length],
      k: big[(j + 2) % big.length],
      n: big[j % big.length],
      layout: LAYOUTS[j % LAYOUTS.length],
      pad: j % 3 === 1 ? 2 : 0,
    });
  }
  // Every layout on a few shapes each; N past one NC = 512 block for thin K; M not a multiple of 4.
  for (const layout of LAYOUTS) {
    cases.push({ m: 37, k: 520, n: 8, layout, pad: 1 });
    cases.push({ m: 37, k: 8, n: 520, layout, pad: 0 });
    cases.push({ m: 66, k: 13, n: 31, layout, pad: 2 });
    cases.push({ m: 8, k: 257, n: 1, layout, pad: 0 });
  }
  // Aᵀ·B with at most 8 columns, computed as (Bᵀ·A)ᵀ (matmul-swapped.ts): ragged rows and
  // columns, K past one block, rows past one 2,048-row piece.
  cases.push({ m: 2100, k: 300, n: 8, layout: 'TN', pad: 1 });
  cases.push({ m: 63, k: 5, n: 3, layout: 'TT', pad: 0 });
  cases.push({ m: 100, k: 40, n: 4, layout: 'TN', pad: 2 });
  cases.push({ m: 9, k: 257, n: 7, layout: 'TT', pad: 1 });
  return cases;
}

describe('matmul: the thin path is the general kernel, bit for bit', async () => {
  const general = await createKernels('wasm', { thinMatmul: false });
  const thin = await createKernels('wasm');
  const multi = await createKernels('wasm', { threads: 2 });
  afterAll(() => multi.dispose());

  it('takes the thin path only when switched on and K or N is at most 32, or M at most 16 with B untransposed', () => {
    const runs = (k: Kernels) => (k as WasmKernels).thinMatmulRuns();
    const shapes: [Case, boolean][] = [
      [{ m: 8, k: 40, n: 32, layout: 'NN', pad: 0 }, true],
      [{ m: 8, k: 32, n: 40, layout: 'NN', pad: 0 }, true],
      [{ m: 17, k: 33, n: 33, layout: 'NN', pad: 0 }, false],
      [{ m: 16, k: 33, n: 33, layout: 'TN', pad: 0 }, true],
      [{ m: 8, k: 33, n: 33, layout: 'NT', pad: 0 }, false],
    ];
    for (const [c, taken] of shapes) {
      const [t0, g0] = [runs(thin), runs(general)];
      product(thin, c, 1);
      product(general, c, 1);
      expect(runs(thin) > t0).toBe(taken);
      expect(runs(general)).toBe(g0);
    }
  });

  it('gives the same bits in every layout, ragged sizes, bias, accumulate and leading dimensions', () => {
    let seed = 10;
    for (const c of thinCases()) {
      const what = `${c.layout} M=${c.m} K=${c.k} N=${c.n} pad ${c.pad}`;
      expectSameBits(product(thin, c, seed), product(general, c, seed), what);
      seed += 5;
    }
  });

  it('gives the same bits on two threads, in row blocks (sharing one packing of B) and column blocks', () => {
    // Big enough to be shared out: LoRA's products at GPT-2 small's width, an attention head.
    const cases: Case[] = [
      { m: 300, k: 768, n: 8, layout: 'NN', pad: 0 }, // x·A
      { m: 300, k: 8, n: 768, layout: 'NN', pad: 0 }, // u·B
      { m: 300, k: 768, n: 8, layout: 'NT', pad: 0 }, // dout·Bᵀ
      { m: 300, k: 8, n: 769, layout: 'NT', pad: 1 }, // du·Aᵀ
      { m: 769, k: 300, n: 8, layout: 'TN', pad: 0 }, // xᵀ·du
      { m: 9, k: 32, n: 4001, layout: 'NT', pad: 0 }, // wide: column blocks
      { m: 257, k: 31, n: 260, layout: 'TT', pad: 2 },
      { m: 8, k: 768, n: 512, layout: 'TN', pad: 0 }, // uᵀ·dout: few rows, column blocks
      { m: 13, k: 300, n: 1030, layout: 'NN', pad: 1 },
    ];
    let seed = 900;
    for (const c of cases) {
      const what = `2 threads, ${c.layout} M=${c.m} K=${c.k} N=${c.n}`;
      expectSameBits(product(multi, c, seed), product(general, c, seed), what);
      seed += 5;
    }
  });

  it('gives the same attention (causal shortcuts over strided heads) with small heads', () => {
    // hs = C / nh: 32, 9 and 4 — q·kᵀ is thin in K, att·v and the backward products in N.
    for (const [B, T, C, nh] of [
      [2, 13, 64, 2],
      [1, 37, 36, 4],
      [2, 9, 8, 2],
    ]) {
      const QKV = randn(B * T * 3 * C, T);
      const DOUT = randn(B * T * C, C);
      const f = (k: Kernels) => {
        const mem = k.arena.scope();
        try {
          const qkv = put(mem, QKV);
          const att = mem.alloc([B * nh * T * T]);
          const out = mem.alloc([B * T * C]);
          const datt = mem.alloc([B * nh * T * T]);
          const dqkv = put(mem, randn(B * T * 3 * C, 5));
          k.attentionForward(out.ptr, att.ptr, qkv.ptr, B, T, C, nh);
          k.attentionBackward(dqkv.ptr, datt.ptr, put(mem, DOUT).ptr, qkv.ptr, att.ptr, B, T, C, nh);
          return Float32Array.from([...out.data, ...att.data, ...dqkv.data]);
        } finally {
          mem.dispose();
        }
      };
      const want = f(general);
      expectSameBits(f(thin), want, `attention B=${B} T=${T} C=${C} heads ${nh}`);
      expectSameBits(f(multi), want, `attention on 2 threads B=${B} T=${T} C=${C} heads ${nh}`);
    }
  });

  it('agrees with the reference twin on thin shapes', async () => {
    const ref = await createKernels('reference');
    let seed = 2000;
    for (const c of thinCases()) {
      const got = product(thin, c, seed);
      expectClose(got, product(ref, c, seed), 1e-4, 1e-4 * Math.sqrt(c.k + 1));
      seed += 5;
    }
  });
});
