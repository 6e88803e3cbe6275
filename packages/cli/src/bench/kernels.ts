// Kernel benchmarks: matmul in each layout against tfjs-backend-wasm and a plain JS loop; the thin
// products (K or N ≤ 32: LoRA's rank-8 adapters, small attention heads) against the general
// kernel (the same bits without the thin path) and tfjs; then softmax, fused cross-entropy and
// layernorm against tfjs (softmax) and our reference twin. All single-threaded, medians after
// warm-up.

import { createKernels, type Kernels } from '@glassbox/core-wasm';
import { plainMatmul, plainSoftmax } from './peers/plain-js.js';
import { loadTfjsWasm } from './peers/tfjs.js';
import { measure, measureInTurn } from './timing.js';
import type { BenchOptions, BenchRow, BenchSection } from './types.js';

const MATMUL_SHAPES: [number, number, number][] = [
  [128, 128, 128],
  [256, 256, 256],
  [512, 512, 512],
  [1024, 1024, 1024],
  [768, 128, 384],
  [768, 128, 512],
  [768, 512, 128],
  [768, 128, 65],
  [4096, 384, 1536],
  [4096, 1536, 384],
];
const QUICK_MATMUL: [number, number, number][] = [
  [128, 128, 128],
  [768, 128, 65],
];
const LAYOUTS = ['NN', 'NT', 'TN'] as const;
type Layout = (typeof LAYOUTS)[number];
/**
 * Thin products [M, K, N, layout]: LoRA rank 8 on the baby model's mlp.c_fc (768 tokens, 128 → 512)
 * and at GPT-2 small's width (512 tokens, 768 → 768) — forward x·A, u·B, backward dout·Bᵀ, xᵀ·du,
 * du·Aᵀ, uᵀ·dout (few rows: B read in place) — and one small attention head (T = 64, hs = 32):
 * q·kᵀ, att·v.
 */
const THIN_SHAPES: [number, number, number, Layout][] = [
  [768, 128, 8, 'NN'],
  [768, 8, 512, 'NN'],
  [768, 512, 8, 'NT'],
  [128, 768, 8, 'TN'],
  [768, 8, 128, 'NT'],
  [512, 768, 8, 'NN'],
  [512, 8, 768, 'NN'],
  [512, 768, 8, 'NT'],
  [768, 512, 8, 'TN'],
  [512, 8, 768, 'NT'],
  [8, 768, 512, 'TN'],
  [8, 512, 768, 'TN'],
  [64, 32, 64, 'NT'],
  [64, 64, 32, 'NN'],
];
const QUICK_THIN: [number, number, number, Layout][] = [
  [768, 128, 8, 'NN'],
  [768, 8, 512, 'NN'],
];
/** Quick runs still warm up: the first calls of a wasm function run on V8's baseline tier. */
const QUICK_TIMING = { warmupMs: 150, minReps: 3, minMs: 100 };

function fillRandom(x: Float32Array, seed: number): void {
  let s = seed >>> 0;
  for (let i = 0; i < x.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = s / 4294967296 - 0.5;
  }
}

async function benchMatmul(opts: BenchOptions, emit: (r: BenchRow) => void): Promise<void> {
  const k = await createKernels('wasm');
  const tf = await loadTfjsWasm();
  for (const [m, kk, n] of opts.quick ? QUICK_MATMUL : MATMUL_SHAPES) {
    const flops = 2 * m * n * kk;
    const mem = k.arena.scope();
    const a = mem.alloc([m * kk]);
    const b = mem.alloc([kk * n]);
    const c = mem.alloc([m * n]);
    fillRandom(a.data, 1);
    fillRandom(b.data, 2);
    const timing = opts.quick ? QUICK_TIMING : {};
    for (const layout of LAYOUTS) {
      const transA = layout === 'TN';
      const transB = layout === 'NT';
      const kernel = `matmul ${layout}`;
      const shape = [m, kk, n];
      const ours = measure(
        () => k.matmul({ c: c.ptr, a: a.ptr, b: b.ptr, m, k: kk, n, transA, transB }),
        timing,
      );
      emit({ kernel, shape, impl: 'glassbox', threads: 1, gflops: flops / ours.ms / 1e6, ms: ours.ms });
      if (tf) {
        const A = tf.tensor2d(a.data.slice(), transA ? [kk, m] : [m, kk]);
        const B = tf.tensor2d(b.data.slice(), transB ? [n, kk] : [kk, n]);
        const t = measure(() => {
          const C = tf.matMul(A, B, transA, transB);
          C.dataSync();
          C.dispose();
        }, timing);
        A.dispose();
        B.dispose();
        emit({ kernel, shape, impl: 'tfjs-wasm', threads: 1, gflops: flops / t.ms / 1e6, ms: t.ms });
      }
      const A = a.data.slice();
      const B = b.data.slice();
      const C = new Float32Array(m * n);
      const t = measure(() => plainMatmul(C, A, B, m, kk, n, transA, transB), timing);
      emit({ kernel, shape, impl: 'plain-js', threads: 1, gflops: flops / t.ms / 1e6, ms: t.ms });
    }
    mem.dispose();
  }
}

