// The wasm implementation: loads core.wasm (compiled once per process, instantiated once per
// arena, so each model owns its memory) and forwards every Kernels call to its export.
// The loader works unchanged in Node (file: URL read from disk) and in the browser or a worker
// (fetch + compileStreaming; Vite turns the URL into a hashed asset).

import { Arena, type Ptr } from './arena.js';
import { type AdamWArgs, adamBiasCorrections, type Kernels, type MatmulArgs } from './kernels.js';

interface CoreExports {
  init(base: number): void;
  heapBase(): number;
  scratchBytes(): number;
  matmul(...args: number[]): void;
  softmaxForward(out: Ptr, inp: Ptr, rows: number, cols: number, scale: number, causal: number): void;
  softmaxBackward(
    dinp: Ptr,
    out: Ptr,
    dout: Ptr,
    rows: number,
    cols: number,
    scale: number,
    causal: number,
  ): void;
  crossEntropyForward(probs: Ptr, losses: Ptr, logits: Ptr, targets: Ptr, rows: number, V: number): number;
  crossEntropyBackward(dlogits: Ptr, probs: Ptr, targets: Ptr, rows: number, V: number, scale: number): void;
  layernormForward(...args: number[]): void;
  layernormBackward(...args: number[]): void;
  geluForward(out: Ptr, inp: Ptr, n: number): void;
  geluBackward(dinp: Ptr, inp: Ptr, dout: Ptr, n: number): void;
  add(out: Ptr, a: Ptr, b: Ptr, n: number): void;
  scale(x: Ptr, n: number, s: number): void;
  sumSquares(x: Ptr, n: number): number;
  gather(out: Ptr, table: Ptr, ids: Ptr, n: number, C: number): void;
  scatterAdd(dtable: Ptr, dout: Ptr, ids: Ptr, n: number, C: number): void;
  adamw(...args: number[]): void;
}

let compiled: Promise<WebAssembly.Module> | undefined;

/** Compiles core.wasm once per process (or worker). */
export function loadCoreModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const url = new URL('./core.wasm', import.meta.url);
    if (url.protocol === 'file:') {
      const fs = process.getBuiltinModule('node:fs/promises') as typeof import('node:fs/promises');
      return WebAssembly.compile(await fs.readFile(url));
    }
    return WebAssembly.compileStreaming(fetch(url));
  })();
  return compiled;
}

export class WasmKernels implements Kernels {
  readonly impl = 'wasm' as const;
  private constructor(
    readonly arena: Arena,
    private readonly x: CoreExports,
  ) {}

  /** A fresh arena (its own memory) with the kernels instantiated over it. */
  static async create(initialPages = 32): Promise<WasmKernels> {
    const memory = new WebAssembly.Memory({ initial: initialPages });
    const instance = await WebAssembly.instantiate(await loadCoreModule(), { env: { memory } });
    const x = instance.exports as unknown as CoreExports;
    const arena = new Arena(memory, x.heapBase());
    x.init(arena.allocBytes(x.scratchBytes()));
    return new WasmKernels(arena, x);
  }

  matmul({ c, a, b, bias = 0, m, k, n, transA, transB, accumulate, lda, ldb, ldc }: MatmulArgs): void {
    this.x.matmul(
      c,
      a,
      b,
      bias,
      m,
      k,
      n,
      transA ? 1 : 0,
      transB ? 1 : 0,
      accumulate ? 1 : 0,
      lda ?? (transA ? m : k),
      ldb ?? (transB ? k : n),
      ldc ?? n,
    );
  }

  softmaxForward(out: Ptr, inp: Ptr, rows: number, cols: number, scale = 1, causal = false): void {
    this.x.softmaxForward(out, inp, rows, cols, scale, causal ? 1 : 0);
  }

  softmaxBackward(
    dinp: Ptr,
    out: Ptr,
    dout: Ptr,
    rows: number,
    cols: number,
    scale = 1,
    causal = false,
  ): void {
    this.x.softmaxBackward(dinp, out, dout, rows, cols, scale, causal ? 1 : 0);
  }

  crossEntropyForward(
    probs: Ptr,
    losses: Ptr,
    logits: Ptr,
    targets: Ptr,
    rows: number,
    vocab: number,
  ): number {
    return this.x.crossEntropyForward(probs, losses, logits, targets, rows, vocab);
  }

  crossEntropyBackward(
    dlogits: Ptr,
    probs: Ptr,
    targets: Ptr,
    rows: number,
    vocab: number,
    scale: number,
  ): void {
    this.x.crossEntropyBackward(dlogits, probs, targets, rows, vocab, scale);
  }

  layernormForward(
    out: Ptr,
    mean: Ptr,
    rstd: Ptr,
    inp: Ptr,
    weight: Ptr,
    bias: Ptr,
    rows: number,
    C: number,
    eps = 1e-5,
  ): void {
    this.x.layernormForward(out, mean, rstd, inp, weight, bias, rows, C, eps);
  }

  layernormBackward(
    dinp: Ptr,
    dweight: Ptr,
    dbias: Ptr,
    dout: Ptr,
    inp: Ptr,
    weight: Ptr,
    mean: Ptr,
    rstd: Ptr,
    rows: number,
    C: number,
  ): void {
    this.x.layernormBackward(dinp, dweight, dbias, dout, inp, weight, mean, rstd, rows, C);
  }

  geluForward(out: Ptr, inp: Ptr, n: number): void {
    this.x.geluForward(out, inp, n);
  }

  geluBackward(dinp: Ptr, inp: Ptr, dout: Ptr, n: number): void {
    this.x.geluBackward(dinp, inp, dout, n);
  }

  add(out: Ptr, a: Ptr, b: Ptr, n: number): void {
    this.x.add(out, a, b, n);
  }

  scale(x: Ptr, n: number, s: number): void {
    this.x.scale(x, n, s);
  }

  sumSquares(x: Ptr, n: number): number {
    return this.x.sumSquares(x, n);
  }

  gather(out: Ptr, table: Ptr, ids: Ptr, n: number, C: number): void {
    this.x.gather(out, table, ids, n, C);
  }

  scatterAdd(dtable: Ptr, dout: Ptr, ids: Ptr, n: number, C: number): void {
    this.x.scatterAdd(dtable, dout, ids, n, C);
  }

  adamw({ params, grads, m, v, n, lr, beta1, beta2, eps, weightDecay, step }: AdamWArgs): void {
    const [bc1, bc2] = adamBiasCorrections(beta1, beta2, step);
    this.x.adamw(params, grads, m, v, n, lr, beta1, beta2, eps, weightDecay, bc1, bc2);
  }
}
