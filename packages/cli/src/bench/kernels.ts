// Kernel benchmarks: matmul in each layout against tfjs-backend-wasm and a plain JS loop, then
// softmax, fused cross-entropy and layernorm against tfjs (softmax) and our reference twin.
// All single-threaded, medians after warm-up.

import { createKernels, type Kernels } from '@glassbox/core-wasm';
import { plainMatmul, plainSoftmax } from './peers/plain-js.js';
import { loadTfjsWasm } from './peers/tfjs.js';
import { measure } from './timing.js';
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
    description: 'f32 matrix multiply, GFLOP/s (2·M·N·K / s), single-threaded',
    run: benchMatmul,
  },
  {
    name: 'rows',
    description: 'softmax, fused cross-entropy and layernorm, ms per call, single-threaded',
    run: benchRowKernels,
  },
];