/**
 * The thin path beside the general kernel on the same product (thinMatmul: false), timed in turn
 * call by call (their ratio is the point), and tfjs. A square product (256³, general kernel) joins
 * the same turns: `of square` is each one's speed as a fraction of it, a yardstick that a busy
 * machine slows alike.
 */
async function benchThinMatmul(opts: BenchOptions, emit: (r: BenchRow) => void): Promise<void> {
  const thin = await createKernels('wasm');
  const general = await createKernels('wasm', { thinMatmul: false });
  const tf = await loadTfjsWasm();
  const timing = opts.quick ? QUICK_TIMING : {};
  const S = 256;
  const square = general.arena.scope();
  const [sa, sb, sc] = [0, 1, 2].map(() => square.alloc([S * S]));
  fillRandom(sa.data, 3);
  fillRandom(sb.data, 4);
  const squareCall = () => general.matmul({ c: sc.ptr, a: sa.ptr, b: sb.ptr, m: S, k: S, n: S });
  for (const [m, kk, n, layout] of opts.quick ? QUICK_THIN : THIN_SHAPES) {
    const flops = 2 * m * n * kk;
    const transA = layout === 'TN';
    const transB = layout === 'NT';
    const kernel = `matmul thin ${layout}`;
    const shape = [m, kk, n];
    const scopes = [thin, general].map((k) => k.arena.scope());
    const calls = [thin, general].map((k, i) => {
      const a = scopes[i].alloc([m * kk]);
      const b = scopes[i].alloc([kk * n]);
      const c = scopes[i].alloc([m * n]);
      fillRandom(a.data, 1);
      fillRandom(b.data, 2);
      return () => k.matmul({ c: c.ptr, a: a.ptr, b: b.ptr, m, k: kk, n, transA, transB });
    });
    const [ours, theirs, sq] = measureInTurn([...calls, squareCall], timing);
    const squareGflops = (2 * S * S * S) / sq.ms / 1e6;
    for (const [impl, t] of [
      ['glassbox', ours],
      ['general kernel', theirs],
    ] as const) {
      const gflops = flops / t.ms / 1e6;
      emit({
        kernel,
        shape,
        impl,
        threads: 1,
        gflops,
        ms: t.ms,
        extra: { of_square: gflops / squareGflops },
      });
    }
    for (const s of scopes) s.dispose();
    if (tf) {
      const A = new Float32Array(m * kk);
      const B = new Float32Array(kk * n);
      fillRandom(A, 1);
      fillRandom(B, 2);
      const TA = tf.tensor2d(A, transA ? [kk, m] : [m, kk]);
      const TB = tf.tensor2d(B, transB ? [n, kk] : [kk, n]);
      const t = measure(() => {
        const C = tf.matMul(TA, TB, transA, transB);
        C.dataSync();
        C.dispose();
      }, timing);
      TA.dispose();
      TB.dispose();
      emit({ kernel, shape, impl: 'tfjs-wasm', threads: 1, gflops: flops / t.ms / 1e6, ms: t.ms });
    }
  }
  square.dispose();
}

