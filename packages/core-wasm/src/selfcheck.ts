// The numeric core's self-check: runs every kernel on the same random inputs through the wasm
// kernels and the reference twin, and reports the largest disagreement and the time each took.
// It is what the CLI's first command and the web app's start page show; the unit tests go much
// further (hand-computed values, finite differences, every awkward shape).

import { Arena } from './arena.js';
import type { Kernels } from './kernels.js';
import { ReferenceKernels } from './reference/index.js';
import { WasmKernels } from './wasm.js';

export interface SelfCheckRow {
  kernel: string;
  shape: string;
  /** Largest |wasm − reference| / (1 + |reference|) over all outputs. */
  maxError: number;
  tolerance: number;
  ok: boolean;
  wasmMs: number;
  referenceMs: number;
}

type Case = {
  kernel: string;
  shape: string;
  tolerance: number;
  /** Allocates inputs from `fill`, runs the kernel(s), returns every output. */
  run: (k: Kernels, fill: (n: number, ints?: number) => number) => Float32Array;
};

const cases: Case[] = [
  ...(['NN', 'NT', 'TN'] as const).map((layout) => ({
    kernel: `matmul ${layout}`,
    shape: '(67×129)·(129×45) + bias',
    tolerance: 1e-4,
    run: (k: Kernels, fill: (n: number) => number) => {
      const [m, kk, n] = [67, 129, 45];
      const c = k.arena.alloc([m * n]);
      k.matmul({
        c: c.ptr,
        a: fill(m * kk),
        b: fill(kk * n),
        bias: fill(n),
        m,
        k: kk,
        n,
        transA: layout === 'TN',
        transB: layout === 'NT',
      });
      return c.data.slice();
    },
  })),
  {
    kernel: 'softmax causal',
    shape: '6 × (33×33)',
    tolerance: 1e-5,
    run: (k, fill) => {
      const y = k.arena.alloc([6 * 33 * 33]);
      k.softmaxForward(y.ptr, fill(y.size), 6 * 33, 33, 0.25, true);
      return y.data.slice();
    },
  },
  {
    kernel: 'cross-entropy fwd+bwd',
    shape: '37 × 65',
    tolerance: 1e-5,
    run: (k, fill) => {
      const probs = k.arena.alloc([37 * 65]);
      const losses = k.arena.alloc([37]);
      const targets = fill(37, 65);
      k.crossEntropyForward(probs.ptr, losses.ptr, fill(37 * 65), targets, 37, 65);
      k.crossEntropyBackward(probs.ptr, probs.ptr, targets, 37, 65, 1 / 37);
      return Float32Array.from([...losses.data, ...probs.data]);
    },
  },
  {
    kernel: 'layernorm fwd+bwd',
    shape: '19 × 130',
    tolerance: 1e-4,
    run: (k, fill) => {
      const [rows, C] = [19, 130];
      const out = k.arena.alloc([rows * C]);
      const mean = k.arena.alloc([rows]);
      const rstd = k.arena.alloc([rows]);
      const [dx, dw, db] = [rows * C, C, C].map((n) => k.arena.alloc([n]));
      const [x, w, b] = [fill(rows * C), fill(C), fill(C)];
      k.layernormForward(out.ptr, mean.ptr, rstd.ptr, x, w, b, rows, C);
      k.layernormBackward(dx.ptr, dw.ptr, db.ptr, fill(rows * C), x, w, mean.ptr, rstd.ptr, rows, C);
      return Float32Array.from([...out.data, ...dx.data, ...dw.data, ...db.data]);
    },
  },
  {
    kernel: 'gelu fwd+bwd',
    shape: '1027',
    tolerance: 1e-5,
    run: (k, fill) => {
      const y = k.arena.alloc([1027]);
      const dx = k.arena.alloc([1027]);
      const x = fill(1027);
      k.geluForward(y.ptr, x, 1027);
      k.geluBackward(dx.ptr, x, fill(1027), 1027);
      return Float32Array.from([...y.data, ...dx.data]);
    },
  },
  {
    kernel: 'embedding gather+scatter',
    shape: '50 ids × 17',
    tolerance: 1e-6,
    run: (k, fill) => {
      const out = k.arena.alloc([50 * 17]);
      const dtable = k.arena.alloc([9 * 17]);
      const ids = fill(50, 9);
      k.gather(out.ptr, fill(9 * 17), ids, 50, 17);
      k.scatterAdd(dtable.ptr, fill(50 * 17), ids, 50, 17);
      return Float32Array.from([...out.data, ...dtable.data]);
    },
  },
  {
    kernel: 'adamw + clip',
    shape: '1001',
    tolerance: 1e-5,
    run: (k, fill) => {
      const p = fill(1001);
      const g = fill(1001);
      const m = k.arena.alloc([1001]);
      const v = k.arena.alloc([1001]);
      const norm = Math.sqrt(k.sumSquares(g, 1001));
      k.scale(g, 1001, 1 / norm);
      k.adamw({
        params: p,
        grads: g,
        m: m.ptr,
        v: v.ptr,
        n: 1001,
        lr: 1e-2,
        beta1: 0.9,
        beta2: 0.99,
        eps: 1e-8,
        weightDecay: 0.1,
        step: 1,
      });
      return Float32Array.from(k.arena.f32.subarray(p >> 2, (p >> 2) + 1001));
    },
  },
];

/** Runs every case on fresh wasm and reference arenas with the same seeded inputs. */
export async function selfCheck(seed = 1): Promise<SelfCheckRow[]> {
  const wasm = await WasmKernels.create();
  const ref = new ReferenceKernels(new Arena(new WebAssembly.Memory({ initial: 32 }), 64));
  const rows: SelfCheckRow[] = [];
  for (const c of cases) {
    const outputs: Float32Array[] = [];
    const times: number[] = [];
    for (const k of [wasm, ref]) {
      const scope = k.arena.scope();
      let s = seed >>> 0;
      const rand = () => {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        return s / 4294967296;
      };
      const fill = (n: number, ints?: number) => {
        if (ints !== undefined) {
          const t = scope.allocInt(n);
          for (let i = 0; i < n; i++) t.data[i] = Math.floor(rand() * ints);
          return t.ptr;
        }
        const t = scope.alloc([n]);
        for (let i = 0; i < n; i++) t.data[i] = rand() * 4 - 2;
        return t.ptr;
      };
      try {
        const t0 = performance.now();
        outputs.push(c.run(k, fill));
        times.push(performance.now() - t0);
      } finally {
        scope.dispose();
      }
    }
    let maxError = 0;
    for (let i = 0; i < outputs[1].length; i++) {
      const e = Math.abs(outputs[0][i] - outputs[1][i]) / (1 + Math.abs(outputs[1][i]));
      maxError = Number.isNaN(e) ? Number.POSITIVE_INFINITY : Math.max(maxError, e);
    }
    rows.push({
      kernel: c.kernel,
      shape: c.shape,
      maxError,
      tolerance: c.tolerance,
      ok: maxError <= c.tolerance,
      wasmMs: times[0],
      referenceMs: times[1],
    });
  }
  return rows;
}