async function benchRowKernels(opts: BenchOptions, emit: (r: BenchRow) => void): Promise<void> {
  const impls: Kernels[] = [await createKernels('wasm'), await createKernels('reference')];
  const tf = await loadTfjsWasm();
  const timing = opts.quick ? QUICK_TIMING : {};
  const name = (k: Kernels) => (k.impl === 'wasm' ? 'glassbox' : 'reference');

  const softmaxShapes: [number, number][] = opts.quick
    ? [[768, 65]]
    : [
        [768, 65],
        [196608, 64],
      ];
  for (const [rows, cols] of softmaxShapes) {
    for (const k of impls) {
      const mem = k.arena.scope();
      const x = mem.alloc([rows * cols]);
      fillRandom(x.data, 3);
      const y = mem.alloc([rows * cols]);
      const t = measure(() => k.softmaxForward(y.ptr, x.ptr, rows, cols), timing);
      emit({ kernel: 'softmax', shape: [rows, cols], impl: name(k), threads: 1, ms: t.ms });
      mem.dispose();
    }
    const X = new Float32Array(rows * cols);
    fillRandom(X, 3);
    const Y = new Float32Array(rows * cols);
    const t = measure(() => plainSoftmax(Y, X, rows, cols), timing);
    emit({ kernel: 'softmax', shape: [rows, cols], impl: 'plain-js', threads: 1, ms: t.ms });
    if (tf) {
      const XT = tf.tensor2d(X, [rows, cols]);
      const tt = measure(() => {
        const s = tf.softmax(XT);
        s.dataSync();
        s.dispose();
      }, timing);
      XT.dispose();
      emit({ kernel: 'softmax', shape: [rows, cols], impl: 'tfjs-wasm', threads: 1, ms: tt.ms });
    }
  }

  const ceShapes: [number, number][] = opts.quick
    ? [[768, 65]]
    : [
        [768, 65],
        [256, 50257],
      ];
  for (const [rows, V] of ceShapes) {
    for (const k of impls) {
      const mem = k.arena.scope();
      const logits = mem.alloc([rows * V]);
      fillRandom(logits.data, 4);
      const probs = mem.alloc([rows * V]);
      const losses = mem.alloc([rows]);
      const targets = mem.allocInt(rows);
      targets.data.forEach((_, i) => {
        targets.data[i] = (i * 7919) % V;
      });
      const t = measure(() => {
        k.crossEntropyForward(probs.ptr, losses.ptr, logits.ptr, targets.ptr, rows, V);
        k.crossEntropyBackward(probs.ptr, probs.ptr, targets.ptr, rows, V, 1 / rows);
      }, timing);
      emit({ kernel: 'cross-entropy fwd+bwd', shape: [rows, V], impl: name(k), threads: 1, ms: t.ms });
      mem.dispose();
    }
  }

  const lnShapes: [number, number][] = opts.quick
    ? [[768, 128]]
    : [
        [768, 128],
        [4096, 384],
      ];
  for (const [rows, C] of lnShapes) {
    for (const k of impls) {
      const mem = k.arena.scope();
      const [x, w, b, y, dy, dx, dw, db] = [rows * C, C, C, rows * C, rows * C, rows * C, C, C].map((n) =>
        mem.alloc([n]),
      );
      fillRandom(x.data, 5);
      fillRandom(w.data, 6);
      fillRandom(dy.data, 7);
      const mean = mem.alloc([rows]);
      const rstd = mem.alloc([rows]);
      const f = measure(
        () => k.layernormForward(y.ptr, mean.ptr, rstd.ptr, x.ptr, w.ptr, b.ptr, rows, C),
        timing,
      );
      emit({ kernel: 'layernorm fwd', shape: [rows, C], impl: name(k), threads: 1, ms: f.ms });
      const g = measure(
        () => k.layernormBackward(dx.ptr, dw.ptr, db.ptr, dy.ptr, x.ptr, w.ptr, mean.ptr, rstd.ptr, rows, C),
        timing,
      );
      emit({ kernel: 'layernorm bwd', shape: [rows, C], impl: name(k), threads: 1, ms: g.ms });
      mem.dispose();
    }
  }
}

export const kernelSections: BenchSection[] = [
  {
    name: 'matmul',
    description:
      'f32 matrix multiply, GFLOP/s (2·M·N·K / s), single-threaded; thin shapes (K or N ≤ 32) also beside the general kernel',
    run: async (opts, emit) => {
      await benchMatmul(opts, emit);
      await benchThinMatmul(opts, emit);
    },
  },
  {
    name: 'rows',
    description: 'softmax, fused cross-entropy and layernorm, ms per call, single-threaded',
    run: benchRowKernels,
  },
];
